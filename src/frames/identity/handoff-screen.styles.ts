import { css } from "lit";

export const handoffScreenStyles = css`
  .code {
    display: flex;
    justify-content: center;
  }
  .qr {
    width: 11em;
    padding: calc(var(--enclave-spacing-unit) * 2);
    border: 1px solid color-mix(in srgb, var(--enclave-color-text) 15%, var(--enclave-color-background));
    border-radius: var(--enclave-border-radius);
    background: #ffffff;
  }
  .link-box {
    display: grid;
    gap: calc(var(--enclave-spacing-unit) * 2);
  }
  .link-box p {
    margin: 0;
  }
  .link {
    overflow-wrap: anywhere;
    color: var(--enclave-color-primary);
    font-size: 0.875em;
  }
  .link:focus-visible {
    outline: 2px solid var(--enclave-color-primary);
    outline-offset: 2px;
  }
  .copy-row {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: calc(var(--enclave-spacing-unit) * 3);
  }
  .button--small {
    min-height: 2.25em;
    padding: calc(var(--enclave-spacing-unit) * 1.5) calc(var(--enclave-spacing-unit) * 3);
    font-size: 0.875em;
  }

  .connected {
    display: grid;
    gap: calc(var(--enclave-spacing-unit) * 1);
    margin: 0;
    line-height: 1.45;
  }
  .connected-title {
    font-weight: 600;
    color: var(--enclave-color-primary);
  }
  .checklist {
    display: grid;
    gap: calc(var(--enclave-spacing-unit) * 2);
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .check-item {
    display: flex;
    align-items: center;
    gap: calc(var(--enclave-spacing-unit) * 2);
  }
  .check-item .icon {
    flex: none;
    color: color-mix(in srgb, var(--enclave-color-text) 55%, var(--enclave-color-background));
  }
  .check-item--done .icon {
    color: var(--enclave-color-primary);
  }
  .check-name {
    flex: 1;
  }
`;
