/**
 * The checkout frame's screen, as a pure view: it renders from its properties and
 * emits nothing it was not asked for, so Storybook and tests can show any state.
 */
import { LitElement, css, html, type TemplateResult } from "lit";
import { formatAmount } from "../ui/format.js";

export type CheckoutViewState = "loading" | "ready" | "error";

export class EnclaveCheckoutView extends LitElement {
  static override properties = {
    state: { reflect: true },
    amount: { type: Number },
    currency: {},
    locale: {},
    merchantName: { attribute: "merchant-name" },
    errorMessage: { attribute: "error-message" },
  };

  static override styles = css`
    :host {
      display: block;
      box-sizing: border-box;
      padding: calc(var(--enclave-spacing-unit) * 4);
      background: var(--enclave-color-background);
      color: var(--enclave-color-text);
      border-radius: var(--enclave-border-radius);
      font-family: var(--enclave-font-family);
      font-size: var(--enclave-font-size-base);
    }
    .summary {
      display: flex;
      justify-content: space-between;
      align-items: baseline;
      gap: calc(var(--enclave-spacing-unit) * 2);
    }
    .label {
      margin: 0;
      font-size: 0.875em;
    }
    .amount {
      margin: 0;
      font-size: 1.5em;
      font-weight: 600;
      font-variant-numeric: tabular-nums;
    }
    .merchant {
      margin: calc(var(--enclave-spacing-unit) * 1) 0 0;
      font-size: 0.875em;
    }
    .error {
      margin: 0;
      color: var(--enclave-color-danger);
    }
    .skeleton {
      height: 2.25em;
      border-radius: var(--enclave-border-radius);
      background: color-mix(in srgb, var(--enclave-color-text) 10%, transparent);
    }
  `;

  state: CheckoutViewState = "loading";
  amount = 0;
  currency = "usd";
  locale = "en";
  merchantName = "";
  errorMessage = "";

  protected override render(): TemplateResult {
    switch (this.state) {
      case "loading":
        return html`<div class="skeleton" role="status" aria-label="Loading payment details"></div>`;
      case "error":
        return html`<p class="error" role="alert">${this.errorMessage || "This payment form can't be shown right now."}</p>`;
      case "ready":
        return html`<section aria-labelledby="amount-label">
          <div class="summary">
            <p class="label" id="amount-label">Amount due</p>
            <p class="amount" aria-live="polite">${formatAmount(this.amount, this.currency, this.locale)}</p>
          </div>
          ${this.merchantName ? html`<p class="merchant">Paying ${this.merchantName}</p>` : null}
        </section>`;
    }
  }
}

if (!customElements.get("enclave-checkout-view")) customElements.define("enclave-checkout-view", EnclaveCheckoutView);

declare global {
  interface HTMLElementTagNameMap {
    "enclave-checkout-view": EnclaveCheckoutView;
  }
}
