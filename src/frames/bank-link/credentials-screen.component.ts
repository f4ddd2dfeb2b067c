import { html, nothing, type TemplateResult } from "lit";
import { live } from "lit/directives/live.js";
import { ErrorCode } from "../../protocol/errors.js";
import { busyButtonStyles } from "../ui/busy-button.styles.js";
import { formStyles } from "../ui/form.styles.js";
import { FrameElement } from "../ui/frame-element.js";
import { alertIcon, eyeIcon, eyeOffIcon } from "../ui/icons.js";
import { institutionLogo } from "../ui/institution-logo.js";
import { screenStyles } from "../ui/screen.styles.js";
import { credentialsScreenStyles } from "./credentials-screen.styles.js";
import { bankLinkMessages, errorText } from "./messages.js";
import type { CredentialsModel, Institution, ScreenError } from "./model.js";
import type {} from "./events.js";

/**
 * @summary Signing in to an institution with a username and password, as a pure view.
 *
 * The fields are controlled: every keystroke updates `username` / `password` and is
 * reported with `enclave-credentials-input`, and "Submit" reports both with
 * `enclave-credentials-submit` — events that never leave the frame. The controller empties
 * `password` as soon as its request returns. Errors are tied to the fields
 * (`aria-describedby`, `aria-invalid`) and announced (`role="alert"`).
 *
 * A locked account (`item_locked`) is a dead end here: the fields close, and "Submit" gives
 * way to "Choose another bank" and "Exit" (as Plaid Link's locked pane does).
 *
 * @event enclave-credentials-input - A field or the password's visibility changed. Detail: `{ username, password, showPassword, attempted }`.
 * @event enclave-credentials-submit - Submitted with both fields filled. Detail: `{ username, password }`.
 * @event enclave-link-choose-bank - "Choose another bank" on a locked account.
 * @event enclave-link-exit - "Exit" on a locked account.
 *
 * @csspart container - The form.
 * @csspart label - Each field's label.
 * @csspart input - Each field.
 * @csspart error - Field errors and the sign-in error.
 * @csspart button - "Show password" and "Submit" (or, when locked, "Choose another bank" and "Exit").
 */
export class EnclaveLinkCredentials extends FrameElement {
  static override styles = [formStyles, screenStyles, credentialsScreenStyles, busyButtonStyles];

  static override properties = {
    institution: { attribute: false },
    username: {},
    password: { attribute: false },
    showPassword: { type: Boolean, attribute: "show-password" },
    attempted: { type: Boolean },
    busy: { type: Boolean, reflect: true },
    error: { attribute: false },
    sandbox: { type: Boolean },
  };

  institution: Institution | null = null;
  username: CredentialsModel["username"] = "";
  password: CredentialsModel["password"] = "";
  /** Shows the password as text. */
  showPassword = false;
  /** A submit found an empty field: the fields' own errors show. */
  attempted = false;
  /** The sign-in request is on its way: submitting again does nothing. */
  busy = false;
  /** What the bank answered (`invalid_credentials`, `item_locked`, …). */
  error: ScreenError | null = null;
  /** Shows the sandbox's test credentials. */
  sandbox = false;

  private get locked(): boolean {
    return this.error?.code === ErrorCode.itemLocked;
  }

  /**
   * Focuses the first field that needs the customer: the username, or the password when
   * the username is there (after a wrong password: the password, emptied, to type again).
   * On a locked account, "Choose another bank".
   */
  focusStart(): void {
    if (this.locked) {
      this.renderRoot.querySelector<HTMLButtonElement>(".actions .button")?.focus();
      return;
    }
    const id = this.username.trim() === "" ? "username" : "password";
    this.renderRoot.querySelector<HTMLInputElement>(`#${id}`)?.focus();
  }

