import { css } from "lit";

export const identityViewStyles = css`
  :host {
    display: block;
    box-sizing: border-box;
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

  .screen-host,
  .leave-host {
    box-sizing: border-box;
    padding: calc(var(--enclave-spacing-unit) * 2) calc(var(--enclave-spacing-unit) * 5) calc(var(--enclave-spacing-unit) * 5);
  }
  [hidden] {
    display: none;
  }
`;
