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
  /* Focused only so that Escape works as the dialog opens; it is not a control. */
  h2:focus {
    outline: none;
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
  /* The issuer's page: tall enough for its details and both answers without a scroll bar. */
  .challenge {
    display: block;
    box-sizing: border-box;
    width: 100%;
    height: 19em;
    margin: calc(var(--enclave-spacing-unit) * 3) 0 0;
    border: 1px solid color-mix(in srgb, var(--enclave-color-text) 20%, var(--enclave-color-background));
    border-radius: var(--enclave-border-radius);
  }
  .challenge--placeholder {
    display: grid;
    place-items: center;
    padding: calc(var(--enclave-spacing-unit) * 4);
    text-align: center;
    color: color-mix(in srgb, var(--enclave-color-text) 75%, var(--enclave-color-background));
  }
`;
