/**
 * The identity flow once its photos are in: polling the session's status (the shared
 * poller; the hand-off polls through here too), the processing screen, and the result —
 * verified or requires_input (`error`, in our words). "You're verified" stays until the
 * customer presses "Done" (or closes it): only then does the page hear `success`, and the
 * merchant's dialog closes, so the customer sees the outcome (as Plaid's success pane). Only the
 * session's id and status cross the bridge: never a name, a date of birth or a document number.
 */
import type { FrameIdentitySession } from "../../protocol/identity-api.js";
import type { ControllerEndpoint } from "../ui/frame-controller.js";
import { anySignal, poll } from "../ui/poller.js";
import type { IdentityApi } from "./identity-client.js";
import { developerErrorMessage, identityMessages } from "./messages.js";
import type { IdentityScreen } from "./model.js";
import { requiresInputReason } from "./routes.js";

type Session = FrameIdentitySession["session"];
type ResultScreen = Extract<IdentityScreen, { name: "processing" | "verified" | "requires_input" | "unavailable" }>;

/** Polls of requires_input with no last_error, while processing, before it counts as a failure. */
const maxUnexplainedPolls = 3;

/** What the watch needs of the controller. */
export interface VerificationHost {
  api(): IdentityApi | undefined;
  /** The current screen's signal: aborted when the customer leaves it. */
  signal(): AbortSignal;
  merchantName(): string;
  show(screen: ResultScreen): void;
  /** The session as the last poll saw it. */
  noteSession(session: Session): void;
  forgetPhotos(): void;
  progress(name: "verified" | "requires_input"): void;
}

export class VerificationWatch {
  /** Verified: nothing starts over after that. */
  verifiedSession: Session | undefined;
  /** Verified, "Done" pressed, and the page told. */
  succeeded = false;
  /** The status poll running, if any: a new one replaces it. */
  private polling: AbortController | undefined;

  constructor(
    private readonly host: VerificationHost,
    private readonly endpoint: ControllerEndpoint<"identity">,
    private readonly pollIntervalMs: number,
  ) {}

  /** Polls the status until `onStatus` returns false, the customer moves elsewhere or another poll starts. */
  pollStatus(onStatus: (session: Session) => boolean): void {
    const api = this.host.api();
    if (!api) return;
    this.polling?.abort();
    const polling = new AbortController();
    this.polling = polling;
    poll({
      signal: anySignal(this.host.signal(), polling.signal),
      intervalMs: this.pollIntervalMs,
      request: async () => (await api.status()).session,
      onAnswer: onStatus,
      onGiveUp: (reason) => {
        this.host.show({ name: "unavailable", errorCode: reason.code });
        this.endpoint.emit("error", { code: reason.code, message: developerErrorMessage(reason.code, reason.message), retryable: true });
      },
    });
  }

  /** The processing screen, polling until the verification has a result. */
  startProcessing(): void {
    this.host.show({ name: "processing" });
    let unexplained = 0;
    this.pollStatus((session) => {
      this.host.noteSession(session);
      if (session.status === "verified") {
        this.verified(session);
        return false;
      }
      // requires_input without a reason is the session before the submission took effect:
      // give it a few polls before calling it a failure with no reason.
      if (session.status === "requires_input" && (session.last_error !== null || ++unexplained > maxUnexplainedPolls)) {
        this.requiresInput(session);
        return false;
      }
      if (session.status === "canceled" || session.status === "redacted") {
        this.host.show({ name: "unavailable", errorCode: "session_not_open" });
        return false;
      }
      return true;
    });
  }

  /** Shows "You're verified" (with "Done"); the page hears of it on `done()`. */
  verified(session: Session): void {
    this.host.forgetPhotos();
    this.host.show({ name: "verified", merchantName: this.host.merchantName() });
    if (this.verifiedSession) return;
    this.verifiedSession = session;
    this.host.progress("verified");
  }

  /** "Done" (or closing) after "You're verified": tells the page, once. */
  done(): void {
    const session = this.verifiedSession;
    if (!session || this.succeeded) return;
    this.succeeded = true;
    // The session's id and status only: never a name, a date of birth or a document number.
    this.endpoint.emit("success", { verificationSession: { id: session.id, status: "verified" } });
  }

  private requiresInput(session: Session): void {
    const reason = requiresInputReason(session);
    this.host.show({ name: "requires_input", reason });
    this.host.progress("requires_input");
    // The merchant's page hears it too, in English for its developer; the words are ours,
    // not the verifier's (which could name a person).
    if (reason !== "other") this.endpoint.emit("error", { code: reason, message: identityMessages.catalogs.en.status.requiresInput[reason], retryable: true });
  }
}
