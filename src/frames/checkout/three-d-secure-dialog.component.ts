import { html, nothing, type PropertyValues, type TemplateResult } from "lit";
import { dialogStyles } from "../ui/dialog.styles.js";
import { formStyles } from "../ui/form.styles.js";
import { formatAmount } from "../ui/format.js";
import { FrameElement } from "../ui/frame-element.js";
import { currentLocale } from "../ui/i18n.js";
import { checkoutMessages } from "./messages.js";
import { threeDSecureDialogStyles } from "./three-d-secure-dialog.styles.js";

/**
 * @summary The 3-D Secure challenge: a modal `<dialog>` inside the frame that shows the
 * issuer's page — served by the widget host at `challengeUrl` — in an iframe. The customer
 * answers there ("Complete authentication" / "Fail authentication"); this dialog cannot
 * answer, it only relays the customer to the page and says when the page (re)loaded.
 *
 * Escape (the dialog's `cancel`) gives the challenge up, which counts as failing the check,
 * as closing a bank's challenge does at Stripe: the payment is not taken and the customer
 * can try again. (Escape pressed while focus is inside the issuer's page is the page's own.)
 * Without a `challengeUrl` (Storybook, view tests) a placeholder stands where the page goes.
 *
 * @event enclave-challenge-load - The issuer's page loaded (first, or after an answer). Detail: `{}`.
 * @event enclave-challenge-abandon - The customer gave the challenge up (Escape). Detail: `{}`.
 *
 * @csspart container - The dialog.
 * @csspart challenge - The issuer's page (an iframe) or its placeholder.
 */
export class EnclaveThreeDSecureDialog extends FrameElement {
  static override styles = [formStyles, dialogStyles, threeDSecureDialogStyles];

  static override properties = {
    open: { type: Boolean, reflect: true },
    amount: { type: Number },
    currency: {},
    merchantName: { attribute: "merchant-name" },
    challengeUrl: { attribute: "challenge-url" },
    answered: { state: true },
  };

  /** Shows the dialog (modal) while true. */
  open = false;
  /** The amount to confirm, in minor units. */
  amount = 0;
  currency = "usd";
  merchantName = "";
  /** The issuer's page on the widget host (same origin as this frame); empty shows a placeholder. */
  challengeUrl = "";

  /** Set once the customer gave up, so a second Escape does not count twice. */
  private answered = false;

  private get dialog(): HTMLDialogElement | null {
    return this.renderRoot.querySelector("dialog");
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has("open") && this.open) this.answered = false;
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (!changed.has("open")) return;
    const dialog = this.dialog;
    if (!dialog) return;
    if (this.open && !dialog.open && this.isConnected) dialog.showModal();
    if (!this.open && dialog.open) dialog.close();
  }

  protected override render(): TemplateResult {
    // The content exists only while the dialog is open: a closed challenge has nothing to
    // say, and its amount must not be found twice on the page (tests look the amount up by text).
    return html`<dialog
      part="container"
      aria-labelledby="title"
      aria-describedby=${this.open && !this.challengeUrl ? "description details" : nothing}
      @cancel=${this.onCancel}
    >
      ${this.open ? this.renderChallenge() : nothing}
    </dialog>`;
  }

  private renderChallenge(): TemplateResult {
    const words = checkoutMessages().threeDSecure;
    return html`<p class="bank">
        <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" focusable="false">
          <rect x="3" y="7" width="10" height="7.5" rx="1.5" fill="currentColor" />
          <path d="M5 7V5a3 3 0 0 1 6 0v2" fill="none" stroke="currentColor" stroke-width="1.5" />
        </svg>
        ${words.bank}
      </p>
      <!-- Focus starts here, in this frame, so Escape gives up at once; Tab goes on into the bank's page. -->
      <h2 id="title" tabindex="-1" autofocus>${words.title}</h2>
      ${
        this.challengeUrl
          ? // The bank's page says who is paid and how much, and asks; no need to say it twice.
            html`<iframe part="challenge" class="challenge" src=${this.challengeUrl} title=${words.challengeFrame} sandbox="allow-forms allow-same-origin" @load=${this.onChallengeLoad}></iframe>`
          : // No host (Storybook, view tests): what the bank's page will ask, and where it will be.
            html`<p id="description">${words.description}</p>
            <dl id="details" class="details">
              ${
                this.merchantName
                  ? html`<div class="detail">
                    <dt>${words.merchant}</dt>
                    <dd>${this.merchantName}</dd>
                  </div>`
                  : nothing
              }
              <div class="detail">
                <dt>${words.amount}</dt>
                <dd class="amount">${formatAmount(this.amount, this.currency, currentLocale())}</dd>
              </div>
            </dl>
            <p part="challenge" class="challenge challenge--placeholder">${words.placeholder}</p>`
      }`;
  }

  private readonly onChallengeLoad = (): void => {
    this.emit("enclave-challenge-load", {});
  };

  private readonly onCancel = (event: Event): void => {
    // The controller closes the dialog when it moves on; Escape gives up, it does not just hide.
    event.preventDefault();
    if (this.answered) return;
    this.answered = true;
    this.emit("enclave-challenge-abandon", {});
  };
}
