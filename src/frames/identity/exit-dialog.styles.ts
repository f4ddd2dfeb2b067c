import { css } from "lit";

/** After ui/dialog.styles: the exit dialog's own size and spacing. */
export const exitDialogStyles = css`
  dialog {
    width: min(22em, calc(100vw - 16px));
  }
  h2 {
    font-size: 1.125em;
  }
  p {
    margin: 0;
  }
  .actions {
    margin-top: calc(var(--enclave-spacing-unit) * 5);
  }
  .actions .button {
    flex: 1 1 8em;
  }
`;
