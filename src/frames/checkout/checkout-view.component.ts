import { html, nothing, type TemplateResult } from "lit";
import { formStyles } from "../ui/form.styles.js";
import { formatAmount } from "../ui/format.js";
import { FrameElement } from "../ui/frame-element.js";
import { currentLocale } from "../ui/i18n.js";
import { emptyCardValue, type CardField, type CardValue } from "./card-input.js";
import type { TouchedFields } from "./card-validation.js";
import "./card-form.js";
import { checkoutViewStyles } from "./checkout-view.styles.js";
import type { CardInputDetail } from "./events.js";
import { checkoutErrorMessage, checkoutMessages } from "./messages.js";

/**
 * - `loading`: the session is being resumed; a skeleton.
 * - `error`: the form cannot be shown (origin refused, session over); `errorCode` says why.
 * - `ready`: the amount due and the card form.
 * - `processing`: a payment is on its way; the fields are disabled and the status is announced.
 * - `authenticating`: the bank's 3-D Secure challenge is open above the merchant's page
 *   (the host element shows it); the form waits, disabled, and says so.
 * - `declined`: the payment failed (`errorCode`, `declineCode`); the form is usable again.
 * - `succeeded`: the payment went through; the amount paid.
 */
export type CheckoutViewState = "loading" | "error" | "ready" | "processing" | "authenticating" | "declined" | "succeeded";

export const checkoutViewStates: readonly CheckoutViewState[] = ["loading", "error", "ready", "processing", "authenticating", "declined", "succeeded"];

/**
 * @summary The checkout frame's screen, as a pure view: it renders from its properties and
 * emits DOM events, so Storybook and tests can show any state without a server. The
 * controller (checkout-controller.ts) owns the bridge and the API.
 *
 * Every word comes from the checkout's catalogs in the current locale (messages.ts); errors
 * are shown in the customer's language chosen by their code, never in the server's English.
 *
 * The card form stays the same element through `ready`, `processing`, `authenticating`
 * and `declined`, and `card` mirrors it, so nothing typed is lost while a payment is tried
 * (a client token refreshed mid-flow, a decline, a failed check).
 *
 * @event enclave-card-input - From the card form (bubbles out of this view). Frame-internal.
 *
 * @csspart container - The payment section, the success section.
 * @csspart label - The card form's labels.
 * @csspart input - The card form's fields.
 * @csspart error - Field errors and the decline message.
 * @csspart button - The help button.
 */
export class EnclaveCheckoutView extends FrameElement {
  static override styles = [formStyles, checkoutViewStyles];

  static override properties = {
    state: { reflect: true },
    amount: { type: Number },
    currency: {},
    merchantName: { attribute: "merchant-name" },
    errorCode: { attribute: "error-code" },
    declineCode: { attribute: "decline-code" },
    card: { attribute: false },
    touched: { attribute: false },
  };

  state: CheckoutViewState = "loading";
  /** The amount due, in minor units of `currency`. */
  amount = 0;
  /** Lowercase ISO 4217. */
  currency = "usd";
  merchantName = "";
  /** Why the form cannot be shown (`error`) or why the payment failed (`declined`): an error code ("card_declined", "session_not_open"…). */
  errorCode = "";
  /** Why the bank declined the card ("insufficient_funds"…), with `errorCode` "card_declined". */
  declineCode = "";
  /** What the card fields show; updated from the form as the customer types. */
  card: CardValue = emptyCardValue;
  /** Card fields whose errors are shown. */
  touched: TouchedFields = {};

  /** Moves focus to one card field, once the form is on screen. */
  async focusField(field: CardField = "number"): Promise<void> {
    await this.updateComplete;
    const form = this.renderRoot.querySelector("enclave-card-form");
    if (!form) return;
    await form.updateComplete;
    form.focusField(field);
  }

