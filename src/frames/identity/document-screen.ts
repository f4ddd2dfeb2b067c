import { EnclaveIdentityDocument } from "./document-screen.component.js";
import { defineElement } from "../ui/frame-element.js";

export { EnclaveIdentityDocument };

defineElement("enclave-identity-document", EnclaveIdentityDocument);

declare global {
  interface HTMLElementTagNameMap {
    "enclave-identity-document": EnclaveIdentityDocument;
  }
}
