import { EnclaveThreeDSecureDialog } from "./three-d-secure-dialog.component.js";
import { defineElement } from "../ui/frame-element.js";

export { EnclaveThreeDSecureDialog };

defineElement("enclave-three-d-secure-dialog", EnclaveThreeDSecureDialog);

declare global {
  interface HTMLElementTagNameMap {
    "enclave-three-d-secure-dialog": EnclaveThreeDSecureDialog;
  }
}
