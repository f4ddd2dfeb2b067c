import { EnclaveCardForm } from "./card-form.component.js";
import { defineElement } from "../ui/frame-element.js";

export { EnclaveCardForm };

defineElement("enclave-card-form", EnclaveCardForm);

declare global {
  interface HTMLElementTagNameMap {
    "enclave-card-form": EnclaveCardForm;
  }
}
