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
