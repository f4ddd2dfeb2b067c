import { css } from "lit";

export const documentScreenStyles = css`
  .form {
    display: grid;
    gap: calc(var(--enclave-spacing-unit) * 4);
    margin: 0;
  }

  .choices {
    display: grid;
    gap: calc(var(--enclave-spacing-unit) * 2);
    min-width: 0;
    margin: 0;
    padding: 0;
    border: 0;
  }
  .choices .label {
    padding: 0;
  }

  /* A card per type; the label stretches over the whole card, so all of it is clickable. */
  .choice {
    position: relative;
    display: grid;
    grid-template-columns: auto auto 1fr;
    grid-template-areas: "radio icon name" "radio icon hint";
    align-items: center;
    column-gap: calc(var(--enclave-spacing-unit) * 3);
    padding: calc(var(--enclave-spacing-unit) * 3);
    border: 1px solid color-mix(in srgb, var(--enclave-color-text) 25%, var(--enclave-color-background));
    border-radius: var(--enclave-border-radius);
    background: var(--enclave-color-background);
  }
  .choice:has(.choice-input:checked) {
    border-color: var(--enclave-color-primary);
    background: color-mix(in srgb, var(--enclave-color-primary) 6%, var(--enclave-color-background));
  }
  .choice:has(.choice-input:focus-visible) {
    outline: 2px solid var(--enclave-color-primary);
    outline-offset: 2px;
  }
  .choice-input {
    grid-area: radio;
    width: 1.125em;
    height: 1.125em;
    margin: 0;
    accent-color: var(--enclave-color-primary);
  }
  .choice-input:focus-visible {
    outline: none;
  }
  .choice-icon {
    grid-area: icon;
    color: var(--enclave-color-primary);
  }
  .choice-name {
    grid-area: name;
    font-weight: 500;
    cursor: pointer;
  }
  .choice-name::after {
    content: "";
    position: absolute;
    inset: 0;
  }
  .choice-hint {
    grid-area: hint;
    font-size: 0.8125em;
    color: color-mix(in srgb, var(--enclave-color-text) 75%, var(--enclave-color-background));
  }
  fieldset:disabled .choice-name {
    cursor: not-allowed;
  }

  .error {
    margin-top: calc(var(--enclave-spacing-unit) * -2);
  }
  .select {
    appearance: auto;
  }
`;
