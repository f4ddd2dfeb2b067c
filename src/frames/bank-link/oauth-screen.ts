import { EnclaveLinkOAuth } from "./oauth-screen.component.js";
import { defineElement } from "../ui/frame-element.js";

export { EnclaveLinkOAuth };

defineElement("enclave-link-oauth", EnclaveLinkOAuth);

declare global {
  interface HTMLElementTagNameMap {
    "enclave-link-oauth": EnclaveLinkOAuth;
  }
}
