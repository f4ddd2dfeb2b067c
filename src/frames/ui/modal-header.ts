import { EnclaveModalHeader } from "./modal-header.component.js";
import { defineElement } from "./frame-element.js";

export { EnclaveModalHeader };

defineElement("enclave-modal-header", EnclaveModalHeader);

declare global {
  interface HTMLElementTagNameMap {
    "enclave-modal-header": EnclaveModalHeader;
  }
}
