import { html, svg, type TemplateResult } from "lit";
import { formStyles } from "../ui/form.styles.js";
import { FrameElement } from "../ui/frame-element.js";
import { bankIcon, lockIcon } from "../ui/icons.js";
import { screenStyles } from "../ui/screen.styles.js";
import { consentScreenStyles } from "./consent-screen.styles.js";
import { bankLinkMessages } from "./messages.js";
import type { BankLinkProduct } from "./model.js";
// The frame-internal event names and details emit() is typed with.
import type {} from "./events.js";

const checkMark = svg`<svg class="icon" viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false" fill="none" stroke="currentColor" stroke-width="2.5" stroke-linecap="round" stroke-linejoin="round"><path d="M5 12.5l4.5 4.5L19 7.5" /></svg>`;

/**
 * @summary The first screen of bank link: who asks, for which data, and what stays
 * private. "Continue" moves on to choosing a bank.
 *
 * @event enclave-consent-accept - The customer pressed "Continue".
 *
 * @csspart container - The screen.
 * @csspart button - "Continue".
 */
export class EnclaveLinkConsent extends FrameElement {
  static override styles = [formStyles, screenStyles, consentScreenStyles];

  static override properties = {
    merchantName: { attribute: "merchant-name" },
    products: { attribute: false },
  };

  /** The merchant's name, from the session. */
  merchantName = "";
  /** What the merchant asked for; account details are always part of it. */
  products: BankLinkProduct[] = ["accounts"];

  /** Focuses "Continue", the screen's only control. */
  focusStart(): void {
    // Without scrolling: "Continue" is at the bottom, and on a short phone screen scrolling to it
    // would push the header (and its Close) off the top as the dialog opens.
    this.renderRoot.querySelector<HTMLButtonElement>("button")?.focus({ preventScroll: true });
  }

  protected override render(): TemplateResult {
    const words = bankLinkMessages().consent;
    const merchant = this.merchantName;
    // Account details come with every link; the others in the order the API lists them.
    const products = (["accounts", "balances", "transactions"] as const).filter((product) => product === "accounts" || this.products.includes(product));
    return html`<section class="screen" part="container" aria-labelledby="title">
      <div class="merchant-mark">${bankIcon(24)}</div>
      <h1 class="title" id="title" tabindex="-1">${words.title(merchant)}</h1>
      <p class="subtitle" id="asks">${words.asks(merchant)}</p>
      <ul class="products" aria-labelledby="asks">
        ${products.map(
          (product) => html`<li class="product">
            <span class="product-check">${checkMark}</span>
            <span class="product-name">${words.products[product].name}</span>
            <span class="product-text">${words.products[product].text}</span>
          </li>`,
        )}
      </ul>
      <div class="privacy">
        <p>${lockIcon(16)}<span>${words.credentialsPrivate(merchant)}</span></p>
        <p>${lockIcon(16)}<span>${words.sharedOnChoice(merchant)}</span></p>
      </div>
      <div class="actions">
        <button class="button button--primary" part="button" type="button" @click=${() => this.emit("enclave-consent-accept", {})}>${words.continue}</button>
      </div>
    </section>`;
  }
}
