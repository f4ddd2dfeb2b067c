/**
 * The camera, for the capture steps: whether there is one, opening it facing the right
 * way (the back camera for documents, the front one for a selfie), and stopping it.
 * Failures become a `CameraProblem` the screen can explain, never an exception for the
 * customer to read.
 */
import type { ImageSide } from "../../protocol/identity-api.js";
import type { CameraProblem } from "./model.js";

/** What the controller needs of a camera (a fake in tests and stories). */
export interface Camera {
  /** False when this browser or device certainly has no camera to offer. */
  available(): Promise<boolean>;
  /** Opens the camera for `side`; rejects with a CameraError. */
  open(side: ImageSide): Promise<MediaStream>;
}

export class CameraError extends Error {
  constructor(readonly problem: CameraProblem) {
    super(`camera ${problem}`);
    this.name = "CameraError";
  }
}

/** Stops every track, which turns the camera (and its light) off. */
export function stopStream(stream: MediaStream | null | undefined): void {
  for (const track of stream?.getTracks() ?? []) track.stop();
}

/** The camera problem a getUserMedia failure means. */
export function cameraProblemOf(error: unknown): CameraProblem {
  const name = error instanceof DOMException || error instanceof Error ? error.name : "";
  if (name === "NotAllowedError" || name === "SecurityError") return "denied";
  if (name === "NotReadableError" || name === "AbortError") return "in_use";
  // NotFoundError, OverconstrainedError, TypeError (no mediaDevices) and anything else.
  return "unavailable";
}

export const browserCamera: Camera = {
  async available() {
    const devices = navigator.mediaDevices;
    if (!devices?.getUserMedia) return false;
    try {
      // Without permission the devices have no labels, but video inputs are still listed.
      const list = await devices.enumerateDevices();
      return list.length === 0 || list.some((device) => device.kind === "videoinput");
    } catch {
      return true;
    }
  },

  async open(side) {
    const devices = navigator.mediaDevices;
    if (!devices?.getUserMedia) throw new CameraError("unavailable");
    const document = side !== "selfie";
    try {
      return await devices.getUserMedia({
        audio: false,
        video: {
          facingMode: { ideal: document ? "environment" : "user" },
          // Enough for a document's small print; browsers pick the nearest their camera has.
          width: { ideal: document ? 1920 : 1280 },
          height: { ideal: document ? 1080 : 720 },
        },
      });
    } catch (error) {
      throw new CameraError(cameraProblemOf(error));
    }
  },
};
