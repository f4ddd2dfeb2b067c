import { html, nothing, type TemplateResult } from "lit";
import { live } from "lit/directives/live.js";
import { ErrorCode } from "../../protocol/errors.js";
import { busyButtonStyles } from "../ui/busy-button.styles.js";
import { formStyles } from "../ui/form.styles.js";
import { FrameElement } from "../ui/frame-element.js";
import { alertIcon } from "../ui/icons.js";
import { institutionLogo } from "../ui/institution-logo.js";
import { screenStyles } from "../ui/screen.styles.js";
import { bankLinkMessages, errorText } from "./messages.js";
import type { Institution, MfaModel, ScreenError } from "./model.js";
import { mfaScreenStyles } from "./mfa-screen.styles.js";
import type {} from "./events.js";

/**
 * @summary The bank's second factor: one verification-code field and "Submit". A wrong
 * code says how many attempts are left; after `mfa_locked` the field is closed and
 * "Sign in again" leads back to the credentials.
 *
 * @event enclave-mfa-input - The code changed. Detail: `{ code, attempted }` (frame-internal).
 * @event enclave-mfa-submit - Submitted with a code. Detail: `{ code }` (frame-internal).
 * @event enclave-mfa-restart - "Sign in again" after `mfa_locked`.
 *
 * @csspart container - The form.
 * @csspart label - The field's label.
 * @csspart input - The field.
 * @csspart error - The code's error.
 * @csspart button - "Submit" or "Sign in again".
 */
export class EnclaveLinkMfa extends FrameElement {
  static override styles = [formStyles, screenStyles, mfaScreenStyles, busyButtonStyles];

  static override properties = {
    institution: { attribute: false },
    code: { attribute: false },
    attemptsLeft: { type: Number, attribute: "attempts-left" },
    attempted: { type: Boolean },
    busy: { type: Boolean, reflect: true },
    error: { attribute: false },
    sandbox: { type: Boolean },
  };

  institution: Institution | null = null;
  code: MfaModel["code"] = "";
  attemptsLeft = 3;
  attempted = false;
  busy = false;
  /** `invalid_mfa_code`, `mfa_locked`, or another failure. */
  error: ScreenError | null = null;
  sandbox = false;

  private get locked(): boolean {
    return this.error?.code === ErrorCode.mfaLocked;
  }

  /** Focuses the code field, or "Sign in again" once the codes are locked. */
  focusStart(): void {
    this.renderRoot.querySelector<HTMLElement>(this.locked ? ".actions .button" : "#code")?.focus();
  }

  protected override render(): TemplateResult {
    const words = bankLinkMessages().mfa;
    const bank = this.institution?.name ?? "";
    const locked = this.locked;
    const error = this.errorText(bank);
    return html`<form class="form" part="container" novalidate aria-labelledby="title" aria-busy=${this.busy ? "true" : "false"} @submit=${this.onSubmit}>
      ${this.institution ? html`<p class="institution">${institutionLogo(this.institution.logo, 40)}<span>${this.institution.name}</span></p>` : nothing}
      <div class="screen">
        <h1 class="title" id="title" tabindex="-1">${words.title}</h1>
        <!-- The frame's own words: the API's mfa.message is English only. -->
        <p class="lede" id="message">${words.sentTo(bank)}</p>
      </div>
      <div class="field">
        <label class="label" part="label" for="code">${words.label}</label>
        <input
          id="code"
          class="input code"
          part="input"
          name="code"
          type="text"
          inputmode="numeric"
          autocomplete="one-time-code"
          autocorrect="off"
          spellcheck="false"
          maxlength="20"
          .value=${live(this.code)}
          ?disabled=${locked}
          aria-invalid=${error ? "true" : "false"}
          aria-describedby=${error ? "message code-error" : "message"}
          @input=${this.onInput}
        />
        <p id="code-error" class="error" part="error" role="alert">${error ? html`${alertIcon(16)} ${error}` : nothing}</p>
      </div>
      ${this.sandbox && !locked ? html`<p class="sandbox-hint">${words.sandboxHint}</p>` : nothing}
      <div class="actions">
        ${
          locked
            ? html`<button class="button button--primary" part="button" type="button" @click=${() => this.emit("enclave-mfa-restart", {})}>${words.signInAgain}</button>`
            : html`<button class="button button--primary" part="button" type="submit" aria-disabled=${this.busy ? "true" : "false"}>
              ${this.busy ? html`<span class="spinner"></span>` : nothing}${words.submit}
            </button>`
        }
      </div>
      <p class="status muted small" role="status">${this.busy ? words.checking : nothing}</p>
    </form>`;
  }

  /** The field's error: a missing code, a wrong one (with the attempts left), or the API's error in the customer's words. */
  private errorText(bank: string): string {
    if (this.attempted && this.code.trim() === "") return bankLinkMessages().mfa.missing;
    if (!this.error) return "";
    if (this.error.code === ErrorCode.invalidMfaCode) return bankLinkMessages().mfa.wrongCode(this.attemptsLeft);
    return errorText(this.error, bank);
  }

  private readonly onInput = (event: Event): void => {
    this.code = (event.target as HTMLInputElement).value;
    this.emit("enclave-mfa-input", { code: this.code, attempted: this.attempted });
  };

  private readonly onSubmit = (event: SubmitEvent): void => {
    event.preventDefault();
    if (this.busy || this.locked) return;
    const code = this.code.trim();
    if (code === "") {
      this.attempted = true;
      this.emit("enclave-mfa-input", { code: this.code, attempted: true });
      this.renderRoot.querySelector<HTMLInputElement>("#code")?.focus();
      return;
    }
    this.emit("enclave-mfa-submit", { code });
  };
}
