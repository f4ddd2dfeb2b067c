/**
 * Content codings of the widget host's static files: which files are compressed, how
 * (brotli at its highest quality, gzip at level 9 — once, at build time, by
 * scripts/compress.ts, or by the host itself when a build left them out), and which
 * coding a request's `Accept-Encoding` asks for (RFC 9110 §12.5.3).
 *
 * Build and host compress with the same parameters, so every host of one release sends
 * the same bytes — and the same ETag — for one file and coding, whoever compressed it.
 */
import { extname } from "node:path";
import { promisify } from "node:util";
import { brotliCompress, brotliDecompress, constants, gunzip, gzip } from "node:zlib";

export type ContentCoding = "br" | "gzip";

/** In order of preference when a request accepts several equally. */
export const contentCodings: readonly ContentCoding[] = ["br", "gzip"];

/** The file name suffix of a precompressed sibling (`enclave.js.br`). */
export const siblingSuffix: Record<ContentCoding, string> = { br: ".br", gzip: ".gz" };

/**
 * Text formats gain from compression; images and fonts already compressed (png, woff2)
 * do not, and source maps are not compressed (not served to payment pages).
 */
const compressibleExtensions = new Set([".js", ".mjs", ".css", ".html", ".svg", ".json", ".txt"]);

export const isCompressible = (path: string): boolean => compressibleExtensions.has(extname(path));

const brotliCompressAsync = promisify(brotliCompress);
const brotliDecompressAsync = promisify(brotliDecompress);
const gzipAsync = promisify(gzip);
const gunzipAsync = promisify(gunzip);

/** Compresses in libuv's thread pool, never on the event loop. */
export function compress(bytes: Uint8Array, coding: ContentCoding): Promise<Buffer> {
  if (coding === "br") {
    return brotliCompressAsync(bytes, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
        [constants.BROTLI_PARAM_SIZE_HINT]: bytes.byteLength,
      },
    });
  }
  return gzipAsync(bytes, { level: constants.Z_BEST_COMPRESSION });
}

export function decompress(bytes: Uint8Array, coding: ContentCoding): Promise<Buffer> {
  return coding === "br" ? brotliDecompressAsync(bytes) : gunzipAsync(bytes);
}

/** A quality value (`q=`): 0 to 1 with at most three decimals; anything else is malformed. */
function parseQuality(value: string): number | undefined {
  return /^(?:0(?:\.\d{0,3})?|1(?:\.0{0,3})?)$/.test(value) ? Number(value) : undefined;
}

/**
 * The coding to answer with, of those `available`: the acceptable one (q > 0) with the
 * highest q, ties going to br, then gzip, then identity. No header at all, or one that
 * accepts none of them, gets identity — which RFC 9110 says to send even when the
 * request excludes it (`identity;q=0`), rather than refuse. A malformed element (a bad
 * `q`) counts as not accepted: only what a client clearly asked for is sent compressed.
 */
export function negotiateContentCoding(acceptEncoding: string | undefined, available: readonly ContentCoding[]): ContentCoding | "identity" {
  if (acceptEncoding === undefined || available.length === 0) return "identity";
  const listed = new Map<string, number>();
  for (const element of acceptEncoding.split(",")) {
    const [rawName = "", ...parameters] = element.split(";").map((part) => part.trim());
    const name = rawName.toLowerCase() === "x-gzip" ? "gzip" : rawName.toLowerCase();
    if (!name) continue;
    let quality: number | undefined = 1;
    for (const parameter of parameters) {
      const [key = "", value = ""] = parameter.split("=").map((part) => part.trim());
      if (key.toLowerCase() === "q") quality = parseQuality(value);
    }
    // A coding listed twice keeps its lowest weight: a "no" anywhere is a no.
    listed.set(name, Math.min(listed.get(name) ?? 1, quality ?? 0));
  }
  const wildcard = listed.get("*");
  const weight = (coding: string): number => listed.get(coding) ?? wildcard ?? 0;
  let best: ContentCoding | "identity" = "identity";
  // Unlisted identity is acceptable, but below any coding the request accepts.
  let bestWeight = listed.get("identity") ?? 0;
  for (const coding of contentCodings) {
    if (!available.includes(coding)) continue;
    const q = weight(coding);
    if (q > 0 && q >= bestWeight && (best === "identity" || q > bestWeight)) {
      best = coding;
      bestWeight = q;
    }
  }
  return best;
}
