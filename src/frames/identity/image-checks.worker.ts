/**
 * The identity frame's image worker: decodes, measures and scales photos
 * (image-analysis.ts) on OffscreenCanvas, off the page's main thread, so choosing a
 * 50-megapixel photo never freezes the frame. Started by image-checks.ts as a module
 * worker from the frame's own origin (the frame pages' CSP allows `worker-src 'self'`).
 *
 * Message in: `{ id, file, type, side, blurThreshold }`; out: `{ id, analysis }`, or
 * `{ id, failed }` when the canvas itself failed (the page then tries on its own thread).
 */
import type { ImageSide } from "../../protocol/identity-api.js";
import type { ImageType } from "../../protocol/image-rules.js";
import { analyzeImage, offscreenSurface, type Analysis } from "./image-analysis.js";

export interface ImageWorkerRequest {
  id: number;
  file: Blob;
  type: ImageType;
  side: ImageSide;
  blurThreshold: number;
}

export type ImageWorkerAnswer = { id: number; analysis: Analysis } | { id: number; failed: string };

addEventListener("message", (event: MessageEvent<ImageWorkerRequest>) => {
  const { id, file, type, side, blurThreshold } = event.data;
  analyzeImage(file, type, side, blurThreshold, offscreenSurface).then(
    (analysis) => postMessage({ id, analysis } satisfies ImageWorkerAnswer),
    (error: unknown) => postMessage({ id, failed: error instanceof Error ? error.message : String(error) } satisfies ImageWorkerAnswer),
  );
});
