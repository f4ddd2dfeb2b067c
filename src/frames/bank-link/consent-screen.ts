import { EnclaveLinkConsent } from "./consent-screen.component.js";
import { defineElement } from "../ui/frame-element.js";

export { EnclaveLinkConsent };

defineElement("enclave-link-consent", EnclaveLinkConsent);

declare global {
  interface HTMLElementTagNameMap {
    "enclave-link-consent": EnclaveLinkConsent;
  }
}
