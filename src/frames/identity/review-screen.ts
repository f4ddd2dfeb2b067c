import { EnclaveIdentityReview } from "./review-screen.component.js";
import { defineElement } from "../ui/frame-element.js";

export { EnclaveIdentityReview };

defineElement("enclave-identity-review", EnclaveIdentityReview);

declare global {
  interface HTMLElementTagNameMap {
    "enclave-identity-review": EnclaveIdentityReview;
  }
}
