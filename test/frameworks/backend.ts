/**
 * The test apps' backend, on its own origin: serves each built app under its base path
 * (`/react/`, `/vue/`) and mints client tokens with the server SDK, as the docs show a
 * merchant: `POST /api/sessions/<flow>` opens a session and returns its first token,
 * `POST /api/client-tokens { session }` a fresh one for it.
 */
import { readFile } from "node:fs/promises";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { extname, join, normalize } from "node:path";
import { EnclaveClient } from "../../src/sdk/index.js";

export interface AppBackend {
  /** `http://localhost:<port>`: add it to the widget host's allowed origins. */
  origin: string;
  close(): Promise<void>;
}

export interface AppBackendOptions {
  /** Chosen before the widget host starts, so that the backend's origin can be among its allowed origins. */
  port: number;
  widgetHost: string;
  secretKey: string;
  /** Base path (`/react/`) → the directory its app was built into. */
  apps: Record<string, string>;
}

const contentTypes: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
};

export async function startAppBackend(options: AppBackendOptions): Promise<AppBackend> {
  const enclave = new EnclaveClient(options.secretKey, { host: options.widgetHost });

  const openSession: Record<string, () => Promise<{ session: string; clientToken: string }>> = {
    checkout: async () => {
      const intent = await enclave.paymentIntents.create({ amount: 4900, currency: "usd", description: "Framework test order" });
      return { session: intent.id, clientToken: intent.client_token };
    },
    "bank-link": async () => {
      const session = await enclave.bankLinkSessions.create({ products: ["accounts"] });
      return { session: session.id, clientToken: session.client_token };
    },
    identity: async () => {
      const session = await enclave.identitySessions.create({ type: "document" });
      return { session: session.id, clientToken: session.client_token };
    },
  };

  async function readJson(request: IncomingMessage): Promise<Record<string, unknown>> {
    let body = "";
    for await (const chunk of request) body += String(chunk);
    const parsed: unknown = body ? JSON.parse(body) : {};
    return typeof parsed === "object" && parsed !== null ? (parsed as Record<string, unknown>) : {};
  }

  async function serveApp(path: string, response: ServerResponse): Promise<boolean> {
    const base = Object.keys(options.apps).find((prefix) => path.startsWith(prefix));
    if (!base) return false;
    const directory = options.apps[base] ?? "";
    const relative = normalize(path.slice(base.length) || "index.html");
    if (relative.startsWith("..")) return false;
    try {
      const body = await readFile(join(directory, relative));
      response.writeHead(200, { "Content-Type": contentTypes[extname(relative)] ?? "application/octet-stream" });
      response.end(body);
      return true;
    } catch {
      return false;
    }
  }

  async function route(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const { pathname } = new URL(request.url ?? "/", "http://backend.invalid");
    const sendJson = (status: number, body: unknown): void => {
      response.writeHead(status, { "Content-Type": "application/json" });
      response.end(JSON.stringify(body));
    };
    const flow = /^\/api\/sessions\/([a-z-]+)$/.exec(pathname)?.[1];
    const open = flow ? openSession[flow] : undefined;
    if (request.method === "POST" && open) return sendJson(200, await open());
    if (request.method === "POST" && pathname === "/api/client-tokens") {
      const { session } = await readJson(request);
      if (typeof session !== "string") return sendJson(400, { error: "session is required" });
      const token = await enclave.clientTokens.create({ session });
      return sendJson(200, { session, clientToken: token.client_token });
    }
    if (request.method === "GET" && (await serveApp(pathname, response))) return;
    sendJson(404, { error: `no route for ${request.method} ${pathname}` });
  }

  const server = createServer((request, response) => {
    route(request, response).catch((error: unknown) => {
      response.writeHead(500, { "Content-Type": "application/json" });
      response.end(JSON.stringify({ error: String(error) }));
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port, "localhost", resolve));
  return {
    origin: `http://localhost:${options.port}`,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
