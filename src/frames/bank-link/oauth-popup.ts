/**
 * Bank link's sign-in at the bank's own page: the popup window (opened inside the
 * customer's click, pointed at the bank once the API has answered, without a handle on
 * this frame), the link offered when the browser blocks it, and the status polls (the
 * shared poller) until the bank says connected or denied. It works on the OAuth screen
 * through `OAuthHost`; leaving the screen aborts its signal, which stops the polling.
 *
 * The bank's window is watched too (`closed`, read every half second): a customer who
 * closes it before the bank answered gets "Try again" / "Choose another bank" at once
 * instead of waiting forever. The status is asked once more first (the sandbox bank's page
 * closes itself after the answer), and polling goes on in that state, so a bank that
 * answers after all still moves the flow on. A page whose Cross-Origin-Opener-Policy cuts
 * the popup off from the frame makes `closed` read true early: the customer then sees the
 * closed state while at the bank, and the flow still moves on when the bank answers.
 */
import type { Institution, LinkStepResponse } from "../../protocol/bank-link-api.js";
import { EnclaveError, ErrorCode } from "../../protocol/errors.js";
import { anySignal, poll } from "../ui/poller.js";
import { safeUrl } from "../ui/safe-url.js";
import type { BankLinkApi } from "./bank-link-client.js";
import type { OAuthModel } from "./model.js";

const popupFeatures = "popup,width=500,height=720";

/** How a popup is opened; `window.open` unless a test says otherwise. */
export type OpenWindow = (url: string, target: string, features: string) => Window | null;

/** What the OAuth sign-in needs of the controller. */
export interface OAuthHost {
  api(): BankLinkApi | undefined;
  /** The OAuth screen's institution and model, while it is on show. */
  onScreen(): { institution: Institution; oauth: OAuthModel } | undefined;
  /** The current screen's signal: aborted when the customer leaves it. */
  signal(): AbortSignal;
  /** Sets the OAuth screen's model (nothing when another screen is on show). */
  setOAuth(oauth: OAuthModel): void;
  /** The bank answered with another step (connected, or a sign-in step). */
  follow(answer: LinkStepResponse): void;
  failed(reason: EnclaveError): void;
  progress(name: "oauth_open" | "oauth_denied" | "close_oauth"): void;
  focusStart(): void;
}

export class OAuthPopup {
  private popup: Window | null = null;
  /** The status poll running, if any: a new one replaces it. */
  private polling: AbortController | undefined;
  /** The watch on the bank's window, if any: a new window replaces it. */
  private watching: AbortController | undefined;

  constructor(
    private readonly host: OAuthHost,
    private readonly openWindow: OpenWindow,
    /** Time between two status checks (ms). */
    private readonly pollIntervalMs: number,
    /** Time between two looks at whether the customer closed the bank's window (ms). */
    private readonly windowCheckMs = 500,
  ) {}

  /**
   * "Continue" on the OAuth screen. Runs synchronously inside the click, so the popup opens
   * while the browser still counts the customer's gesture: a blank window first, pointed
   * at the bank once the API has answered with its URL.
   */
  continue(): void {
    const status = this.host.onScreen()?.oauth.status;
    if (status === "starting" || status === "waiting") return;
    const popup = this.open("");
    void this.start(popup);
  }

  /** "Open <bank> again" while waiting: back to the window if it is still open, else a new one (in the click). */
  reopen(): void {
    const url = this.host.onScreen()?.oauth.authorizationUrl ?? "";
    if (this.popup && !this.popup.closed) {
      this.popup.focus();
      return;
    }
    const popup = this.open(url);
    if (popup) this.follow(popup);
    else this.showBlocked(url);
  }

  /** Polls the bank's answer until it is not pending any more (the customer is at the bank). */
  startPolling(): void {
    const host = this.host;
    const api = host.api();
    if (!api) return;
    this.stopPolling();
    const polling = new AbortController();
    this.polling = polling;
    poll({
      signal: anySignal(host.signal(), polling.signal),
      intervalMs: this.pollIntervalMs,
      request: () => api.oauthStatus(),
      onAnswer: (answer) => {
        if (answer.status === "oauth_pending") return true;
        this.answered(answer);
        return false;
      },
      // A dropped connection or a busy server: the customer is still at the bank, keep asking
      // (with the poller's backoff and its limit); anything else, or the limit, ends it.
      retryable: (reason) => reason.retryable,
      onGiveUp: (reason) => {
        this.stop();
        const oauth = host.onScreen()?.oauth;
        if (oauth) host.setOAuth({ ...oauth, status: "error", error: { code: reason.code } });
        host.failed(reason);
      },
    });
  }

