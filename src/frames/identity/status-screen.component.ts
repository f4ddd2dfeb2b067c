import { html, nothing, svg, type TemplateResult } from "lit";
import { formStyles } from "../ui/form.styles.js";
import { alertIcon, checkCircleIcon } from "../ui/icons.js";
import { screenStyles } from "../ui/screen.styles.js";
import { requiresInputMessages, someMerchant, type RequiresInputReason } from "./copy.js";
import { identityScreenStyles } from "./identity-screen.styles.js";
import { IdentityScreenElement } from "./screen-element.js";
import { statusScreenStyles } from "./status-screen.styles.js";
import type {} from "./events.js";

/**
 * - `loading`: the session is being resumed;
 * - `unavailable`: the flow cannot start; `message` says why;
 * - `processing`: the photos are being verified (the controller polls);
 * - `verified`: done;
 * - `requires_input`: not verified; `reason` says why in plain words, "Try again" starts over;
 * - `phone_done`: the phone's part is done;
 * - `phone_invalid`: the phone's link was refused; `message` says why.
 */
export type StatusKind = "loading" | "unavailable" | "processing" | "verified" | "requires_input" | "phone_done" | "phone_invalid";
export const statusKinds: readonly StatusKind[] = ["loading", "unavailable", "processing", "verified", "requires_input", "phone_done", "phone_invalid"];

/** Every word this screen shows (the requires_input explanations are in copy.ts). */
const strings = {
  loading: "Loading…",
  unavailableTitle: "Verification isn't available",
  unavailable: "This verification can't be shown right now.",
  processingTitle: "Verifying your identity…",
  processing: "This usually takes a few seconds. Keep this window open.",
  verifiedTitle: "You're verified",
  verified: (merchant: string) => `Thanks. ${merchant} has been told that your identity is confirmed.`,
  requiresInputTitle: "We couldn't verify you",
  tryAgain: "Try again",
  phoneDoneTitle: "All done — return to your computer",
  phoneDone: "Your photos were sent securely. Continue on your computer; you can close this page.",
  phoneInvalidTitle: "This link can't be used",
  phoneInvalid: "On your computer, choose “Continue on your phone” again to get a new code.",
};

const phoneIcon = svg`<svg class="icon" viewBox="0 0 24 24" width="48" height="48" aria-hidden="true" focusable="false" fill="none" stroke="currentColor" stroke-width="1.5" stroke-linecap="round" stroke-linejoin="round"><rect x="6.5" y="2.5" width="11" height="19" rx="2" /><path d="M11 18h2" /><path d="M9.5 10.5l2 2 3.5-4" /></svg>`;

/**
 * @summary The identity flow's waiting and ending screens: loading, processing (announced
 * politely while the controller polls), verified, not verified (with a plain-words reason
 * and "Try again"), the phone's "All done", and the screens for a flow that cannot start.
 *
 * @event enclave-identity-try-again - "Try again" after a verification that did not pass.
 *
 * @csspart container - The screen.
 * @csspart button - "Try again".
 */
export class EnclaveIdentityStatus extends IdentityScreenElement {
  static override styles = [formStyles, screenStyles, identityScreenStyles, statusScreenStyles];

  static override properties = {
    kind: { reflect: true },
    merchantName: { attribute: "merchant-name" },
    reason: {},
    message: {},
  };

  kind: StatusKind = "loading";
  merchantName = "";
  /** Why a verification did not pass (`requires_input`). */
  reason: RequiresInputReason = "other";
  /** What went wrong (`unavailable`, `phone_invalid`), in the service's words. */
  message = "";

  protected override render(): TemplateResult {
    // One polite region for all of it: processing and its outcome replace each other in
    // place, so the outcome is announced as it arrives.
    return html`<section class="screen result" part="container" aria-labelledby="title">
      <div class="result-body" role="status">${this.renderBody()}</div>
      ${this.kind === "requires_input"
        ? html`<div class="actions">
            <button class="button button--primary" part="button" type="button" @click=${() => this.emit("enclave-identity-try-again", {})}>${strings.tryAgain}</button>
          </div>`
        : nothing}
    </section>`;
  }

  private renderBody(): TemplateResult {
    const merchant = this.merchantName || someMerchant;
    switch (this.kind) {
      case "loading":
        return html`<span class="spinner spinner--large"></span>
          <h1 class="title" id="title" tabindex="-1">${strings.loading}</h1>`;
      case "unavailable":
        return html`<span class="mark mark--danger">${alertIcon(40)}</span>
          <h1 class="title" id="title" tabindex="-1">${strings.unavailableTitle}</h1>
          <p class="lede">${this.message || strings.unavailable}</p>`;
      case "processing":
        return html`<span class="spinner spinner--large"></span>
          <h1 class="title" id="title" tabindex="-1">${strings.processingTitle}</h1>
          <p class="lede">${strings.processing}</p>`;
      case "verified":
        return html`<span class="mark">${checkCircleIcon(48)}</span>
          <h1 class="title" id="title" tabindex="-1">${strings.verifiedTitle}</h1>
          <p class="lede">${strings.verified(merchant)}</p>`;
      case "requires_input":
        return html`<span class="mark mark--danger">${alertIcon(40)}</span>
          <h1 class="title" id="title" tabindex="-1">${strings.requiresInputTitle}</h1>
          <p class="lede">${requiresInputMessages[this.reason]}</p>`;
      case "phone_done":
        return html`<span class="mark">${phoneIcon}</span>
          <h1 class="title" id="title" tabindex="-1">${strings.phoneDoneTitle}</h1>
          <p class="lede">${strings.phoneDone}</p>`;
      case "phone_invalid":
        return html`<span class="mark mark--danger">${alertIcon(40)}</span>
          <h1 class="title" id="title" tabindex="-1">${strings.phoneInvalidTitle}</h1>
          <p class="lede">${this.message} ${strings.phoneInvalid}</p>`;
    }
  }
}
