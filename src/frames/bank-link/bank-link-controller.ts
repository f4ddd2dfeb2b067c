/**
 * The bank-link frame's controller: the only code that talks to the bridge and the API.
 * It keeps the screens' models on the pure view (bank-link-view), moves between steps,
 * and listens to the views' DOM events. Credentials and verification codes go to the
 * widget host's frame API in one request each and are dropped when it returns: no event,
 * result, error or log carries them. An error's English `message` goes to the page in
 * `error` (a developer reads it); the screen gets only its code and words it in the
 * customer's language (messages.ts).
 *
 *   load()            GET  /v1/frame/session                         → consent, `ready`, event "open"
 *   consent           GET  …/institutions?popular=true               → select_institution
 *   typing            GET  …/institutions?query=…  (debounced; late answers dropped)
 *   credentials bank  POST …/credentials → mfa_required → POST …/mfa → connected
 *   oauth bank        window.open (in the click) → POST …/oauth/start → popup.location
 *                     → GET …/oauth/status every second → connected | oauth_denied
 *   connected         select_accounts → POST …/accounts → `success`, success screen
 *
 * Steps (`step` in `event` and `exit`): consent, select_institution, credentials, oauth,
 * mfa, select_accounts, success. `event` names: open, transition_view (each screen shown),
 * search_institution, select_institution, submit_credentials, submit_mfa, oauth_open,
 * oauth_denied, select_accounts, handoff, done, error — Plaid Link's, in our snake_case.
 */
import type { FrameBankLinkSession, InstitutionSearchResponse, LinkStepResponse, LinkSuccessResponse } from "../../protocol/bank-link-api.js";
import { EnclaveError, ErrorCode } from "../../protocol/errors.js";
import type { SuccessDetail } from "../../protocol/events.js";
import type { ParentEndpoint } from "../frame-shell.js";
import { safeUrl } from "../ui/safe-url.js";
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
import { emptyAccounts, emptyCredentials, emptyMfa, emptyOAuth, emptySearch, type LinkStep, type ScreenError } from "./model.js";

const base = "/v1/frame/bank_link";
export const bankLinkPaths = {
  institutions: `${base}/institutions`,
  credentials: `${base}/credentials`,
  mfa: `${base}/mfa`,
  oauthStart: `${base}/oauth/start`,
  oauthStatus: `${base}/oauth/status`,
  accounts: `${base}/accounts`,
} as const;

// The whole popular grid at once; search results stay short enough to need no scrolling box
// (the frame grows instead, and the page's dialog scrolls if it must).
const popularLimit = 12;
const searchLimit = 10;

/** The parts of the bridge the controller uses (a fake in tests). */
export type BankLinkEndpoint = Pick<ParentEndpoint, "emit" | "handle">;

/** The parts of FrameApi the controller uses (a fake in tests). */
export interface BankLinkApi {
  /** The session as the API returns it; checked here to be a bank-link session. */
  getSession(): Promise<unknown>;
  request<T>(method: string, path: string, body?: unknown): Promise<T>;
}

/** Progress names sent as `event`, with the step they belong to. */
export type ProgressName =
  | "open"
  | "transition_view"
  | "search_institution"
  | "select_institution"
  | "submit_credentials"
  | "submit_mfa"
  | "oauth_open"
  | "oauth_denied"
  | "select_accounts"
  | "handoff"
  | "done"
  | "error";

/** The bank-link form of `success` (and what the frame keeps once linked). */
export type LinkSuccessDetail = Extract<SuccessDetail, { publicToken: string }>;

export interface BankLinkControllerOptions {
  clock?: () => Date;
  /** Pause after the last keystroke before the search request (ms). */
  searchDelayMs?: number;
  /** Time between two OAuth status checks (ms). */
  pollIntervalMs?: number;
  /** How a popup is opened; `window.open` unless a test says otherwise. */
  openWindow?: (url: string, target: string, features: string) => Window | null;
}

const popupFeatures = "popup,width=500,height=720";

