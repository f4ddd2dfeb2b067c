/**
 * The identity frame's controller: the only code that talks to the bridge, the API and
 * the camera. It drives the pure view (identity-view) by giving it one `IdentityScreen`
 * at a time, and listens to the screens' DOM events. Photos stay in this frame: they go
 * to the widget host's own API and nowhere else — no event, result or error carries an
 * image or anything read from a document.
 *
 *   load()        GET  /v1/frame/session → consent, or where the session left off
 *   consent       Continue → document_type · Decline → exit { reason: "consent_declined" }
 *   document_type POST /v1/frame/identity/document → front
 *   front, back, selfie (the sides the document and the session need)
 *                 camera or upload → checks in the frame → POST /v1/frame/identity/files
 *                 "Continue on your phone" → handoff
 *   handoff       POST /v1/frame/identity/handoff, then poll GET …/status until the phone
 *                 is done → review (or processing)
 *   review        Submit → POST /v1/frame/identity/submit → processing
 *   processing    poll GET /v1/frame/identity/status → result: verified (`success`) or
 *                 requires_input (`error`, "Try again" → document_type)
 *
 * On the phone (mode "phone") there is no bridge: the same screens run from the
 * document choice, and the review's "Finish" posts …/handoff/complete instead.
 */
import { documentSides, type DocumentType, type FrameIdentitySession, type ImageSide } from "../../protocol/identity-api.js";
import { EnclaveError } from "../../protocol/errors.js";
import type { ProgressDetail } from "../../protocol/events.js";
import type { ParentEndpoint } from "../frame-shell.js";
import { currentLocale } from "../ui/i18n.js";
import { browserCamera, CameraError, stopStream, type Camera } from "./camera.js";
import { defaultCountry } from "./countries.js";
import type {
  IdentityConsentDetail,
  IdentityDocumentDetail,
  IdentityExitAnswerDetail,
  IdentityPhotoDecisionDetail,
  IdentityPhotoDetail,
  IdentitySideDetail,
} from "./events.js";
import type { IdentityApi } from "./identity-client.js";
import type { EnclaveIdentityView } from "./identity-view.js";
import { prepareImage } from "./image-checks.js";
import { developerErrorMessage, identityMessages } from "./messages.js";
import { stepOf, type CameraProblem, type IdentityScreen, type IdentityStep, type RequiresInputReason } from "./model.js";

type Session = FrameIdentitySession["session"];

/** The parts of the bridge the controller uses (a fake in tests, a silent one on the phone). */
export type IdentityEndpoint = Pick<ParentEndpoint, "emit" | "handle">;

/** Progress names sent as `event` for analytics, with the step they belong to. Never personal data. */
export type IdentityProgressName =
  | "open"
  | "consent_accepted"
  | "document_selected"
  | "capture_started"
  | "camera_unavailable"
  | "image_rejected"
  | "image_uploaded"
  | "handoff_started"
  | "handoff_opened"
  | "handoff_completed"
  | "submitted"
  | "verified"
  | "requires_input"
  | "retry_started";

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

/** A poll gives up after this many failures in a row (about half a minute at the longest wait). */
const maxPollFailures = 8;
/** Polls of requires_input with no last_error, while processing, before it counts as a failure. */
const maxUnexplainedPolls = 3;

export class IdentityController {
  private readonly mode: "frame" | "phone";
  private readonly camera: Camera;
  private readonly clock: () => Date;
  private readonly pollIntervalMs: number;

  private api: IdentityApi | undefined;
  private session: Session | undefined;
  private merchantName = "";
  private documentType: DocumentType | null = null;
  private country: string;

  /** Object URLs of the photos taken here, by side; null for a side added elsewhere. */
  private readonly captures = new Map<ImageSide, string | null>();
  /** A photo just taken, waiting for "Use this photo". */
  private pending: { blob: Blob; url: string } | undefined;
  private stream: MediaStream | null = null;
  private cameraProblem: CameraProblem | null = null;
  private cameraChecked = false;
  private handoffReturn: ImageSide = "front";
  /** On a capture step reached by "Retake" on the review. */
  private retaking = false;
  private handoffExpiresAt = 0;
  private announcedHandoffOpened = false;

