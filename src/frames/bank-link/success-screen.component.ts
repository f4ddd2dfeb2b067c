import { html, type TemplateResult } from "lit";
import { formStyles } from "../ui/form.styles.js";
import { FrameElement } from "../ui/frame-element.js";
import { checkCircleIcon } from "../ui/icons.js";
import { screenStyles } from "../ui/screen.styles.js";
import { bankLinkMessages } from "./messages.js";
import type { Institution } from "./model.js";
import { successScreenStyles } from "./success-screen.styles.js";
import type {} from "./events.js";

/**
 * @summary The end of bank link: "Connected to <bank>", shown until the customer presses
 * "Done" (Plaid Link's success pane). "Done" is what reports `success` to the page, which
 * a modal host closes on.
 *
 * @event enclave-link-done - "Done" (Escape on this screen too).
 *
 * @csspart container - The screen.
 * @csspart button - "Done".
 */
export class EnclaveLinkSuccess extends FrameElement {
  static override styles = [formStyles, screenStyles, successScreenStyles];

  static override properties = {
    institution: { attribute: false },
    merchantName: { attribute: "merchant-name" },
    accountCount: { type: Number, attribute: "account-count" },
  };

  institution: Institution | null = null;
  merchantName = "";
  /** How many accounts were shared. */
  accountCount = 1;

  /** Focuses "Done". */
  focusStart(): void {
    this.renderRoot.querySelector<HTMLButtonElement>("button")?.focus();
  }

  protected override render(): TemplateResult {
    const words = bankLinkMessages().success;
    const bank = this.institution?.name ?? "";
    return html`<section class="screen" part="container" aria-labelledby="title">
      <span class="check">${checkCircleIcon(56)}</span>
      <h1 class="title" id="title" tabindex="-1">${words.title(bank)}</h1>
      <p class="lede">${words.shared(this.merchantName, this.accountCount)}</p>
      <div class="actions">
        <button class="button button--primary" part="button" type="button" @click=${() => this.emit("enclave-link-done", {})}>${words.done}</button>
      </div>
    </section>`;
  }
}