export class BankLinkController {
  private api: BankLinkApi | undefined;
  /** The steps behind the current one, for "Back"; the last is the current step. */
  private history: LinkStep[] = [];
  /** Bumped whenever the customer leaves a screen: an answer for a screen left behind is dropped. */
  private visit = 0;
  /** Bumped with every search: only the newest search's answer is shown. */
  private searchRun = 0;
  private searchTimer: ReturnType<typeof setTimeout> | undefined;
  private pollTimer: ReturnType<typeof setTimeout> | undefined;
  /** Bumped when polling starts or stops: a tick from an older run stops itself. */
  private pollRun = 0;
  private popup: Window | null = null;
  private linked: LinkSuccessDetail | undefined;
  private readonly clock: () => Date;
  private readonly searchDelayMs: number;
  private readonly pollIntervalMs: number;
  private readonly openWindow: (url: string, target: string, features: string) => Window | null;

  constructor(
    private readonly view: EnclaveBankLinkView,
    private readonly endpoint: BankLinkEndpoint,
    options: BankLinkControllerOptions = {},
  ) {
    this.clock = options.clock ?? (() => new Date());
    this.searchDelayMs = options.searchDelayMs ?? 250;
    this.pollIntervalMs = options.pollIntervalMs ?? 1000;
    this.openWindow = options.openWindow ?? ((url, target, features) => window.open(url, target, features));

    endpoint.handle("requestExit", () => {
      this.askToLeave();
      return {};
    });
    endpoint.handle("clear", () => {
      this.restart();
      return {};
    });
    endpoint.handle("focus", async () => {
      await this.view.focusStart();
      return {};
    });
    // Bank link has no merchant-driven submit: the customer moves through it in the frame
    // and the page learns the outcome from `success` or `exit`. Rejecting (rather than
    // answering {}) tells a developer who calls it that it does nothing here.
    endpoint.handle("submit", () => {
      throw new EnclaveError(ErrorCode.methodNotFound, "Bank link has no submit(): the customer completes it inside the frame. Listen for enclave-success and enclave-exit.");
    });

    view.addEventListener("enclave-consent-accept", this.onConsent);
    view.addEventListener("enclave-institution-query", this.onQuery);
    view.addEventListener("enclave-institution-retry", this.onSearchRetry);
    view.addEventListener("enclave-institution-select", this.onSelectInstitution);
    view.addEventListener("enclave-credentials-input", this.onCredentialsInput);
    view.addEventListener("enclave-credentials-submit", this.onCredentialsSubmit);
    view.addEventListener("enclave-oauth-continue", this.onOAuthContinue);
    view.addEventListener("enclave-oauth-reopen", this.onOAuthReopen);
    view.addEventListener("enclave-mfa-input", this.onMfaInput);
    view.addEventListener("enclave-mfa-submit", this.onMfaSubmit);
    view.addEventListener("enclave-mfa-restart", this.onBack);
    view.addEventListener("enclave-accounts-change", this.onAccountsChange);
    view.addEventListener("enclave-accounts-submit", this.onAccountsSubmit);
    view.addEventListener("enclave-link-done", this.onDone);
    view.addEventListener("enclave-link-back", this.onBack);
    view.addEventListener("enclave-link-close", this.onClose);
    view.addEventListener("enclave-exit-answer", this.onExitAnswer);
  }

  /** The step the customer is on (the first one before the flow has started). */
  get step(): LinkStep {
    return this.history.at(-1) ?? "consent";
  }

  /**
   * Resumes the bank-link session with `api` (a new one after each `init`, bound to its
   * token) and shows the consent screen. Rejects, and shows why, when it cannot be used.
   */
  async load(api: BankLinkApi): Promise<void> {
    this.api = api;
    this.stopEverything();
    this.linked = undefined;
    this.history = [];
    Object.assign(this.view, { screen: "loading", exitConfirm: false, canGoBack: false, loadError: null });
    try {
      const { session, merchant } = bankLinkSession(await api.getSession());
      Object.assign(this.view, { merchantName: merchant.name, products: session.products });
      this.resetModels();
      this.history = ["consent"];
      this.render();
      await this.view.updateComplete;
      this.endpoint.emit("ready", { flow: "bank-link" });
      this.progress("open", "consent");
    } catch (error) {
      const reason = EnclaveError.from(error);
      Object.assign(this.view, { screen: "load_error", loadError: screenError(reason) });
      throw reason;
    }
  }

