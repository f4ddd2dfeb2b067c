import { css } from "lit";

export const bankLinkViewStyles = css`
  :host {
    display: block;
    box-sizing: border-box;
    background: var(--enclave-color-background);
    color: var(--enclave-color-text);
    border-radius: var(--enclave-border-radius);
    font-family: var(--enclave-font-family);
    font-size: var(--enclave-font-size-base);
  }

  .frame {
    display: grid;
    grid-template-rows: auto 1fr;
    /* Steady from screen to screen, so a dialog around the frame does not jump at each step. */
    min-height: 34em;
  }

  .bar {
    display: grid;
    grid-template-columns: 2.75em 1fr 2.75em;
    align-items: center;
    padding: calc(var(--enclave-spacing-unit) * 2) calc(var(--enclave-spacing-unit) * 2) 0;
  }
  .brand {
    display: flex;
    align-items: center;
    justify-content: center;
    gap: calc(var(--enclave-spacing-unit) * 1.5);
    margin: 0;
    font-size: 0.75em;
    letter-spacing: 0.02em;
    color: color-mix(in srgb, var(--enclave-color-text) 70%, var(--enclave-color-background));
  }
  .icon-button {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    /* 44 px: a comfortable touch target. */
    width: 2.75em;
    height: 2.75em;
    margin: 0;
    padding: 0;
    border: 0;
    border-radius: 50%;
    background: transparent;
    color: var(--enclave-color-text);
    cursor: pointer;
  }
  .icon-button:hover {
    background: color-mix(in srgb, var(--enclave-color-text) 8%, transparent);
  }
  .icon-button:focus-visible {
    outline: 2px solid var(--enclave-color-primary);
    outline-offset: 0;
  }
  .bar-end {
    justify-self: end;
  }
  /* "Back" points the way a reader came from: to the right in a right-to-left language. */
  #back:dir(rtl) .icon {
    transform: scaleX(-1);
  }

  .body {
    padding: calc(var(--enclave-spacing-unit) * 2) calc(var(--enclave-spacing-unit) * 6) calc(var(--enclave-spacing-unit) * 6);
  }

  .skeleton {
    display: grid;
    gap: calc(var(--enclave-spacing-unit) * 3);
    padding-top: calc(var(--enclave-spacing-unit) * 4);
  }
  .skeleton-bar {
    height: 2.25em;
    border-radius: var(--enclave-border-radius);
    background: color-mix(in srgb, var(--enclave-color-text) 10%, transparent);
  }
  .skeleton-bar--short {
    width: 55%;
  }
  .load-error {
    display: grid;
    gap: calc(var(--enclave-spacing-unit) * 3);
    padding-top: calc(var(--enclave-spacing-unit) * 4);
  }
`;
