import { css } from "lit";

export const oauthScreenStyles = css`
  .steps {
    display: grid;
    gap: calc(var(--enclave-spacing-unit) * 2);
    margin: 0;
    padding-inline-start: 1.4em;
    line-height: 1.45;
  }
  .waiting {
    display: grid;
    justify-items: center;
    gap: calc(var(--enclave-spacing-unit) * 2);
    padding: calc(var(--enclave-spacing-unit) * 3) 0;
    text-align: center;
  }
  .waiting .spinner {
    width: 2em;
    height: 2em;
    border-width: 3px;
  }
  .waiting-title {
    margin: 0;
    font-weight: 600;
  }
  .button .icon {
    flex: none;
  }
  /* The "opens elsewhere" arrow points up and away along the line: up-left in right-to-left text. */
  .button .icon:dir(rtl) {
    transform: scaleX(-1);
  }
  .button[aria-disabled="true"] {
    cursor: progress;
    opacity: 0.75;
  }
`;
