/** After ui/screen.styles: the leave confirmation's own spacing and its warning mark. */
import { css } from "lit";

export const modalLeaveStyles = css`
  .screen {
    padding-top: calc(var(--enclave-spacing-unit) * 4);
  }
  .warning {
    color: var(--enclave-color-danger);
  }
`;