  /** The bank said no: "Try again" or "Choose another bank". */
  denied(): void {
    this.stop();
    const oauth = this.host.onScreen()?.oauth;
    if (oauth) this.host.setOAuth({ ...oauth, status: "denied", error: null });
    this.host.progress("oauth_denied");
    this.host.focusStart();
  }

  /** Stops polling and closes the bank's window (the customer left, or the bank answered). */
  stop(): void {
    this.stopPolling();
    this.watching?.abort();
    this.watching = undefined;
    try {
      this.popup?.close();
    } catch {
      // Already gone.
    }
    this.popup = null;
  }

  /** The bank answered (not pending): connected or a sign-in step goes on, denied says so. */
  private answered(answer: LinkStepResponse): void {
    if (answer.status === "oauth_denied") this.denied();
    else {
      this.stop();
      this.host.follow(answer);
    }
  }

  /** Points at `popup` as the bank's window, and watches for the customer closing it. */
  private follow(popup: Window): void {
    this.popup = popup;
    this.watching?.abort();
    const watching = new AbortController();
    this.watching = watching;
    const signal = anySignal(this.host.signal(), watching.signal);
    const timer = setInterval(() => {
      if (!popup.closed) return;
      clearInterval(timer);
      if (!signal.aborted && this.popup === popup) void this.windowClosed(signal);
    }, this.windowCheckMs);
    signal.addEventListener("abort", () => clearInterval(timer), { once: true });
  }

  /** The customer closed the bank's window: unless the bank answered meanwhile, say so and offer the ways on. */
  private async windowClosed(signal: AbortSignal): Promise<void> {
    const host = this.host;
    this.popup = null;
    let answer: LinkStepResponse | undefined;
    try {
      answer = await host.api()?.oauthStatus();
    } catch {
      // The poll keeps asking (with its backoff and limit); the window is closed all the same.
    }
    const oauth = host.onScreen()?.oauth;
    // Left, answered by the poll meanwhile, or opened again ("Open <bank> again"): nothing to say.
    if (signal.aborted || oauth?.status !== "waiting" || this.popup) return;
    if (answer && answer.status !== "oauth_pending") {
      this.answered(answer);
      return;
    }
    host.setOAuth({ ...oauth, status: "closed", error: null });
    host.progress("close_oauth");
    host.focusStart();
  }

  private stopPolling(): void {
    this.polling?.abort();
    this.polling = undefined;
  }

  private async start(popup: Window | null): Promise<void> {
    const host = this.host;
    const api = host.api();
    const institution = host.onScreen()?.institution;
    if (!api || !institution) {
      popup?.close();
      return;
    }
    const signal = host.signal();
    this.stopPolling();
    host.setOAuth({ status: "starting", authorizationUrl: "", error: null });
    host.progress("oauth_open");
    try {
      const answer = await api.startOAuth(institution.id);
      if (signal.aborted) {
        popup?.close();
        return;
      }
      const url = answer.status === "oauth_pending" ? safeUrl(answer.authorization_url) : undefined;
      if (!url) {
        popup?.close();
        if (answer.status !== "oauth_pending") {
          host.follow(answer);
          return;
        }
        throw new EnclaveError(ErrorCode.internalError, `We couldn't open ${institution.name}'s sign-in page.`, { retryable: true });
      }
      if (popup && !popup.closed) {
        popup.location.href = url;
        this.follow(popup);
        host.setOAuth({ status: "waiting", authorizationUrl: url, error: null });
      } else {
        this.showBlocked(url);
      }
      this.startPolling();
    } catch (error) {
      popup?.close();
      if (signal.aborted) return;
      const reason = EnclaveError.from(error);
      host.setOAuth({ status: "error", authorizationUrl: "", error: { code: reason.code } });
      host.failed(reason);
    }
  }

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
    this.host.setOAuth({ status: "blocked", authorizationUrl: url, error: null });
    const name = this.host.onScreen()?.institution.name ?? "your bank";
    this.host.failed(new EnclaveError(ErrorCode.popupBlocked, `The browser blocked the window for ${name}; the customer was offered a link instead.`, { retryable: true }));
  }
}
