/**
 * The capture steps as the controller sees them, in the identity frame's first load: which
 * sides were taken here (the review's thumbnails), why the camera could not be used, and
 * showing a capture step. The camera and the photo work (capture-session.ts, camera.ts) are
 * a chunk of their own, kept out of the frame's first load: `prepare()` starts it when the
 * document choice shows, so it is there by the time the customer presses "Use camera".
 * Work asked of it before it arrives waits for it, and is dropped when the customer has
 * left the step meanwhile (that step's AbortSignal).
 */
import type { DocumentType, ImageSide } from "../../protocol/identity-api.js";
import type { Camera } from "./camera.js";
import type { CaptureSession } from "./capture-session.js";
import type { IdentityApi } from "./identity-client.js";
import type { CameraProblem, IdentityProgressName, IdentityScreen } from "./model.js";

type CaptureScreen = Extract<IdentityScreen, { name: "capture" }>;

/** What the capture step and its session need of the controller. */
export interface CaptureHost {
  screen(): IdentityScreen;
  /** The current screen's signal: aborted when the customer leaves it. */
  signal(): AbortSignal;
  api(): IdentityApi | undefined;
  show(screen: CaptureScreen): void;
  /** Aborts the current screen's work without leaving it. */
  renewSignal(): void;
  /** Changes the capture screen on show (nothing when another screen is on show). */
  patchCapture(changes: Partial<CaptureScreen>): void;
  progress(name: IdentityProgressName, step?: ImageSide): void;
  /** `side` is in; `signal` says whether the customer is still on its step. */
  uploaded(side: ImageSide, signal: AbortSignal): void;
}

/** What the step and the session share: the photos taken here and the camera's problem. */
export interface CaptureRecord {
  /** Object URLs of the photos taken here, by side; null for a side added elsewhere. */
  readonly captures: Map<ImageSide, string | null>;
  /** Why the camera could not be used, once it happened; every capture step shows it. */
  cameraProblem: CameraProblem | null;
}

export class CaptureStep implements CaptureRecord {
  readonly captures = new Map<ImageSide, string | null>();
  cameraProblem: CameraProblem | null = null;
  private session: CaptureSession | undefined;
  private loading: Promise<CaptureSession> | undefined;

  constructor(
    private readonly host: CaptureHost,
    /** A camera of the test's or the story's; the browser's otherwise. */
    private readonly camera?: Camera,
  ) {}

  /** Starts fetching the camera and photo code (once; again after a failed fetch). */
  prepare(): Promise<CaptureSession> {
    this.loading ??= import("./capture-session.js").then(
      ({ CaptureSession }) => (this.session = new CaptureSession(this.host, this, this.camera)),
      (error: unknown) => {
        this.loading = undefined;
        throw error;
      },
    );
    return this.loading;
  }

  /** Shows the capture step for `side`; entering it (not a redraw of it) reports it and checks the camera. */
  showStep(side: ImageSide, documentType: DocumentType, canHandoff: boolean): void {
    const screen = this.host.screen();
    const entering = !(screen.name === "capture" && screen.side === side);
    this.host.show({ name: "capture", side, documentType, state: "choose", stream: null, previewUrl: "", cameraProblem: this.cameraProblem, errorCode: null, canHandoff });
    if (entering) {
      this.host.progress("capture_started", side);
      this.withSession((session) => session.checkCamera());
    }
  }

  /** Notes sides added elsewhere (the phone, an earlier visit): they need no photo here. */
  noteUploaded(sides: readonly ImageSide[]): void {
    for (const side of sides) if (!this.captures.has(side)) this.captures.set(side, null);
  }

  /** "Use camera", or "Retake". */
  startCamera(): void {
    this.withSession((session) => session.startCamera());
  }

  cancelCamera(): void {
    this.withSession((session) => session.cancelCamera());
  }

  /** A photo from the camera (shown for a decision) or a file chosen (checked and uploaded at once). */
  photo(file: Blob, source: "camera" | "upload"): void {
    this.withSession((session) => session.photo(file, source));
  }

  /** "Retake" or "Use this photo" on a photo just taken. */
  decide(decision: "retake" | "accept"): void {
    this.withSession((session) => session.decide(decision));
  }

  // Before the session arrives there is no camera on and no photo pending: nothing to stop.

  /** The customer leaves the flow: the camera goes off, and a capture step is left as it was before the camera. */
  closeForExit(): void {
    this.session?.closeForExit();
  }

  stopCamera(): void {
    this.session?.stopCamera();
  }

  dropPending(): void {
    this.session?.dropPending();
  }

  /** Revokes every photo's URL and forgets which sides were taken here. */
  forgetPhotos(): void {
    this.dropPending();
    for (const url of this.captures.values()) if (url) URL.revokeObjectURL(url);
    this.captures.clear();
  }

  /** At once when the session is here; when it arrives otherwise, if the customer is still where they asked. */
  private withSession(work: (session: CaptureSession) => unknown): void {
    if (this.session) {
      void work(this.session);
      return;
    }
    const signal = this.host.signal();
    this.prepare().then(
      (session) => {
        if (!signal.aborted) void work(session);
      },
      (error: unknown) => {
        // Offline at that moment: the step stays as it is, and the next press tries again.
        console.warn("[enclave] the camera and photo code could not be loaded", error);
      },
    );
  }
}