  /** Moves focus to the decline message (after a decline no field is to blame). */
  async focusNotice(): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(".notice")?.focus();
  }

  protected override render(): TemplateResult {
    // One polite live region under every screen, for what happens after a submit: a region
    // must exist before its content changes to be announced, and the screens come and go.
    // What it shows is seen and heard once (no hidden copy for tests to find twice).
    return html`${this.renderScreen()}
      <div class="status" role="status">${this.renderStatus()}</div>`;
  }

  private renderScreen(): TemplateResult | typeof nothing {
    const words = checkoutMessages();
    switch (this.state) {
      case "loading":
        return html`<div class="skeleton" role="status" aria-label=${words.loading}>
          <div class="skeleton-bar skeleton-bar--short"></div>
          <div class="skeleton-bar"></div>
          <div class="skeleton-bar"></div>
        </div>`;
      case "error":
        return html`<p class="error-screen" role="alert">${this.errorCode ? checkoutErrorMessage(this.errorCode) : words.cannotShow}</p>`;
      case "succeeded":
        // Shown in the status region below, so it is announced as it appears.
        return nothing;
      case "ready":
      case "processing":
      case "authenticating":
      case "declined":
        return this.renderPayment();
    }
  }

  private renderStatus(): TemplateResult | typeof nothing {
    const words = checkoutMessages();
    switch (this.state) {
      case "processing":
        return html`<p class="progress"><span class="spinner"></span>${words.processing}</p>`;
      case "authenticating":
        return html`<p class="progress"><span class="spinner"></span>${words.waitingForBank}</p>`;
      case "succeeded":
        return this.renderSuccess();
      default:
        return nothing;
    }
  }

  private renderPayment(): TemplateResult {
    const words = checkoutMessages();
    const busy = this.state === "processing" || this.state === "authenticating";
    return html`<section class="payment" part="container" aria-labelledby="amount-label" aria-busy=${busy ? "true" : "false"}>
      <div class="heading">
        <!-- The frame's one level-one heading, so that "Amount due $49.00" is what heading
             navigation finds, inside the frame and from the merchant's page alike. -->
        <h1 class="summary" id="amount-label"><span class="due">${words.amountDue}</span> <span class="amount">${this.formattedAmount()}</span></h1>
        ${this.merchantName ? html`<p class="merchant">${words.paying(this.merchantName)}</p>` : nothing}
      </div>
      <enclave-card-form
        exportparts="label, input, error, button"
        .value=${this.card}
        .touched=${this.touched}
        ?disabled=${busy}
        @enclave-card-input=${this.onCardInput}
      ></enclave-card-form>
      ${
        this.state === "declined"
          ? html`<p class="notice" part="error" role="alert" tabindex="-1">${this.errorCode ? checkoutErrorMessage(this.errorCode, this.declineCode) : words.paymentErrors.notCompleted}</p>`
          : nothing
      }
    </section>`;
  }

  private renderSuccess(): TemplateResult {
    const words = checkoutMessages().success;
    return html`<section class="success" part="container" aria-labelledby="success-title">
      <svg class="success-icon" viewBox="0 0 48 48" width="48" height="48" aria-hidden="true" focusable="false">
        <circle cx="24" cy="24" r="22" fill="none" stroke="currentColor" stroke-width="3" />
        <path d="M14 24.5l7 7 13-15" fill="none" stroke="currentColor" stroke-width="3.5" stroke-linecap="round" stroke-linejoin="round" />
      </svg>
      <h1 class="success-title" id="success-title">${words.title}</h1>
      <p class="success-amount">${this.formattedAmount()}</p>
      <p class="success-note">${this.merchantName ? words.paidTo(this.merchantName) : words.paid}</p>
    </section>`;
  }

  private formattedAmount(): string {
    return formatAmount(this.amount, this.currency, currentLocale());
  }

  private readonly onCardInput = (event: CustomEvent<CardInputDetail>): void => {
    this.card = event.detail.value;
    this.touched = event.detail.touched;
  };
}
