/**
 * The widget host's own checks of an uploaded identity photo. The frame checks first, for
 * the customer's sake (src/frames/identity/image-checks.ts); these are the ones that
 * count, because a request can come from anything. In order:
 *
 *   1. empty_file             zero bytes                                          400
 *   2. file_too_large         over IMAGE_LIMITS.maxBytes                           413
 *   3. unsupported_file_type  the first bytes are neither JPEG's (FF D8 FF) nor     415
 *                             PNG's (89 50 4E 47 0D 0A 1A 0A) — the file name and its
 *                             Content-Type are never looked at — or the header or the
 *                             image does not decode
 *   4. file_too_large         the header declares more than UPLOAD_LIMITS.maxMegapixels 413
 *                             (read before decoding: a 10 MB file may claim to be
 *                             100000 × 100000 and would inflate to 40 GB)
 *   5. image_too_small        under IMAGE_LIMITS in either orientation              400
 *   6. image_blurry           the variance of the Laplacian under BLUR_CHECK's      400
 *                             threshold, measured as the frame measures it
 *
 * Decoding is pure JavaScript (jpeg-js, pngjs): no native image library parses
 * customer-supplied bytes. Checks 1–5 read only the header (`precheckImage`, cheap, run on
 * the host's event loop); decoding and check 6 run in the host's worker pool
 * (image-pool.ts, image-worker.ts), never on the event loop.
 */
import { inflateSync } from "node:zlib";
import jpeg from "jpeg-js";
import pngjs from "pngjs";
import { BLUR_CHECK, IMAGE_LIMITS, UPLOAD_LIMITS, type ImageSide } from "../../protocol/identity-api.js";
import { ErrorCode } from "../../protocol/errors.js";
import { fitWithin, laplacianVariance, minimumSize, smoothBinomial, sniffImageType, type ImageType } from "../../protocol/image-rules.js";

export { fitWithin, laplacianVariance, minimumSize, smoothBinomial, sniffImageType, type ImageType };

export interface AcceptedImage {
  type: ImageType;
  width: number;
  height: number;
  sharpness: number;
}

/** Why a photo was refused: the API error's status, code and a message for the customer. */
export class ImageRefusal extends Error {
  override name = "ImageRefusal";
  constructor(
    readonly status: 400 | 413 | 415,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

interface PngHeader {
  width: number;
  height: number;
  bitDepth: number;
  colorType: number;
  interlaced: boolean;
}

/** The IHDR chunk, which PNG requires first. */
export function readPngHeader(bytes: Buffer): PngHeader | null {
  if (bytes.length < 33 || bytes.toString("latin1", 12, 16) !== "IHDR" || bytes.readUInt32BE(8) !== 13) return null;
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20), bitDepth: bytes[24] ?? 0, colorType: bytes[25] ?? 0, interlaced: bytes[28] === 1 };
}

/**
 * The frame size from the first start-of-frame marker (SOF0–SOF15 but DHT, JPG and DAC),
 * walking the marker segments; null when the scan starts (or the data ends) before one.
 */
export function readJpegSize(bytes: Buffer): { width: number; height: number } | null {
  let offset = 2;
  while (offset + 4 <= bytes.length) {
    if (bytes[offset] !== 0xff) return null;
    const marker = bytes[offset + 1] ?? 0;
    if (marker === 0xff) {
      offset++; // fill byte
      continue;
    }
    // Markers without a length: TEM and RST0–7.
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      offset += 2;
      continue;
    }
    if (marker === 0xd9 || marker === 0xda) return null; // end of image, start of scan: no frame header before
    const length = bytes.readUInt16BE(offset + 2);
    if (length < 2) return null;
    const isFrame = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isFrame) {
      if (offset + 9 > bytes.length) return null;
      return { height: bytes.readUInt16BE(offset + 5), width: bytes.readUInt16BE(offset + 7) };
    }
    offset += 2 + length;
  }
  return null;
}

const unsupported = (message = "This file isn't a photo we can use. Send a JPEG or PNG image."): ImageRefusal => new ImageRefusal(415, ErrorCode.unsupportedFileType, message);

