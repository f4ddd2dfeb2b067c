/**
 * The demo merchant: a tiny shop backend that uses the merchant SDK (enclave-kit/server)
 * to create payment sessions and client tokens, and serves a page that loads the
 * widget host's /v1/enclave.js by a plain script tag, under a strict CSP.
 */
import { createHash } from "node:crypto";
import { readFile, rm } from "node:fs/promises";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { fileURLToPath } from "node:url";
import { transform } from "esbuild";
import { EnclaveApiError, EnclaveClient, WebhookSignatureError, type WebhookEvent } from "../src/sdk/index.js";
import { createBankRoutes } from "./bank-routes.js";
import { catalog, priceCart } from "./catalog.js";
import { createIdentityRoutes } from "./identity-routes.js";

export interface DemoOptions {
  /** The widget host's origin, e.g. http://localhost:4000. */
  widgetHost: string;
  publishableKey: string;
  secretKey: string;
  /** The demo's data dir (it keeps no webhook secret there: each start rotates it). */
  stateDir: string;
}

export interface Demo {
  server: Server;
  /** Registers this backend's webhook endpoint at the widget host, or gives the one registered before a new secret. */
  connectWebhooks(publicUrl: string): Promise<void>;
}

const paymentIntentId = /^pi_[A-Za-z0-9]{8,64}$/;
/** The `paymentIntent` a page's JSON body names, when it is a well-formed pi_… id. */
const paymentIntentIn = (body: unknown): string | undefined => {
  const id = typeof body === "object" && body !== null ? (body as { paymentIntent?: unknown }).paymentIntent : undefined;
  return typeof id === "string" && paymentIntentId.test(id) ? id : undefined;
};

const here = (path: string): string => fileURLToPath(new URL(path, import.meta.url));
const MAX_BODY_BYTES = 16 * 1024;

