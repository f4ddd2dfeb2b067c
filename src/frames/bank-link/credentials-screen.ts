import { EnclaveLinkCredentials } from "./credentials-screen.component.js";
import { defineElement } from "../ui/frame-element.js";

export { EnclaveLinkCredentials };

defineElement("enclave-link-credentials", EnclaveLinkCredentials);

declare global {
  interface HTMLElementTagNameMap {
    "enclave-link-credentials": EnclaveLinkCredentials;
  }
}
