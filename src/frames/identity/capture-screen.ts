import { EnclaveIdentityCapture } from "./capture-screen.component.js";
import { defineElement } from "../ui/frame-element.js";

export { EnclaveIdentityCapture };

defineElement("enclave-identity-capture", EnclaveIdentityCapture);

declare global {
  interface HTMLElementTagNameMap {
    "enclave-identity-capture": EnclaveIdentityCapture;
  }
}
