import { css } from "lit";

export const exitDialogStyles = css`
  :host {
    display: contents;
  }

  dialog {
    box-sizing: border-box;
    width: min(22em, calc(100vw - 16px));
    max-height: calc(100vh - 16px);
    padding: calc(var(--enclave-spacing-unit) * 5);
    border: 1px solid color-mix(in srgb, var(--enclave-color-text) 20%, var(--enclave-color-background));
    border-radius: var(--enclave-border-radius);
    background: var(--enclave-color-background);
    color: var(--enclave-color-text);
    font-family: var(--enclave-font-family);
    font-size: var(--enclave-font-size-base);
    box-shadow: 0 8px 32px rgb(0 0 0 / 0.25);
  }
  dialog::backdrop {
    background: rgb(0 0 0 / 0.4);
  }
  h2 {
    margin: 0 0 calc(var(--enclave-spacing-unit) * 2);
    font-size: 1.125em;
  }
  p {
    margin: 0;
    line-height: 1.45;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--enclave-spacing-unit) * 2);
    margin-top: calc(var(--enclave-spacing-unit) * 5);
  }
  .actions .button {
    flex: 1 1 8em;
  }
`;
