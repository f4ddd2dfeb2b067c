import { EnclaveExitConfirm } from "./exit-confirm.component.js";
import { defineElement } from "../ui/frame-element.js";

export { EnclaveExitConfirm };

defineElement("enclave-exit-confirm", EnclaveExitConfirm);

declare global {
  interface HTMLElementTagNameMap {
    "enclave-exit-confirm": EnclaveExitConfirm;
  }
}
