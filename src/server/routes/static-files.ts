/**
 * The built files the widget host serves: the frame pages (`/frames/<flow>.html`, with
 * the merchant's CSP), their hashed assets, and the loader at `/v1/enclave.js` — and
 * `/v1/frames/manifest.json`, the SHA-384 of each of them, so that a merchant's script
 * monitor (PCI DSS 4.0 6.4.3 and 11.6.1) can tell when anything served to a payment page
 * changed without a release.
 *
 * Each text file goes out in the coding the request prefers (br, gzip, identity; see
 * http/content-coding.ts), from the `.br`/`.gz` siblings the build wrote beside it
 * (scripts/compress.ts), with a strong ETag per coding and `304` for a copy the client
 * already holds. Hashed assets never change under their name (`immutable`); the frame
 * pages and the loader keep their URL across releases, so browsers revalidate them on
 * every use (`no-cache`, answered by a bodiless 304 while nothing changed).
 *
 * Everything is read once and kept in memory for the life of the process: the files of
 * one build, a few hundred KB with their codings. Only files that exist are kept, so the
 * cache holds no more than dist/ does, whatever paths are asked for.
 */
import { readdir, readFile } from "node:fs/promises";
import { extname, join } from "node:path";
import { createHash } from "node:crypto";
import { Hono, type Context } from "hono";
import { flowNames } from "../../protocol/events.js";
import { ErrorCode, ErrorType } from "../../protocol/errors.js";
import { ApiError } from "../http/api-error.js";
import { sendRepresentation, strongETag, type Representation } from "../http/conditional.js";
import { compress, contentCodings, decompress, isCompressible, negotiateContentCoding, siblingSuffix, type ContentCoding } from "../http/content-coding.js";
import { subresourceIntegrity } from "../loader-integrity.js";
import { framePageHeaders } from "../security-headers.js";
import type { RouteDeps } from "./route-deps.js";
import { listAllowedOriginsByPublishableKey } from "../store/merchants.js";
import { log } from "../observability/log.js";

const contentTypes: Record<string, string> = {
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".woff2": "font/woff2",
  ".map": "application/json",
};

/** One file: its bytes as built, and each coding that came out smaller. */
interface StaticFile {
  identity: Representation;
  coded: Partial<Record<ContentCoding, Representation>>;
}

/** A cache of what a loader found, keeping nothing for what it did not (a miss is not stored). */
function cacheOfFound<T>(load: (path: string) => Promise<T>): (path: string) => Promise<T> {
  const cache = new Map<string, Promise<T>>();
  return (path) => {
    let entry = cache.get(path);
    if (!entry) {
      entry = load(path);
      cache.set(path, entry);
      entry.catch(() => cache.delete(path));
    }
    return entry;
  };
}

