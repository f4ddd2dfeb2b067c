import { css } from "lit";

export const identityViewStyles = css`
  :host {
    display: block;
    box-sizing: border-box;
    padding: calc(var(--enclave-spacing-unit) * 3) calc(var(--enclave-spacing-unit) * 5) calc(var(--enclave-spacing-unit) * 5);
    background: var(--enclave-color-background);
    color: var(--enclave-color-text);
    border-radius: var(--enclave-border-radius);
    font-family: var(--enclave-font-family);
    font-size: var(--enclave-font-size-base);
  }
  :host([phone]) {
    max-width: 32em;
    margin-inline: auto;
    min-height: 100vh;
    min-height: 100dvh;
    border-radius: 0;
  }

  .bar {
    display: flex;
    align-items: center;
    justify-content: space-between;
    gap: calc(var(--enclave-spacing-unit) * 2);
    min-height: 2.5em;
    margin-bottom: calc(var(--enclave-spacing-unit) * 3);
  }
  .bar-button {
    display: inline-flex;
    align-items: center;
    gap: calc(var(--enclave-spacing-unit) * 1);
    min-width: 2.5em;
    min-height: 2.5em;
    margin-inline-start: calc(var(--enclave-spacing-unit) * -2);
    padding: 0 calc(var(--enclave-spacing-unit) * 2);
    border: 0;
    border-radius: var(--enclave-border-radius);
    background: transparent;
    color: inherit;
    font: inherit;
    font-size: 0.9375em;
    cursor: pointer;
  }
  .bar-button--icon {
    justify-content: center;
    margin-inline: auto calc(var(--enclave-spacing-unit) * -2);
    padding: 0;
  }
  .bar-button:hover {
    background: color-mix(in srgb, var(--enclave-color-text) 8%, transparent);
  }
  .bar-button:focus-visible {
    outline: 2px solid var(--enclave-color-primary);
    outline-offset: 1px;
  }
  /* "Back" points the way the text reads. */
  :host(:dir(rtl)) .bar-button .icon {
    transform: scaleX(-1);
  }
  .secured {
    display: inline-flex;
    align-items: center;
    gap: calc(var(--enclave-spacing-unit) * 1.5);
    font-size: 0.8125em;
    color: color-mix(in srgb, var(--enclave-color-text) 75%, var(--enclave-color-background));
  }
`;
