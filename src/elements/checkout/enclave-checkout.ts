import { defineElement } from "../internal/define.js";
import { EnclaveCheckout } from "./enclave-checkout.component.js";

export { EnclaveCheckout };
export default EnclaveCheckout;

defineElement("enclave-checkout", EnclaveCheckout);

declare global {
  interface HTMLElementTagNameMap {
    "enclave-checkout": EnclaveCheckout;
  }
}
