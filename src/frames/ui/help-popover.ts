import { EnclaveHelpPopover } from "./help-popover.component.js";
import { defineElement } from "./frame-element.js";

export { EnclaveHelpPopover };

defineElement("enclave-help-popover", EnclaveHelpPopover);

declare global {
  interface HTMLElementTagNameMap {
    "enclave-help-popover": EnclaveHelpPopover;
  }
}
