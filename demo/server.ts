/**
 * The demo merchant: a tiny shop backend that uses the merchant SDK (enclave-kit/server)
 * to create payment sessions and client tokens, and serves a page that loads the
 * widget host's /v1/enclave.js by a plain script tag, under a strict CSP.
 */
import { readFile } from "node:fs/promises";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { fileURLToPath } from "node:url";
import { transform } from "esbuild";
import { EnclaveClient } from "../src/sdk/index.js";
import { catalog, priceCart } from "./catalog.js";

export interface DemoOptions {
  /** The widget host's origin, e.g. http://localhost:4000. */
  widgetHost: string;
  publishableKey: string;
  secretKey: string;
}

const here = (path: string): string => fileURLToPath(new URL(path, import.meta.url));
const MAX_BODY_BYTES = 16 * 1024;

export function createDemoServer(options: DemoOptions): Server {
  const enclave = new EnclaveClient(options.secretKey, { host: options.widgetHost });
  const compiled = new Map<string, string>();

  const securityHeaders = {
    "Content-Security-Policy": [
      "default-src 'self'",
      `script-src 'self' ${options.widgetHost}`,
      `frame-src ${options.widgetHost}`,
      "connect-src 'self'",
      "style-src 'self'",
      "img-src 'self' data:",
      "base-uri 'none'",
      "form-action 'self'",
      "frame-ancestors 'none'",
    ].join("; "),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
  };

  async function page(): Promise<string> {
    const template = await readFile(here("public/index.html"), "utf8");
    return template.replaceAll("{{WIDGET_HOST}}", options.widgetHost).replaceAll("{{PUBLISHABLE_KEY}}", options.publishableKey);
  }

  async function clientScript(name: string): Promise<string> {
    const cached = compiled.get(name);
    if (cached) return cached;
    const source = await readFile(here(`client/${name}.ts`), "utf8");
    const { code } = await transform(source, { loader: "ts", format: "esm", target: "es2022" });
    compiled.set(name, code);
    return code;
  }

  async function route(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? "/", "http://demo.invalid");
    const send = (status: number, type: string, body: string): void => {
      response.writeHead(status, { ...securityHeaders, "Content-Type": type, "Cache-Control": "no-store" });
      response.end(body);
    };
    const sendJson = (status: number, body: unknown): void => send(status, "application/json", JSON.stringify(body));

    if (request.method === "GET" && url.pathname === "/") return send(200, "text/html; charset=utf-8", await page());
    if (request.method === "GET" && url.pathname === "/styles.css") {
      return send(200, "text/css; charset=utf-8", await readFile(here("public/styles.css"), "utf8"));
    }
    if (request.method === "GET" && url.pathname === "/app.js") return send(200, "text/javascript; charset=utf-8", await clientScript("app"));
    if (request.method === "GET" && url.pathname === "/api/catalog") return sendJson(200, { products: catalog });

    if (request.method === "POST" && url.pathname === "/api/checkout") {
      const body = await readJson(request);
      const cart = priceCart(body);
      if (!cart) return sendJson(400, { error: { code: "invalid_cart", message: "The cart must list known products with quantities from 1 to 10." } });
      const intent = await enclave.paymentIntents.create({ amount: cart.amount, currency: cart.currency, description: cart.description });
      return sendJson(200, {
        paymentIntent: { id: intent.id, amount: intent.amount, currency: intent.currency },
        clientToken: intent.client_token,
      });
    }

    if (request.method === "POST" && url.pathname === "/api/client-token") {
      const body = await readJson(request);
      const session = typeof body === "object" && body !== null ? (body as { paymentIntent?: unknown }).paymentIntent : undefined;
      if (typeof session !== "string" || !/^pi_[A-Za-z0-9]+$/.test(session)) {
        return sendJson(400, { error: { code: "invalid_session", message: "paymentIntent must be a pi_… id." } });
      }
      const token = await enclave.clientTokens.create({ session });
      return sendJson(200, { clientToken: token.client_token });
    }

    send(404, "text/plain; charset=utf-8", "Not found");
  }

  return createServer((request, response) => {
    route(request, response).catch((error: unknown) => {
      const apiError = error as { status?: number; code?: string; message?: string };
      console.error("[demo]", apiError.message ?? error);
      if (response.headersSent) return response.end();
      response.writeHead(apiError.status && apiError.status < 500 ? apiError.status : 502, { "Content-Type": "application/json" });
      response.end(JSON.stringify({ error: { code: apiError.code ?? "demo_backend_error", message: apiError.message ?? "The demo backend failed." } }));
    });
  });
}

async function readJson(request: IncomingMessage): Promise<unknown> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw Object.assign(new Error("Request body too large."), { status: 413, code: "body_too_large" });
    chunks.push(chunk as Buffer);
  }
  try {
    return chunks.length ? (JSON.parse(Buffer.concat(chunks).toString("utf8")) as unknown) : {};
  } catch {
    throw Object.assign(new Error("The body is not valid JSON."), { status: 400, code: "invalid_json" });
  }
}