interface Pixels {
  width: number;
  height: number;
  /** 3 (RGB) or 4 (RGBA) bytes a pixel. */
  channels: 3 | 4;
  data: Uint8Array;
}

/** The bytes inside every IDAT chunk, in order (for the interlaced PNG's bounded inflate). */
function idatData(bytes: Buffer): Buffer {
  const parts: Buffer[] = [];
  let offset = 8;
  while (offset + 12 <= bytes.length) {
    const length = bytes.readUInt32BE(offset);
    const type = bytes.toString("latin1", offset + 4, offset + 8);
    if (offset + 12 + length > bytes.length) break;
    if (type === "IDAT") parts.push(bytes.subarray(offset + 8, offset + 8 + length));
    if (type === "IEND") break;
    offset += 12 + length;
  }
  return Buffer.concat(parts);
}

const channelsOfColorType: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

function decodePng(bytes: Buffer): Pixels {
  const header = readPngHeader(bytes);
  if (!header) throw new Error("no IHDR");
  // pngjs bounds its inflate by the image's size, except for interlaced images: bound it here
  // (seven passes add at most one filter byte a row each, and partial bytes), so a small
  // header over a huge zlib stream cannot fill the memory.
  if (header.interlaced) {
    const bitsPerPixel = (channelsOfColorType[header.colorType] ?? 4) * header.bitDepth;
    const bound = (Math.ceil((header.width * bitsPerPixel) / 8) + 8) * header.height * 2 + 4096;
    inflateSync(idatData(bytes), { maxOutputLength: bound });
  }
  const png = pngjs.PNG.sync.read(bytes);
  return { width: png.width, height: png.height, channels: 4, data: png.data };
}

function decodeJpeg(bytes: Buffer): Pixels {
  const image = jpeg.decode(bytes, {
    useTArray: true,
    formatAsRGBA: false,
    tolerantDecoding: false,
    maxResolutionInMP: UPLOAD_LIMITS.maxMegapixels,
    maxMemoryUsageInMB: 1024,
  });
  return { width: image.width, height: image.height, channels: 3, data: image.data };
}

/**
 * A grayscale copy (Rec. 601 luma, 0–255) at most `limit` px on its long side, as the
 * frame makes it: the colour image scaled down first — each target pixel the average of
 * the source pixels it covers (area averaging, what a browser's mipmapped high-quality
 * downscale approximates), rounded to 8 bits a channel as a canvas keeps it — then luma.
 * Transparent pixels count as black (premultiplied). One pass, with memory for the small
 * copy only: a 50-megapixel photo never gets a full-size twin.
 */
export function downscaledGray(pixels: Pixels, limit: number): { gray: Float32Array; width: number; height: number } {
  const size = fitWithin(pixels.width, pixels.height, limit);
  const cells = size.width * size.height;
  const sums = new Float64Array(cells * 3);
  const counts = new Uint32Array(cells);
  const columnOf = new Uint32Array(pixels.width);
  for (let x = 0; x < pixels.width; x++) columnOf[x] = Math.min(size.width - 1, Math.floor((x * size.width) / pixels.width));
  const { data, channels } = pixels;
  for (let y = 0; y < pixels.height; y++) {
    const targetRow = Math.min(size.height - 1, Math.floor((y * size.height) / pixels.height)) * size.width;
    let offset = y * pixels.width * channels;
    for (let x = 0; x < pixels.width; x++, offset += channels) {
      const alpha = channels === 4 ? (data[offset + 3] ?? 255) / 255 : 1;
      const cell = targetRow + (columnOf[x] ?? 0);
      const at = cell * 3;
      sums[at] = (sums[at] ?? 0) + (data[offset] ?? 0) * alpha;
      sums[at + 1] = (sums[at + 1] ?? 0) + (data[offset + 1] ?? 0) * alpha;
      sums[at + 2] = (sums[at + 2] ?? 0) + (data[offset + 2] ?? 0) * alpha;
      counts[cell] = (counts[cell] ?? 0) + 1;
    }
  }
  const gray = new Float32Array(cells);
  for (let cell = 0; cell < cells; cell++) {
    const count = Math.max(1, counts[cell] ?? 0);
    const at = cell * 3;
    const red = Math.round((sums[at] ?? 0) / count);
    const green = Math.round((sums[at + 1] ?? 0) / count);
    const blue = Math.round((sums[at + 2] ?? 0) / count);
    gray[cell] = 0.299 * red + 0.587 * green + 0.114 * blue;
  }
  return { gray, width: size.width, height: size.height };
}

