import { EnclaveInstitutionSearch } from "./institution-search.component.js";
import { defineElement } from "../ui/frame-element.js";

export { EnclaveInstitutionSearch };

defineElement("enclave-institution-search", EnclaveInstitutionSearch);

declare global {
  interface HTMLElementTagNameMap {
    "enclave-institution-search": EnclaveInstitutionSearch;
  }
}
