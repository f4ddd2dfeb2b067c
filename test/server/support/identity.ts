/**
 * Identity helpers for the server suites: real PNG and JPEG bytes drawn here (pngjs,
 * jpeg-js) — sharp, blurred, tiny, lying headers —, multipart bodies built by hand (so a
 * test controls every part, file name and type), the frame's identity calls, a whole
 * verification as the frame makes it, and looks into the store: raw bytes under the data
 * dir (or in PostgreSQL's rows), and rows read back for the encryption round trip.
 *
 * Every frame answer the helpers receive is kept in `identityTranscript`, so a suite can
 * check that no personal data ever came back to a frame.
 */
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { request as httpRequest } from "node:http";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { deflateSync } from "node:zlib";
import jpeg from "jpeg-js";
import pngjs from "pngjs";
import pg from "pg";
import { frameCall, get, post, SHOP_ORIGIN, toApiResponse, waitFor, type ApiResponse, type FrameOptions, type Json } from "./api.js";
import { dpopHeader } from "./dpop.js";
import type { StoreLocation, WidgetHostProcess } from "./widget-host.js";

// ---- images ------------------------------------------------------------------------------

export interface Rgba {
  width: number;
  height: number;
  data: Buffer;
}

/** sfc32 from a number: the same drawing for the same seed. */
function prng(seed: number): () => number {
  let a = 0x9e3779b9 ^ seed;
  let b = 0x243f6a88;
  let c = 0xb7e15162;
  let d = seed | 0;
  return () => {
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    d >>>= 0;
    let t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    t = (t + d) | 0;
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
}

/**
 * An ID-card-like drawing: a light card on a dark table, a photo box, and lines of dark
 * "print" (glyph-like strokes). Sharp and high-contrast, like a good photo of a document.
 * A little random noise makes every drawing's bytes unique (so a scan finds only this one).
 */
export function drawDocument(width = 1200, height = 800, seed = 1): Rgba {
  const data = Buffer.alloc(width * height * 4);
  const fill = (x0: number, y0: number, x1: number, y1: number, value: [number, number, number]): void => {
    for (let y = Math.max(0, Math.floor(y0)); y < Math.min(height, Math.ceil(y1)); y++) {
      for (let x = Math.max(0, Math.floor(x0)); x < Math.min(width, Math.ceil(x1)); x++) {
        const at = (y * width + x) * 4;
        data[at] = value[0];
        data[at + 1] = value[1];
        data[at + 2] = value[2];
        data[at + 3] = 255;
      }
    }
  };
  fill(0, 0, width, height, [58, 58, 58]);
  fill(width * 0.08, height * 0.12, width * 0.92, height * 0.88, [232, 228, 218]);
  fill(width * 0.12, height * 0.25, width * 0.34, height * 0.75, [176, 164, 138]);
  const next = prng(seed);
  const glyph = Math.max(6, Math.round(height * 0.03));
  const stroke = Math.max(2, Math.round(glyph / 6));
  for (let line = 0; line < 8; line++) {
    const top = height * (0.26 + line * 0.06);
    for (let x = width * 0.38; x < width * 0.88; x += glyph * 0.8) {
      if (next() < 0.15) continue; // a space
      // A glyph: a vertical stem and one or two bars.
      fill(x, top, x + stroke, top + glyph, [34, 34, 34]);
      fill(x, top + (next() < 0.5 ? 0 : glyph - stroke), x + glyph * 0.55, top + (next() < 0.5 ? stroke : glyph), [34, 34, 34]);
      if (next() < 0.5) fill(x, top + glyph / 2 - stroke / 2, x + glyph * 0.5, top + glyph / 2 + stroke / 2, [34, 34, 34]);
    }
  }
  const noise = randomBytes(width * height);
  for (let index = 0; index < width * height; index++) {
    const offset = ((noise[index] ?? 0) % 3) - 1;
    for (let channel = 0; channel < 3; channel++) {
      const at = index * 4 + channel;
      data[at] = Math.max(0, Math.min(255, (data[at] ?? 0) + offset));
    }
  }
  return { width, height, data };
}

/** The same image through a box blur of `radius`, `passes` times (three passes ≈ a Gaussian): a smeared photo. */
export function boxBlur(image: Rgba, radius: number, passes = 3): Rgba {
  const { width, height } = image;
  let source = Buffer.from(image.data);
  const target = Buffer.alloc(source.length);
  const size = radius * 2 + 1;
  for (let pass = 0; pass < passes; pass++) {
    for (const horizontal of [true, false]) {
      const lines = horizontal ? height : width;
      const length = horizontal ? width : height;
      for (let line = 0; line < lines; line++) {
        const at = (position: number): number => (horizontal ? line * width + position : position * width + line) * 4;
        for (let channel = 0; channel < 3; channel++) {
          let sum = 0;
          for (let k = -radius; k <= radius; k++) sum += source[at(Math.min(length - 1, Math.max(0, k))) + channel] ?? 0;
          for (let position = 0; position < length; position++) {
            target[at(position) + channel] = Math.round(sum / size);
            sum += (source[at(Math.min(length - 1, position + radius + 1)) + channel] ?? 0) - (source[at(Math.max(0, position - radius)) + channel] ?? 0);
          }
        }
        for (let position = 0; position < length; position++) target[at(position) + 3] = 255;
      }
      source = Buffer.from(target);
    }
  }
  return { width, height, data: source };
}

export const png = (image: Rgba): Buffer => {
  const encoded = new pngjs.PNG({ width: image.width, height: image.height });
  image.data.copy(encoded.data);
  return pngjs.PNG.sync.write(encoded);
};

export const jpg = (image: Rgba, quality = 90): Buffer => Buffer.from(jpeg.encode({ width: image.width, height: image.height, data: image.data }, quality).data);

/** A valid PNG signature and IHDR that claims `width` × `height`, then a tiny IDAT and IEND: a decompression bomb's header. */
export function pngClaiming(width: number, height: number): Buffer {
  const chunk = (type: string, body: Buffer): Buffer => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(body.length);
    const typed = Buffer.concat([Buffer.from(type, "latin1"), body]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(typed));
    return Buffer.concat([length, typed, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", deflateSync(Buffer.alloc(64 * 1024))),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

/** A JPEG start and a baseline frame header that claims `width` × `height`, and nothing else. */
export function jpegClaiming(width: number, height: number): Buffer {
  const sof = Buffer.from([0xff, 0xc0, 0x00, 0x11, 0x08, height >> 8, height & 0xff, width >> 8, width & 0xff, 0x03, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1]);
  return Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]), Buffer.from("JFIF\0\x01\x01\0\0\x01\0\x01\0\0", "latin1"), sof, Buffer.from([0xff, 0xd9])]);
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = (crcTable[(crc ^ byte) & 0xff] ?? 0) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/** Photos that pass every check, made once per suite (drawing and encoding take a moment). */
export interface SamplePhotos {
  front: Buffer;
  back: Buffer;
  selfie: Buffer;
}

export function samplePhotos(): SamplePhotos {
  return { front: png(drawDocument(1200, 800, 1)), back: jpg(drawDocument(1200, 800, 2)), selfie: jpg(drawDocument(640, 640, 3)) };
}

// ---- multipart ------------------------------------------------------------------------------

export type Part = { name: string; value: string } | { name: string; filename: string; contentType?: string; bytes: Buffer };

/** A multipart/form-data body, exactly as given. */
export function multipart(parts: Part[]): { body: Buffer; contentType: string } {
  const boundary = `----enclave-test-${randomBytes(12).toString("hex")}`;
  const chunks: Buffer[] = [];
  for (const part of parts) {
    chunks.push(Buffer.from(`--${boundary}\r\n`));
    if ("value" in part) {
      chunks.push(Buffer.from(`Content-Disposition: form-data; name="${part.name}"\r\n\r\n${part.value}\r\n`));
    } else {
      chunks.push(
        Buffer.from(`Content-Disposition: form-data; name="${part.name}"; filename="${part.filename}"\r\nContent-Type: ${part.contentType ?? "application/octet-stream"}\r\n\r\n`),
      );
      chunks.push(part.bytes, Buffer.from("\r\n"));
    }
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

/**
 * Streams `body` chunked (no Content-Length) with backpressure, and stops writing once the
 * host has answered: how a client that lies about nothing but sends too much meets a 413.
 */
export function streamChunked(host: WidgetHostProcess, path: string, headers: Record<string, string>, body: Buffer): Promise<ApiResponse> {
  return new Promise((resolve, reject) => {
    let answered = false;
    const request = httpRequest({ host: "127.0.0.1", port: host.port, method: "POST", path, headers: { ...headers, "Transfer-Encoding": "chunked" } }, (response) => {
      answered = true;
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("error", () => undefined);
      response.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8");
        const headerList = new Headers();
        for (const [name, value] of Object.entries(response.headers)) if (typeof value === "string") headerList.set(name, value);
        let parsed: Json;
        try {
          parsed = JSON.parse(text);
        } catch {
          parsed = undefined;
        }
        request.destroy();
        resolve({ status: response.statusCode ?? 0, headers: headerList, text, body: parsed });
      });
    });
    // The host may close the connection once it has answered: that is the point.
    request.on("error", (error) => {
      if (!answered) reject(error);
    });
    request.on("socket", (socket) => socket.on("error", () => undefined));
    let offset = 0;
    const pump = (): void => {
      while (!answered && offset < body.length) {
        const chunk = body.subarray(offset, offset + 256 * 1024);
        offset += chunk.length;
        if (!request.write(chunk)) {
          request.once("drain", pump);
          return;
        }
      }
      if (!answered) request.end();
    };
    pump();
  });
}

// ---- the frame's calls --------------------------------------------------------------------

/** The text of every frame answer the helpers below received. */
export const identityTranscript: string[] = [];

function record(response: ApiResponse): ApiResponse {
  identityTranscript.push(response.text);
  return response;
}

/** An identity frame call: `path` is under /v1/frame/identity (or `/session`, under /v1/frame). */
export async function identityFrame(host: WidgetHostProcess, method: "GET" | "POST", path: string, token: string, options: Partial<FrameOptions> = {}): Promise<ApiResponse> {
  return record(await frameCall(host, method, path === "/session" ? path : `/identity${path}`, { token, ...options }));
}

export interface UploadOptions {
  filename?: string;
  contentType?: string;
  parentOrigin?: string;
  publishableKey?: string;
  /** Replaces the whole form. */
  parts?: Part[];
}

/** `POST /v1/frame/identity/files` as the frame sends it: multipart with `side` and `file`. */
export async function upload(host: WidgetHostProcess, token: string, side: string, bytes: Buffer, options: UploadOptions = {}): Promise<ApiResponse> {
  const form = multipart(
    options.parts ?? [
      { name: "side", value: side },
      { name: "file", filename: options.filename ?? `${side}.jpg`, contentType: options.contentType ?? "image/jpeg", bytes },
    ],
  );
  const url = `${host.url}/v1/frame/identity/files`;
  const response = await fetch(url, {
    method: "POST",
    headers: {
      Authorization: `Bearer ${token}`,
      ...(await dpopHeader("POST", url, token)),
      "Enclave-Publishable-Key": options.publishableKey ?? host.publishableKey,
      "Enclave-Parent-Origin": options.parentOrigin ?? SHOP_ORIGIN,
      "Content-Type": form.contentType,
    },
    body: new Uint8Array(form.body),
  });
  return record(await toApiResponse(response));
}

export interface CreatedIdentitySession {
  id: string;
  client_token: string;
  [key: string]: Json;
}

export async function createIdentitySession(
  host: WidgetHostProcess,
  options: { require_selfie?: boolean; sandbox_outcome?: string } = {},
  extra: Record<string, unknown> = {},
): Promise<CreatedIdentitySession> {
  const response = await post(host, "/v1/identity_sessions", { type: "document", options, ...extra });
  assert.equal(response.status, 200, response.text);
  return response.body as CreatedIdentitySession;
}

export function chooseDocument(host: WidgetHostProcess, token: string, type = "driving_license", country = "US", options: Partial<FrameOptions> = {}): Promise<ApiResponse> {
  return identityFrame(host, "POST", "/document", token, { body: { type, issuing_country: country }, ...options });
}

/** The sides a document type has, and the selfie when asked. */
export function sidesOf(type: string, selfie: boolean): ("front" | "back" | "selfie")[] {
  return [...(type === "passport" ? (["front"] as const) : (["front", "back"] as const)), ...(selfie ? (["selfie"] as const) : [])];
}

/** Chooses the document, uploads every side it needs (and the selfie), and submits. */
export async function submitVerification(
  host: WidgetHostProcess,
  token: string,
  photos: SamplePhotos,
  options: { type?: string; country?: string; selfie: boolean; frame?: Partial<FrameOptions> },
): Promise<ApiResponse> {
  const type = options.type ?? "driving_license";
  const chosen = await chooseDocument(host, token, type, options.country ?? "US", options.frame);
  assert.equal(chosen.status, 200, chosen.text);
  for (const side of sidesOf(type, options.selfie)) {
    const uploaded = await upload(host, token, side, photos[side], options.frame?.parentOrigin ? { parentOrigin: options.frame.parentOrigin } : {});
    assert.equal(uploaded.status, 200, `${side}: ${uploaded.text}`);
  }
  const submitted = await identityFrame(host, "POST", "/submit", token, options.frame);
  assert.equal(submitted.status, 200, submitted.text);
  assert.equal(submitted.body.session.status, "processing");
  return submitted;
}

/** Polls the frame's status until the session leaves `processing`. */
export async function waitForResult(host: WidgetHostProcess, token: string, timeoutMs = 15_000): Promise<Json> {
  return waitFor(
    async () => {
      const status = await identityFrame(host, "GET", "/status", token);
      assert.equal(status.status, 200, status.text);
      return status.body.session.status === "processing" ? false : status.body;
    },
    timeoutMs,
    "the verification's result",
  );
}

/** `GET /v1/identity_sessions/:id` (a merchant answer: not kept in the frames' transcript). */
export async function retrieve(host: WidgetHostProcess, id: string): Promise<ApiResponse> {
  return get(host, `/v1/identity_sessions/${id}`);
}

// ---- the store ------------------------------------------------------------------------------

/**
 * Where each needle's bytes occur in the store: in PGlite mode, in any file under the data
 * dir (tables, WAL, everything; stop the host first so PGlite has flushed); in PostgreSQL
 * mode, in any row of the store's schema — as text, and as the hex a bytea column shows.
 */
export async function findBytesInStore(store: StoreLocation, needles: { name: string; bytes: Buffer }[]): Promise<string[]> {
  const found: string[] = [];
  if (store.databaseUrl && store.schema) {
    const client = new pg.Client({ connectionString: store.databaseUrl });
    await client.connect();
    try {
      const tables = await client.query<{ table_name: string }>("SELECT table_name FROM information_schema.tables WHERE table_schema = $1", [store.schema]);
      for (const { table_name } of tables.rows) {
        const rows = await client.query<{ row: string }>(`SELECT t::text AS row FROM "${store.schema}"."${table_name}" t`);
        for (const { row } of rows.rows) {
          for (const needle of needles) {
            if (row.includes(needle.bytes.toString("hex")) || row.includes(needle.bytes.toString("latin1"))) found.push(`${needle.name} in ${table_name}`);
          }
        }
      }
    } finally {
      await client.end();
    }
    return found;
  }
  const walk = async (dir: string): Promise<void> => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) await walk(path);
      else if (entry.isFile()) {
        const bytes = await readFile(path);
        for (const needle of needles) if (bytes.includes(needle.bytes)) found.push(`${needle.name} in ${path}`);
      }
    }
  };
  await walk(store.dataDir);
  return found;
}

/** Distinctive runs of an uploaded file: its first 32 bytes (the magic and the header) and 64 bytes from its middle. */
export function needlesOf(name: string, file: Buffer): { name: string; bytes: Buffer }[] {
  const middle = Math.floor(file.length / 2);
  return [
    { name: `${name} (header)`, bytes: file.subarray(0, 32) },
    { name: `${name} (64 bytes at ${middle})`, bytes: file.subarray(middle, middle + 64) },
  ];
}

/**
 * Runs a query on the store: through `pg` in PostgreSQL mode (the host may run), or by
 * opening PGlite's directory in this process (the host must be stopped first).
 */
export async function queryStore<T = Record<string, unknown>>(store: StoreLocation, text: string, params: unknown[] = []): Promise<T[]> {
  if (store.databaseUrl) {
    const client = new pg.Client({ connectionString: store.databaseUrl });
    await client.connect();
    try {
      return (await client.query(text, params)).rows as T[];
    } finally {
      await client.end();
    }
  }
  const { PGlite } = await import("@electric-sql/pglite");
  const db = await PGlite.create(`${store.dataDir}/pgdata`);
  try {
    return (await db.query<T>(text, params)).rows;
  } finally {
    await db.close();
  }
}
