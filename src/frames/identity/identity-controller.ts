/**
 * The identity frame's controller: the only code that talks to the bridge and the API.
 * It drives the pure view (identity-view) by giving it one `IdentityScreen` at a time, and
 * listens to the screens' DOM events. Where to go is decided by pure functions (routes.ts);
 * the photos are the capture step's (capture-step.ts), whose camera and photo work is a
 * chunk of its own, fetched when the document choice shows (capture-session.ts). Photos stay in
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
 *   processing    poll the status → result: verified ("Done" or Close → `success`) or
 *                 requires_input (`error`, "Try again" → document_type)
 *
 * On the phone (mode "phone") there is no bridge: the same screens run from the
 * document choice, and the review's "Finish" completes the hand-off instead.
 */
import type { FrameIdentitySession } from "../../protocol/identity-api.js";
import { documentSides, type ImageSide } from "../../protocol/identity-constants.js";
import { EnclaveError } from "../../protocol/errors.js";
import { FrameController, type ControllerEndpoint } from "../ui/frame-controller.js";
import type { Camera } from "./camera.js";
import { CaptureStep } from "./capture-step.js";
import { DocumentStep } from "./document-step.js";
import { HandoffSession } from "./handoff.js";
import { ReviewStep } from "./review-step.js";
import { VerificationWatch } from "./verification-watch.js";
import type { IdentityConsentDetail, IdentityDocumentDetail, IdentityExitAnswerDetail, IdentityPhotoDecisionDetail, IdentityPhotoDetail, IdentitySideDetail } from "./events.js";
import type { IdentityApi } from "./identity-client.js";
import type { EnclaveIdentityView } from "./identity-view.js";
import { stepOf, type IdentityProgressName, type IdentityScreen, type IdentityStep } from "./model.js";
import { backRoute, consentOrStart, neededSides, nextCaptureOrReview, resumeRoute, type BackContext, type PhotoProgress, type Route } from "./routes.js";

export type { IdentityProgressName } from "./model.js";

type Session = FrameIdentitySession["session"];

/** The parts of the bridge the controller uses (a fake in tests, a silent one on the phone). */
export type IdentityEndpoint = ControllerEndpoint<"identity">;

export interface IdentityControllerOptions {
  /** "frame" (in the merchant's page, with a bridge) or "phone" (the hand-off page). */
  mode?: "frame" | "phone";
  camera?: Camera;
  clock?: () => Date;
  /** How often processing and the hand-off are polled. */
  pollIntervalMs?: number;
}

/** An endpoint that goes nowhere: the phone page has no merchant page to tell. */
export { silentEndpoint } from "../ui/frame-controller.js";

export class IdentityController extends FrameController<"identity", IdentityScreen, IdentityProgressName, IdentityStep> {
  private readonly phone: boolean;
  private readonly photos: CaptureStep;
  private readonly handoff: HandoffSession;
  private readonly watch: VerificationWatch;
  private readonly review: ReviewStep;
  private readonly document: DocumentStep;

  private api: IdentityApi | undefined;
  private session: Session | undefined;
  private merchantName = "";

  constructor(
    private readonly view: EnclaveIdentityView,
    endpoint: IdentityEndpoint,
    options: IdentityControllerOptions = {},
  ) {
    super(endpoint, view.screen, options.clock);
    this.phone = (options.mode ?? "frame") === "phone";
    this.view.phone = this.phone;
    // What every part of the flow reads of where it stands.
    const where = { screen: () => this.screen, signal: () => this.signal, api: () => this.api };
    this.photos = new CaptureStep(
      {
        ...where,
        show: (screen) => this.show(screen),
        renewSignal: () => this.renewSignal(),
        patchCapture: (changes) => void this.patch("capture", changes),
        progress: (name, step) => this.progress(name, step ?? stepOf(this.screen)),
        uploaded: (side, signal) => this.uploaded(side, signal),
      },
      options.camera,
    );
    this.watch = new VerificationWatch(
      {
        ...where,
        merchantName: () => this.merchantName,
        show: (screen) => this.show(screen),
        noteSession: (session) => this.noteSession(session),
        forgetPhotos: () => this.photos.forgetPhotos(),
        progress: (name) => this.progress(name, "result"),
      },
      endpoint,
      options.pollIntervalMs ?? 1000,
    );
    this.handoff = new HandoffSession({
      ...where,
      neededSides: () => this.neededSides(),
      capturedSides: () => [...this.photos.captures.keys()],
      show: (screen) => this.show(screen),
      renewSignal: () => this.renewSignal(),
      patchHandoff: (changes) => void this.patch("handoff", changes),
      progress: (name) => this.progress(name, "handoff"),
      pollStatus: (onStatus) => this.watch.pollStatus(onStatus),
      noteSession: (session) => this.noteSession(session),
      completed: (session) => {
        if (session.status === "verified") this.watch.verified(session);
        else if (session.status === "processing") this.watch.startProcessing();
        else this.go(nextCaptureOrReview(this.photoProgress()));
      },
      now: () => this.clock(),
    });
    this.document = new DocumentStep({
      ...where,
      show: (screen) => this.show(screen),
      patchDocument: (changes) => void this.patch("document_type", changes),
      chosen: (type, country) => {
        // A (new) document choice starts the photos over.
        this.photos.forgetPhotos();
        if (this.session) this.session = { ...this.session, document: { type, issuing_country: country }, uploaded: [] };
        this.progress("document_selected", "document_type");
        this.showCapture(documentSides[type][0] ?? "front");
      },
    });
    this.review = new ReviewStep({
      ...where,
      phone: this.phone,
      items: () => this.neededSides().map((side) => ({ side, thumbnailUrl: this.photos.captures.get(side) ?? null })),
      show: (screen) => this.show(screen),
      patchReview: (changes) => void this.patch("review", changes),
      showCapture: (side) => this.showCapture(side),
      submitted: () => {
        this.progress("submitted", "review");
        this.watch.startProcessing();
      },
      finishedOnPhone: () => {
        this.photos.forgetPhotos();
        this.show({ name: "phone_done" });
      },
    });

    this.handleSharedMethods({ clear: () => this.clear(), focus: () => this.view.focusFirstControl() });
    endpoint.handle("requestExit", () => {
      this.requestExit();
      return {};
    });

    view.addEventListener("enclave-identity-consent", this.onConsent);
    view.addEventListener("enclave-identity-document-change", (event: CustomEvent<IdentityDocumentDetail>) => this.document.change(event.detail));
    view.addEventListener("enclave-identity-document-submit", (event: CustomEvent<IdentityDocumentDetail>) => void this.document.submit(event.detail));
    view.addEventListener("enclave-identity-camera-start", () => this.photos.startCamera());
    view.addEventListener("enclave-identity-camera-cancel", () => this.photos.cancelCamera());
    view.addEventListener("enclave-identity-photo", (event: CustomEvent<IdentityPhotoDetail>) => this.photos.photo(event.detail.file, event.detail.source));
    view.addEventListener("enclave-identity-photo-decision", (event: CustomEvent<IdentityPhotoDecisionDetail>) => this.photos.decide(event.detail.decision));
    for (const name of ["enclave-identity-handoff-start", "enclave-identity-handoff-renew"] as const)
      view.addEventListener(name, () => {
        if (!this.phone) void this.handoff.start();
      });
    view.addEventListener("enclave-identity-retake", (event: CustomEvent<IdentitySideDetail>) => this.review.retake(event.detail.side));
    view.addEventListener("enclave-identity-submit", () => void this.review.submit());
    view.addEventListener("enclave-identity-try-again", this.onTryAgain);
    view.addEventListener("enclave-identity-done", () => this.watch.done());
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
    this.view.merchantName = response.merchant.name;
    // "open" comes first in the page's log, then what resuming did (a capture step started).
    const sendHeld = this.holdProgress(() => this.resume(response.session));
    await this.view.updateComplete;
    this.endpoint.emit("ready", { flow: "identity" });
    this.progress("open", stepOf(this.screen));
    sendHeld();
  }

