import { EnclaveAccountSelect } from "./account-select.component.js";
import { defineElement } from "../ui/frame-element.js";

export { EnclaveAccountSelect };

defineElement("enclave-account-select", EnclaveAccountSelect);

declare global {
  interface HTMLElementTagNameMap {
    "enclave-account-select": EnclaveAccountSelect;
  }
}
