import { html, type PropertyValues, type TemplateResult } from "lit";
import { formStyles } from "../ui/form.styles.js";
import { FrameElement } from "../ui/frame-element.js";
import { alertIcon } from "../ui/icons.js";
import { LaterScreens, type LaterScreen } from "../ui/later-screens.js";
import "../ui/modal-header.js";
import type {} from "../ui/modal-leave.js";
import { screenStyles } from "../ui/screen.styles.js";
import { bankLinkViewStyles } from "./bank-link-view.styles.js";
import "./consent-screen.js";
import "./institution-search.js";
import { bankLinkMessages, errorText } from "./messages.js";
import {
  emptyAccounts,
  emptyCredentials,
  emptyMfa,
  emptyOAuth,
  emptySearch,
  type AccountsModel,
  type BankLinkProduct,
  type CredentialsModel,
  type Institution,
  type LinkScreen,
  type MfaModel,
  type OAuthModel,
  type ScreenError,
  type SearchModel,
} from "./model.js";
import { bankLinkStep } from "./steps.js";
import type {} from "./events.js";

/**
 * The screens after the bank is chosen, each a chunk of its own (ui/later-screens.ts):
 * consent and the search are the frame's first load.
 */
const laterScreens = {
  credentials: { tag: "enclave-link-credentials", load: () => import("./credentials-screen.js") },
  oauth: { tag: "enclave-link-oauth", load: () => import("./oauth-screen.js") },
  mfa: { tag: "enclave-link-mfa", load: () => import("./mfa-screen.js") },
  select_accounts: { tag: "enclave-account-select", load: () => import("./account-select.js") },
  success: { tag: "enclave-link-success", load: () => import("./success-screen.js") },
} satisfies Partial<Record<LinkScreen, LaterScreen>>;

/** "Leave?" (the shared ui/modal-leave), shown only when the customer closes: loaded then (or at their first touch). */
const leaveQuestion = { exit: { tag: "enclave-modal-leave", load: () => import("../ui/modal-leave.js") } };

/** What every screen element offers the frame around it. */
interface ScreenElement extends HTMLElement {
  updateComplete: Promise<boolean>;
  focusStart(): void;
}

/**
 * @summary The bank-link frame's whole UI as a pure view: the modal header every modal
 * flow shares (ui/modal-header: "Back", the step, "Close"), and the screen `screen` names,
 * drawn from the models the controller (bank-link-controller.ts) sets. Any screen in any
 * state can be shown without a server.
 *
 * While `exitConfirm` is set, the shared leave confirmation (ui/modal-leave) stands in for
 * the screen; the screen's model is untouched, so "Stay" shows it exactly as it was.
 *
 * Escape anywhere in the frame's document that no control has used asks to leave (as
 * "Close" does), or, on the exit confirmation, means "Stay", or, on the success screen,
 * means "Done".
 *
 * @event enclave-link-back - "Back".
 * @event enclave-link-close - "Close", or Escape.
 * @event enclave-exit-answer - From the exit confirmation (Escape there: `{ leave: false }`).
 * @event enclave-link-done - "Done" on the success screen, or Escape there.
 * @event enclave-consent-accept, enclave-institution-*, enclave-credentials-*, enclave-oauth-*, enclave-mfa-*, enclave-accounts-*, enclave-link-choose-bank, enclave-link-exit - From the screens (see each).
 *
 * @csspart container - The frame and each screen.
 * @csspart button - "Back", "Close" and the screens' buttons.
 * @csspart label - The screens' labels.
 * @csspart input - The screens' fields.
 * @csspart error - The screens' errors.
 */
export class EnclaveBankLinkView extends FrameElement {
  static override styles = [formStyles, screenStyles, bankLinkViewStyles];

