import { EnclaveModalLeave } from "./modal-leave.component.js";
import { defineElement } from "./frame-element.js";

export { EnclaveModalLeave };

defineElement("enclave-modal-leave", EnclaveModalLeave);

declare global {
  interface HTMLElementTagNameMap {
    "enclave-modal-leave": EnclaveModalLeave;
  }
}