  // ---- navigation -----------------------------------------------------------------

  /** Shows `step` on top of the history (or in place of the steps `keep` does not keep). */
  private goTo(step: LinkStep, keep: (previous: LinkStep) => boolean = () => true): void {
    this.leaveCurrent();
    this.history = [...this.history.filter(keep), step];
    this.render();
    this.progress("transition_view", step);
    void this.view.focusStart();
  }

  private back(): void {
    if (this.history.length < 2 || this.step === "success") return;
    this.leaveCurrent();
    this.history = this.history.slice(0, -1);
    this.render();
    this.progress("transition_view", this.step);
    void this.view.focusStart();
  }

  /** What leaving the current step undoes: a pending search answer, the OAuth window and its polling, typed secrets. */
  private leaveCurrent(): void {
    this.visit++;
    const step = this.step;
    if (step === "select_institution") this.cancelSearch();
    if (step === "oauth") {
      this.stopPolling();
      this.closePopup();
      this.view.oauth = emptyOAuth();
    }
    if (step === "credentials") this.view.credentials = { ...this.view.credentials, password: "", busy: false, attempted: false, showPassword: false };
    if (step === "mfa") this.view.mfa = { ...this.view.mfa, code: "", busy: false, attempted: false };
  }

  /**
   * Shows the current step. The exit confirmation, if up, stays up: a step can change under
   * it (an OAuth sign-in finishing in the popup) without answering it for the customer.
   */
  private render(): void {
    Object.assign(this.view, { screen: this.step, canGoBack: this.history.length > 1 && this.step !== "success" });
    if (this.step === "success") this.view.exitConfirm = false;
  }

  /** Back to consent with nothing kept (`clear`, and after the customer left). */
  private restart(): void {
    if (!this.api || this.view.screen === "loading" || this.view.screen === "load_error" || this.linked) return;
    this.stopEverything();
    this.resetModels();
    this.history = ["consent"];
    this.view.exitConfirm = false;
    this.render();
    this.progress("transition_view", "consent");
  }

  private resetModels(): void {
    Object.assign(this.view, {
      institution: null,
      search: emptySearch(),
      credentials: emptyCredentials(),
      oauth: emptyOAuth(),
      mfa: emptyMfa(),
      accounts: emptyAccounts(),
    });
  }

  private stopEverything(): void {
    this.visit++;
    this.cancelSearch();
    this.stopPolling();
    this.closePopup();
  }

  // ---- leaving --------------------------------------------------------------------

  /** "Close", Escape, or the host's `requestExit`: confirm first when there is progress to lose. */
  private askToLeave(): void {
    if (this.linked) return;
    if (this.view.screen === "loading" || this.view.screen === "load_error") {
      this.leave();
      return;
    }
    if (this.view.exitConfirm) return;
    this.view.exitConfirm = true;
    void this.view.focusStart();
  }

  private leave(): void {
    this.endpoint.emit("exit", { reason: "user_exit", step: this.step });
    // A later open() starts over, with nothing typed kept.
    this.restart();
  }

  // ---- consent and the institution search -------------------------------------------

  private readonly onConsent = (): void => {
    this.goTo("select_institution");
    if (this.view.search.popularStatus !== "ready") void this.loadPopular();
  };

  private async loadPopular(): Promise<void> {
    const api = this.api;
    if (!api) return;
    this.view.search = { ...this.view.search, popularStatus: "loading", error: null };
    try {
      const { institutions } = await api.request<InstitutionSearchResponse>("GET", `${bankLinkPaths.institutions}?popular=true&limit=${popularLimit}`);
      this.view.search = { ...this.view.search, popular: institutions, popularStatus: "ready" };
    } catch (error) {
      const reason = EnclaveError.from(error);
      this.view.search = { ...this.view.search, popularStatus: "error", error: screenError(reason) };
      this.reportError(reason, "select_institution");
    }
  }

