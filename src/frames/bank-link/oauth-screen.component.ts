import { html, nothing, type TemplateResult } from "lit";
import { formStyles } from "../ui/form.styles.js";
import { FrameElement } from "../ui/frame-element.js";
import { alertIcon, externalIcon } from "../ui/icons.js";
import { institutionLogo } from "../ui/institution-logo.js";
import { safeUrl } from "../ui/safe-url.js";
import { screenStyles } from "../ui/screen.styles.js";
import { bankLinkMessages, errorText } from "./messages.js";
import type { Institution, OAuthModel, ScreenError } from "./model.js";
import { oauthScreenStyles } from "./oauth-screen.styles.js";
import type {} from "./events.js";

/**
 * @summary The hand-off to an OAuth institution: what will happen, then "Continue", which
 * the controller answers by opening the bank's page in a popup, synchronously in the click
 * (see bank-link-controller.ts), and waiting for the outcome.
 *
 * When the browser blocks the popup, the screen offers a real link to the bank's page
 * (`target="_blank" rel="noopener"`), which no blocker stops, and keeps waiting.
 *
 * @event enclave-oauth-continue - "Continue" or "Try again".
 * @event enclave-oauth-reopen - "Open <bank> again" while waiting (the window was closed or lost).
 * @event enclave-link-choose-bank - "Choose another bank" after the bank declined or its window was closed.
 *
 * @csspart container - The screen.
 * @csspart button - Its buttons and the new-tab link.
 * @csspart error - The blocked, declined and failure notices.
 */
export class EnclaveLinkOAuth extends FrameElement {
  static override styles = [formStyles, screenStyles, oauthScreenStyles];

  static override properties = {
    institution: { attribute: false },
    status: { reflect: true },
    authorizationUrl: { attribute: "authorization-url" },
    error: { attribute: false },
  };

  institution: Institution | null = null;
  status: OAuthModel["status"] = "ready";
  /** The bank's page, once the hand-off has started. Only http(s) URLs are ever linked. */
  authorizationUrl = "";
  error: ScreenError | null = null;

  /** Focuses the screen's main action: "Continue", the new-tab link, "Try again" or "Open <bank> again". */
  focusStart(): void {
    this.renderRoot.querySelector<HTMLElement>(".button--primary, .actions .button")?.focus();
  }

  protected override render(): TemplateResult {
    const bank = this.institution?.name ?? "";
    return html`<section class="screen" part="container" aria-labelledby="title">
      ${this.institution ? html`<p class="institution">${institutionLogo(this.institution.logo, 40)}<span>${this.institution.name}</span></p>` : nothing}
      <h1 class="title" id="title" tabindex="-1">${bankLinkMessages().oauth.title(bank)}</h1>
      ${this.renderBody(bank)}
      <!-- Progress is announced from here; the region stays in the page between states. -->
      <div class="status" role="status">${this.renderProgress(bank)}</div>
    </section>`;
  }

  private renderBody(bank: string): TemplateResult {
    const words = bankLinkMessages().oauth;
    switch (this.status) {
      case "ready":
      case "starting":
        return html`<p class="lede">${words.lede(bank)}</p>
          <ol class="steps">
            <li>${words.stepSignIn(bank)}</li>
            <li>${words.stepReturn}</li>
          </ol>
          <div class="actions">
            <button class="button button--primary" part="button" type="button" aria-disabled=${this.status === "starting" ? "true" : "false"} @click=${this.onContinue}>
              ${words.continue}
            </button>
          </div>`;
      case "waiting":
        return html`<p class="lede">${words.waitingHint(bank)}</p>
          <div class="actions">
            <button class="button" part="button" type="button" @click=${() => this.emit("enclave-oauth-reopen", {})}>${externalIcon()}${words.reopen(bank)}</button>
          </div>`;
      case "blocked": {
        const href = safeUrl(this.authorizationUrl);
        return html`<p class="notice notice--info" part="error" role="alert">${alertIcon()}<span>${words.blocked(bank)}</span></p>
          <div class="actions">
            ${href ? html`<a class="button button--primary" part="button" href=${href} target="_blank" rel="noopener">${externalIcon()}${words.openInTab(bank)}</a>` : nothing}
          </div>`;
      }
      case "denied":
      case "closed":
        // A dead end at the bank: try it again, or pick another bank (Plaid Link offers both).
        return html`<p class="notice" part="error" role="alert">${alertIcon()}<span>${this.status === "denied" ? words.denied(bank) : words.closed(bank)}</span></p>
          <div class="actions">
            <button class="button button--primary" part="button" type="button" @click=${this.onContinue}>${words.tryAgain}</button>
            <button class="button" part="button" type="button" @click=${() => this.emit("enclave-link-choose-bank", {})}>${bankLinkMessages().recovery.chooseAnotherBank}</button>
          </div>`;
      case "error":
        return html`<p class="notice" part="error" role="alert">${alertIcon()}<span>${errorText(this.error, bank, words.failed(bank))}</span></p>
          <div class="actions">
            <button class="button button--primary" part="button" type="button" @click=${this.onContinue}>${words.tryAgain}</button>
          </div>`;
    }
  }

  private renderProgress(bank: string): TemplateResult | typeof nothing {
    const words = bankLinkMessages().oauth;
    switch (this.status) {
      case "starting":
        return html`<p class="progress"><span class="spinner"></span>${words.opening(bank)}</p>`;
      case "waiting":
      case "blocked":
        return html`<div class="waiting"><span class="spinner"></span><p class="waiting-title">${words.waiting(bank)}</p></div>`;
      default:
        return nothing;
    }
  }

  private readonly onContinue = (): void => {
    if (this.status === "starting") return;
    // Dispatched synchronously inside the click: the controller opens the popup while the
    // browser still counts this as the customer's gesture.
    this.emit("enclave-oauth-continue", {});
  };
}
