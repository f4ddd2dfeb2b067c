import { EnclaveIdentityView } from "./identity-view.component.js";
import { defineElement } from "../ui/frame-element.js";

export { EnclaveIdentityView };
export type { IdentityScreen } from "./model.js";

defineElement("enclave-identity-view", EnclaveIdentityView);

declare global {
  interface HTMLElementTagNameMap {
    "enclave-identity-view": EnclaveIdentityView;
  }
}
