/**
 * The bank-link frame's controller: the only code that talks to the bridge and the API.
 * It gives the pure view (bank-link-view) one `BankLinkScreen` at a time, keeps the steps
 * behind it for "Back", and listens to the views' DOM events. The institution search
 * (institution-finder.ts) and the sign-in at the bank's own page (oauth-popup.ts) are
 * modules of their own. Credentials and verification codes go to the widget host's frame
 * API in one request each and are dropped when it returns: no event, result, error or log
 * carries them. An error's English `message` goes to the page in `error` (a developer
 * reads it); the screen gets only its code and words it in the customer's language.
 *
 *   load()            session                           → consent, `ready`, event "open"
 *   consent           popular institutions              → select_institution
 *   typing            search (debounced; late answers dropped)
 *   credentials bank  sign in → mfa_required → code → connected
 *   oauth bank        window.open (in the click) → start → popup.location
 *                     → status every second → connected | oauth_denied
 *                     (window closed by the customer → "Try again" / "Choose another bank")
 *   connected         select_accounts → accounts → success screen → "Done" → `success`
 *
 * Steps (`step` in `event` and `exit`): consent, select_institution, credentials, oauth,
 * mfa, select_accounts, success. `event` names: open, transition_view (each screen shown),
 * search_institution, select_institution, submit_credentials, submit_mfa, oauth_open,
 * oauth_denied, close_oauth, select_accounts, handoff, done, error — Plaid Link's, in our
 * snake_case.
 *
 * The page hears `success` when the customer presses "Done" on the success screen (Plaid
 * Link's success pane), not when the accounts are shared: a modal host closes on it, and
 * the customer must see where their accounts went first. Leaving the success screen any
 * other way (Escape, the host's `requestExit`) counts as "Done": the link is made, and the
 * page must get its public token.
 */
import type { LinkStepResponse } from "../../protocol/bank-link-api.js";
import { EnclaveError } from "../../protocol/errors.js";
import { FrameController, type ControllerEndpoint } from "../ui/frame-controller.js";
import type { BankLinkApi } from "./bank-link-client.js";
import type { EnclaveBankLinkView } from "./bank-link-view.js";
import type {
  AccountsChangeDetail,
  AccountsSubmitDetail,
  CredentialsInputDetail,
  CredentialsSubmitDetail,
  ExitAnswerDetail,
  InstitutionQueryDetail,
  InstitutionSelectDetail,
  MfaInputDetail,
  MfaSubmitDetail,
} from "./events.js";
import { AccountChoice, accountsScreen } from "./account-choice.js";
import { InstitutionFinder } from "./institution-finder.js";
import { moveOn, replaceLast } from "./link-history.js";
import { emptyAccounts, emptyCredentials, emptyMfa, emptyOAuth } from "./model.js";
import type { AccountsModel, BankLinkScreen, CredentialsModel, LinkProgressName, LinkStep, LinkSuccessDetail, MfaModel, StepScreen } from "./model.js";
import { OAuthPopup, type OpenWindow } from "./oauth-popup.js";
import { SignIn } from "./sign-in.js";

export type { BankLinkApi } from "./bank-link-client.js";
export type { LinkProgressName as ProgressName, LinkSuccessDetail } from "./model.js";

/** The parts of the bridge the controller uses (a fake in tests). */
export type BankLinkEndpoint = ControllerEndpoint<"bank-link">;

export interface BankLinkControllerOptions {
  clock?: () => Date;
  /** Pause after the last keystroke before the search request (ms). */
  searchDelayMs?: number;
  /** Time between two OAuth status checks (ms). */
  pollIntervalMs?: number;
  /** Time between two looks at whether the customer closed the bank's window (ms). */
  windowCheckMs?: number;
  /** How a popup is opened; `window.open` unless a test says otherwise. */
  openWindow?: OpenWindow;
}

export class BankLinkController extends FrameController<"bank-link", BankLinkScreen, LinkProgressName, LinkStep> {
  private api: BankLinkApi | undefined;
  /** The screens behind the current one, for "Back"; the last is the current one. */
  private history: StepScreen[] = [];
  private linked: LinkSuccessDetail | undefined;
  /** `success` went to the page ("Done"): it goes once. */
  private reported = false;
  private readonly finder: InstitutionFinder;
  private readonly oauth: OAuthPopup;
  private readonly signIn: SignIn;
  private readonly accounts: AccountChoice;