  private readonly onQuery = (event: CustomEvent<InstitutionQueryDetail>): void => {
    const { query } = event.detail;
    this.cancelSearch();
    if (query.trim() === "") {
      this.view.search = { ...this.view.search, query, status: "idle", results: [], error: this.view.search.popularStatus === "error" ? this.view.search.error : null };
      return;
    }
    // "Searching…" at once, so an earlier query's results never stand for this one.
    this.view.search = { ...this.view.search, query, status: "loading", error: null };
    this.searchTimer = setTimeout(() => void this.runSearch(query), this.searchDelayMs);
  };

  private readonly onSearchRetry = (): void => {
    const query = this.view.search.query;
    if (query.trim() === "") {
      void this.loadPopular();
      return;
    }
    this.view.search = { ...this.view.search, status: "loading", error: null };
    void this.runSearch(query);
  };

  private async runSearch(query: string): Promise<void> {
    const api = this.api;
    if (!api) return;
    const run = ++this.searchRun;
    this.searchTimer = undefined;
    this.progress("search_institution", "select_institution");
    try {
      const { institutions } = await api.request<InstitutionSearchResponse>(
        "GET",
        `${bankLinkPaths.institutions}?query=${encodeURIComponent(query.trim())}&limit=${searchLimit}`,
      );
      if (run !== this.searchRun) return;
      this.view.search = { ...this.view.search, status: "ready", results: institutions, error: null };
    } catch (error) {
      if (run !== this.searchRun) return;
      const reason = EnclaveError.from(error);
      this.view.search = { ...this.view.search, status: "error", results: [], error: screenError(reason) };
      this.reportError(reason, "select_institution");
    }
  }

  private cancelSearch(): void {
    clearTimeout(this.searchTimer);
    this.searchTimer = undefined;
    this.searchRun++;
    // A search that was cut short is run again when the customer comes back to it.
    if (this.view.search.status === "loading" && this.view.search.query.trim() !== "") {
      this.view.search = { ...this.view.search, status: "idle" };
    }
  }

  private readonly onSelectInstitution = (event: CustomEvent<InstitutionSelectDetail>): void => {
    const { institution } = event.detail;
    this.progress("select_institution", "select_institution");
    // A new institution starts with empty forms: nothing typed for one bank goes to another.
    Object.assign(this.view, { institution, credentials: emptyCredentials(), oauth: emptyOAuth(), mfa: emptyMfa(), accounts: emptyAccounts() });
    this.goTo(institution.auth === "oauth" ? "oauth" : "credentials");
  };

  // ---- credentials and MFA ------------------------------------------------------------

  private readonly onCredentialsInput = (event: CustomEvent<CredentialsInputDetail>): void => {
    const { username, password, showPassword, attempted } = event.detail;
    this.view.credentials = { ...this.view.credentials, username, password, showPassword, attempted };
  };

  private readonly onCredentialsSubmit = (event: CustomEvent<CredentialsSubmitDetail>): void => {
    void this.submitCredentials(event.detail);
  };

  private async submitCredentials({ username, password }: CredentialsSubmitDetail): Promise<void> {
    const api = this.api;
    const institution = this.view.institution;
    if (!api || !institution || this.view.credentials.busy) return;
    const visit = this.visit;
    this.progress("submit_credentials", "credentials");
    this.view.credentials = { ...this.view.credentials, busy: true, attempted: false, error: null };
    let answer: LinkStepResponse;
    try {
      answer = await api.request<LinkStepResponse>("POST", bankLinkPaths.credentials, { institution_id: institution.id, username, password });
    } catch (error) {
      // The password is dropped whatever the answer; the username stays in its field so a
      // mistyped password can be corrected without retyping it.
      this.view.credentials = { ...this.view.credentials, password: "", busy: false };
      if (visit !== this.visit) return;
      const reason = EnclaveError.from(error);
      if (reason.code === ErrorCode.institutionRequiresOAuth) {
        this.view.institution = { ...institution, auth: "oauth" };
        this.goTo("oauth", (step) => step !== "credentials");
        return;
      }
      this.view.credentials = { ...this.view.credentials, error: screenError(reason) };
      this.reportError(reason, "credentials");
      return;
    }
    this.view.credentials = { ...this.view.credentials, password: "", busy: false };
    if (visit !== this.visit) return;
    this.follow(answer);
  }

