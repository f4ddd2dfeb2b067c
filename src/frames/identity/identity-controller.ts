/**
 * The identity frame's controller: the only code that talks to the bridge and the API.
 * It drives the pure view (identity-view) by giving it one `IdentityScreen` at a time, and
 * listens to the screens' DOM events. Where to go is decided by pure functions (routes.ts);
 * the photos and the camera are the capture session's (capture-session.ts). Photos stay in
 * this frame: they go to the widget host's own API and nowhere else — no event, result or
 * error carries an image or anything read from a document.
 *
 *   load()        session → consent, or where the session left off
 *   consent       Continue → document_type · Decline → exit { reason: "consent_declined" }
 *   document_type choose the document → front
 *   front, back, selfie (the sides the document and the session need)
 *                 camera or upload → checks in the frame → upload
 *                 "Continue on your phone" → handoff
 *   handoff       start the hand-off, then poll the status until the phone is done → review (or processing)
 *   review        Submit → processing
 *   processing    poll the status → result: verified (`success`) or
 *                 requires_input (`error`, "Try again" → document_type)
 *
 * On the phone (mode "phone") there is no bridge: the same screens run from the
 * document choice, and the review's "Finish" completes the hand-off instead.
 */
import type { DocumentType, FrameIdentitySession, ImageSide } from "../../protocol/identity-api.js";
import { documentSides } from "../../protocol/identity-api.js";
import { EnclaveError } from "../../protocol/errors.js";
import { FrameController, type ControllerEndpoint } from "../ui/frame-controller.js";
import { currentLocale } from "../ui/i18n.js";
import { poll } from "../ui/poller.js";
import { browserCamera, type Camera } from "./camera.js";
import { CaptureSession } from "./capture-session.js";
import { defaultCountry } from "./countries.js";
import { HandoffSession } from "./handoff.js";
import type { IdentityConsentDetail, IdentityDocumentDetail, IdentityExitAnswerDetail, IdentityPhotoDecisionDetail, IdentityPhotoDetail, IdentitySideDetail } from "./events.js";
import type { IdentityApi } from "./identity-client.js";
import type { EnclaveIdentityView } from "./identity-view.js";
import { developerErrorMessage, identityMessages } from "./messages.js";
import { stepOf, type IdentityProgressName, type IdentityScreen, type IdentityStep } from "./model.js";
import { backRoute, neededSides, nextCaptureOrReview, requiresInputReason, resumeRoute, consentOrStart, type BackContext, type PhotoProgress, type Route } from "./routes.js";

export type { IdentityProgressName } from "./model.js";

type Session = FrameIdentitySession["session"];

/** The parts of the bridge the controller uses (a fake in tests, a silent one on the phone). */
export type IdentityEndpoint = ControllerEndpoint;

export interface IdentityControllerOptions {
  /** "frame" (in the merchant's page, with a bridge) or "phone" (the hand-off page). */
  mode?: "frame" | "phone";
  camera?: Camera;
  clock?: () => Date;
  /** How often processing and the hand-off are polled. */
  pollIntervalMs?: number;
}

/** An endpoint that goes nowhere: the phone page has no merchant page to tell. */
export const silentEndpoint: IdentityEndpoint = {
  emit: () => undefined,
  handle: () => undefined,
};

/** Polls of requires_input with no last_error, while processing, before it counts as a failure. */
const maxUnexplainedPolls = 3;

export class IdentityController extends FrameController<IdentityScreen, IdentityProgressName, IdentityStep> {
  private readonly phone: boolean;
  private readonly pollIntervalMs: number;
  private readonly photos: CaptureSession;
  private readonly handoff: HandoffSession;

  private api: IdentityApi | undefined;
  private session: Session | undefined;
  private merchantName = "";
  private documentType: DocumentType | null = null;
  private country: string;
  /** On a capture step reached by "Retake" on the review. */
  private retaking = false;
  private succeeded = false;
  /** The status poll running, if any: a new one replaces it. */
  private polling: AbortController | undefined;

