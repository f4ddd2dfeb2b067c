import { EnclaveLinkMfa } from "./mfa-screen.component.js";
import { defineElement } from "../ui/frame-element.js";

export { EnclaveLinkMfa };

defineElement("enclave-link-mfa", EnclaveLinkMfa);

declare global {
  interface HTMLElementTagNameMap {
    "enclave-link-mfa": EnclaveLinkMfa;
  }
}
