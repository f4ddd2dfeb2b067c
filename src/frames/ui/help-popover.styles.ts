import { css } from "lit";

export const helpPopoverStyles = css`
  :host {
    display: inline-flex;
    vertical-align: middle;
  }

  .trigger {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    /* 24 px: the smallest target WCAG 2.2 accepts for a pointer. */
    width: 24px;
    height: 24px;
    margin: 0;
    padding: 0;
    border: 0;
    border-radius: 50%;
    background: transparent;
    color: color-mix(in srgb, var(--enclave-color-text) 75%, var(--enclave-color-background));
    cursor: pointer;
  }
  .trigger:hover,
  .trigger[aria-expanded="true"] {
    color: var(--enclave-color-primary);
  }
  .trigger:focus-visible {
    outline: 2px solid var(--enclave-color-primary);
    outline-offset: 1px;
  }

  /* Fixed, so the panel never makes the frame taller (its height is reported to the page);
     floating-ui moves it with left/top set through the CSSOM, which the frame's CSP allows. */
  .panel {
    position: fixed;
    top: 0;
    left: 0;
    z-index: 10;
    box-sizing: border-box;
    width: max-content;
    max-width: min(18em, calc(100vw - 16px));
    padding: calc(var(--enclave-spacing-unit) * 3);
    border: 1px solid color-mix(in srgb, var(--enclave-color-text) 20%, var(--enclave-color-background));
    border-radius: var(--enclave-border-radius);
    background: var(--enclave-color-background);
    color: var(--enclave-color-text);
    box-shadow: 0 4px 16px rgb(0 0 0 / 0.15);
    font-size: 0.875em;
    line-height: 1.4;
  }
  .panel[hidden] {
    display: none;
  }
  /* Until floating-ui (fetched on demand) has placed it once: there, focusable and read out,
     but not seen in the corner it starts in. */
  .panel:not([data-placement]) {
    opacity: 0;
  }
  .panel:focus {
    outline: none;
  }
  .panel:focus-visible {
    outline: 2px solid var(--enclave-color-primary);
    outline-offset: 2px;
  }
  .heading {
    margin: 0 0 calc(var(--enclave-spacing-unit) * 1);
    font-weight: 600;
  }
  .text {
    margin: 0;
  }
`;