  protected override render(): TemplateResult {
    const words = bankLinkMessages().credentials;
    const bank = this.institution?.name ?? "";
    const usernameError = this.attempted && this.username.trim() === "" ? words.usernameMissing : "";
    const passwordError = this.attempted && this.password === "" ? words.passwordMissing : "";
    const formError = this.error ? errorText(this.error, bank) : "";
    const rejected = this.error?.code === ErrorCode.invalidCredentials;
    const locked = this.locked;
    return html`<form class="form" part="container" novalidate aria-labelledby="title" aria-busy=${this.busy ? "true" : "false"} @submit=${this.onSubmit}>
      ${this.institution ? html`<p class="institution">${institutionLogo(this.institution.logo, 40)}<span>${this.institution.name}</span></p>` : nothing}
      <div class="screen">
        <h1 class="title" id="title" tabindex="-1">${words.title(bank)}</h1>
        <p class="lede">${words.lede(bank)}</p>
      </div>

      <div class="field">
        <label class="label" part="label" for="username">${words.username}</label>
        <input
          id="username"
          class="input"
          part="input"
          name="username"
          type="text"
          autocomplete="username"
          autocapitalize="none"
          autocorrect="off"
          spellcheck="false"
          maxlength="200"
          ?disabled=${locked}
          .value=${live(this.username)}
          aria-invalid=${usernameError || rejected ? "true" : "false"}
          aria-describedby=${describedBy(usernameError && "username-error", formError && "form-error")}
          @input=${this.onInput}
        />
        <p id="username-error" class="error" part="error" role="alert">${usernameError}</p>
      </div>

      <div class="field">
        <label class="label" part="label" for="password">${words.password}</label>
        <div class="control">
          <input
            id="password"
            class="input"
            part="input"
            name="password"
            type=${this.showPassword ? "text" : "password"}
            autocomplete="current-password"
            autocapitalize="none"
            autocorrect="off"
            spellcheck="false"
            maxlength="200"
            ?disabled=${locked}
            .value=${live(this.password)}
            aria-invalid=${passwordError || rejected ? "true" : "false"}
            aria-describedby=${describedBy(passwordError && "password-error", formError && "form-error")}
            @input=${this.onInput}
          />
          <!-- Named by its text, not aria-label, so a label search for "Password" finds the field only. -->
          ${
            locked
              ? nothing
              : html`<button class="toggle" part="button" type="button" aria-pressed=${this.showPassword ? "true" : "false"} aria-controls="password" @click=${this.onToggle}>
                ${this.showPassword ? eyeOffIcon() : eyeIcon()}<span class="visually-hidden">${words.showPassword}</span>
              </button>`
          }
        </div>
        <p id="password-error" class="error" part="error" role="alert">${passwordError}</p>
      </div>

      <p id="form-error" class="notice" part="error" role="alert">${formError ? html`${alertIcon()}<span>${formError}</span>` : nothing}</p>
      ${this.sandbox && !locked ? html`<p class="sandbox-hint">${words.sandboxHint}</p>` : nothing}

      <div class="actions">${locked ? this.renderWaysOut() : this.renderSubmit()}</div>
      <p class="status muted small" role="status">${this.busy ? words.connecting(bank) : ""}</p>
    </form>`;
  }

  private renderSubmit(): TemplateResult {
    return html`<button class="button button--primary" part="button" type="submit" aria-disabled=${this.busy ? "true" : "false"}>
      ${this.busy ? html`<span class="spinner"></span>` : nothing}${bankLinkMessages().credentials.submit}
    </button>`;
  }

  /** A locked account cannot be signed in to from here: another bank, or leave. */
  private renderWaysOut(): TemplateResult {
    const words = bankLinkMessages().recovery;
    return html`<button class="button button--primary" part="button" type="button" @click=${() => this.emit("enclave-link-choose-bank", {})}>${words.chooseAnotherBank}</button>
      <button class="button" part="button" type="button" @click=${() => this.emit("enclave-link-exit", {})}>${words.exit}</button>`;
  }

  private report(): void {
    this.emit("enclave-credentials-input", { username: this.username, password: this.password, showPassword: this.showPassword, attempted: this.attempted });
  }

  private readonly onInput = (event: Event): void => {
    const input = event.target as HTMLInputElement;
    if (input.id === "username") this.username = input.value;
    else this.password = input.value;
    this.report();
  };

  private readonly onToggle = (): void => {
    this.showPassword = !this.showPassword;
    this.report();
  };

  private readonly onSubmit = (event: SubmitEvent): void => {
    event.preventDefault();
    if (this.busy || this.locked) return;
    const missing = this.username.trim() === "" ? "username" : this.password === "" ? "password" : undefined;
    if (missing) {
      this.attempted = true;
      this.report();
      this.renderRoot.querySelector<HTMLInputElement>(`#${missing}`)?.focus();
      return;
    }
    this.emit("enclave-credentials-submit", { username: this.username, password: this.password });
  };
}

/** The ids of what describes a field, or no attribute at all. */
function describedBy(...ids: (string | false)[]): string | typeof nothing {
  const list = ids.filter(Boolean).join(" ");
  return list || nothing;
}
