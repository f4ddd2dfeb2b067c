import { css } from "lit";

export const exitConfirmStyles = css`
  .screen {
    padding-top: calc(var(--enclave-spacing-unit) * 4);
  }
  .warning {
    color: var(--enclave-color-danger);
  }
`;
