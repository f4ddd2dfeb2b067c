import { EnclaveIdentityHandoff } from "./handoff-screen.component.js";
import { defineElement } from "../ui/frame-element.js";

export { EnclaveIdentityHandoff };

defineElement("enclave-identity-handoff", EnclaveIdentityHandoff);

declare global {
  interface HTMLElementTagNameMap {
    "enclave-identity-handoff": EnclaveIdentityHandoff;
  }
}