  constructor(
    private readonly view: EnclaveIdentityView,
    endpoint: IdentityEndpoint,
    options: IdentityControllerOptions = {},
  ) {
    super(endpoint, view.screen, options.clock);
    this.phone = (options.mode ?? "frame") === "phone";
    this.pollIntervalMs = options.pollIntervalMs ?? 1000;
    // The frame's locale is set before the controller exists (init, or the phone page's
    // language): its region is the likeliest issuing country.
    this.country = defaultCountry(currentLocale());
    this.view.phone = this.phone;
    const controller = this;
    this.photos = new CaptureSession(
      {
        get screen() {
          return controller.screen;
        },
        get signal() {
          return controller.signal;
        },
        get api() {
          return controller.api;
        },
        patchCapture: (changes) => void this.patch("capture", changes),
        progress: (name, step) => this.progress(name, step ?? stepOf(this.screen)),
        uploaded: (side, signal) => this.uploaded(side, signal),
      },
      options.camera ?? browserCamera,
    );
    this.handoff = new HandoffSession({
      get screen() {
        return controller.screen;
      },
      get signal() {
        return controller.signal;
      },
      get api() {
        return controller.api;
      },
      get neededSides() {
        return controller.neededSides();
      },
      get capturedSides() {
        return [...controller.photos.captures.keys()];
      },
      show: (screen) => this.show(screen),
      renewSignal: () => this.renewSignal(),
      patchHandoff: (changes) => void this.patch("handoff", changes),
      progress: (name) => this.progress(name, "handoff"),
      pollStatus: (onStatus) => this.pollStatus(onStatus),
      noteSession: (session) => {
        this.session = session;
        this.photos.noteUploaded(session.uploaded);
      },
      completed: (session) => {
        if (session.status === "verified") this.finishVerified(session);
        else if (session.status === "processing") this.startProcessing();
        else this.go(nextCaptureOrReview(this.photoProgress()));
      },
      now: () => this.clock(),
    });

    // The identity flow has its own "Submit" inside the frame; the merchant page has no
    // form to submit, so this does nothing and answers at once.
    endpoint.handle("submit", () => ({}));
    this.handleSharedMethods({ clear: () => this.clear(), focus: () => this.view.focusFirstControl(), requestExit: () => this.requestExit() });

    view.addEventListener("enclave-identity-consent", this.onConsent);
    view.addEventListener("enclave-identity-document-change", this.onDocumentChange);
    view.addEventListener("enclave-identity-document-submit", this.onDocumentSubmit);
    view.addEventListener("enclave-identity-camera-start", () => void this.photos.startCamera());
    view.addEventListener("enclave-identity-camera-cancel", () => this.photos.cancelCamera());
    view.addEventListener("enclave-identity-photo", (event: CustomEvent<IdentityPhotoDetail>) => this.photos.photo(event.detail.file, event.detail.source));
    view.addEventListener("enclave-identity-photo-decision", (event: CustomEvent<IdentityPhotoDecisionDetail>) => this.photos.decide(event.detail.decision));
    view.addEventListener("enclave-identity-handoff-start", this.onHandoffStart);
    view.addEventListener("enclave-identity-handoff-renew", this.onHandoffStart);
    view.addEventListener("enclave-identity-retake", this.onRetake);
    view.addEventListener("enclave-identity-submit", this.onSubmit);
    view.addEventListener("enclave-identity-try-again", this.onTryAgain);
    view.addEventListener("enclave-identity-back", () => this.go(backRoute(this.screen, this.backContext())));
    view.addEventListener("enclave-identity-close", () => this.requestExit());
    view.addEventListener("enclave-identity-exit-answer", this.onExitAnswer);
  }

  /**
   * Resumes the session with `api` (a new one after each `init`, bound to its token) and
   * shows where the customer starts. Rejects, and shows why, when the session cannot be used.
   */
  async load(api: IdentityApi): Promise<void> {
    this.api = api;
    if (!this.session) this.show({ name: "loading" });
    let response: FrameIdentitySession;
    try {
      response = await api.session();
    } catch (error) {
      const reason = EnclaveError.from(error);
      this.show({ name: "unavailable", errorCode: reason.code });
      throw reason;
    }
    this.merchantName = response.merchant.name;
    // "open" comes first in the page's log, then what resuming did (a capture step started).
    const sendHeld = this.holdProgress(() => this.resume(response.session));
    await this.view.updateComplete;
    this.endpoint.emit("ready", { flow: "identity" });
    this.note("open");
    sendHeld();
  }

  /** Back to the start (the page's `clear`): photos taken here are forgotten. */
  clear(): void {
    this.photos.forgetPhotos();
    this.documentType = null;
    this.view.exitConfirmOpen = false;
    if (this.session && !this.succeeded) this.go(consentOrStart(this.photoProgress(), this.session.uploaded.length));
  }

  /** Stops the camera and every timer, and lets go of the photos (the frame is going away). */
  override dispose(): void {
    super.dispose();
    this.photos.stopCamera();
    this.photos.forgetPhotos();
  }

  // ---- where to go -------------------------------------------------------------------

  protected override render(screen: IdentityScreen): void {
    this.view.screen = screen;
    this.view.canGoBack = backRoute(screen, this.backContext()) !== null;
  }

  /** A capture step is a place of its own for each side. */
  protected override samePlace(previous: IdentityScreen, next: IdentityScreen): boolean {
    return previous.name === next.name && (previous.name !== "capture" || (next.name === "capture" && previous.side === next.side));
  }

