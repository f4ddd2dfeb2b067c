import { EnclaveBankLinkView } from "./bank-link-view.component.js";
import { defineElement } from "../ui/frame-element.js";

export { EnclaveBankLinkView };

defineElement("enclave-bank-link-view", EnclaveBankLinkView);

declare global {
  interface HTMLElementTagNameMap {
    "enclave-bank-link-view": EnclaveBankLinkView;
  }
}
