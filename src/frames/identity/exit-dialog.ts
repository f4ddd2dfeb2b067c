import { EnclaveIdentityExitDialog } from "./exit-dialog.component.js";
import { defineElement } from "../ui/frame-element.js";

export { EnclaveIdentityExitDialog };

defineElement("enclave-identity-exit-dialog", EnclaveIdentityExitDialog);

declare global {
  interface HTMLElementTagNameMap {
    "enclave-identity-exit-dialog": EnclaveIdentityExitDialog;
  }
}
