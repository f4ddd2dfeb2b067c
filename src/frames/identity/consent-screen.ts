import { EnclaveIdentityConsent } from "./consent-screen.component.js";
import { defineElement } from "../ui/frame-element.js";

export { EnclaveIdentityConsent };

defineElement("enclave-identity-consent", EnclaveIdentityConsent);

declare global {
  interface HTMLElementTagNameMap {
    "enclave-identity-consent": EnclaveIdentityConsent;
  }
}
