import { css } from "lit";

/**
 * A primary button while its request runs: it stays focusable (`aria-disabled`, not
 * `disabled`), shows progress, and its spinner takes the button's text colour. List it
 * after a screen's own styles.
 */
export const busyButtonStyles = css`
  .button[aria-disabled="true"] {
    cursor: progress;
    opacity: 0.75;
  }
  .button .spinner {
    border-color: color-mix(in srgb, var(--enclave-color-background) 35%, transparent);
    border-top-color: var(--enclave-color-background);
  }
`;