  constructor(
    private readonly view: EnclaveBankLinkView,
    endpoint: BankLinkEndpoint,
    options: BankLinkControllerOptions = {},
  ) {
    super(endpoint, { name: "loading" }, options.clock);
    this.finder = new InstitutionFinder(
      {
        api: () => this.api,
        changed: () => this.render(this.screen),
        failed: (reason) => this.reportError(reason, "select_institution"),
        searched: () => this.progress("search_institution", "select_institution"),
      },
      options.searchDelayMs ?? 250,
    );
    this.oauth = new OAuthPopup(
      {
        api: () => this.api,
        onScreen: () => (this.screen.name === "oauth" ? this.screen : undefined),
        signal: () => this.signal,
        setOAuth: (oauth) => this.patchStep("oauth", { oauth }),
        follow: (answer) => this.follow(answer),
        failed: (reason) => this.reportError(reason, "oauth"),
        progress: (name) => this.progress(name, "oauth"),
        focusStart: () => void this.view.focusStart(),
      },
      options.openWindow ?? ((url, target, features) => window.open(url, target, features)),
      options.pollIntervalMs ?? 1000,
      options.windowCheckMs,
    );
    this.signIn = new SignIn({
      api: () => this.api,
      screen: () => this.screen,
      signal: () => this.signal,
      patchCredentials: (changes) => this.updateCredentials(changes),
      patchMfa: (changes) => this.updateMfa(changes),
      requiresOAuth: (institution) => this.goTo({ name: "oauth", institution, oauth: emptyOAuth() }, (step) => step.name !== "credentials"),
      follow: (answer) => this.follow(answer),
      failed: (reason, step) => this.reportError(reason, step),
      progress: (name) => this.progress(name, name === "submit_mfa" ? "mfa" : "credentials"),
      focusStart: () => void this.view.focusStart(),
    });
    this.accounts = new AccountChoice({
      api: () => this.api,
      screen: () => this.screen,
      signal: () => this.signal,
      patchAccounts: (changes) => this.updateAccounts(changes),
      linked: (detail, success) => {
        // Kept for "Done": the page hears of it then (a modal host closes on it).
        this.linked = detail;
        this.goTo(success, () => false);
        this.progress("handoff", "success");
      },
      failed: (reason) => this.reportError(reason, "select_accounts"),
      progress: (name) => this.progress(name, "select_accounts"),
    });

    this.handleSharedMethods({ clear: () => this.restart(), focus: () => this.view.focusStart() });
    endpoint.handle("requestExit", () => {
      this.askToLeave();
      return {};
    });

    view.addEventListener("enclave-consent-accept", this.onConsent);
    view.addEventListener("enclave-institution-query", (event: CustomEvent<InstitutionQueryDetail>) => this.finder.query(event.detail.query));
    view.addEventListener("enclave-institution-retry", () => this.finder.retry());
    view.addEventListener("enclave-institution-select", this.onSelectInstitution);
    view.addEventListener("enclave-credentials-input", ({ detail }: CustomEvent<CredentialsInputDetail>) => this.updateCredentials(detail));
    view.addEventListener("enclave-credentials-submit", ({ detail }: CustomEvent<CredentialsSubmitDetail>) => void this.signIn.submitCredentials(detail.username, detail.password));
    view.addEventListener("enclave-oauth-continue", () => this.oauth.continue());
    view.addEventListener("enclave-oauth-reopen", () => this.oauth.reopen());
    view.addEventListener("enclave-mfa-input", ({ detail }: CustomEvent<MfaInputDetail>) => this.updateMfa(detail));
    view.addEventListener("enclave-mfa-submit", (event: CustomEvent<MfaSubmitDetail>) => void this.signIn.submitMfa(event.detail.code));
    view.addEventListener("enclave-mfa-restart", () => this.back());
    view.addEventListener("enclave-accounts-change", ({ detail }: CustomEvent<AccountsChangeDetail>) => this.updateAccounts(detail));
    view.addEventListener("enclave-accounts-submit", (event: CustomEvent<AccountsSubmitDetail>) => void this.accounts.submit(event.detail.selected));
    view.addEventListener("enclave-link-done", () => this.finish());
    view.addEventListener("enclave-link-choose-bank", () => {
      // Back to the bank list as it was (a dead end at this bank: locked, declined, window closed).
      this.goTo({ name: "select_institution" }, (step) => step.name === "consent");
      this.finder.open();
    });
    view.addEventListener("enclave-link-exit", () => this.leave());
    view.addEventListener("enclave-link-back", () => this.back());
    view.addEventListener("enclave-link-close", () => this.askToLeave());
    view.addEventListener("enclave-exit-answer", this.onExitAnswer);
  }

