import { css } from "lit";

export const accountSelectStyles = css`
  .accounts {
    display: grid;
    gap: calc(var(--enclave-spacing-unit) * 2);
    min-width: 0;
    margin: 0;
    padding: 0;
    border: 0;
  }
  .legend {
    margin: 0 0 calc(var(--enclave-spacing-unit) * 2);
    padding: 0;
  }
  .account {
    display: grid;
    grid-template-columns: auto 1fr auto;
    align-items: center;
    gap: calc(var(--enclave-spacing-unit) * 1) calc(var(--enclave-spacing-unit) * 3);
    padding: calc(var(--enclave-spacing-unit) * 3);
    border: 1px solid color-mix(in srgb, var(--enclave-color-text) 18%, var(--enclave-color-background));
    border-radius: var(--enclave-border-radius);
    cursor: pointer;
  }
  .account:has(input:checked) {
    border-color: var(--enclave-color-primary);
    background: color-mix(in srgb, var(--enclave-color-primary) 6%, var(--enclave-color-background));
  }
  .account:has(input:focus-visible) {
    outline: 2px solid var(--enclave-color-primary);
    outline-offset: 2px;
  }
  .accounts--invalid .account {
    border-color: color-mix(in srgb, var(--enclave-color-danger) 55%, var(--enclave-color-background));
  }
  .checkbox {
    grid-row: span 2;
    width: 1.15em;
    height: 1.15em;
    margin: 0;
    accent-color: var(--enclave-color-primary);
  }
  .checkbox:focus-visible {
    outline: none;
  }
  .account-name {
    font-weight: 600;
    overflow-wrap: anywhere;
  }
  .mask {
    font-variant-numeric: tabular-nums;
    white-space: nowrap;
  }
  .account-kind {
    grid-column: 2;
    font-size: 0.875em;
    color: color-mix(in srgb, var(--enclave-color-text) 75%, var(--enclave-color-background));
  }
  .balance {
    grid-column: 3;
    grid-row: 1 / span 2;
    text-align: end;
    font-variant-numeric: tabular-nums;
  }
  .balance-label {
    display: block;
    font-size: 0.75em;
    color: color-mix(in srgb, var(--enclave-color-text) 75%, var(--enclave-color-background));
  }
  .error .icon {
    vertical-align: -3px;
  }
`;