  /** Leaving a place stops its camera and drops its pending photo (its polling stops with its signal). */
  protected override leaving(): void {
    this.photos.stopCamera();
    this.photos.dropPending();
  }

  private photoProgress(): PhotoProgress {
    return { documentType: this.documentType, requireSelfie: this.session?.require_selfie ?? false, captured: this.photos.captures };
  }

  private backContext(): BackContext {
    return { ...this.photoProgress(), phone: this.phone, retaking: this.retaking, handoffReturn: this.handoff.returnSide };
  }

  private go(route: Route | null): void {
    if (!route) return;
    switch (route.to) {
      case "consent":
        this.show({ name: "consent", merchantName: this.merchantName, requireSelfie: this.session?.require_selfie ?? false });
        return;
      case "document_type":
        this.show({ name: "document_type", documentType: this.documentType, country: this.country, busy: false, errorCode: null });
        return;
      case "capture":
        this.showCapture(route.side);
        return;
      case "review":
        this.showReview();
        return;
      case "processing":
        this.startProcessing();
        return;
      case "verified":
        if (this.session) this.finishVerified(this.session);
        return;
      case "requires_input":
        this.show({ name: "requires_input", reason: route.reason });
        return;
      case "unavailable":
        this.show({ name: "unavailable", errorCode: route.errorCode });
        return;
      case "phone_done":
        this.show({ name: "phone_done" });
        return;
    }
  }

  private resume(session: Session): void {
    this.session = session;
    if (session.document) {
      this.documentType = session.document.type;
      this.country = session.document.issuing_country;
    }
    this.photos.noteUploaded(session.uploaded);
    this.go(resumeRoute(session, this.phone, this.photoProgress()));
  }

  /** Progress at the step of the screen on show. */
  private note(name: IdentityProgressName): void {
    this.progress(name, stepOf(this.screen));
  }

  // ---- consent and document ----------------------------------------------------------

  private readonly onConsent = (event: CustomEvent<IdentityConsentDetail>): void => {
    if (!event.detail.accepted) {
      this.leave("consent_declined");
      return;
    }
    this.progress("consent_accepted", "consent");
    this.go({ to: "document_type" });
  };

  private readonly onDocumentChange = (event: CustomEvent<IdentityDocumentDetail>): void => {
    this.documentType = event.detail.documentType;
    this.country = event.detail.country;
    this.patch("document_type", { documentType: this.documentType, country: this.country, errorCode: null });
  };

  private readonly onDocumentSubmit = async (event: CustomEvent<IdentityDocumentDetail>): Promise<void> => {
    const { documentType, country } = event.detail;
    const api = this.api;
    if (!documentType || !api || this.screen.name !== "document_type" || this.screen.busy) return;
    this.documentType = documentType;
    this.country = country;
    const signal = this.signal;
    this.patch("document_type", { documentType, country, busy: true, errorCode: null });
    try {
      await api.chooseDocument(documentType, country);
    } catch (error) {
      if (!signal.aborted) this.patch("document_type", { busy: false, errorCode: EnclaveError.from(error).code });
      return;
    }
    if (signal.aborted) return;
    // A (new) document choice starts the photos over.
    this.photos.forgetPhotos();
    if (this.session) this.session = { ...this.session, document: { type: documentType, issuing_country: country }, uploaded: [] };
    this.progress("document_selected", "document_type");
    this.showCapture(documentSides[documentType][0] ?? "front");
  };

  // ---- capture -------------------------------------------------------------------------

  private showCapture(side: ImageSide): void {
    const documentType = this.documentType;
    if (!documentType) {
      this.go({ to: "document_type" });
      return;
    }
    const entering = !(this.screen.name === "capture" && this.screen.side === side);
    this.show({
      name: "capture",
      side,
      documentType,
      state: "choose",
      stream: null,
      previewUrl: "",
      cameraProblem: this.photos.cameraProblem,
      errorCode: null,
      canHandoff: !this.phone,
    });
    if (entering) {
      this.progress("capture_started", side);
      void this.photos.checkCamera();
    }
  }

  /** A photo is in: the session knows it, and the customer moves on if still on its step. */
  private uploaded(side: ImageSide, signal: AbortSignal): void {
    if (this.session && !this.session.uploaded.includes(side)) this.session = { ...this.session, uploaded: [...this.session.uploaded, side] };
    this.progress("image_uploaded", side);
    if (!signal.aborted) this.go(nextCaptureOrReview(this.photoProgress()));
  }

  // ---- review, submission, result ------------------------------------------------------------

  private neededSides(): ImageSide[] {
    return neededSides(this.documentType, this.session?.require_selfie ?? false);
  }

  private showReview(): void {
    this.retaking = false;
    const items = this.neededSides().map((side) => ({ side, thumbnailUrl: this.photos.captures.get(side) ?? null }));
    this.show({ name: "review", items, busy: false, errorCode: null, phone: this.phone });
  }

