/**
 * The built files the widget host serves: the frame pages (`/frames/<flow>.html`, with
 * the merchant's CSP), their hashed assets, and the loader at `/v1/enclave.js` — and
 * `/v1/frames/manifest.json`, the SHA-384 of each of them, so that a merchant's script
 * monitor (PCI DSS 4.0 6.4.3 and 11.6.1) can tell when anything served to a payment page
 * changed without a release.
 */
import { readdir, readFile } from "node:fs/promises";
import { extname, join } from "node:path";
import { Hono } from "hono";
import { flowNames } from "../../protocol/events.js";
import { ErrorCode, ErrorType } from "../../protocol/errors.js";
import { ApiError } from "../http/api-error.js";
import { subresourceIntegrity } from "../loader-integrity.js";
import { framePageHeaders } from "../security-headers.js";
import type { Store } from "../store/database.js";
import { findMerchantByPublishableKey, listAllowedOrigins } from "../store/merchants.js";

const contentTypes: Record<string, string> = {
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".woff2": "font/woff2",
  ".map": "application/json",
};

export function staticFiles(db: Store, distDir: string): Hono {
  const files = new Hono();
  const cache = new Map<string, Buffer>();

  async function load(path: string): Promise<Buffer> {
    const cached = cache.get(path);
    if (cached) return cached;
    try {
      const content = await readFile(join(distDir, path));
      cache.set(path, content);
      return content;
    } catch {
      throw new ApiError(
        path.startsWith("frames/") && path.endsWith(".html") ? 503 : 404,
        ErrorType.api,
        ErrorCode.routeNotFound,
        path.endsWith(".html") || path.endsWith("enclave.js") ? `The widget host has no built ${path}; run npm run build.` : `No such file: /${path}.`,
      );
    }
  }

  files.get("/v1/frames/manifest.json", async (context) => {
    const assets = await readdir(join(distDir, "frames/assets")).catch(() => [] as string[]);
    const paths = [
      "loader/enclave.js",
      ...flowNames.map((flow) => `frames/${flow}.html`),
      ...assets.filter((file) => contentTypes[extname(file)] !== undefined && !file.endsWith(".map")).sort().map((file) => `frames/assets/${file}`),
    ];
    const entries = [];
    for (const path of paths) {
      const content = await load(path).catch(() => undefined);
      if (!content) continue;
      entries.push({ path: path === "loader/enclave.js" ? "/v1/enclave.js" : `/${path}`, integrity: subresourceIntegrity(content), bytes: content.byteLength });
    }
    return context.json({ object: "frame_manifest", files: entries }, 200, { "Cache-Control": "no-cache", "Access-Control-Allow-Origin": "*" });
  });

  files.get("/v1/enclave.js", async (context) => {
    const script = await load("loader/enclave.js");
    return context.body(new Uint8Array(script), 200, {
      "Content-Type": "text/javascript; charset=utf-8",
      // Cross-origin readable, so merchants can pin it with Subresource Integrity.
      "Access-Control-Allow-Origin": "*",
      "Cross-Origin-Resource-Policy": "cross-origin",
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "public, max-age=300",
    });
  });

  files.get("/frames/:page{[a-z-]+\\.html}", async (context) => {
    const flow = context.req.param("page").replace(/\.html$/, "");
    if (!(flowNames as readonly string[]).includes(flow)) throw new ApiError(404, ErrorType.invalidRequest, ErrorCode.routeNotFound, "No such frame.");
    const page = await load(`frames/${flow}.html`);
    const publishableKey = context.req.query("pk") ?? "";
    const merchant = /^pk_(test|live)_[A-Za-z0-9]{8,100}$/.test(publishableKey) ? await findMerchantByPublishableKey(db, publishableKey) : undefined;
    const origins = merchant ? (await listAllowedOrigins(db, merchant.id)).map((entry) => entry.origin) : [];
    return context.body(new Uint8Array(page), 200, { "Content-Type": "text/html; charset=utf-8", ...framePageHeaders(origins, { camera: flow === "identity", challenges: flow === "checkout" }) });
  });

  files.get("/frames/assets/:file{[A-Za-z0-9._-]+}", async (context) => {
    const file = context.req.param("file");
    const type = contentTypes[extname(file)];
    if (!type) throw new ApiError(404, ErrorType.invalidRequest, ErrorCode.routeNotFound, `No such file: /frames/assets/${file}.`);
    const content = await load(`frames/assets/${file}`);
    return context.body(new Uint8Array(content), 200, {
      "Content-Type": type,
      "X-Content-Type-Options": "nosniff",
      "Cross-Origin-Resource-Policy": "same-origin",
      "Cache-Control": "public, max-age=31536000, immutable",
    });
  });

  return files;
}
