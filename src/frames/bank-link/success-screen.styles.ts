import { css } from "lit";

export const successScreenStyles = css`
  .screen {
    justify-items: center;
    padding-top: calc(var(--enclave-spacing-unit) * 4);
    text-align: center;
  }
  .check {
    color: var(--enclave-color-primary);
  }
  .actions {
    justify-self: stretch;
  }
`;