  /** Back to the start (the page's `clear`): photos taken here are forgotten. */
  clear(): void {
    this.photos.forgetPhotos();
    this.document.type = null;
    this.view.exitConfirmOpen = false;
    if (this.session && !this.watch.verifiedSession) this.go(consentOrStart(this.photoProgress(), this.session.uploaded.length));
  }

  /** Stops the camera and every timer, and lets go of the photos (the frame is going away). */
  override dispose(): void {
    super.dispose();
    this.photos.stopCamera();
    this.photos.forgetPhotos();
  }

  // ---- where to go -------------------------------------------------------------------

  protected override render(screen: IdentityScreen): void {
    // The camera and photo code is fetched while the customer chooses the document (or
    // when a resumed session starts at a capture step), so "Use camera" finds it there.
    if (screen.name === "document_type" || screen.name === "capture") void this.photos.prepare().catch(() => undefined);
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
    return { documentType: this.document.type, requireSelfie: this.session?.require_selfie ?? false, captured: this.photos.captures };
  }

  private backContext(): BackContext {
    return { ...this.photoProgress(), phone: this.phone, retaking: this.review.retaking, handoffReturn: this.handoff.returnSide };
  }

  private go(route: Route | null): void {
    switch (route?.to) {
      case "consent":
        return this.show({ name: "consent", merchantName: this.merchantName, requireSelfie: this.session?.require_selfie ?? false });
      case "document_type":
        return this.document.show();
      case "capture":
        return this.showCapture(route.side);
      case "review":
        return this.review.show();
      case "processing":
        return this.watch.startProcessing();
      case "verified":
        return this.session && this.watch.verified(this.session);
      case "requires_input":
        return this.show({ name: "requires_input", reason: route.reason });
      case "unavailable":
        return this.show({ name: "unavailable", errorCode: route.errorCode });
      case "phone_done":
        return this.show({ name: "phone_done" });
    }
  }

  private noteSession(session: Session): void {
    this.session = session;
    this.photos.noteUploaded(session.uploaded);
  }

  private resume(session: Session): void {
    this.noteSession(session);
    if (session.document) {
      this.document.type = session.document.type;
      this.document.country = session.document.issuing_country;
    }
    this.go(resumeRoute(session, this.phone, this.photoProgress()));
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

  // ---- capture -------------------------------------------------------------------------

  private showCapture(side: ImageSide): void {
    if (this.document.type) this.photos.showStep(side, this.document.type, !this.phone);
    else this.go({ to: "document_type" });
  }

  /** A photo is in: the session knows it, and the customer moves on if still on its step. */
  private uploaded(side: ImageSide, signal: AbortSignal): void {
    if (this.session && !this.session.uploaded.includes(side)) this.session = { ...this.session, uploaded: [...this.session.uploaded, side] };
    this.progress("image_uploaded", side);
    if (!signal.aborted) this.go(nextCaptureOrReview(this.photoProgress()));
  }

  // ---- hand-off, result ------------------------------------------------------------

  private neededSides(): ImageSide[] {
    return neededSides(this.document.type, this.session?.require_selfie ?? false);
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
    // Closing "You're verified" is "Done": the customer is verified, and the page must hear it.
    if (name === "verified") {
      this.watch.done();
      return;
    }
    if (name === "loading" || name === "unavailable") {
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
    // The dialog closes: the camera goes off.
    this.photos.closeForExit();
    this.endpoint.emit("exit", { reason, step });
  }
}
