import { css } from "lit";

export const consentScreenStyles = css`
  .merchant-mark {
    display: flex;
    align-items: center;
    justify-content: center;
    width: 3em;
    height: 3em;
    border-radius: 50%;
    background: color-mix(in srgb, var(--enclave-color-primary) 12%, var(--enclave-color-background));
    color: var(--enclave-color-primary);
  }

  .products {
    display: grid;
    gap: calc(var(--enclave-spacing-unit) * 3);
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .product {
    display: grid;
    grid-template-columns: auto 1fr;
    gap: 0 calc(var(--enclave-spacing-unit) * 3);
    align-items: start;
  }
  .product-check {
    grid-row: span 2;
    margin-top: 0.15em;
    color: var(--enclave-color-primary);
  }
  .product-name {
    font-weight: 600;
  }
  .product-text {
    font-size: 0.875em;
    color: color-mix(in srgb, var(--enclave-color-text) 80%, var(--enclave-color-background));
  }

  .privacy {
    display: grid;
    gap: calc(var(--enclave-spacing-unit) * 2);
    margin: 0;
    padding: calc(var(--enclave-spacing-unit) * 3);
    border-radius: var(--enclave-border-radius);
    background: color-mix(in srgb, var(--enclave-color-text) 5%, var(--enclave-color-background));
    font-size: 0.875em;
    line-height: 1.45;
  }
  .privacy p {
    display: flex;
    gap: calc(var(--enclave-spacing-unit) * 2);
    margin: 0;
  }
  .privacy .icon {
    flex: none;
    margin-top: 0.15em;
  }
`;
