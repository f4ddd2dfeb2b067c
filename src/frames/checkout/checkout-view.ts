import { EnclaveCheckoutView, checkoutViewStates, type CheckoutViewState } from "./checkout-view.component.js";
import { defineElement } from "../ui/frame-element.js";

export { EnclaveCheckoutView, checkoutViewStates, type CheckoutViewState };

defineElement("enclave-checkout-view", EnclaveCheckoutView);

declare global {
  interface HTMLElementTagNameMap {
    "enclave-checkout-view": EnclaveCheckoutView;
  }
}