  private readonly onMfaInput = (event: CustomEvent<MfaInputDetail>): void => {
    this.view.mfa = { ...this.view.mfa, code: event.detail.code, attempted: event.detail.attempted };
  };

  private readonly onMfaSubmit = (event: CustomEvent<MfaSubmitDetail>): void => {
    void this.submitMfa(event.detail.code);
  };

  private async submitMfa(code: string): Promise<void> {
    const api = this.api;
    if (!api || this.view.mfa.busy) return;
    const visit = this.visit;
    this.progress("submit_mfa", "mfa");
    this.view.mfa = { ...this.view.mfa, busy: true, attempted: false };
    let answer: LinkStepResponse;
    try {
      answer = await api.request<LinkStepResponse>("POST", bankLinkPaths.mfa, { code });
    } catch (error) {
      // A code is never kept, right or wrong.
      this.view.mfa = { ...this.view.mfa, code: "", busy: false };
      if (visit !== this.visit) return;
      const reason = EnclaveError.from(error);
      // The server counts attempts too; this count only words the message ("2 attempts left").
      const attemptsLeft =
        reason.code === ErrorCode.invalidMfaCode ? Math.max(0, this.view.mfa.attemptsLeft - 1) : reason.code === ErrorCode.mfaLocked ? 0 : this.view.mfa.attemptsLeft;
      this.view.mfa = { ...this.view.mfa, attemptsLeft, error: screenError(reason) };
      this.reportError(reason, "mfa");
      if (reason.code === ErrorCode.mfaLocked) void this.view.focusStart();
      return;
    }
    this.view.mfa = { ...this.view.mfa, code: "", busy: false, error: null };
    if (visit !== this.visit) return;
    this.follow(answer);
  }

  /** Moves on from what the bank answered to a sign-in step. */
  private follow(answer: LinkStepResponse): void {
    switch (answer.status) {
      case "mfa_required":
        // The bank's `mfa.message` is English: the screen says where the code went in its own words.
        this.view.mfa = { ...emptyMfa(), attemptsLeft: answer.mfa.attempts_left };
        if (this.step === "mfa") void this.view.focusStart();
        else this.goTo("mfa");
        return;
      case "oauth_pending":
        this.view.oauth = { status: "waiting", authorizationUrl: answer.authorization_url, error: null };
        if (this.step !== "oauth") this.goTo("oauth");
        this.startPolling();
        return;
      case "oauth_denied":
        this.showDenied();
        return;
      case "connected":
        this.connected(answer);
        return;
    }
  }

  // ---- OAuth --------------------------------------------------------------------------

  /**
   * "Continue" on the OAuth screen. Runs synchronously inside the click, so the popup opens
   * while the browser still counts the customer's gesture: a blank window first, pointed
   * at the bank once the API has answered with its URL.
   */
  private readonly onOAuthContinue = (): void => {
    const status = this.view.oauth.status;
    if (status === "starting" || status === "waiting") return;
    const popup = this.open("");
    void this.startOAuth(popup);
  };

  private async startOAuth(popup: Window | null): Promise<void> {
    const api = this.api;
    const institution = this.view.institution;
    if (!api || !institution) {
      popup?.close();
      return;
    }
    const visit = this.visit;
    this.stopPolling();
    this.view.oauth = { status: "starting", authorizationUrl: "", error: null };
    this.progress("oauth_open", "oauth");
    try {
      const answer = await api.request<LinkStepResponse>("POST", bankLinkPaths.oauthStart, { institution_id: institution.id });
      if (visit !== this.visit) {
        popup?.close();
        return;
      }
      const url = answer.status === "oauth_pending" ? safeUrl(answer.authorization_url) : undefined;
      if (!url) {
        popup?.close();
        if (answer.status !== "oauth_pending") {
          this.follow(answer);
          return;
        }
        throw new EnclaveError(ErrorCode.internalError, `We couldn't open ${institution.name}'s sign-in page.`, { retryable: true });
      }
      if (popup && !popup.closed) {
        popup.location.href = url;
        this.popup = popup;
        this.view.oauth = { status: "waiting", authorizationUrl: url, error: null };
      } else {
        this.showBlocked(url);
      }
      this.startPolling();
    } catch (error) {
      popup?.close();
      if (visit !== this.visit) return;
      const reason = EnclaveError.from(error);
      this.view.oauth = { status: "error", authorizationUrl: "", error: screenError(reason) };
      this.reportError(reason, "oauth");
    }
  }

