/** The messages between the image pool (image-pool.ts) and its threads (image-worker.ts). */
import type { ImageSide } from "../../protocol/identity-api.js";
import type { AcceptedImage } from "./image-checks.js";

export interface ImageJob {
  id: number;
  /** A copy of the upload (the host keeps its own to seal). */
  bytes: Uint8Array<ArrayBuffer>;
  side: ImageSide;
}

export type ImageJobAnswer =
  | { id: number; image: AcceptedImage }
  | { id: number; refusal: { status: 400 | 413 | 415; code: string; message: string } }
  /** A bug, not a bad photo: the host answers 500. */
  | { id: number; failure: string };
