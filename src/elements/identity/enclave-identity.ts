import { defineElement } from "../internal/define.js";
import { EnclaveIdentity } from "./enclave-identity.component.js";

export { EnclaveIdentity };
export default EnclaveIdentity;

defineElement("enclave-identity", EnclaveIdentity);

declare global {
  interface HTMLElementTagNameMap {
    "enclave-identity": EnclaveIdentity;
  }
}