  /** "Open <bank> again" while waiting: back to the window if it is still open, else a new one (in the click). */
  private readonly onOAuthReopen = (): void => {
    const url = this.view.oauth.authorizationUrl;
    if (this.popup && !this.popup.closed) {
      this.popup.focus();
      return;
    }
    const popup = this.open(url);
    if (popup) this.popup = popup;
    else this.showBlocked(url);
  };

  private open(url: string): Window | null {
    let popup: Window | null;
    try {
      popup = this.openWindow(url, "_blank", popupFeatures);
    } catch {
      popup = null;
    }
    // The bank's page gets no handle on this frame (the popup was opened without
    // `noopener` only so that the frame can point it at the bank and close it).
    if (popup) {
      try {
        popup.opener = null;
      } catch {
        // A browser that refuses this keeps the opener; the bank's origin still cannot script this one.
      }
    }
    return popup;
  }

  private showBlocked(url: string): void {
    this.view.oauth = { status: "blocked", authorizationUrl: url, error: null };
    const name = this.view.institution?.name ?? "your bank";
    this.reportError(new EnclaveError(ErrorCode.popupBlocked, `The browser blocked the window for ${name}; the customer was offered a link instead.`, { retryable: true }), "oauth");
  }

  private showDenied(): void {
    this.stopPolling();
    this.closePopup();
    this.view.oauth = { ...this.view.oauth, status: "denied", error: null };
    this.progress("oauth_denied", "oauth");
    void this.view.focusStart();
  }

  private startPolling(): void {
    const api = this.api;
    if (!api) return;
    this.stopPolling();
    const run = this.pollRun;
    const tick = async (): Promise<void> => {
      if (run !== this.pollRun) return;
      try {
        const answer = await api.request<LinkStepResponse>("GET", bankLinkPaths.oauthStatus);
        if (run !== this.pollRun) return;
        if (answer.status === "oauth_pending") schedule();
        else if (answer.status === "oauth_denied") this.showDenied();
        else {
          this.stopPolling();
          this.closePopup();
          this.follow(answer);
        }
      } catch (error) {
        if (run !== this.pollRun) return;
        const reason = EnclaveError.from(error);
        // A dropped connection or a busy server: the customer is still at the bank, keep asking.
        if (reason.retryable) {
          schedule();
          return;
        }
        this.stopPolling();
        this.closePopup();
        this.view.oauth = { ...this.view.oauth, status: "error", error: screenError(reason) };
        this.reportError(reason, "oauth");
      }
    };
    const schedule = (): void => {
      this.pollTimer = setTimeout(() => void tick(), this.pollIntervalMs);
    };
    schedule();
  }

  private stopPolling(): void {
    clearTimeout(this.pollTimer);
    this.pollTimer = undefined;
    this.pollRun++;
  }

  private closePopup(): void {
    try {
      this.popup?.close();
    } catch {
      // Already gone.
    }
    this.popup = null;
  }

  // ---- accounts and success -----------------------------------------------------------

  private connected(answer: Extract<LinkStepResponse, { status: "connected" }>): void {
    const chosen = this.view.institution;
    Object.assign(this.view, {
      // The API's id and name win; the logo stays the one the customer picked.
      institution: { ...(chosen ?? { auth: "credentials", popular: false, logo: { color: "#6b7280", initials: answer.institution.name.slice(0, 2) } }), ...answer.institution },
      accounts: { ...emptyAccounts(), accounts: answer.accounts },
      // Signed in: nothing of the sign-in is kept, not even the username.
      credentials: emptyCredentials(),
      mfa: emptyMfa(),
    });
    // "Back" from the accounts leads to the bank list, not into a finished sign-in.
    this.goTo("select_accounts", (step) => step === "consent" || step === "select_institution");
  }

