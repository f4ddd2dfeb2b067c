/**
 * The checks a photo passes in the frame before it is uploaded, so that a customer
 * hears at once — not after an upload — that a photo will not do, and why:
 *
 *   1. empty_file             zero bytes
 *   2. file_too_large         more than IMAGE_LIMITS.maxBytes (10 MB)
 *   3. unsupported_file_type  the first bytes are not JPEG's (FF D8 FF) or PNG's
 *                             (89 50 4E 47 0D 0A 1A 0A) — never the name or the MIME type,
 *                             which any renamed file can fake — or the image does not decode
 *   4. image_too_small        under IMAGE_LIMITS' minimum resolution (documents 600 × 400,
 *                             selfies 320 × 320), in either orientation
 *   5. image_blurry           the variance of the Laplacian of a grayscale copy at most
 *                             512 px on its long side (lightly smoothed first) is under
 *                             the side's BLUR_THRESHOLDS
 *   then: a photo longer than 2000 px is scaled down and re-encoded as JPEG (quality 0.9)
 *
 * Checks 1–2 and the type run here; decoding, 3–5 and the scaling (image-analysis.ts) run
 * in a module Web Worker on OffscreenCanvas (image-checks.worker.ts), so a huge photo never
 * freezes the page — on the main thread only in a browser that cannot run that worker.
 *
 * The widget host checks again on its side; these are for the customer's sake.
 */
import { BLUR_CHECK, IMAGE_LIMITS, type ImageSide } from "../../protocol/identity-constants.js";
import { EnclaveError, ErrorCode } from "../../protocol/errors.js";
import { fitWithin, laplacianVariance, minimumSize, smoothBinomial, SNIFF_BYTES, sniffImageType, type ImageType } from "../../protocol/image-rules.js";
import {
  analyzeImage,
  grayscale,
  MAX_UPLOAD_DIMENSION,
  offscreenSurface,
  sharpnessOn,
  UPLOAD_JPEG_QUALITY,
  type Analysis,
  type AnalysisRefusal,
  type Surface,
} from "./image-analysis.js";
import type { ImageWorkerAnswer, ImageWorkerRequest } from "./image-checks.worker.js";
import { developerErrorMessage } from "./messages.js";

export { fitWithin, laplacianVariance, minimumSize, smoothBinomial, sniffImageType, type ImageType };

/** A photo that passed every check, ready to upload. */
export interface PreparedImage {
  blob: Blob;
  type: ImageType;
  /** Of `blob`, after any scaling. */
  width: number;
  height: number;
  /** The sharpness measured (variance of the Laplacian), for diagnostics and tests. */
  sharpness: number;
}

/** The long side the blur check looks at: enough for edges, cheap on a phone. */
export const BLUR_SAMPLE_SIZE = BLUR_CHECK.sampleSize;

/**
 * The sharpness under which a photo is called blurry: the variance of the Laplacian
 * (grayscale 0–255, 4-neighbour kernel) of the 512 px copy after a 3 × 3 binomial
 * smoothing — a Laplacian of Gaussian. The smoothing is there because a plain Laplacian
 * mostly measures sensor noise: a webcam's noise alone scored 40–115 on photos blurred
 * past reading, as much as some sharp ones. After it, noise adds almost nothing.
 *
 * Measured on drawn images (test/frames/identity-image-checks.test.ts draws the card
 * kind), at 1200 × 800 up to 4000 × 3000, with and without noise:
 *
 *   sharp: an ID-like card with text ~225–345; the card small in the frame ~45–60;
 *          pale grey print ~75–100; a plain drawn face ~30 (real faces have more texture)
 *   blur(8px) at 1200 px wide (and the same blur scaled up with the image): 0.2–2.5
 *   blur(4px): 3.5–11 — the text is hard to read; blur(3px): 7–27 — still readable
 *
 * Documents need 6: a sharp document clears it several times over, a smeared one stays
 * far below, and readable-but-soft photos pass — the widget host's verifier is the
 * stricter judge, and a photo wrongly refused here is worse than one refused later.
 * Faces have fewer hard edges than print, so selfies need half that.
 */
export const BLUR_THRESHOLDS: Record<"document" | "selfie", number> = BLUR_CHECK.thresholds;

export { MAX_UPLOAD_DIMENSION, UPLOAD_JPEG_QUALITY, grayscale };

function canvasOf(width: number, height: number): HTMLCanvasElement {
  const canvas = document.createElement("canvas");
  canvas.width = width;
  canvas.height = height;
  return canvas;
}

function encode(canvas: HTMLCanvasElement, type: ImageType, quality: number): Promise<Blob> {
  return new Promise((resolve, reject) => {
    canvas.toBlob(
      (blob) => (blob ? resolve(blob) : reject(new EnclaveError(ErrorCode.unsupportedFileType, "This photo could not be prepared for upload.", { retryable: true }))),
      type,
      quality,
    );
  });
}

/** The page's own canvas: the fallback for a browser without OffscreenCanvas in workers. */
const pageSurface: Surface = {
  canvas: canvasOf,
  encode: (canvas, type, quality) => {
    if (!(canvas instanceof HTMLCanvasElement)) return offscreenSurface.encode(canvas, type, quality);
    return encode(canvas, type, quality);
  },
};

/**
 * The sharpness of an image (see BLUR_THRESHOLDS): the variance of the Laplacian of a
 * grayscale copy at most 512 px long, smoothed by smoothBinomial. On the calling thread.
 */
