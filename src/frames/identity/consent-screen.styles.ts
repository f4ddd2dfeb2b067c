import { css } from "lit";

export const consentScreenStyles = css`
  .subtitle {
    margin-bottom: calc(var(--enclave-spacing-unit) * -2);
  }
  .facts {
    display: grid;
    gap: calc(var(--enclave-spacing-unit) * 2);
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .facts li,
  .fact {
    display: flex;
    gap: calc(var(--enclave-spacing-unit) * 3);
    align-items: flex-start;
    margin: 0;
    line-height: 1.45;
  }
  .icon {
    flex: none;
    margin-top: 0.1em;
    color: var(--enclave-color-primary);
  }
`;
