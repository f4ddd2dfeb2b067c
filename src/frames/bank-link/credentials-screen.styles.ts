import { css } from "lit";

export const credentialsScreenStyles = css`
  .form {
    display: grid;
    gap: calc(var(--enclave-spacing-unit) * 4);
    margin: 0;
  }
  .field {
    display: grid;
  }
  .field .error:empty {
    margin: 0;
  }

  .control {
    position: relative;
  }
  .control .input {
    padding-inline-end: calc(var(--enclave-spacing-unit) * 2 + 36px);
  }
  .toggle {
    position: absolute;
    inset-block: 0;
    inset-inline-end: calc(var(--enclave-spacing-unit) * 1);
    display: flex;
    align-items: center;
    justify-content: center;
    width: 36px;
    margin: auto 0;
    height: 36px;
    padding: 0;
    border: 0;
    border-radius: var(--enclave-border-radius);
    background: transparent;
    color: color-mix(in srgb, var(--enclave-color-text) 70%, var(--enclave-color-background));
    cursor: pointer;
  }
  .toggle:hover,
  .toggle[aria-pressed="true"] {
    color: var(--enclave-color-primary);
  }
  .toggle:focus-visible {
    outline: 2px solid var(--enclave-color-primary);
    outline-offset: -2px;
  }
`;
