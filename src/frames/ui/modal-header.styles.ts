/** The modal header's layout: three fixed columns, two fixed lines, so nothing moves between steps. */
import { css } from "lit";

export const modalHeaderStyles = css`
  :host {
    display: block;
  }
  .bar {
    display: grid;
    grid-template-columns: 2.75em 1fr 2.75em;
    align-items: center;
    padding: calc(var(--enclave-spacing-unit) * 2) calc(var(--enclave-spacing-unit) * 2) 0;
  }
  .middle {
    display: grid;
    justify-items: center;
    gap: calc(var(--enclave-spacing-unit) * 0.5);
    min-width: 0;
    text-align: center;
  }
  .brand,
  .step {
    margin: 0;
    font-size: 0.75em;
    line-height: 1.4;
    color: color-mix(in srgb, var(--enclave-color-text) 70%, var(--enclave-color-background));
  }
  .brand {
    display: flex;
    align-items: center;
    gap: calc(var(--enclave-spacing-unit) * 1.5);
    letter-spacing: 0.02em;
  }
  /* Its line is kept on screens that are not a step, so the header keeps its height. */
  .step {
    min-height: 1.4em;
    font-variant-numeric: tabular-nums;
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
  /* Empty or not, Back's and Close's places keep their size. */
  .start,
  .end {
    min-height: 2.75em;
  }
  .end {
    justify-self: end;
  }
  /* "Back" points the way a reader came from: to the right in a right-to-left language. */
  #back:dir(rtl) .icon {
    transform: scaleX(-1);
  }
`;
