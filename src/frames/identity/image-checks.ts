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
 * The widget host checks again on its side; these are for the customer's sake.
 */
import { BLUR_CHECK, IMAGE_LIMITS, type ImageSide } from "../../protocol/identity-api.js";
import { EnclaveError, ErrorCode } from "../../protocol/errors.js";
import { fitWithin, laplacianVariance, minimumSize, smoothBinomial, SNIFF_BYTES, sniffImageType, type ImageType } from "../../protocol/image-rules.js";
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

/** Photos longer than this are scaled down before upload. */
export const MAX_UPLOAD_DIMENSION = 2000;
export const UPLOAD_JPEG_QUALITY = 0.9;

/** Grayscale (Rec. 601 luma, 0–255) of RGBA pixels. */
export function grayscale(rgba: Uint8ClampedArray, width: number, height: number): Float32Array {
  const gray = new Float32Array(width * height);
  for (let index = 0; index < gray.length; index++) {
    const offset = index * 4;
    gray[index] = 0.299 * (rgba[offset] ?? 0) + 0.587 * (rgba[offset + 1] ?? 0) + 0.114 * (rgba[offset + 2] ?? 0);
  }
  return gray;
}

function canvasOf(width: number, height: number): HTMLCanvasElement {
  const canvas = document.createElement("canvas");
  canvas.width = width;
  canvas.height = height;
  return canvas;
}

function context2d(canvas: HTMLCanvasElement, options?: CanvasRenderingContext2DSettings): CanvasRenderingContext2D {
  const context = canvas.getContext("2d", options);
  if (!context) throw new EnclaveError(ErrorCode.unsupportedFileType, "This browser can't process photos.", { retryable: false });
  return context;
}

/**
 * The sharpness of an image (see BLUR_THRESHOLDS): the variance of the Laplacian of a
 * grayscale copy at most 512 px long, smoothed by smoothBinomial.
 */
export function measureSharpness(image: CanvasImageSource, width: number, height: number): number {
  const size = fitWithin(width, height, BLUR_SAMPLE_SIZE);
  const canvas = canvasOf(size.width, size.height);
  const context = context2d(canvas, { willReadFrequently: true });
  context.imageSmoothingQuality = "high";
  context.drawImage(image, 0, 0, size.width, size.height);
  const { data } = context.getImageData(0, 0, size.width, size.height);
  const gray = smoothBinomial(grayscale(data, size.width, size.height), size.width, size.height);
  return laplacianVariance(gray, size.width, size.height);
}

function encode(canvas: HTMLCanvasElement, type: ImageType, quality: number): Promise<Blob> {
  return new Promise((resolve, reject) => {
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new EnclaveError(ErrorCode.unsupportedFileType, "This photo could not be prepared for upload.", { retryable: true }))), type, quality);
  });
}

function refuse(code: ErrorCode, side: ImageSide, fallback: string): EnclaveError {
  // Every refusal can be fixed by another photo: retryable. The message is English, for
  // developers; the capture screen shows the customer its own words for the code.
  return new EnclaveError(code, developerErrorMessage(code, fallback, side), { retryable: true, param: "file" });
}

export interface CheckOptions {
  /** Overrides BLUR_THRESHOLDS (tests). */
  blurThreshold?: number;
}

/**
 * Runs every check on `file` for `side` and returns what to upload, or throws an
 * EnclaveError with the first problem's code (the customer's words are chosen by it).
 */
export async function prepareImage(file: Blob, side: ImageSide, options: CheckOptions = {}): Promise<PreparedImage> {
  if (file.size === 0) throw refuse(ErrorCode.emptyFile, side, "This file is empty.");
  if (file.size > IMAGE_LIMITS.maxBytes) throw refuse(ErrorCode.fileTooLarge, side, "This file is too large.");

  const type = sniffImageType(new Uint8Array(await file.slice(0, SNIFF_BYTES).arrayBuffer()));
  if (!type) throw refuse(ErrorCode.unsupportedFileType, side, "This file type is not supported.");

  let bitmap: ImageBitmap;
  try {
    // EXIF orientation applied, as the customer sees the photo.
    bitmap = await createImageBitmap(file, { imageOrientation: "from-image" });
  } catch {
    // JPEG or PNG by its first bytes, but not an image a browser can read.
    throw refuse(ErrorCode.unsupportedFileType, side, "This image could not be read.");
  }
  try {
    const { width, height } = bitmap;
    const minimum = minimumSize(side);
    if (Math.max(width, height) < minimum.long || Math.min(width, height) < minimum.short) {
      throw refuse(ErrorCode.imageTooSmall, side, "This image is too small.");
    }
    const sharpness = measureSharpness(bitmap, width, height);
    if (sharpness < (options.blurThreshold ?? BLUR_THRESHOLDS[side === "selfie" ? "selfie" : "document"])) throw refuse(ErrorCode.imageBlurry, side, "This image is blurry.");

    if (Math.max(width, height) <= MAX_UPLOAD_DIMENSION) return { blob: file, type, width, height, sharpness };
    const size = fitWithin(width, height, MAX_UPLOAD_DIMENSION);
    const canvas = canvasOf(size.width, size.height);
    const context = context2d(canvas);
    context.imageSmoothingQuality = "high";
    // A PNG may be transparent; JPEG has no alpha, so it goes on white rather than black.
    context.fillStyle = "#ffffff";
    context.fillRect(0, 0, size.width, size.height);
    context.drawImage(bitmap, 0, 0, size.width, size.height);
    const blob = await encode(canvas, "image/jpeg", UPLOAD_JPEG_QUALITY);
    if (blob.size > IMAGE_LIMITS.maxBytes) throw refuse(ErrorCode.fileTooLarge, side, "This file is too large.");
    return { blob, type: "image/jpeg", width: size.width, height: size.height, sharpness };
  } finally {
    bitmap.close();
  }
}

/** Draws a video's current frame as a JPEG: what "Take photo" keeps. */
export async function captureFrame(video: HTMLVideoElement, quality = 0.92): Promise<Blob | null> {
  const { videoWidth: width, videoHeight: height } = video;
  if (width === 0 || height === 0) return null;
  const canvas = canvasOf(width, height);
  context2d(canvas).drawImage(video, 0, 0, width, height);
  return encode(canvas, "image/jpeg", quality);
}