  /** The step the customer is on (the first one before the flow has started). */
  get step(): LinkStep {
    return this.history.at(-1)?.name ?? "consent";
  }

  /**
   * Resumes the bank-link session with `api` (a new one after each `init`, bound to its
   * token) and shows the consent screen. Rejects, and shows why, when it cannot be used.
   */
  async load(api: BankLinkApi): Promise<void> {
    this.api = api;
    this.linked = undefined;
    this.reported = false;
    this.history = [];
    this.finder.reset();
    this.view.exitConfirm = false;
    this.show({ name: "loading" });
    try {
      const { session, merchant } = await api.session();
      this.view.merchantName = merchant.name;
      this.view.products = session.products;
      this.goTo({ name: "consent" }, () => false, false);
      await this.view.updateComplete;
      this.endpoint.emit("ready", { flow: "bank-link" });
      this.progress("open", "consent");
    } catch (error) {
      const reason = EnclaveError.from(error);
      this.show({ name: "load_error", error: { code: reason.code } });
      throw reason;
    }
  }

  // ---- navigation -----------------------------------------------------------------

  /**
   * Draws `screen` on the view. The exit confirmation, if up, stays up: a step can change
   * under it (an OAuth sign-in finishing in the popup) without answering it for the customer.
   */
  protected override render(screen: BankLinkScreen): void {
    const view = this.view;
    view.screen = screen.name;
    view.loadError = screen.name === "load_error" ? screen.error : null;
    view.institution = "institution" in screen ? screen.institution : null;
    view.search = this.finder.model;
    // Only the screen on show has a sign-in model: nothing typed is kept on another.
    view.credentials = screen.name === "credentials" ? screen.credentials : emptyCredentials();
    view.oauth = screen.name === "oauth" ? screen.oauth : emptyOAuth();
    view.mfa = screen.name === "mfa" ? screen.mfa : emptyMfa();
    view.accounts = screen.name === "select_accounts" || screen.name === "success" ? screen.accounts : emptyAccounts();
    view.canGoBack = this.history.length > 1 && screen.name !== "success";
    if (screen.name === "success") view.exitConfirm = false;
  }

  /** What leaving a screen undoes: a pending search answer, the OAuth window and its polling. */
  protected override leaving(previous: BankLinkScreen): void {
    if (previous.name === "select_institution") this.finder.cancel();
    if (previous.name === "oauth") this.oauth.stop();
  }

  /** Shows `screen` on top of the steps `keep` keeps (all by default); typed secrets of the step left are dropped. */
  private goTo(screen: StepScreen, keep: (previous: StepScreen) => boolean = () => true, announce = true): void {
    this.history = moveOn(this.history, screen, keep);
    this.show(screen);
    if (!announce) return;
    this.progress("transition_view", screen.name);
    void this.view.focusStart();
  }

  private back(): void {
    const previous = this.history.at(-2);
    if (!previous || this.step === "success") return;
    this.history = this.history.slice(0, -1);
    this.show(previous);
    this.progress("transition_view", previous.name);
    void this.view.focusStart();
  }

  /** Changes the model of the step on show, and its place in the history. */
  private patchStep<Name extends StepScreen["name"]>(name: Name, changes: Partial<Extract<StepScreen, { name: Name }>>): void {
    if (!this.patch(name, changes)) return;
    const screen = this.screen;
    if (screen.name !== "loading" && screen.name !== "load_error") this.history = replaceLast(this.history, screen);
  }

  /** Back to consent with nothing kept (`clear`, and after the customer left). */
  private restart(): void {
    const name = this.screen.name;
    if (!this.api || name === "loading" || name === "load_error" || this.linked) return;
    this.finder.reset();
    this.history = [];
    this.renewSignal();
    this.view.exitConfirm = false;
    this.goTo({ name: "consent" }, () => false, false);
    this.progress("transition_view", "consent");
  }