  private readonly onHandoffStart = (): void => {
    if (!this.phone) void this.handoff.start();
  };

  private readonly onRetake = (event: CustomEvent<IdentitySideDetail>): void => {
    if (this.screen.name !== "review" || this.screen.busy) return;
    this.retaking = true;
    this.showCapture(event.detail.side);
  };

  private readonly onSubmit = async (): Promise<void> => {
    const api = this.api;
    if (!api || this.screen.name !== "review" || this.screen.busy) return;
    const signal = this.signal;
    this.patch("review", { busy: true, errorCode: null });
    try {
      if (this.phone) await api.completeHandoff();
      else await api.submit();
    } catch (error) {
      if (!signal.aborted) this.patch("review", { busy: false, errorCode: EnclaveError.from(error).code });
      return;
    }
    if (signal.aborted) return;
    if (this.phone) {
      this.photos.forgetPhotos();
      this.show({ name: "phone_done" });
      return;
    }
    this.progress("submitted", "review");
    this.startProcessing();
  };

  private startProcessing(): void {
    this.show({ name: "processing" });
    let unexplained = 0;
    this.pollStatus((session) => {
      this.session = session;
      if (session.status === "verified") {
        this.finishVerified(session);
        return false;
      }
      // requires_input without a reason is the session before the submission took effect:
      // give it a few polls before calling it a failure with no reason.
      if (session.status === "requires_input" && (session.last_error !== null || ++unexplained > maxUnexplainedPolls)) {
        this.finishRequiresInput(session);
        return false;
      }
      if (session.status === "canceled" || session.status === "redacted") {
        this.show({ name: "unavailable", errorCode: "session_not_open" });
        return false;
      }
      return true;
    });
  }

  private finishVerified(session: Session): void {
    this.photos.forgetPhotos();
    this.show({ name: "verified", merchantName: this.merchantName });
    if (this.succeeded) return;
    this.succeeded = true;
    // The session's id and status only: never a name, a date of birth or a document number.
    this.endpoint.emit("success", { verificationSession: { id: session.id, status: "verified" } });
    this.progress("verified", "result");
  }

  private finishRequiresInput(session: Session): void {
    const reason = requiresInputReason(session);
    this.show({ name: "requires_input", reason });
    this.progress("requires_input", "result");
    // The merchant's page hears it too, in English for its developer; the words are ours,
    // not the verifier's (which could name a person).
    if (reason !== "other") this.endpoint.emit("error", { code: reason, message: identityMessages.catalogs.en.status.requiresInput[reason], retryable: true });
  }

  private readonly onTryAgain = (): void => {
    this.photos.forgetPhotos();
    if (this.session) this.session = { ...this.session, uploaded: [], last_error: null };
    this.progress("retry_started", "result");
    this.go({ to: "document_type" });
  };

  // ---- close, exit ------------------------------------------------------------------------

  /** Escape on the page, or "Close": asks first, unless there is nothing to lose. */
  private requestExit(): void {
    if (this.phone) return;
    const name = this.screen.name;
    if (name === "loading" || name === "unavailable" || name === "verified") {
      this.leave("user_exit");
      return;
    }
    this.view.exitConfirmOpen = true;
  }

  private readonly onExitAnswer = (event: CustomEvent<IdentityExitAnswerDetail>): void => {
    this.view.exitConfirmOpen = false;
    if (event.detail.leave) this.leave("user_exit");
    else void this.view.focusFirstControl();
  };

  private leave(reason: "user_exit" | "consent_declined"): void {
    const step = stepOf(this.screen);
    // The dialog closes: the camera goes off, and a capture step is left as it was before the camera.
    if (this.photos.cameraOn || (this.screen.name === "capture" && this.screen.state === "starting")) {
      this.renewSignal();
      this.photos.stopCamera();
      this.patch("capture", { state: "choose", stream: null });
    }
    this.endpoint.emit("exit", { reason, step });
  }

  /** Polls the status until `onStatus` returns false, the customer moves elsewhere or another poll starts. */
  private pollStatus(onStatus: (session: Session) => boolean): void {
    const api = this.api;
    if (!api) return;
    this.polling?.abort();
    const polling = new AbortController();
    this.polling = polling;
    poll({
      signal: AbortSignal.any([this.signal, polling.signal]),
      intervalMs: this.pollIntervalMs,
      request: async () => (await api.status()).session,
      onAnswer: onStatus,
      onGiveUp: (reason) => {
        this.show({ name: "unavailable", errorCode: reason.code });
        this.endpoint.emit("error", { code: reason.code, message: developerErrorMessage(reason.code, reason.message), retryable: true });
      },
    });
  }
}
