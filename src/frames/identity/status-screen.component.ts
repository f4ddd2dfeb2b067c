import { html, nothing, svg, type TemplateResult } from "lit";
import { formStyles } from "../ui/form.styles.js";
import { alertIcon, checkCircleIcon } from "../ui/icons.js";
import { screenStyles } from "../ui/screen.styles.js";
import { identityScreenStyles } from "./identity-screen.styles.js";
import { identityErrorMessage, identityMessages } from "./messages.js";
import type { RequiresInputReason } from "./model.js";
import { IdentityScreenElement } from "./screen-element.js";
import { statusScreenStyles } from "./status-screen.styles.js";
import type {} from "./events.js";

/**
 * - `loading`: the session is being resumed;
 * - `unavailable`: the flow cannot start; `errorCode` says why;
 * - `processing`: the photos are being verified (the controller polls);
 * - `verified`: verified; "Done" ends the flow (only then does the page hear of it);
 * - `requires_input`: not verified; `reason` says why in plain words, "Try again" starts over;
 * - `phone_done`: the phone's part is done;
 * - `phone_invalid`: the phone's link was refused; `errorCode` says why.
 */
export type StatusKind = "loading" | "unavailable" | "processing" | "verified" | "requires_input" | "phone_done" | "phone_invalid";
export const statusKinds: readonly StatusKind[] = ["loading", "unavailable", "processing", "verified", "requires_input", "phone_done", "phone_invalid"];

const phoneIcon = svg`<svg class="icon" viewBox="0 0 24 24" width="48" height="48" aria-hidden="true" focusable="false" fill="none" stroke="currentColor" stroke-width="1.5" stroke-linecap="round" stroke-linejoin="round"><rect x="6.5" y="2.5" width="11" height="19" rx="2" /><path d="M11 18h2" /><path d="M9.5 10.5l2 2 3.5-4" /></svg>`;

/**
 * @summary The identity flow's waiting and ending screens: loading, processing (announced
 * politely while the controller polls), verified, not verified (with a plain-words reason
 * and "Try again"), the phone's "All done", and the screens for a flow that cannot start.
 *
 * @event enclave-identity-try-again - "Try again" after a verification that did not pass.
 * @event enclave-identity-done - "Done" after "You're verified".
 *
 * @csspart container - The screen.
 * @csspart button - "Try again", "Done".
 */
export class EnclaveIdentityStatus extends IdentityScreenElement {
  static override styles = [formStyles, screenStyles, identityScreenStyles, statusScreenStyles];

  static override properties = {
    kind: { reflect: true },
    merchantName: { attribute: "merchant-name" },
    reason: {},
    errorCode: { attribute: "error-code" },
  };

  kind: StatusKind = "loading";
  merchantName = "";
  /** Why a verification did not pass (`requires_input`). */
  reason: RequiresInputReason = "other";
  /** What went wrong (`unavailable`, `phone_invalid`), as an error code: the words are chosen here. */
  errorCode = "";

  protected override render(): TemplateResult {
    const strings = identityMessages().status;
    // One polite region for all of it: processing and its outcome replace each other in
    // place, so the outcome is announced as it arrives.
    return html`<section class="screen result" part="container" aria-labelledby="title">
      <div class="result-body" role="status">${this.renderBody()}</div>
      ${
        this.kind === "requires_input"
          ? html`<div class="actions">
            <button class="button button--primary" part="button" type="button" @click=${() => this.emit("enclave-identity-try-again", {})}>${strings.tryAgain}</button>
          </div>`
          : nothing
      }
      ${
        this.kind === "verified"
          ? html`<div class="actions">
            <button class="button button--primary" part="button" type="button" @click=${() => this.emit("enclave-identity-done", {})}>${strings.done}</button>
          </div>`
          : nothing
      }
    </section>`;
  }

  private renderBody(): TemplateResult {
    const messages = identityMessages();
    const strings = messages.status;
    const merchant = this.merchantName || messages.someMerchant;
    switch (this.kind) {
      case "loading":
        return html`<span class="spinner spinner--large"></span>
          <h1 class="title" id="title" tabindex="-1">${strings.loading}</h1>`;
      case "unavailable":
        return html`<span class="mark mark--danger">${alertIcon(40)}</span>
          <h1 class="title" id="title" tabindex="-1">${strings.unavailableTitle}</h1>
          <p class="lede">${identityErrorMessage(this.errorCode)}</p>`;
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
          <p class="lede">${strings.requiresInput[this.reason]}</p>`;
      case "phone_done":
        return html`<span class="mark">${phoneIcon}</span>
          <h1 class="title" id="title" tabindex="-1">${strings.phoneDoneTitle}</h1>
          <p class="lede">${strings.phoneDone}</p>`;
      case "phone_invalid":
        return html`<span class="mark mark--danger">${alertIcon(40)}</span>
          <h1 class="title" id="title" tabindex="-1">${strings.phoneInvalidTitle}</h1>
          <p class="lede">${identityErrorMessage(this.errorCode)} ${strings.phoneInvalid}</p>`;
    }
  }
}