export function staticFiles({ db, distDir }: RouteDeps): Hono {
  const files = new Hono();
  const warned = new Set<string>();

  const identityBytes = cacheOfFound(async (path: string): Promise<Uint8Array<ArrayBuffer>> => {
    try {
      return new Uint8Array(await readFile(join(distDir, path)));
    } catch {
      throw new ApiError(
        path.startsWith("frames/") && path.endsWith(".html") ? 503 : 404,
        ErrorType.api,
        ErrorCode.routeNotFound,
        path.endsWith(".html") || path.endsWith("enclave.js") ? `The widget host has no built ${path}; run npm run build.` : `No such file: /${path}.`,
      );
    }
  });

  /**
   * A coding of a file: the build's sibling when it decodes to the file as it is now (a
   * sibling left from another build is never sent), otherwise compressed here, once, with
   * the build's parameters — so a dist/ built without scripts/compress.ts is still served
   * compressed, with the same bytes and ETag as a host that has the siblings.
   */
  async function coding(path: string, identity: Uint8Array, coding: ContentCoding): Promise<Buffer> {
    const sibling = await readFile(join(distDir, path + siblingSuffix[coding])).catch(() => undefined);
    if (sibling) {
      const decoded = await decompress(sibling, coding).catch(() => undefined);
      if (decoded?.equals(identity)) return sibling;
    }
    const siblingPath = path + siblingSuffix[coding];
    if (!warned.has(siblingPath)) {
      warned.add(siblingPath);
      log.warn(
        `${join(distDir, siblingPath)} is ${sibling ? "not a copy of the file as built now" : "missing"}; compressing ${path} in memory instead (npm run build writes the copies)`,
      );
    }
    return compress(identity, coding);
  }

  const staticFile = cacheOfFound(async (path: string): Promise<StaticFile> => {
    const bytes = await identityBytes(path);
    const file: StaticFile = { identity: { bytes, etag: strongETag(bytes) }, coded: {} };
    if (!isCompressible(path)) return file;
    for (const name of contentCodings) {
      const coded = await coding(path, bytes, name);
      // A coding that saves nothing is not worth a client's decoding.
      if (coded.byteLength < bytes.byteLength) file.coded[name] = { bytes: new Uint8Array(coded), etag: strongETag(coded), coding: name };
    }
    return file;
  });

  /** The representation a request asks for (always Vary: Accept-Encoding, whatever it is). */
  function choose(context: Context, file: StaticFile): Representation {
    const coding = negotiateContentCoding(context.req.header("Accept-Encoding"), Object.keys(file.coded) as ContentCoding[]);
    return coding === "identity" ? file.identity : (file.coded[coding] ?? file.identity);
  }

  files.get("/v1/frames/manifest.json", async (context) => {
    const assets = await readdir(join(distDir, "frames/assets")).catch(() => [] as string[]);
    const paths = [
      "loader/enclave.js",
      ...flowNames.map((flow) => `frames/${flow}.html`),
      ...assets
        .filter((file) => contentTypes[extname(file)] !== undefined && !file.endsWith(".map"))
        .sort()
        .map((file) => `frames/assets/${file}`),
    ];
    const entries = [];
    for (const path of paths) {
      // The identity bytes: Subresource Integrity is checked over the decoded content.
      const content = await identityBytes(path).catch(() => undefined);
      if (!content) continue;
      entries.push({ path: path === "loader/enclave.js" ? "/v1/enclave.js" : `/${path}`, integrity: subresourceIntegrity(content), bytes: content.byteLength });
    }
    return context.json({ object: "frame_manifest", files: entries }, 200, { "Cache-Control": "no-cache", "Access-Control-Allow-Origin": "*" });
  });

  files.get("/v1/enclave.js", async (context) => {
    const file = await staticFile("loader/enclave.js");
    return sendRepresentation(context, choose(context, file), "text/javascript; charset=utf-8", {
      // Cross-origin readable, so merchants can pin it with Subresource Integrity.
      "Access-Control-Allow-Origin": "*",
      "Cross-Origin-Resource-Policy": "cross-origin",
      "X-Content-Type-Options": "nosniff",
      // Revalidated on every use, not kept for minutes: the loader keeps its URL across
      // releases, and a merchant who pins it with `integrity` updates the hash when the
      // host is upgraded — a browser must then fetch the new loader, not run a cached old
      // one against the new hash (and the manifest's hash must be what browsers run).
      // While nothing changed, revalidating costs a 304 with no body.
      "Cache-Control": "public, no-cache",
      Vary: "Accept-Encoding",
    });
  });

  files.get("/frames/:page{[a-z-]+\\.html}", async (context) => {
    const flow = context.req.param("page").replace(/\.html$/, "");
    if (!(flowNames as readonly string[]).includes(flow)) throw new ApiError(404, ErrorType.invalidRequest, ErrorCode.routeNotFound, "No such frame.");
    const file = await staticFile(`frames/${flow}.html`);
    const publishableKey = context.req.query("pk") ?? "";
    // One query: the page waits for it before its first byte (issue 13: ready sooner).
    const origins = /^pk_(test|live)_[A-Za-z0-9]{8,100}$/.test(publishableKey) ? await listAllowedOriginsByPublishableKey(db, publishableKey) : [];
    const headers = { ...framePageHeaders(origins, { camera: flow === "identity", challenges: flow === "checkout" }), Vary: "Accept-Encoding" };
    // The page's headers are part of what a cached copy must match: when the merchant's
    // allowed origins change, the ETag changes, so a revalidation gets the new CSP in a
    // full 200 rather than relying on a cache to update the old copy's headers from a 304.
    const chosen = choose(context, file);
    const headersTag = createHash("sha256").update(JSON.stringify(headers)).digest("base64url").slice(0, 11);
    return sendRepresentation(context, { ...chosen, etag: `${chosen.etag.slice(0, -1)}.${headersTag}"` }, "text/html; charset=utf-8", headers);
  });

  files.get("/frames/assets/:file{[A-Za-z0-9._-]+}", async (context) => {
    const name = context.req.param("file");
    const type = contentTypes[extname(name)];
    // Only served types: `checkout-….js.br` is not a way to get a sibling under another type.
    if (!type) throw new ApiError(404, ErrorType.invalidRequest, ErrorCode.routeNotFound, `No such file: /frames/assets/${name}.`);
    const file = await staticFile(`frames/assets/${name}`);
    return sendRepresentation(context, choose(context, file), type, {
      "X-Content-Type-Options": "nosniff",
      "Cross-Origin-Resource-Policy": "same-origin",
      // The build names each asset by a hash of its content: a new content is a new URL.
      "Cache-Control": "public, max-age=31536000, immutable",
      Vary: "Accept-Encoding",
    });
  });

  return files;
}
