import { EnclaveLinkSuccess } from "./success-screen.component.js";
import { defineElement } from "../ui/frame-element.js";

export { EnclaveLinkSuccess };

defineElement("enclave-link-success", EnclaveLinkSuccess);

declare global {
  interface HTMLElementTagNameMap {
    "enclave-link-success": EnclaveLinkSuccess;
  }
}