/** The sharpness BLUR_CHECK compares with its thresholds. */
export function measureSharpness(pixels: Pixels): number {
  const small = downscaledGray(pixels, BLUR_CHECK.sampleSize);
  return laplacianVariance(smoothBinomial(small.gray, small.width, small.height), small.width, small.height);
}

export function blurThreshold(side: ImageSide): number {
  return BLUR_CHECK.thresholds[side === "selfie" ? "selfie" : "document"];
}

/** What the header checks learnt: the type and the size the header declares. */
export interface CheckedHeader {
  type: ImageType;
  width: number;
  height: number;
}

/**
 * Checks 1–5, from the bytes and the header alone: cheap (no decoding, no allocation that
 * grows with the image), so the host runs them on its event loop before queueing a decode,
 * and a bomb's header is refused without ever being inflated.
 */
export function precheckImage(bytes: Buffer, side: ImageSide): CheckedHeader {
  if (bytes.length === 0) throw new ImageRefusal(400, ErrorCode.emptyFile, "This file is empty. Choose another photo.");
  if (bytes.length > IMAGE_LIMITS.maxBytes)
    throw new ImageRefusal(413, ErrorCode.fileTooLarge, `This photo is larger than ${IMAGE_LIMITS.maxBytes / 1024 / 1024} MB. Choose a smaller one.`);
  const type = sniffImageType(bytes);
  if (!type) throw unsupported();

  const size = type === "image/png" ? readPngHeader(bytes) : readJpegSize(bytes);
  if (!size || size.width === 0 || size.height === 0) throw unsupported("This image could not be read. Send another JPEG or PNG photo.");
  if (size.width * size.height > UPLOAD_LIMITS.maxMegapixels * 1_000_000) {
    throw new ImageRefusal(413, ErrorCode.fileTooLarge, `This photo has more than ${UPLOAD_LIMITS.maxMegapixels} megapixels. Send a smaller one.`);
  }
  const minimum = minimumSize(side);
  if (Math.max(size.width, size.height) < minimum.long || Math.min(size.width, size.height) < minimum.short) {
    throw new ImageRefusal(400, ErrorCode.imageTooSmall, `This photo is too small to read. Use a photo of at least ${minimum.long} × ${minimum.short} pixels.`);
  }
  return { type, width: size.width, height: size.height };
}

/**
 * Every check, in the order of the file's comment; returns what was measured, or throws an
 * ImageRefusal. Synchronous and CPU-bound — a 2000 px photo (what the frame sends) takes a
 * few hundred milliseconds, a photo at the pixel budget seconds —, so the host runs it in
 * its worker pool (image-pool.ts), never on the event loop.
 */
export function checkImage(bytes: Buffer, side: ImageSide): AcceptedImage {
  const header = precheckImage(bytes, side);
  const { type } = header;

  let pixels: Pixels;
  try {
    pixels = type === "image/png" ? decodePng(bytes) : decodeJpeg(bytes);
  } catch {
    throw unsupported("This image could not be read. Send another JPEG or PNG photo.");
  }
  // The header's size is the one that was checked; a decoder that disagrees is not trusted.
  if (pixels.width !== header.width || pixels.height !== header.height) throw unsupported("This image could not be read. Send another JPEG or PNG photo.");

  const sharpness = measureSharpness(pixels);
  if (sharpness < blurThreshold(side)) {
    throw new ImageRefusal(
      400,
      ErrorCode.imageBlurry,
      side === "selfie"
        ? "This photo looks blurry. Hold still, make sure your face is in focus, and try again."
        : "This photo looks blurry. Hold still, make sure the document is in focus, and try again.",
    );
  }
  return { type, width: pixels.width, height: pixels.height, sharpness };
}