export function createDemo(options: DemoOptions): Demo {
  const enclave = new EnclaveClient(options.secretKey, { host: options.widgetHost });
  const compiled = new Map<string, string>();
  const bankRoutes = createBankRoutes(enclave, readJson);
  const identityRoutes = createIdentityRoutes(enclave, readJson);
  let webhookSecret: string | undefined;
  // What the backend learned from verified webhooks, newest first (the page shows it).
  const webhookEvents: { id: string; type: string; object: string; at: string }[] = [];

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

  const pages: Record<string, string> = { "/": "index", "/bank": "bank", "/onboarding": "onboarding" };
  const scripts = new Set(["app", "bank", "onboarding", "event-log", "language"]);

  // A real shop pastes the script tag `enclave serve` prints. The demo follows whichever
  // widget host it is pointed at (and its rebuilds), so it hashes the loader that host serves.
  let loaderIntegrity: Promise<string> | undefined;
  function integrityOfLoader(): Promise<string> {
    loaderIntegrity ??= fetch(`${options.widgetHost}/v1/enclave.js`)
      .then(async (response) => {
        if (!response.ok) throw new Error(`the widget host answered ${response.status} for /v1/enclave.js`);
        return `sha384-${createHash("sha384")
          .update(new Uint8Array(await response.arrayBuffer()))
          .digest("base64")}`;
      })
      .catch((error: unknown) => {
        loaderIntegrity = undefined;
        throw error;
      });
    return loaderIntegrity;
  }

  async function page(name: string): Promise<string> {
    const template = await readFile(here(`public/${name}.html`), "utf8");
    return template
      .replaceAll("{{WIDGET_HOST}}", options.widgetHost)
      .replaceAll("{{PUBLISHABLE_KEY}}", options.publishableKey)
      .replaceAll("{{LOADER_INTEGRITY}}", await integrityOfLoader());
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

    const pageName = pages[url.pathname];
    if (request.method === "GET" && pageName) return send(200, "text/html; charset=utf-8", await page(pageName));
    if (request.method === "GET" && url.pathname === "/styles.css") {
      return send(200, "text/css; charset=utf-8", await readFile(here("public/styles.css"), "utf8"));
    }
    const scriptName = /^\/([a-z-]+)\.js$/.exec(url.pathname)?.[1];
    if (request.method === "GET" && scriptName && scripts.has(scriptName)) return send(200, "text/javascript; charset=utf-8", await clientScript(scriptName));
    if (url.pathname.startsWith("/api/bank/")) return bankRoutes(request, url, sendJson);
    if (url.pathname.startsWith("/api/identity/")) return identityRoutes(request, url, sendJson);
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

    // The cart changed on the payment page: the same intent, the new total (the page then calls refresh()).
    if (request.method === "POST" && url.pathname === "/api/checkout/update") {
      const body = await readJson(request);
      const cart = priceCart(body);
      const session = paymentIntentIn(body);
      if (!cart) return sendJson(400, { error: { code: "invalid_cart", message: "The cart must list known products with quantities from 1 to 10." } });
      if (!session) return sendJson(400, { error: { code: "invalid_session", message: "paymentIntent must be a pi_… id." } });
      const intent = await enclave.paymentIntents.update(session, { amount: cart.amount, description: cart.description });
      return sendJson(200, { paymentIntent: { id: intent.id, amount: intent.amount, currency: intent.currency } });
    }

    if (request.method === "POST" && url.pathname === "/api/client-token") {
      const body = await readJson(request);
      const session = paymentIntentIn(body);
      if (!session) return sendJson(400, { error: { code: "invalid_session", message: "paymentIntent must be a pi_… id." } });
      const token = await enclave.clientTokens.create({ session });
      return sendJson(200, { clientToken: token.client_token });
    }

    // The receipt: the backend reads the payment from the widget host, never from the page.
    const order = /^\/api\/orders\/([^/]+)$/.exec(url.pathname);
    if (request.method === "GET" && order) {
      const id = order[1] ?? "";
      if (!paymentIntentId.test(id)) return sendJson(400, { error: { code: "invalid_session", message: "Not a payment intent id." } });
      const intent = await enclave.paymentIntents.retrieve(id);
      return sendJson(200, {
        id: intent.id,
        status: intent.status,
        amount: intent.amount,
        amountRefunded: intent.amount_refunded,
        currency: intent.currency,
        description: intent.description,
        card: intent.payment_method ? { brand: intent.payment_method.brand, last4: intent.payment_method.last4 } : null,
      });
    }

    if (request.method === "POST" && url.pathname === "/api/refunds") {
      const body = (await readJson(request)) as { paymentIntent?: unknown; amount?: unknown };
      if (typeof body.paymentIntent !== "string" || !paymentIntentId.test(body.paymentIntent)) {
        return sendJson(400, { error: { code: "invalid_session", message: "paymentIntent must be a pi_… id." } });
      }
      if (body.amount !== undefined && (!Number.isInteger(body.amount) || (body.amount as number) < 1)) {
        return sendJson(400, { error: { code: "invalid_amount", message: "amount must be a whole number of cents." } });
      }
      const refund = await enclave.refunds.create({ payment_intent: body.paymentIntent, ...(body.amount === undefined ? {} : { amount: body.amount as number }) });
      return sendJson(200, { id: refund.id, amount: refund.amount, currency: refund.currency });
    }

    if (request.method === "GET" && url.pathname === "/api/webhooks") return sendJson(200, { events: webhookEvents });

    if (request.method === "POST" && url.pathname === "/api/webhooks") {
      const raw = await readRaw(request);
      let event: WebhookEvent;
      try {
        event = enclave.webhooks.constructEvent(raw, headerValue(request.headers["enclave-signature"]), webhookSecret ?? "");
      } catch (error) {
        const code = error instanceof WebhookSignatureError ? error.code : "signature_invalid";
        return sendJson(400, { error: { code, message: (error as Error).message } });
      }
      if (!webhookEvents.some((seen) => seen.id === event.id)) {
        webhookEvents.unshift({ id: event.id, type: event.type, object: String(event.data.object["id"] ?? ""), at: new Date(event.created * 1000).toISOString() });
        webhookEvents.splice(50);
      }
      return sendJson(200, { received: true });
    }

    send(404, "text/plain; charset=utf-8", "Not found");
  }

  const server = createServer((request, response) => {
    route(request, response).catch((error: unknown) => {
      const apiError = error as { status?: number; code?: string; message?: string };
      if (!(error instanceof EnclaveApiError) || apiError.status === 0) console.error("[demo]", apiError.message ?? error);
      if (response.headersSent) return response.end();
      response.writeHead(apiError.status && apiError.status < 500 ? apiError.status : 502, { "Content-Type": "application/json" });
      response.end(JSON.stringify({ error: { code: apiError.code ?? "demo_backend_error", message: apiError.message ?? "The demo backend failed." } }));
    });
  });

  async function connectWebhooks(publicUrl: string): Promise<void> {
    const url = `${publicUrl}/api/webhooks`;
    // No secret is kept on disk: an endpoint from an earlier start gets a new secret (the old
    // one still signs, beside it, what was queued before). Older demos left it in this file.
    await rm(`${options.stateDir}/demo-webhook.json`, { force: true });
    const existing = await findWebhookEndpoint(url);
    if (existing) {
      webhookSecret = (await enclave.webhookEndpoints.rotateSecret(existing)).secret;
      return;
    }
    const endpoint = await enclave.webhookEndpoints.create({
      url,
      events: ["payment_intent.succeeded", "payment_intent.payment_failed", "refund.created", "identity_session.verified", "identity_session.requires_input"],
    });
    webhookSecret = endpoint.secret;
  }

  async function findWebhookEndpoint(url: string): Promise<string | undefined> {
    let startingAfter: string | undefined;
    for (;;) {
      const page = await enclave.webhookEndpoints.list({ limit: 100, ...(startingAfter ? { starting_after: startingAfter } : {}) });
      const found = page.data.find((endpoint) => endpoint.url === url);
      if (found) return found.id;
      if (!page.has_more) return undefined;
      startingAfter = page.data.at(-1)?.id;
    }
  }

  return { server, connectWebhooks };
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

async function readRaw(request: IncomingMessage): Promise<string> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw Object.assign(new Error("Request body too large."), { status: 413, code: "body_too_large" });
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

async function readJson(request: IncomingMessage): Promise<unknown> {
  const raw = await readRaw(request);
  try {
    return raw ? (JSON.parse(raw) as unknown) : {};
  } catch {
    throw Object.assign(new Error("The body is not valid JSON."), { status: 400, code: "invalid_json" });
  }
}
