import { html, nothing, type PropertyValues, type TemplateResult } from "lit";
import { dialogStyles } from "../ui/dialog.styles.js";
import { formStyles } from "../ui/form.styles.js";
import { formatAmount } from "../ui/format.js";
import { FrameElement } from "../ui/frame-element.js";
import { currentLocale } from "../ui/i18n.js";
import type { AuthenticateDetail } from "./events.js";
import { checkoutMessages } from "./messages.js";
import { threeDSecureDialogStyles } from "./three-d-secure-dialog.styles.js";

/**
 * @summary The sandbox's 3-D Secure challenge: a modal `<dialog>` inside the frame where
 * the customer completes or fails the bank's check. A real issuer's page would stand here.
 *
 * Escape (the dialog's `cancel`) counts as failing the check, as closing a bank's challenge
 * does at Stripe: the payment is not taken and the customer can try again.
 *
 * @event enclave-authenticate - The customer answered. Detail: `{ outcome: "complete" | "fail" }`.
 *
 * @csspart container - The dialog.
 * @csspart button - Its two buttons.
 */
export class EnclaveThreeDSecureDialog extends FrameElement {
  static override styles = [formStyles, dialogStyles, threeDSecureDialogStyles];

  static override properties = {
    open: { type: Boolean, reflect: true },
    amount: { type: Number },
    currency: {},
    merchantName: { attribute: "merchant-name" },
    answered: { state: true },
  };

  /** Shows the dialog (modal) while true. */
  open = false;
  /** The amount to confirm, in minor units. */
  amount = 0;
  currency = "usd";
  merchantName = "";

  /** Set once the customer clicked, so a second click cannot answer twice. */
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
    return html`<dialog part="container" aria-labelledby="title" aria-describedby="description details" @cancel=${this.onCancel}>
      ${this.open ? this.renderChallenge() : nothing}
    </dialog>`;
  }

  private renderChallenge(): TemplateResult {
    const words = checkoutMessages().threeDSecure;
    // What an issuer's challenge page lists: who is paid and how much, each under its own name.
    return html`<p class="bank">
        <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" focusable="false">
          <rect x="3" y="7" width="10" height="7.5" rx="1.5" fill="currentColor" />
          <path d="M5 7V5a3 3 0 0 1 6 0v2" fill="none" stroke="currentColor" stroke-width="1.5" />
        </svg>
        ${words.bank}
      </p>
      <h2 id="title">${words.title}</h2>
      <p id="description">${words.description}</p>
      <dl id="details" class="details">
        ${this.merchantName
          ? html`<div class="detail">
              <dt>${words.merchant}</dt>
              <dd>${this.merchantName}</dd>
            </div>`
          : nothing}
        <div class="detail">
          <dt>${words.amount}</dt>
          <dd class="amount">${formatAmount(this.amount, this.currency, currentLocale())}</dd>
        </div>
      </dl>
      <div class="actions">
        <button class="button button--primary" part="button" type="button" ?disabled=${this.answered} @click=${() => this.answer("complete")}>
          ${words.complete}
        </button>
        <button class="button" part="button" type="button" ?disabled=${this.answered} @click=${() => this.answer("fail")}>${words.fail}</button>
      </div>`;
  }

  private answer(outcome: AuthenticateDetail["outcome"]): void {
    if (this.answered) return;
    this.answered = true;
    this.emit("enclave-authenticate", { outcome });
  }

  private readonly onCancel = (event: Event): void => {
    // The controller closes the dialog when it moves on; Escape is an answer, not a dismissal.
    event.preventDefault();
    this.answer("fail");
  };
}
