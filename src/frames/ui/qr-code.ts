import { EnclaveQrCode } from "./qr-code.component.js";
import { defineElement } from "./frame-element.js";

export { EnclaveQrCode };

defineElement("enclave-qr-code", EnclaveQrCode);

declare global {
  interface HTMLElementTagNameMap {
    "enclave-qr-code": EnclaveQrCode;
  }
}
