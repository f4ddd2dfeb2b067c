import { html, nothing, type TemplateResult } from "lit";
import { formStyles } from "../ui/form.styles.js";
import { formatAmount } from "../ui/format.js";
import { FrameElement } from "../ui/frame-element.js";
import { emptyCardValue, type CardField, type CardValue } from "./card-input.js";
import type { TouchedFields } from "./card-validation.js";
import "./card-form.js";
import { checkoutViewStyles } from "./checkout-view.styles.js";
import type { CardInputDetail } from "./events.js";
import "./three-d-secure-dialog.js";

/**
 * - `loading`: the session is being resumed; a skeleton.
 * - `error`: the form cannot be shown (origin refused, session over); `errorMessage` says why.
 * - `ready`: the amount due and the card form.
 * - `processing`: a payment is on its way; the fields are disabled and the status is announced.
 * - `authenticating`: the bank's 3-D Secure challenge is open over the form.
 * - `declined`: the payment failed; `errorMessage` holds the server's words and the form is usable again.
 * - `succeeded`: the payment went through; the amount paid.
 */
export type CheckoutViewState = "loading" | "error" | "ready" | "processing" | "authenticating" | "declined" | "succeeded";

export const checkoutViewStates: readonly CheckoutViewState[] = ["loading", "error", "ready", "processing", "authenticating", "declined", "succeeded"];

/**
 * @summary The checkout frame's screen, as a pure view: it renders from its properties and
 * emits DOM events, so Storybook and tests can show any state without a server. The
 * controller (checkout-controller.ts) owns the bridge and the API.
 *
 * The card form stays the same element through `ready`, `processing`, `authenticating`
 * and `declined`, and `card` mirrors it, so nothing typed is lost while a payment is tried
 * (a client token refreshed mid-flow, a decline, a failed check).
 *
 * @event enclave-card-input - From the card form (bubbles out of this view). Frame-internal.
 * @event enclave-authenticate - From the 3-D Secure dialog. Detail: `{ outcome }`.
 *
 * @csspart container - The payment section, the success section, the 3-D Secure dialog.
 * @csspart label - The card form's labels.
 * @csspart input - The card form's fields.
 * @csspart error - Field errors and the decline message.
 * @csspart button - The help button and the dialog's buttons.
 */
export class EnclaveCheckoutView extends FrameElement {
  static override styles = [formStyles, checkoutViewStyles];

  static override properties = {
    state: { reflect: true },
    amount: { type: Number },
    currency: {},
    locale: {},
    merchantName: { attribute: "merchant-name" },
    errorMessage: { attribute: "error-message" },
    card: { attribute: false },
    touched: { attribute: false },
  };

  state: CheckoutViewState = "loading";
  /** The amount due, in minor units of `currency`. */
  amount = 0;
  /** Lowercase ISO 4217. */
  currency = "usd";
  /** BCP 47, for amounts. */
  locale = "en";
  merchantName = "";
  /** Why the form cannot be shown (`error`) or why the payment failed (`declined`). */
  errorMessage = "";
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

  protected override render(): TemplateResult {
    // One polite live region under every screen, for what happens after a submit: a region
    // must exist before its content changes to be announced, and the screens come and go.
    // What it shows is seen and heard once (no hidden copy for tests to find twice).
    return html`${this.renderScreen()}
      <div class="status" role="status">${this.renderStatus()}</div>`;
  }

  private renderScreen(): TemplateResult | typeof nothing {
    switch (this.state) {
      case "loading":
        return html`<div class="skeleton" role="status" aria-label="Loading payment details">
          <div class="skeleton-bar skeleton-bar--short"></div>
          <div class="skeleton-bar"></div>
          <div class="skeleton-bar"></div>
        </div>`;
      case "error":
        return html`<p class="error-screen" role="alert">${this.errorMessage || "This payment form can't be shown right now."}</p>`;
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
    switch (this.state) {
      case "processing":
        return html`<p class="progress"><span class="spinner"></span>Processing your payment…</p>`;
      case "authenticating":
        return html`<p class="progress"><span class="spinner"></span>Waiting for your bank to confirm the payment…</p>`;
      case "succeeded":
        return this.renderSuccess();
      default:
        return nothing;
    }
  }

  private renderPayment(): TemplateResult {
    const busy = this.state === "processing" || this.state === "authenticating";
    return html`<section class="payment" part="container" aria-labelledby="amount-label" aria-busy=${busy ? "true" : "false"}>
      <div class="heading">
        <!-- The frame's one level-one heading, so that "Amount due $49.00" is what heading
             navigation finds, inside the frame and from the merchant's page alike. -->
        <h1 class="summary" id="amount-label"><span class="due">Amount due</span> <span class="amount">${this.formattedAmount()}</span></h1>
        ${this.merchantName ? html`<p class="merchant">Paying ${this.merchantName}</p>` : nothing}
      </div>
      <enclave-card-form
        exportparts="label, input, error, button"
        .value=${this.card}
        .touched=${this.touched}
        ?disabled=${busy}
        @enclave-card-input=${this.onCardInput}
      ></enclave-card-form>
      ${this.state === "declined"
        ? html`<p class="notice" part="error" role="alert">${this.errorMessage || "Your payment could not be completed. Check your card details or use another card."}</p>`
        : nothing}
      <enclave-three-d-secure-dialog
        exportparts="container, button"
        ?open=${this.state === "authenticating"}
        .amount=${this.amount}
        .currency=${this.currency}
        .locale=${this.locale}
        .merchantName=${this.merchantName}
      ></enclave-three-d-secure-dialog>
    </section>`;
  }

  private renderSuccess(): TemplateResult {
    return html`<section class="success" part="container" aria-labelledby="success-title">
      <svg class="success-icon" viewBox="0 0 48 48" width="48" height="48" aria-hidden="true" focusable="false">
        <circle cx="24" cy="24" r="22" fill="none" stroke="currentColor" stroke-width="3" />
        <path d="M14 24.5l7 7 13-15" fill="none" stroke="currentColor" stroke-width="3.5" stroke-linecap="round" stroke-linejoin="round" />
      </svg>
      <h1 class="success-title" id="success-title">Payment successful</h1>
      <p class="success-amount">${this.formattedAmount()}</p>
      <p class="success-note">${this.merchantName ? `Paid to ${this.merchantName}.` : "Paid."}</p>
    </section>`;
  }

  private formattedAmount(): string {
    return formatAmount(this.amount, this.currency, this.locale);
  }

  private readonly onCardInput = (event: CustomEvent<CardInputDetail>): void => {
    this.card = event.detail.value;
    this.touched = event.detail.touched;
  };
}
