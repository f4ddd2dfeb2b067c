import { css } from "lit";

/** After ui/dialog.styles: the 3-D Secure dialog's own size and content. */
export const threeDSecureDialogStyles = css`
  dialog {
    width: min(24em, calc(100vw - 16px));
  }

  .bank {
    display: flex;
    align-items: center;
    gap: calc(var(--enclave-spacing-unit) * 2);
    margin: 0 0 calc(var(--enclave-spacing-unit) * 3);
    font-size: 0.8125em;
    text-transform: uppercase;
    letter-spacing: 0.05em;
    color: color-mix(in srgb, var(--enclave-color-text) 75%, var(--enclave-color-background));
  }
  /* Spaced-out letters break the joins of Arabic script. */
  :host(:lang(ar)) .bank {
    letter-spacing: normal;
  }
  h2 {
    font-size: 1.25em;
  }
  p {
    margin: 0 0 calc(var(--enclave-spacing-unit) * 3);
  }
  .details {
    display: grid;
    gap: calc(var(--enclave-spacing-unit) * 1);
    margin: 0;
  }
  .detail {
    display: flex;
    justify-content: space-between;
    gap: calc(var(--enclave-spacing-unit) * 2);
  }
  dt {
    color: color-mix(in srgb, var(--enclave-color-text) 75%, var(--enclave-color-background));
  }
  dd {
    margin: 0;
    text-align: end;
  }
  .amount {
    font-weight: 600;
    font-variant-numeric: tabular-nums;
  }
  .actions {
    margin-top: calc(var(--enclave-spacing-unit) * 4);
  }
  .actions .button {
    flex: 1 1 10em;
  }
`;