  /** Changes whenever the customer moves to another place: async work for an old place stops. */
  private visit = 0;
  private pollTimer: ReturnType<typeof setTimeout> | undefined;
  private succeeded = false;
  private disposed = false;
  /** Progress held back while the session is resumed, so that "open" is reported first. */
  private heldProgress: ProgressDetail[] | undefined;

  constructor(
    private readonly view: EnclaveIdentityView,
    private readonly endpoint: IdentityEndpoint,
    options: IdentityControllerOptions = {},
  ) {
    this.mode = options.mode ?? "frame";
    this.camera = options.camera ?? browserCamera;
    this.clock = options.clock ?? (() => new Date());
    this.pollIntervalMs = options.pollIntervalMs ?? 1000;
    // The frame's locale is set before the controller exists (init, or the phone page's
    // language): its region is the likeliest issuing country.
    this.country = defaultCountry(currentLocale());
    this.view.phone = this.mode === "phone";

    endpoint.handle("submit", () => {
      // The identity flow has its own "Submit" inside the frame; the merchant page has no
      // form to submit, so this does nothing and answers at once.
      return {};
    });
    endpoint.handle("clear", () => {
      this.clear();
      return {};
    });
    endpoint.handle("focus", async () => {
      await this.view.focusFirstControl();
      return {};
    });
    endpoint.handle("requestExit", () => {
      this.requestExit();
      return {};
    });

    view.addEventListener("enclave-identity-consent", this.onConsent);
    view.addEventListener("enclave-identity-document-change", this.onDocumentChange);
    view.addEventListener("enclave-identity-document-submit", this.onDocumentSubmit);
    view.addEventListener("enclave-identity-camera-start", this.onCameraStart);
    view.addEventListener("enclave-identity-camera-cancel", this.onCameraCancel);
    view.addEventListener("enclave-identity-photo", this.onPhoto);
    view.addEventListener("enclave-identity-photo-decision", this.onPhotoDecision);
    view.addEventListener("enclave-identity-handoff-start", this.onHandoffStart);
    view.addEventListener("enclave-identity-handoff-renew", this.onHandoffStart);
    view.addEventListener("enclave-identity-retake", this.onRetake);
    view.addEventListener("enclave-identity-submit", this.onSubmit);
    view.addEventListener("enclave-identity-try-again", this.onTryAgain);
    view.addEventListener("enclave-identity-back", this.onBack);
    view.addEventListener("enclave-identity-close", this.onClose);
    view.addEventListener("enclave-identity-exit-answer", this.onExitAnswer);
  }

