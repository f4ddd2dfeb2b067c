import { defineElement } from "../internal/define.js";
import { EnclaveBankLink } from "./enclave-bank-link.component.js";

export { EnclaveBankLink };
export default EnclaveBankLink;

defineElement("enclave-bank-link", EnclaveBankLink);

declare global {
  interface HTMLElementTagNameMap {
    "enclave-bank-link": EnclaveBankLink;
  }
}
