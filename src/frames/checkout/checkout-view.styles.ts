import { css } from "lit";

export const checkoutViewStyles = css`
  :host {
    display: block;
    box-sizing: border-box;
    padding: calc(var(--enclave-spacing-unit) * 4);
    background: var(--enclave-color-background);
    color: var(--enclave-color-text);
    border-radius: var(--enclave-border-radius);
    font-family: var(--enclave-font-family);
    font-size: var(--enclave-font-size-base);
  }

  .payment {
    display: grid;
    gap: calc(var(--enclave-spacing-unit) * 4);
  }
  .heading {
    display: grid;
    gap: calc(var(--enclave-spacing-unit) * 1);
  }
  .summary {
    margin: 0;
    font-size: inherit;
    font-weight: inherit;
    display: flex;
    justify-content: space-between;
    align-items: baseline;
    gap: calc(var(--enclave-spacing-unit) * 2);
  }
  .due {
    font-size: 0.875em;
  }
  .amount {
    margin: 0;
    font-size: 1.5em;
    font-weight: 600;
    font-variant-numeric: tabular-nums;
  }
  .merchant {
    margin: 0;
    font-size: 0.875em;
  }

  .notice {
    margin: 0;
    padding: calc(var(--enclave-spacing-unit) * 3);
    border: 1px solid color-mix(in srgb, var(--enclave-color-danger) 40%, var(--enclave-color-background));
    border-radius: var(--enclave-border-radius);
    background: color-mix(in srgb, var(--enclave-color-danger) 8%, var(--enclave-color-background));
    color: var(--enclave-color-danger);
    font-size: 0.9375em;
  }

  .status:not(:empty) {
    margin-top: calc(var(--enclave-spacing-unit) * 4);
  }
  :host([state="succeeded"]) .status {
    margin-top: 0;
  }
  .progress {
    display: flex;
    align-items: center;
    gap: calc(var(--enclave-spacing-unit) * 2);
    margin: 0;
    font-size: 0.9375em;
  }
  .spinner {
    width: 1em;
    height: 1em;
    border: 2px solid color-mix(in srgb, var(--enclave-color-primary) 25%, transparent);
    border-top-color: var(--enclave-color-primary);
    border-radius: 50%;
    animation: spin 0.8s linear infinite;
  }
  @keyframes spin {
    to {
      transform: rotate(360deg);
    }
  }

  .error-screen {
    margin: 0;
    color: var(--enclave-color-danger);
  }
  .skeleton {
    display: grid;
    gap: calc(var(--enclave-spacing-unit) * 3);
  }
  .skeleton-bar {
    height: 2.25em;
    border-radius: var(--enclave-border-radius);
    background: color-mix(in srgb, var(--enclave-color-text) 10%, transparent);
  }
  .skeleton-bar--short {
    width: 40%;
  }

  .success {
    display: grid;
    justify-items: center;
    gap: calc(var(--enclave-spacing-unit) * 2);
    padding: calc(var(--enclave-spacing-unit) * 4) 0;
    text-align: center;
  }
  .success-icon {
    width: 48px;
    height: 48px;
    color: var(--enclave-color-primary);
  }
  .success-title {
    margin: 0;
    font-size: 1.25em;
  }
  .success-amount {
    margin: 0;
    font-size: 1.5em;
    font-weight: 600;
    font-variant-numeric: tabular-nums;
  }
  .success-note {
    margin: 0;
    font-size: 0.875em;
  }

  @media (prefers-reduced-motion: reduce) {
    .spinner {
      animation-duration: 3s;
    }
  }
`;
