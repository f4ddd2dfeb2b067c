import { css } from "lit";

/**
 * A modal <dialog> in the frame's appearance: its box, its backdrop, the heading and text
 * spacing every dialog shares, and the row of actions. Each dialog's own styles, listed
 * after these, set its width, its heading size and the spacing around its text and actions.
 */
export const dialogStyles = css`
  :host {
    display: contents;
  }

  dialog {
    box-sizing: border-box;
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
  }
  p {
    line-height: 1.45;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--enclave-spacing-unit) * 2);
  }
`;