  static override properties = {
    screen: { reflect: true },
    exitConfirm: { type: Boolean, attribute: "exit-confirm", reflect: true },
    canGoBack: { type: Boolean, attribute: "can-go-back" },
    merchantName: { attribute: "merchant-name" },
    products: { attribute: false },
    sandbox: { type: Boolean },
    loadError: { attribute: false },
    institution: { attribute: false },
    search: { attribute: false },
    credentials: { attribute: false },
    oauth: { attribute: false },
    mfa: { attribute: false },
    accounts: { attribute: false },
  };

  screen: LinkScreen = "loading";
  /** Shows "Leave without connecting your bank?" in place of the screen. */
  exitConfirm = false;
  /** Shows "Back" (the controller knows whether there is a screen to go back to). */
  canGoBack = false;
  merchantName = "";
  products: BankLinkProduct[] = ["accounts"];
  /** Shows the sandbox's test credentials and code. */
  sandbox = false;
  /** Why the flow cannot start (`load_error`): its code picks the words. */
  loadError: ScreenError | null = null;
  /** The institution chosen, for every screen after the search. */
  institution: Institution | null = null;
  search: SearchModel = emptySearch();
  credentials: CredentialsModel = emptyCredentials();
  oauth: OAuthModel = emptyOAuth();
  mfa: MfaModel = emptyMfa();
  accounts: AccountsModel = emptyAccounts();

  private readonly laterScreens = new LaterScreens(this, laterScreens);
  private readonly laterLeave = new LaterScreens(this, leaveQuestion);

