import { css } from "lit";

export const statusScreenStyles = css`
  .result {
    padding: calc(var(--enclave-spacing-unit) * 4) 0;
  }
  .result-body {
    display: grid;
    justify-items: center;
    gap: calc(var(--enclave-spacing-unit) * 3);
    text-align: center;
  }
  .mark {
    display: flex;
    color: var(--enclave-color-primary);
  }
  .mark--danger {
    color: var(--enclave-color-danger);
  }
  .spinner--large {
    width: 2.5em;
    height: 2.5em;
    border-width: 3px;
  }
`;
