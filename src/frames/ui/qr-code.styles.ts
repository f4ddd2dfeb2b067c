import { css } from "lit";

export const qrCodeStyles = css`
  :host {
    display: inline-block;
    width: 12em;
    max-width: 100%;
  }
  .qr {
    display: block;
    width: 100%;
    height: auto;
    aspect-ratio: 1;
    border-radius: var(--enclave-border-radius);
  }
`;