  // ---- public ------------------------------------------------------------------------

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
    const held: ProgressDetail[] = [];
    this.heldProgress = held;
    try {
      this.resume(response.session);
    } finally {
      this.heldProgress = undefined;
    }
    await this.view.updateComplete;
    this.endpoint.emit("ready", { flow: "identity" });
    this.progress("open");
    for (const detail of held) this.endpoint.emit("event", detail);
  }

  /** Back to the start (the page's `clear`): photos taken here are forgotten. */
  clear(): void {
    this.forgetPhotos();
    this.documentType = null;
    this.view.exitConfirmOpen = false;
    if (this.session && !this.succeeded) this.showConsentOrStart();
  }

  /** Stops the camera and every timer, and lets go of the photos (the frame is going away). */
  dispose(): void {
    this.disposed = true;
    this.visit++;
    this.stopCamera();
    this.stopPolling();
    this.forgetPhotos();
  }

  // ---- where to go -------------------------------------------------------------------

  private get screen(): IdentityScreen {
    return this.view.screen;
  }

  private resume(session: Session): void {
    this.session = session;
    if (session.document) {
      this.documentType = session.document.type;
      this.country = session.document.issuing_country;
    }
    for (const side of session.uploaded) if (!this.captures.has(side)) this.captures.set(side, null);

    switch (session.status) {
      case "verified":
        this.finishVerified(session);
        return;
      case "processing":
        this.startProcessing();
        return;
      case "canceled":
      case "redacted":
        this.show({ name: "unavailable", errorCode: "session_not_open" });
        return;
      case "requires_input":
        break;
    }
    if (this.mode === "phone") {
      if (session.handoff === "completed") this.show({ name: "phone_done" });
      else if (!this.documentType) this.showDocumentType();
      else this.showNextCaptureOrReview();
      return;
    }
    // A verification that did not pass, and no new photo yet: say why before starting again.
    const failure = session.last_error?.code;
    if ((failure === "document_unverified" || failure === "selfie_mismatch") && session.uploaded.length === 0) {
      this.show({ name: "requires_input", reason: failure });
      return;
    }
    this.showConsentOrStart();
  }

  /** Consent, unless photos are already in: then the next step where they left off. */
  private showConsentOrStart(): void {
    const session = this.session;
    if (this.documentType && session && session.uploaded.length > 0) this.showNextCaptureOrReview();
    else this.show({ name: "consent", merchantName: this.merchantName, requireSelfie: session?.require_selfie ?? false });
  }

  /** The sides this session needs, in the order they are asked for. */
  private neededSides(): ImageSide[] {
    if (!this.documentType) return [];
    return [...documentSides[this.documentType], ...(this.session?.require_selfie ? (["selfie"] as const) : [])];
  }

  private missingSides(): ImageSide[] {
    return this.neededSides().filter((side) => !this.captures.has(side));
  }

  private showNextCaptureOrReview(): void {
    const next = this.missingSides()[0];
    if (next) this.showCapture(next);
    else this.showReview();
  }

  /** Where "Back" leads from a screen, or null where there is no way back. */
  private backTarget(screen: IdentityScreen): (() => void) | null {
    const phone = this.mode === "phone";
    switch (screen.name) {
      case "document_type":
        return phone || screen.busy ? null : () => this.show({ name: "consent", merchantName: this.merchantName, requireSelfie: this.session?.require_selfie ?? false });
      case "capture": {
        if (screen.state === "checking" || screen.state === "uploading") return null;
        // A retake from the review: Back returns there.
        if (this.retaking && this.missingSides().length === 0) return () => this.showReview();
        const needed = this.neededSides();
        const previous = needed[needed.indexOf(screen.side) - 1];
        return previous ? () => this.showCapture(previous) : () => this.showDocumentType();
      }
      case "review": {
        if (screen.busy) return null;
        const last = this.neededSides().at(-1);
        return last ? () => this.showCapture(last) : null;
      }
      case "handoff":
        return () => this.showCapture(this.handoffReturn);
      default:
        return null;
    }
  }

  /** Puts `screen` on show; leaving a place stops its camera, its polling and its pending photo. */
  private show(screen: IdentityScreen): void {
    const previous = this.view.screen;
    const samePlace = previous.name === screen.name && (previous.name !== "capture" || (screen.name === "capture" && previous.side === screen.side));
    if (!samePlace) {
      this.visit++;
      this.stopCamera();
      this.stopPolling();
      this.dropPending();
    }
    this.view.screen = screen;
    this.view.canGoBack = this.backTarget(screen) !== null;
  }

  /** Changes some properties of the screen on show. */
  private patch(changes: Partial<Record<string, unknown>>): void {
    this.show({ ...this.screen, ...changes });
  }

  private progress(name: IdentityProgressName, step: IdentityStep = stepOf(this.screen)): void {
    const detail: ProgressDetail = { name, step, at: this.clock().toISOString() };
    if (this.heldProgress) this.heldProgress.push(detail);
    else this.endpoint.emit("event", detail);
  }

  // ---- consent and document ----------------------------------------------------------

  private readonly onConsent = (event: CustomEvent<IdentityConsentDetail>): void => {
    if (!event.detail.accepted) {
      this.leave("consent_declined");
      return;
    }
    this.progress("consent_accepted", "consent");
    this.showDocumentType();
  };

  private showDocumentType(): void {
    this.show({ name: "document_type", documentType: this.documentType, country: this.country, busy: false, errorCode: null });
  }

  private readonly onDocumentChange = (event: CustomEvent<IdentityDocumentDetail>): void => {
    this.documentType = event.detail.documentType;
    this.country = event.detail.country;
    if (this.screen.name === "document_type") this.patch({ documentType: this.documentType, country: this.country, errorCode: null });
  };

  private readonly onDocumentSubmit = async (event: CustomEvent<IdentityDocumentDetail>): Promise<void> => {
    const { documentType, country } = event.detail;
    const api = this.api;
    if (!documentType || !api || this.screen.name !== "document_type" || this.screen.busy) return;
    this.documentType = documentType;
    this.country = country;
    const visit = this.visit;
    this.patch({ documentType, country, busy: true, errorCode: null });
    try {
      await api.chooseDocument(documentType, country);
    } catch (error) {
      if (visit !== this.visit) return;
      this.patch({ busy: false, errorCode: EnclaveError.from(error).code });
      return;
    }
    if (visit !== this.visit) return;
    // A (new) document choice starts the photos over.
    this.forgetPhotos();
    if (this.session) this.session = { ...this.session, document: { type: documentType, issuing_country: country }, uploaded: [] };
    this.progress("document_selected", "document_type");
    this.showCapture(documentSides[documentType][0] ?? "front");
  };

  // ---- capture -------------------------------------------------------------------------

  private showCapture(side: ImageSide): void {
    const documentType = this.documentType;
    if (!documentType) {
      this.showDocumentType();
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
      cameraProblem: this.cameraProblem,
      errorCode: null,
      canHandoff: this.mode === "frame",
    });
    if (entering) {
      this.progress("capture_started", side);
      void this.checkCamera();
    }
  }

  /** Once per visit of the frame: no camera at all means no "Use camera", and the phone suggested first. */
  private async checkCamera(): Promise<void> {
    if (this.cameraChecked) return;
    this.cameraChecked = true;
    const visit = this.visit;
    const available = await this.camera.available().catch(() => true);
    if (available) return;
    this.noteCameraProblem("unavailable");
    if (visit === this.visit && this.screen.name === "capture") this.patch({ cameraProblem: this.cameraProblem });
  }

  private noteCameraProblem(problem: CameraProblem): void {
    this.cameraProblem = problem;
    this.progress("camera_unavailable");
  }

  private readonly onCameraStart = async (): Promise<void> => {
    const screen = this.screen;
    if (screen.name !== "capture" || (screen.state !== "choose" && screen.state !== "captured")) return;
    const visit = this.visit;
    this.dropPending();
    this.patch({ state: "starting", errorCode: null, previewUrl: "" });
    let stream: MediaStream;
    try {
      stream = await this.camera.open(screen.side);
    } catch (error) {
      if (visit !== this.visit) return;
      this.noteCameraProblem(error instanceof CameraError ? error.problem : "unavailable");
      this.patch({ state: "choose", cameraProblem: this.cameraProblem });
      return;
    }
    // The customer moved on (or left) while the permission prompt was open.
    if (visit !== this.visit || this.screen.name !== "capture" || this.screen.state !== "starting") {
      stopStream(stream);
      return;
    }
    this.cameraProblem = null;
    this.stream = stream;
    this.patch({ state: "live", stream, cameraProblem: null });
  };

  private readonly onCameraCancel = (): void => {
    if (this.screen.name !== "capture") return;
    this.stopCamera();
    this.patch({ state: "choose", stream: null });
  };

  private readonly onPhoto = (event: CustomEvent<IdentityPhotoDetail>): void => {
    const screen = this.screen;
    if (screen.name !== "capture" || screen.state === "checking" || screen.state === "uploading") return;
    const { file, source } = event.detail;
    const url = URL.createObjectURL(file);
    if (source === "camera") {
      // The camera goes off while the customer looks at the photo; "Retake" turns it on again.
      this.stopCamera();
      this.dropPending();
      this.pending = { blob: file, url };
      this.patch({ state: "captured", stream: null, previewUrl: url, errorCode: null });
      return;
    }
    this.stopCamera();
    void this.checkAndUpload(screen.side, file, url);
  };

  private readonly onPhotoDecision = (event: CustomEvent<IdentityPhotoDecisionDetail>): void => {
    if (this.screen.name !== "capture" || this.screen.state !== "captured") return;
    if (event.detail.decision === "retake") {
      void this.onCameraStart();
      return;
    }
    const pending = this.pending;
    if (!pending) return;
    // The upload owns the URL now (it becomes the review's thumbnail or is revoked).
    this.pending = undefined;
    void this.checkAndUpload(this.screen.side, pending.blob, pending.url);
  };

  /** The frame's checks, then the upload; a refusal from either shows on this step. */
  private async checkAndUpload(side: ImageSide, file: Blob, url: string): Promise<void> {
    const api = this.api;
    if (!api) return;
    const visit = this.visit;
    this.patch({ state: "checking", stream: null, previewUrl: url, errorCode: null });
    const refuse = (error: unknown): void => {
      URL.revokeObjectURL(url);
      if (visit !== this.visit) return;
      this.progress("image_rejected", side);
      this.patch({ state: "choose", previewUrl: "", errorCode: EnclaveError.from(error).code });
    };
    let prepared;
    try {
      prepared = await prepareImage(file, side);
    } catch (error) {
      refuse(error);
      return;
    }
    if (visit !== this.visit) {
      URL.revokeObjectURL(url);
      return;
    }
    this.patch({ state: "uploading" });
    try {
      await api.upload(side, prepared.blob, `${side}.${prepared.type === "image/png" ? "png" : "jpg"}`);
    } catch (error) {
      refuse(error);
      return;
    }
    const previous = this.captures.get(side);
    if (previous) URL.revokeObjectURL(previous);
    this.captures.set(side, url);
    if (this.session && !this.session.uploaded.includes(side)) this.session = { ...this.session, uploaded: [...this.session.uploaded, side] };
    this.progress("image_uploaded", side);
    if (visit !== this.visit) return;
    this.showNextCaptureOrReview();
  }

  // ---- phone hand-off --------------------------------------------------------------------

  private readonly onHandoffStart = async (): Promise<void> => {
    const api = this.api;
    if (!api || this.mode === "phone") return;
    if (this.screen.name === "capture") this.handoffReturn = this.screen.side;
    this.announcedHandoffOpened = false;
    this.show({ name: "handoff", state: "creating", url: "", expiresAt: 0, needed: this.neededSides(), uploaded: [...this.captures.keys()], errorCode: null });
    const visit = this.visit;
    try {
      const { url, expires_at } = await api.startHandoff();
      if (visit !== this.visit) return;
      this.handoffExpiresAt = expires_at;
      this.patch({ state: "waiting", url, expiresAt: expires_at });
      this.progress("handoff_started", "handoff");
      this.poll(visit, (session) => this.onHandoffStatus(session));
    } catch (error) {
      if (visit !== this.visit) return;
      this.patch({ state: "error", errorCode: EnclaveError.from(error).code });
    }
  };

  /** One poll of the hand-off: true to keep polling. */
  private onHandoffStatus(session: Session): boolean {
    this.session = session;
    for (const side of session.uploaded) if (!this.captures.has(side)) this.captures.set(side, null);
    if (session.handoff === "completed" || session.status === "processing" || session.status === "verified") {
      this.progress("handoff_completed", "handoff");
      if (session.status === "verified") this.finishVerified(session);
      else if (session.status === "processing") this.startProcessing();
      else this.showNextCaptureOrReview();
      return false;
    }
    if (session.handoff === "opened") {
      if (!this.announcedHandoffOpened) {
        this.announcedHandoffOpened = true;
        this.progress("handoff_opened", "handoff");
      }
      this.patch({ state: "connected", uploaded: session.uploaded });
      return true;
    }
    if (this.handoffExpiresAt > 0 && this.clock().getTime() / 1000 >= this.handoffExpiresAt) {
      this.patch({ state: "expired", url: "" });
      return false;
    }
    return true;
  }

  // ---- review, submission, result ------------------------------------------------------------

  private showReview(): void {
    this.retaking = false;
    const items = this.neededSides().map((side) => ({ side, thumbnailUrl: this.captures.get(side) ?? null }));
    this.show({ name: "review", items, busy: false, errorCode: null, phone: this.mode === "phone" });
  }

  private readonly onRetake = (event: CustomEvent<IdentitySideDetail>): void => {
    if (this.screen.name !== "review" || this.screen.busy) return;
    this.retaking = true;
    this.showCapture(event.detail.side);
  };

  private readonly onSubmit = async (): Promise<void> => {
    const api = this.api;
    if (!api || this.screen.name !== "review" || this.screen.busy) return;
    const visit = this.visit;
    this.patch({ busy: true, errorCode: null });
    try {
      if (this.mode === "phone") await api.completeHandoff();
      else await api.submit();
    } catch (error) {
      if (visit !== this.visit) return;
      this.patch({ busy: false, errorCode: EnclaveError.from(error).code });
      return;
    }
    if (visit !== this.visit) return;
    if (this.mode === "phone") {
      this.forgetPhotos();
      this.show({ name: "phone_done" });
      return;
    }
    this.progress("submitted", "review");
    this.startProcessing();
  };

  private startProcessing(): void {
    this.show({ name: "processing" });
    let unexplained = 0;
    this.poll(this.visit, (session) => {
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
    this.forgetPhotos();
    this.show({ name: "verified", merchantName: this.merchantName });
    if (this.succeeded) return;
    this.succeeded = true;
    // The session's id and status only: never a name, a date of birth or a document number.
    this.endpoint.emit("success", { verificationSession: { id: session.id, status: "verified" } });
    this.progress("verified", "result");
  }

  private finishRequiresInput(session: Session): void {
    const code = session.last_error?.code;
    const reason: RequiresInputReason = code === "document_unverified" || code === "selfie_mismatch" ? code : "other";
    this.show({ name: "requires_input", reason });
    this.progress("requires_input", "result");
    // The merchant's page hears it too, in English for its developer; the words are ours,
    // not the verifier's (which could name a person).
    if (code === "document_unverified" || code === "selfie_mismatch") {
      this.endpoint.emit("error", { code, message: identityMessages.catalogs.en.status.requiresInput[reason], retryable: true });
    }
  }

  private readonly onTryAgain = (): void => {
    this.forgetPhotos();
    if (this.session) this.session = { ...this.session, uploaded: [], last_error: null };
    this.progress("retry_started", "result");
    this.showDocumentType();
  };

  // ---- back, close, exit ------------------------------------------------------------------

  private readonly onBack = (): void => {
    const target = this.backTarget(this.screen);
    target?.();
  };

  private readonly onClose = (): void => {
    this.requestExit();
  };

  /** Escape on the page, or "Close": asks first, unless there is nothing to lose. */
  private requestExit(): void {
    if (this.mode === "phone") return;
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
    if (this.stream || (this.screen.name === "capture" && this.screen.state === "starting")) {
      this.visit++;
      this.stopCamera();
      this.patch({ state: "choose", stream: null });
    }
    this.endpoint.emit("exit", { reason, step });
  }

  // ---- helpers --------------------------------------------------------------------------------

  /** Polls the status until `onStatus` returns false or the customer moves elsewhere. */
  private poll(visit: number, onStatus: (session: Session) => boolean): void {
    const api = this.api;
    if (!api) return;
    this.stopPolling();
    let failures = 0;
    const tick = async (): Promise<void> => {
      this.pollTimer = undefined;
      if (visit !== this.visit || this.disposed) return;
      let session: Session;
      try {
        session = (await api.status()).session;
        failures = 0;
      } catch (error) {
        if (visit !== this.visit || this.disposed) return;
        failures++;
        if (failures >= maxPollFailures) {
          const reason = EnclaveError.from(error);
          this.show({ name: "unavailable", errorCode: reason.code });
          this.endpoint.emit("error", { code: reason.code, message: developerErrorMessage(reason.code, reason.message), retryable: true });
          return;
        }
        // A blip (network, a restart): wait longer each time, up to 5 s.
        this.pollTimer = setTimeout(() => void tick(), Math.min(5000, this.pollIntervalMs * 2 ** failures));
        return;
      }
      if (visit !== this.visit || this.disposed) return;
      if (onStatus(session) && visit === this.visit) this.pollTimer = setTimeout(() => void tick(), this.pollIntervalMs);
    };
    this.pollTimer = setTimeout(() => void tick(), this.pollIntervalMs);
  }

  private stopPolling(): void {
    if (this.pollTimer !== undefined) clearTimeout(this.pollTimer);
    this.pollTimer = undefined;
  }

  private stopCamera(): void {
    stopStream(this.stream);
    this.stream = null;
  }

  private dropPending(): void {
    if (this.pending) URL.revokeObjectURL(this.pending.url);
    this.pending = undefined;
  }

  /** Revokes every photo's URL and forgets which sides were taken here. */
  private forgetPhotos(): void {
    this.dropPending();
    for (const url of this.captures.values()) if (url) URL.revokeObjectURL(url);
    this.captures.clear();
  }
}
