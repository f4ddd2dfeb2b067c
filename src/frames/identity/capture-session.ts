/**
 * The identity flow's camera and photo work, a chunk of its own that capture-step.ts loads
 * when the document choice shows: the live camera stream, the photo waiting for "Use this
 * photo", and what the capture screen's controls do — start and stop the camera, take or
 * choose a photo, check it in the frame and upload it. Photos go to the widget host's own
 * API and nowhere else. The controller owns the screen; this works on it through
 * `CaptureHost` and drops an answer for a screen the customer has left (its AbortSignal).
 */
import { EnclaveError } from "../../protocol/errors.js";
import type { ImageSide } from "../../protocol/identity-api.js";
import { browserCamera, CameraError, stopStream, type Camera } from "./camera.js";
import type { CaptureHost, CaptureRecord } from "./capture-step.js";
import type { CameraProblem } from "./model.js";

/** The photo checks (and their worker) arrive with the first photo, not with the camera. */
const prepareImage: typeof import("./photo-checks.js").prepareImage = async (...args) => (await import("./photo-checks.js")).prepareImage(...args);

export class CaptureSession {
  /** A photo just taken, waiting for "Use this photo". */
  private pending: { blob: Blob; url: string } | undefined;
  private stream: MediaStream | null = null;
  private cameraChecked = false;

  constructor(
    private readonly host: CaptureHost,
    /** The sides taken and the camera's problem, which the capture step shows. */
    private readonly record: CaptureRecord,
    private readonly camera: Camera = browserCamera,
  ) {}

  get cameraOn(): boolean {
    return this.stream !== null;
  }

  /** The customer leaves the flow: the camera goes off, and a capture step is left as it was before the camera. */
  closeForExit(): void {
    const screen = this.host.screen();
    if (!this.cameraOn && !(screen.name === "capture" && screen.state === "starting")) return;
    this.host.renewSignal();
    this.stopCamera();
    this.host.patchCapture({ state: "choose", stream: null });
  }

  /** Once per visit of the frame: no camera at all means no "Use camera", and the phone suggested first. */
  async checkCamera(): Promise<void> {
    if (this.cameraChecked) return;
    this.cameraChecked = true;
    const signal = this.host.signal();
    const available = await this.camera.available().catch(() => true);
    if (available) return;
    this.noteCameraProblem("unavailable");
    if (!signal.aborted) this.host.patchCapture({ cameraProblem: this.record.cameraProblem });
  }

  /** "Use camera", or "Retake": the camera on (after the permission prompt, the first time). */
  async startCamera(): Promise<void> {
    const screen = this.host.screen();
    if (screen.name !== "capture" || (screen.state !== "choose" && screen.state !== "captured")) return;
    const signal = this.host.signal();
    this.dropPending();
    this.host.patchCapture({ state: "starting", errorCode: null, previewUrl: "" });
    let stream: MediaStream;
    try {
      stream = await this.camera.open(screen.side);
    } catch (error) {
      if (signal.aborted) return;
      this.noteCameraProblem(error instanceof CameraError ? error.problem : "unavailable");
      this.host.patchCapture({ state: "choose", cameraProblem: this.record.cameraProblem });
      return;
    }
    // The customer moved on (or left) while the permission prompt was open.
    const now = this.host.screen();
    if (signal.aborted || now.name !== "capture" || now.state !== "starting") {
      stopStream(stream);
      return;
    }
    this.record.cameraProblem = null;
    this.stream = stream;
    this.host.patchCapture({ state: "live", stream, cameraProblem: null });
  }

  cancelCamera(): void {
    if (this.host.screen().name !== "capture") return;
    this.stopCamera();
    this.host.patchCapture({ state: "choose", stream: null });
  }

  /** A photo from the camera (shown for a decision) or a file chosen (checked and uploaded at once). */
  photo(file: Blob, source: "camera" | "upload"): void {
    const screen = this.host.screen();
    if (screen.name !== "capture" || screen.state === "checking" || screen.state === "uploading") return;
    const url = URL.createObjectURL(file);
    // The camera goes off while the customer looks at the photo; "Retake" turns it on again.
    this.stopCamera();
    if (source === "camera") {
      this.dropPending();
      this.pending = { blob: file, url };
      this.host.patchCapture({ state: "captured", stream: null, previewUrl: url, errorCode: null });
      return;
    }
    void this.checkAndUpload(screen.side, file, url);
  }

  /** "Retake" or "Use this photo" on a photo just taken. */
  decide(decision: "retake" | "accept"): void {
    const screen = this.host.screen();
    if (screen.name !== "capture" || screen.state !== "captured") return;
    if (decision === "retake") {
      void this.startCamera();
      return;
    }
    const pending = this.pending;
    if (!pending) return;
    // The upload owns the URL now (it becomes the review's thumbnail or is revoked).
    this.pending = undefined;
    void this.checkAndUpload(screen.side, pending.blob, pending.url);
  }

  stopCamera(): void {
    stopStream(this.stream);
    this.stream = null;
  }

  dropPending(): void {
    if (this.pending) URL.revokeObjectURL(this.pending.url);
    this.pending = undefined;
  }

  private noteCameraProblem(problem: CameraProblem): void {
    this.record.cameraProblem = problem;
    this.host.progress("camera_unavailable");
  }

  /** The frame's checks, then the upload; a refusal from either shows on this step. */
  private async checkAndUpload(side: ImageSide, file: Blob, url: string): Promise<void> {
    const api = this.host.api();
    if (!api) return;
    const signal = this.host.signal();
    this.host.patchCapture({ state: "checking", stream: null, previewUrl: url, errorCode: null });
    const refuse = (error: unknown): void => {
      URL.revokeObjectURL(url);
      if (signal.aborted) return;
      this.host.progress("image_rejected", side);
      this.host.patchCapture({ state: "choose", previewUrl: "", errorCode: EnclaveError.from(error).code });
    };
    let prepared;
    try {
      prepared = await prepareImage(file, side);
    } catch (error) {
      refuse(error);
      return;
    }
    if (signal.aborted) {
      URL.revokeObjectURL(url);
      return;
    }
    this.host.patchCapture({ state: "uploading" });
    try {
      await api.upload(side, prepared.blob, `${side}.${prepared.type === "image/png" ? "png" : "jpg"}`);
    } catch (error) {
      refuse(error);
      return;
    }
    const previous = this.record.captures.get(side);
    if (previous) URL.revokeObjectURL(previous);
    this.record.captures.set(side, url);
    this.host.uploaded(side, signal);
  }
}
