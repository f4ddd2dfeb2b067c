import { css } from "lit";

export const reviewScreenStyles = css`
  .photos {
    display: grid;
    gap: calc(var(--enclave-spacing-unit) * 3);
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .photo-item {
    display: grid;
    grid-template-columns: 6em 1fr auto;
    align-items: center;
    gap: calc(var(--enclave-spacing-unit) * 3);
    padding: calc(var(--enclave-spacing-unit) * 2);
    border: 1px solid color-mix(in srgb, var(--enclave-color-text) 20%, var(--enclave-color-background));
    border-radius: var(--enclave-border-radius);
  }
  .thumbnail {
    display: block;
    width: 6em;
    height: 4em;
    object-fit: cover;
    border-radius: calc(var(--enclave-border-radius) / 2);
    background: color-mix(in srgb, var(--enclave-color-text) 8%, var(--enclave-color-background));
  }
  .thumbnail--elsewhere {
    display: flex;
    align-items: center;
    justify-content: center;
    color: var(--enclave-color-primary);
  }
  .photo-text {
    display: grid;
    gap: calc(var(--enclave-spacing-unit) * 0.5);
    min-width: 0;
  }
  .photo-name {
    font-weight: 500;
  }
  .button--small {
    min-height: 2.25em;
    padding: calc(var(--enclave-spacing-unit) * 1.5) calc(var(--enclave-spacing-unit) * 3);
    font-size: 0.875em;
  }
`;
