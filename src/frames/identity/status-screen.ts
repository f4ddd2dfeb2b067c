import { EnclaveIdentityStatus, statusKinds, type StatusKind } from "./status-screen.component.js";
import { defineElement } from "../ui/frame-element.js";

export { EnclaveIdentityStatus, statusKinds, type StatusKind };

defineElement("enclave-identity-status", EnclaveIdentityStatus);

declare global {
  interface HTMLElementTagNameMap {
    "enclave-identity-status": EnclaveIdentityStatus;
  }
}