  // ---- leaving --------------------------------------------------------------------

  /** "Close", Escape, or the host's `requestExit`: confirm first when there is progress to lose. */
  private askToLeave(): void {
    if (this.linked) {
      this.finish();
      return;
    }
    const name = this.screen.name;
    if (name === "loading" || name === "load_error") {
      this.leave();
      return;
    }
    if (this.view.exitConfirm) return;
    this.view.exitConfirm = true;
    void this.view.focusStart();
  }

  /** "Done" on the success screen: `success` for the page, once. */
  private finish(): void {
    if (!this.linked || this.reported) return;
    this.reported = true;
    this.progress("done", "success");
    this.endpoint.emit("success", this.linked);
  }

  private leave(): void {
    this.endpoint.emit("exit", { reason: "user_exit", step: this.step });
    // A later open() starts over, with nothing typed kept.
    this.restart();
  }

  private readonly onExitAnswer = (event: CustomEvent<ExitAnswerDetail>): void => {
    if (event.detail.leave) {
      this.leave();
      return;
    }
    this.view.exitConfirm = false;
    void this.view.focusStart();
  };

  // ---- consent and the institution --------------------------------------------------

  private readonly onConsent = (): void => {
    this.goTo({ name: "select_institution" });
    this.finder.open();
  };

  private readonly onSelectInstitution = (event: CustomEvent<InstitutionSelectDetail>): void => {
    const { institution } = event.detail;
    this.progress("select_institution", "select_institution");
    // A new institution starts with empty forms: nothing typed for one bank goes to another.
    this.goTo(institution.auth === "oauth" ? { name: "oauth", institution, oauth: emptyOAuth() } : { name: "credentials", institution, credentials: emptyCredentials() });
  };

  // ---- credentials and MFA ------------------------------------------------------------

  private updateCredentials(changes: Partial<CredentialsModel>): void {
    const screen = this.screen;
    if (screen.name === "credentials") this.patchStep("credentials", { credentials: { ...screen.credentials, ...changes } });
  }

  private updateMfa(changes: Partial<MfaModel>): void {
    const screen = this.screen;
    if (screen.name === "mfa") this.patchStep("mfa", { mfa: { ...screen.mfa, ...changes } });
  }

  /** Moves on from what the bank answered to a sign-in step. */
  private follow(answer: LinkStepResponse): void {
    const screen = this.screen;
    const institution = "institution" in screen ? screen.institution : undefined;
    switch (answer.status) {
      case "mfa_required":
        if (!institution) return;
        // The bank's `mfa.message` is English: the screen says where the code went in its own words.
        if (screen.name === "mfa") {
          this.patchStep("mfa", { mfa: { ...emptyMfa(), attemptsLeft: answer.mfa.attempts_left } });
          void this.view.focusStart();
        } else this.goTo({ name: "mfa", institution, mfa: { ...emptyMfa(), attemptsLeft: answer.mfa.attempts_left } });
        return;
      case "oauth_pending":
        if (!institution) return;
        if (screen.name !== "oauth") this.goTo({ name: "oauth", institution, oauth: emptyOAuth() });
        this.patchStep("oauth", { oauth: { status: "waiting", authorizationUrl: answer.authorization_url, error: null } });
        this.oauth.startPolling();
        return;
      case "oauth_denied":
        this.oauth.denied();
        return;
      case "connected":
        // Signed in: nothing of the sign-in is kept, not even the username. "Back" from the
        // accounts leads to the bank list, not into a finished sign-in.
        this.goTo(accountsScreen(answer, institution), (step) => step.name === "consent" || step.name === "select_institution");
        return;
    }
  }

  private updateAccounts(changes: Partial<AccountsModel>): void {
    const screen = this.screen;
    if (screen.name === "select_accounts") this.patchStep("select_accounts", { accounts: { ...screen.accounts, ...changes } });
  }

  // ---- what crosses the bridge ---------------------------------------------------------

  /** An error the customer sees: `error` for the page, and an `error` progress event at its step. */
  private reportError(error: EnclaveError, step: LinkStep): void {
    this.endpoint.emit("error", { code: error.code, message: error.message.slice(0, 500), retryable: error.retryable });
    this.progress("error", step);
  }
}