  /** Moves focus to where the current screen starts (its first control; "Stay" on the exit confirmation). */
  async focusStart(): Promise<void> {
    await this.updateComplete;
    const screen = this.renderRoot.querySelector<ScreenElement>("[data-screen]");
    if (screen) {
      await screen.updateComplete;
      screen.focusStart();
      return;
    }
    this.renderRoot.querySelector("enclave-modal-header")?.focusClose();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has("screen")) this.laterScreens.show(this.screen);
    if (changed.has("exitConfirm") && this.exitConfirm) this.laterLeave.show("exit");
  }

  protected override async getUpdateComplete(): Promise<boolean> {
    // A later screen's element is defined once its chunk is in; then it has rendered.
    const complete = await super.getUpdateComplete();
    await Promise.all([this.laterScreens.settled(), this.laterLeave.settled()]);
    return complete;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // The whole document, not just this element: Escape pressed with nothing focused (the
    // frame itself has focus) must ask too. A cross-origin frame's keys never reach the
    // page, so the page's dialog cannot see this Escape: the frame answers it here.
    this.ownerDocument.addEventListener("keydown", this.onKeydown);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.ownerDocument.removeEventListener("keydown", this.onKeydown);
  }

  protected override render(): TemplateResult {
    const words = bankLinkMessages().frame;
    const showBack = this.canGoBack && !this.exitConfirm && this.screen !== "success";
    // After success there is nothing to leave: the flow has ended and the page has its result.
    const showClose = !this.exitConfirm && this.screen !== "success";
    const step = this.exitConfirm ? null : bankLinkStep(this.screen);
    return html`<div class="frame" part="container">
      <enclave-modal-header
        exportparts="button"
        .brand=${words.brand}
        .step=${step ? words.step(step.step, step.total) : ""}
        .backLabel=${words.back}
        .closeLabel=${words.close}
        .showBack=${showBack}
        .showClose=${showClose}
        @enclave-modal-back=${() => this.emit("enclave-link-back", {})}
        @enclave-modal-close=${() => this.emit("enclave-link-close", {})}
      ></enclave-modal-header>
      <div class="body">${this.exitConfirm ? this.renderExitConfirm() : this.renderScreen()}</div>
    </div>`;
  }

  private renderExitConfirm(): TemplateResult {
    const words = bankLinkMessages().exit;
    return html`<enclave-modal-leave
      data-screen
      exportparts="container, button"
      .heading=${words.title}
      .text=${words.text(this.merchantName)}
      .leaveLabel=${words.leave}
      .stayLabel=${words.stay}
      @enclave-modal-leave-answer=${(event: CustomEvent<{ leave: boolean }>) => this.emit("enclave-exit-answer", event.detail)}
    ></enclave-modal-leave>`;
  }

  private renderScreen(): TemplateResult {
    const words = bankLinkMessages().frame;
    switch (this.screen) {
      case "loading":
        return html`<div class="skeleton" role="status" aria-label=${words.loading}>
          <div class="skeleton-bar skeleton-bar--short"></div>
          <div class="skeleton-bar"></div>
          <div class="skeleton-bar"></div>
        </div>`;
      case "load_error":
        return html`<div class="load-error">
          <p class="notice" part="error" role="alert">${alertIcon()}<span>${errorText(this.loadError, "", words.loadFailed)}</span></p>
        </div>`;
      case "consent":
        return html`<enclave-link-consent data-screen exportparts="container, button" .merchantName=${this.merchantName} .products=${this.products}></enclave-link-consent>`;
      case "select_institution":
        return html`<enclave-institution-search
          data-screen
          exportparts="container, label, input, button, error"
          .query=${this.search.query}
          .status=${this.search.status}
          .results=${this.search.results}
          .popular=${this.search.popular}
          .popularStatus=${this.search.popularStatus}
          .error=${this.search.error}
        ></enclave-institution-search>`;
      case "credentials":
        return html`<enclave-link-credentials
          data-screen
          exportparts="container, label, input, button, error"
          .institution=${this.institution}
          .username=${this.credentials.username}
          .password=${this.credentials.password}
          .showPassword=${this.credentials.showPassword}
          .attempted=${this.credentials.attempted}
          .busy=${this.credentials.busy}
          .error=${this.credentials.error}
          .sandbox=${this.sandbox}
        ></enclave-link-credentials>`;
      case "oauth":
        return html`<enclave-link-oauth
          data-screen
          exportparts="container, button, error"
          .institution=${this.institution}
          .status=${this.oauth.status}
          .authorizationUrl=${this.oauth.authorizationUrl}
          .error=${this.oauth.error}
        ></enclave-link-oauth>`;
      case "mfa":
        return html`<enclave-link-mfa
          data-screen
          exportparts="container, label, input, button, error"
          .institution=${this.institution}
          .code=${this.mfa.code}
          .attemptsLeft=${this.mfa.attemptsLeft}
          .attempted=${this.mfa.attempted}
          .busy=${this.mfa.busy}
          .error=${this.mfa.error}
          .sandbox=${this.sandbox}
        ></enclave-link-mfa>`;
      case "select_accounts":
        return html`<enclave-account-select
          data-screen
          exportparts="container, input, button, error"
          .institution=${this.institution}
          .merchantName=${this.merchantName}
          .accounts=${this.accounts.accounts}
          .selected=${this.accounts.selected}
          .attempted=${this.accounts.attempted}
          .busy=${this.accounts.busy}
          .error=${this.accounts.error}
        ></enclave-account-select>`;
      case "success":
        return html`<enclave-link-success
          data-screen
          exportparts="container, button"
          .institution=${this.institution}
          .merchantName=${this.merchantName}
          .accountCount=${this.accounts.selected.length}
        ></enclave-link-success>`;
    }
  }

  private readonly onKeydown = (event: KeyboardEvent): void => {
    // A control that used Escape (the search box clearing itself) has called preventDefault().
    if (event.key !== "Escape" || event.defaultPrevented) return;
    if (this.exitConfirm) {
      event.preventDefault();
      this.emit("enclave-exit-answer", { leave: false });
    } else if (this.screen !== "success") {
      event.preventDefault();
      this.emit("enclave-link-close", {});
    } else {
      // Nothing to lose after success: Escape is "Done", which hands the page its result.
      event.preventDefault();
      this.emit("enclave-link-done", {});
    }
  };
}