export function measureSharpness(image: CanvasImageSource, width: number, height: number): number {
  return sharpnessOn(pageSurface, image, width, height);
}

function refuse(code: ErrorCode, side: ImageSide, fallback: string): EnclaveError {
  // Every refusal can be fixed by another photo: retryable. The message is English, for
  // developers; the capture screen shows the customer its own words for the code.
  return new EnclaveError(code, developerErrorMessage(code, fallback, side), { retryable: true, param: "file" });
}

const fallbacks: Record<AnalysisRefusal, string> = {
  [ErrorCode.unsupportedFileType]: "This image could not be read.",
  [ErrorCode.imageTooSmall]: "This image is too small.",
  [ErrorCode.imageBlurry]: "This image is blurry.",
  [ErrorCode.fileTooLarge]: "This file is too large.",
};

export interface CheckOptions {
  /** Overrides BLUR_THRESHOLDS (tests). */
  blurThreshold?: number;
  /** Where the photo is decoded: the image worker when the browser has one (default), or this thread. */
  where?: "worker" | "main-thread";
}

// ---- the image worker ----------------------------------------------------------------------

type Job = { resolve(analysis: Analysis | undefined): void };
let worker: Worker | null | undefined;
let nextJob = 1;
const jobs = new Map<number, Job>();

/** Gives up on the worker: every job in it is tried again on this thread. */
function dropWorker(): void {
  worker?.terminate();
  worker = null;
  for (const job of jobs.values()) job.resolve(undefined);
  jobs.clear();
}

/**
 * The frame's image worker, started on first use; null when this browser cannot run it
 * (no module workers, no OffscreenCanvas there, or a CSP that refuses it).
 */
function imageWorker(): Worker | null {
  if (worker !== undefined) return worker;
  if (typeof Worker === "undefined" || typeof OffscreenCanvas === "undefined" || typeof createImageBitmap === "undefined") return (worker = null);
  try {
    // This exact form is what Vite bundles as a worker of its own (dist/frames/assets/…), from this origin: no blob: URL.
    worker = new Worker(new URL("./image-checks.worker.ts", import.meta.url), { type: "module", name: "enclave-image-checks" });
  } catch {
    return (worker = null);
  }
  worker.addEventListener("message", (event: MessageEvent<ImageWorkerAnswer>) => {
    const job = jobs.get(event.data.id);
    if (!job) return;
    jobs.delete(event.data.id);
    // A canvas that failed in the worker may still work here.
    job.resolve("analysis" in event.data ? event.data.analysis : undefined);
  });
  // A worker that cannot load or crashed: its jobs and every later one run on this thread.
  worker.addEventListener("error", dropWorker);
  worker.addEventListener("messageerror", dropWorker);
  return worker;
}

/** The analysis made in the worker, or undefined when it must be made here. */
function analyzeInWorker(file: Blob, type: ImageType, side: ImageSide, blurThreshold: number): Promise<Analysis | undefined> {
  const target = imageWorker();
  if (!target) return Promise.resolve(undefined);
  return new Promise((resolve) => {
    const id = nextJob++;
    jobs.set(id, { resolve });
    const request: ImageWorkerRequest = { id, file, type, side, blurThreshold };
    target.postMessage(request);
  });
}

/** Whether photos are decoded off the main thread in this browser (starts the worker). */
export function imageWorkerAvailable(): boolean {
  return imageWorker() !== null;
}

/**
 * Runs every check on `file` for `side` and returns what to upload, or throws an
 * EnclaveError with the first problem's code (the customer's words are chosen by it).
 * The cheap checks run here; decoding, measuring and scaling run in the image worker.
 */
export async function prepareImage(file: Blob, side: ImageSide, options: CheckOptions = {}): Promise<PreparedImage> {
  if (file.size === 0) throw refuse(ErrorCode.emptyFile, side, "This file is empty.");
  if (file.size > IMAGE_LIMITS.maxBytes) throw refuse(ErrorCode.fileTooLarge, side, "This file is too large.");

  const type = sniffImageType(new Uint8Array(await file.slice(0, SNIFF_BYTES).arrayBuffer()));
  if (!type) throw refuse(ErrorCode.unsupportedFileType, side, "This file type is not supported.");

  const threshold = options.blurThreshold ?? BLUR_THRESHOLDS[side === "selfie" ? "selfie" : "document"];
  let analysis = options.where === "main-thread" ? undefined : await analyzeInWorker(file, type, side, threshold);
  if (!analysis) {
    try {
      analysis = await analyzeImage(file, type, side, threshold, pageSurface);
    } catch (error) {
      if (error instanceof EnclaveError) throw error;
      throw new EnclaveError(ErrorCode.unsupportedFileType, "This browser can't process photos.", { retryable: false, cause: error });
    }
  }
  if (!analysis.ok) throw refuse(analysis.code, side, fallbacks[analysis.code]);
  const { blob = file, type: sentType, width, height, sharpness } = analysis;
  return { blob, type: sentType, width, height, sharpness };
}

/** Draws a video's current frame as a JPEG: what "Take photo" keeps. */
export async function captureFrame(video: HTMLVideoElement, quality = 0.92): Promise<Blob | null> {
  const { videoWidth: width, videoHeight: height } = video;
  if (width === 0 || height === 0) return null;
  const canvas = canvasOf(width, height);
  const context = canvas.getContext("2d");
  if (!context) throw new EnclaveError(ErrorCode.unsupportedFileType, "This browser can't process photos.", { retryable: false });
  context.drawImage(video, 0, 0, width, height);
  return encode(canvas, "image/jpeg", quality);
}
