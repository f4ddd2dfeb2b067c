import { css } from "lit";

export const mfaScreenStyles = css`
  .form {
    display: grid;
    gap: calc(var(--enclave-spacing-unit) * 4);
    margin: 0;
  }
  .field {
    display: grid;
  }
  .error .icon {
    vertical-align: -3px;
  }
  .code {
    max-width: 14em;
    letter-spacing: 0.2em;
    font-size: 1.125em;
  }
`;
