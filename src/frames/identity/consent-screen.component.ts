import { html, nothing, svg, type TemplateResult } from "lit";
import { formStyles } from "../ui/form.styles.js";
import { lockIcon } from "../ui/icons.js";
import { screenStyles } from "../ui/screen.styles.js";
import { consentScreenStyles } from "./consent-screen.styles.js";
import { identityScreenStyles } from "./identity-screen.styles.js";
import { identityMessages, retentionDays } from "./messages.js";
import { IdentityScreenElement } from "./screen-element.js";
// The frame-internal event names and details emit() is typed with.
import type {} from "./events.js";

const idCard = svg`<svg class="icon" viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round"><rect x="2.5" y="5" width="19" height="14" rx="2" /><circle cx="8.5" cy="11" r="2" /><path d="M5.5 16c.6-1.6 1.7-2.4 3-2.4s2.4.8 3 2.4M14 10h4.5M14 13.5h3" /></svg>`;
const face = svg`<svg class="icon" viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round"><circle cx="12" cy="12" r="9.5" /><path d="M8.5 14.5c.9 1.2 2.1 1.8 3.5 1.8s2.6-.6 3.5-1.8" /><path d="M9 9.5v.5M15 9.5v.5" /></svg>`;
const clock = svg`<svg class="icon" viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round"><circle cx="12" cy="12" r="9.5" /><path d="M12 7v5l3 2" /></svg>`;

/**
 * @summary The identity flow's first screen: what will be collected (a photo of an ID,
 * and a selfie when the merchant asks for one), why, and how long it is kept. "Continue"
 * accepts; "Decline" leaves the flow.
 *
 * @event enclave-identity-consent - Detail: `{ accepted }`: true for "Continue", false for "Decline".
 *
 * @csspart container - The screen.
 * @csspart button - "Continue" and "Decline".
 */
export class EnclaveIdentityConsent extends IdentityScreenElement {
  static override styles = [formStyles, screenStyles, identityScreenStyles, consentScreenStyles];

  static override properties = {
    merchantName: { attribute: "merchant-name" },
    requireSelfie: { type: Boolean, attribute: "require-selfie" },
  };

  /** Who asks for the verification, from the session. */
  merchantName = "";
  /** Whether a selfie is part of it. */
  requireSelfie = false;

  protected override render(): TemplateResult {
    const messages = identityMessages();
    const strings = messages.consent;
    const merchant = this.merchantName || messages.someMerchant;
    return html`<section class="screen" part="container" aria-labelledby="title">
      <h1 class="title" id="title" tabindex="-1">${strings.title}</h1>
      <p class="lede">${strings.lede(merchant)}</p>

      <h2 class="subtitle" id="collect">${strings.collectTitle}</h2>
      <ul class="facts" aria-labelledby="collect">
        <li>${idCard}<span>${strings.document}</span></li>
        ${this.requireSelfie ? html`<li>${face}<span>${strings.selfie}</span></li>` : nothing}
      </ul>

      <h2 class="subtitle">${strings.useTitle}</h2>
      <p class="fact">${lockIcon(20)}<span>${strings.use(merchant)}</span></p>

      <h2 class="subtitle">${strings.retentionTitle}</h2>
      <p class="fact">${clock}<span>${strings.retention(merchant, retentionDays)}</span></p>

      <div class="actions">
        <button class="button button--primary" part="button" type="button" @click=${() => this.emit("enclave-identity-consent", { accepted: true })}>
          ${strings.continue}
        </button>
        <button class="button" part="button" type="button" @click=${() => this.emit("enclave-identity-consent", { accepted: false })}>${strings.decline}</button>
      </div>
    </section>`;
  }
}
