/**
 * The heavy half of the frame's photo checks (image-checks.ts has the whole list): decode
 * the photo, check its size, measure its sharpness and scale it down for upload. It draws
 * on whatever canvas it is given, so the same code runs in the image worker
 * (image-checks.worker.ts, on OffscreenCanvas) and — only in a browser without
 * OffscreenCanvas or module workers — on the page's main thread. No DOM, no i18n here:
 * the answer is a code, and the page words it.
 */
import { BLUR_CHECK, IMAGE_LIMITS, type ImageSide } from "../../protocol/identity-constants.js";
import { ErrorCode } from "../../protocol/errors.js";
import { fitWithin, laplacianVariance, minimumSize, smoothBinomial, type ImageType } from "../../protocol/image-rules.js";

/** Photos longer than this are scaled down before upload. */
export const MAX_UPLOAD_DIMENSION = 2000;
export const UPLOAD_JPEG_QUALITY = 0.9;

export type AnyCanvas = HTMLCanvasElement | OffscreenCanvas;
type Context2D = CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D;

/** Where the analysis draws: a canvas of a size, and its encoding as a file. */
export interface Surface {
  canvas(width: number, height: number): AnyCanvas;
  encode(canvas: AnyCanvas, type: ImageType, quality: number): Promise<Blob>;
}

export type AnalysisRefusal = typeof ErrorCode.unsupportedFileType | typeof ErrorCode.imageTooSmall | typeof ErrorCode.imageBlurry | typeof ErrorCode.fileTooLarge;

export type Analysis =
  /** `blob` is absent when the file goes up as it is (a worker's copy of it would be another Blob). */
  { ok: true; blob?: Blob; type: ImageType; width: number; height: number; sharpness: number } | { ok: false; code: AnalysisRefusal };

/** The unusable-canvas case (a browser out of memory, or without 2D canvas). */
export class CanvasUnavailable extends Error {
  override name = "CanvasUnavailable";
}

/** Grayscale (Rec. 601 luma, 0–255) of RGBA pixels. */
export function grayscale(rgba: Uint8ClampedArray, width: number, height: number): Float32Array {
  const gray = new Float32Array(width * height);
  for (let index = 0; index < gray.length; index++) {
    const offset = index * 4;
    gray[index] = 0.299 * (rgba[offset] ?? 0) + 0.587 * (rgba[offset + 1] ?? 0) + 0.114 * (rgba[offset + 2] ?? 0);
  }
  return gray;
}

function isOffscreen(canvas: AnyCanvas): canvas is OffscreenCanvas {
  return typeof OffscreenCanvas !== "undefined" && canvas instanceof OffscreenCanvas;
}

function context2d(canvas: AnyCanvas, options?: CanvasRenderingContext2DSettings): Context2D {
  // Narrowed per canvas kind: on the union, TypeScript and the type-aware linter disagree about getContext's overload.
  const context = isOffscreen(canvas) ? canvas.getContext("2d", options) : canvas.getContext("2d", options);
  if (!context) throw new CanvasUnavailable("no 2D canvas");
  return context;
}

/**
 * The sharpness of an image (see BLUR_THRESHOLDS in image-checks.ts): the variance of the
 * Laplacian of a grayscale copy at most BLUR_CHECK.sampleSize px long, smoothed by smoothBinomial.
 */
export function sharpnessOn(surface: Surface, image: CanvasImageSource, width: number, height: number): number {
  const size = fitWithin(width, height, BLUR_CHECK.sampleSize);
  const canvas = surface.canvas(size.width, size.height);
  const context = context2d(canvas, { willReadFrequently: true });
  context.imageSmoothingQuality = "high";
  context.drawImage(image, 0, 0, size.width, size.height);
  const { data } = context.getImageData(0, 0, size.width, size.height);
  const gray = smoothBinomial(grayscale(data, size.width, size.height), size.width, size.height);
  return laplacianVariance(gray, size.width, size.height);
}

/**
 * Checks 3 (does it decode), 4 and 5 of image-checks.ts on `file`, whose first bytes
 * already said `type`, then scales it down if it is longer than MAX_UPLOAD_DIMENSION.
 */
export async function analyzeImage(file: Blob, type: ImageType, side: ImageSide, blurThreshold: number, surface: Surface): Promise<Analysis> {
  let bitmap: ImageBitmap;
  try {
    // EXIF orientation applied, as the customer sees the photo.
    bitmap = await createImageBitmap(file, { imageOrientation: "from-image" });
  } catch {
    // JPEG or PNG by its first bytes, but not an image a browser can read.
    return { ok: false, code: ErrorCode.unsupportedFileType };
  }
  try {
    const { width, height } = bitmap;
    const minimum = minimumSize(side);
    if (Math.max(width, height) < minimum.long || Math.min(width, height) < minimum.short) return { ok: false, code: ErrorCode.imageTooSmall };
    const sharpness = sharpnessOn(surface, bitmap, width, height);
    if (sharpness < blurThreshold) return { ok: false, code: ErrorCode.imageBlurry };

    if (Math.max(width, height) <= MAX_UPLOAD_DIMENSION) return { ok: true, type, width, height, sharpness };
    const size = fitWithin(width, height, MAX_UPLOAD_DIMENSION);
    const canvas = surface.canvas(size.width, size.height);
    const context = context2d(canvas);
    context.imageSmoothingQuality = "high";
    // A PNG may be transparent; JPEG has no alpha, so it goes on white rather than black.
    context.fillStyle = "#ffffff";
    context.fillRect(0, 0, size.width, size.height);
    context.drawImage(bitmap, 0, 0, size.width, size.height);
    const blob = await surface.encode(canvas, "image/jpeg", UPLOAD_JPEG_QUALITY);
    if (blob.size > IMAGE_LIMITS.maxBytes) return { ok: false, code: ErrorCode.fileTooLarge };
    return { ok: true, blob, type: "image/jpeg", width: size.width, height: size.height, sharpness };
  } finally {
    bitmap.close();
  }
}

/** OffscreenCanvas: what the worker draws on (and a main thread that has it could). */
export const offscreenSurface: Surface = {
  canvas: (width, height) => new OffscreenCanvas(width, height),
  encode: async (canvas, type, quality) => {
    if (!(canvas instanceof OffscreenCanvas)) throw new CanvasUnavailable("not an OffscreenCanvas");
    return canvas.convertToBlob({ type, quality });
  },
};