  private readonly onAccountsChange = (event: CustomEvent<AccountsChangeDetail>): void => {
    this.view.accounts = { ...this.view.accounts, selected: event.detail.selected, attempted: event.detail.attempted };
  };

  private readonly onAccountsSubmit = (event: CustomEvent<AccountsSubmitDetail>): void => {
    void this.submitAccounts(event.detail.selected);
  };

  private async submitAccounts(selected: string[]): Promise<void> {
    const api = this.api;
    if (!api || this.view.accounts.busy || selected.length === 0) return;
    const visit = this.visit;
    this.progress("select_accounts", "select_accounts");
    this.view.accounts = { ...this.view.accounts, busy: true, error: null };
    try {
      const answer = await api.request<LinkSuccessResponse>("POST", bankLinkPaths.accounts, { account_ids: selected });
      this.view.accounts = { ...this.view.accounts, busy: false };
      if (visit !== this.visit) return;
      const detail: LinkSuccessDetail = {
        publicToken: answer.public_token,
        institution: { id: answer.institution.id, name: answer.institution.name },
        accounts: answer.accounts.map(({ id, name, mask, type, subtype }) => ({ id, name, mask, type, subtype })),
      };
      this.linked = detail;
      // The page hears of it at once (a modal host closes on it); the screen follows.
      this.endpoint.emit("success", detail);
      this.view.accounts = { ...this.view.accounts, selected: detail.accounts.map((account) => account.id) };
      this.goTo("success", () => false);
      this.progress("handoff", "success");
    } catch (error) {
      this.view.accounts = { ...this.view.accounts, busy: false };
      if (visit !== this.visit) return;
      const reason = EnclaveError.from(error);
      this.view.accounts = { ...this.view.accounts, error: screenError(reason) };
      this.reportError(reason, "select_accounts");
    }
  }

  private readonly onDone = (): void => {
    this.progress("done", "success");
  };

  // ---- the bar and the exit confirmation -----------------------------------------------

  private readonly onBack = (): void => {
    this.back();
  };

  private readonly onClose = (): void => {
    this.askToLeave();
  };

  private readonly onExitAnswer = (event: CustomEvent<ExitAnswerDetail>): void => {
    if (event.detail.leave) {
      this.leave();
      return;
    }
    this.view.exitConfirm = false;
    void this.view.focusStart();
  };

  // ---- what crosses the bridge ---------------------------------------------------------

  /** An error the customer sees: `error` for the page, and an `error` progress event at its step. */
  private reportError(error: EnclaveError, step: LinkStep): void {
    this.endpoint.emit("error", { code: error.code, message: error.message.slice(0, 500), retryable: error.retryable });
    this.progress("error", step);
  }

  private progress(name: ProgressName, step: LinkStep): void {
    this.endpoint.emit("event", { name, step, at: this.clock().toISOString() });
  }
}

/** What the customer is shown of an error: its code, which the screen words in their language. */
function screenError(error: EnclaveError): ScreenError {
  return { code: error.code };
}

/** The session `GET /v1/frame/session` returned, when it is an open bank-link session. */
function bankLinkSession(value: unknown): FrameBankLinkSession {
  const candidate = value as Partial<FrameBankLinkSession> | undefined;
  if (candidate?.session?.object !== "bank_link_session" || !candidate.merchant) {
    throw new EnclaveError(ErrorCode.invalidConfiguration, "This client token is not for a bank link session. Create one with POST /v1/bank_link_sessions.");
  }
  if (candidate.session.status !== "open") {
    throw new EnclaveError(
      ErrorCode.sessionNotOpen,
      candidate.session.status === "linked" ? "This bank account is already connected." : "This bank connection was closed. Start again from the merchant's page.",
    );
  }
  return candidate as FrameBankLinkSession;
}
