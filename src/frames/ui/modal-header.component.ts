/**
 * The header every modal flow (bank link, identity) shows above its screens, so that both
 * look and behave alike: "Back" where there is somewhere to go back to, the brand line,
 * the step the customer is on ("Step 2 of 4", as Plaid and Stripe Identity show) and
 * "Close". Every slot keeps its room whether it is filled or not, so the header neither
 * moves nor changes height from one step to the next.
 *
 * It is a pure view: the flow gives it its words (from its own catalog) and listens to
 * its two events.
 */
import { html, nothing, type TemplateResult } from "lit";
import { formStyles } from "./form.styles.js";
import { FrameElement } from "./frame-element.js";
import { backIcon, closeIcon, lockIcon } from "./icons.js";
import { modalHeaderStyles } from "./modal-header.styles.js";
import type {} from "./modal-events.js";

/**
 * @summary A modal flow's header: Back, the brand and the step, Close.
 *
 * @event enclave-modal-back - "Back".
 * @event enclave-modal-close - "Close".
 *
 * @csspart header - The bar.
 * @csspart button - "Back" and "Close".
 */
export class EnclaveModalHeader extends FrameElement {
  static override styles = [formStyles, modalHeaderStyles];

  static override properties = {
    brand: {},
    step: {},
    backLabel: { attribute: "back-label" },
    closeLabel: { attribute: "close-label" },
    showBack: { type: Boolean, attribute: "show-back" },
    showClose: { type: Boolean, attribute: "show-close" },
  };

  /** The brand line ("Secured by Enclave"). */
  brand = "";
  /** Where the customer is ("Step 2 of 4"), or "" on a screen that is not a step. */
  step = "";
  /** "Back"'s accessible name. */
  backLabel = "Back";
  /** "Close"'s accessible name. */
  closeLabel = "Close";
  showBack = false;
  showClose = false;

  /** Focuses "Close" (where a screen with no control of its own starts). */
  focusClose(): void {
    this.renderRoot.querySelector<HTMLButtonElement>("#close")?.focus();
  }

  protected override render(): TemplateResult {
    return html`<div class="bar" part="header">
      <div class="start">
        ${
          this.showBack
            ? html`<button id="back" class="icon-button" part="button" type="button" @click=${() => this.emit("enclave-modal-back", {})}>
              ${backIcon()}<span class="visually-hidden">${this.backLabel}</span>
            </button>`
            : nothing
        }
      </div>
      <div class="middle">
        <p class="brand">${lockIcon(14)}<span>${this.brand}</span></p>
        <p class="step">${this.step}</p>
      </div>
      <div class="end">
        ${
          this.showClose
            ? html`<button id="close" class="icon-button" part="button" type="button" @click=${() => this.emit("enclave-modal-close", {})}>
              ${closeIcon()}<span class="visually-hidden">${this.closeLabel}</span>
            </button>`
            : nothing
        }
      </div>
    </div>`;
  }
}
