/**
 * The photo rules the identity frame and the widget host both apply, as pure functions
 * (no DOM, no Node): the type from the bytes, the minimum size, the size a photo is
 * measured at, and the sharpness measure (a 3 × 3 binomial smoothing, then the variance
 * of the Laplacian). One copy, so the frame never accepts what the server refuses.
 */
export { minimumSize } from "./identity-constants.js";

export type ImageType = "image/jpeg" | "image/png";

const jpegMagic = [0xff, 0xd8, 0xff];
const pngMagic = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** How many leading bytes sniffImageType needs. */
export const SNIFF_BYTES = pngMagic.length;

/** The image type the bytes say, or null: JPEG and PNG only. */
export function sniffImageType(bytes: Uint8Array): ImageType | null {
  const starts = (magic: number[]): boolean => bytes.length >= magic.length && magic.every((byte, index) => bytes[index] === byte);
  if (starts(jpegMagic)) return "image/jpeg";
  if (starts(pngMagic)) return "image/png";
  return null;
}

/** The size that fits `width` × `height` within `limit` on its long side (never enlarged). */
export function fitWithin(width: number, height: number, limit: number): { width: number; height: number } {
  const scale = Math.min(1, limit / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

/** A 3 × 3 binomial blur (1 2 1 by rows, then by columns; edges repeated): takes the noise out, leaves the edges. */
export function smoothBinomial(gray: Float32Array, width: number, height: number): Float32Array {
  const rows = new Float32Array(gray.length);
  const out = new Float32Array(gray.length);
  for (let y = 0; y < height; y++) {
    const row = y * width;
    for (let x = 0; x < width; x++) {
      const left = gray[row + Math.max(0, x - 1)] ?? 0;
      const right = gray[row + Math.min(width - 1, x + 1)] ?? 0;
      rows[row + x] = (left + 2 * (gray[row + x] ?? 0) + right) / 4;
    }
  }
  for (let y = 0; y < height; y++) {
    const above = Math.max(0, y - 1) * width;
    const below = Math.min(height - 1, y + 1) * width;
    for (let x = 0; x < width; x++) {
      out[y * width + x] = ((rows[above + x] ?? 0) + 2 * (rows[y * width + x] ?? 0) + (rows[below + x] ?? 0)) / 4;
    }
  }
  return out;
}

/**
 * The variance of the Laplacian (kernel 0 1 0 / 1 −4 1 / 0 1 0) over the interior pixels:
 * high when the image has sharp edges, low when they are smeared.
 */
export function laplacianVariance(gray: Float32Array, width: number, height: number): number {
  if (width < 3 || height < 3) return 0;
  let sum = 0;
  let sumOfSquares = 0;
  let count = 0;
  for (let y = 1; y < height - 1; y++) {
    const row = y * width;
    for (let x = 1; x < width - 1; x++) {
      const at = row + x;
      const value = (gray[at - 1] ?? 0) + (gray[at + 1] ?? 0) + (gray[at - width] ?? 0) + (gray[at + width] ?? 0) - 4 * (gray[at] ?? 0);
      sum += value;
      sumOfSquares += value * value;
      count++;
    }
  }
  const mean = sum / count;
  return sumOfSquares / count - mean * mean;
}
