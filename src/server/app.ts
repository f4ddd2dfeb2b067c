/**
 * The widget host: one HTTP app that serves the frames and the loader, the frames' API
 * and the merchant API, on a store opened (and migrated) at start. `createWidgetHost`
 * is what `enclave serve` and `npm start` run.
 */
import { existsSync, readFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { serve, type ServerType } from "@hono/node-server";
import { Hono } from "hono";
import { ErrorCode, ErrorType } from "../protocol/errors.js";
import { readConfig, type WidgetHostOptions } from "./config.js";
import { ApiError, renderError } from "./http/api-error.js";
import { frameApi } from "./routes/frame-api.js";
import { merchantApi } from "./routes/merchant-api.js";
import { openApiDocument } from "./routes/openapi.js";
import { sandboxOAuthPages } from "./routes/sandbox-oauth-pages.js";
import { staticFiles } from "./routes/static-files.js";
import { threeDSecurePages } from "./routes/three-d-secure-pages.js";
import { apiHeaders } from "./security-headers.js";
import { openStore, type Store } from "./store/database.js";
import { ensureSandboxMerchant, type SandboxKeys } from "./store/merchants.js";
import { WebhookDispatcher } from "./webhook-dispatcher.js";
import { WebhookTargetGuard } from "./webhooks/ssrf-guard.js";
import { sealPlaintextWebhookSecrets } from "./store/webhooks.js";
import { IdentitySweeper } from "./identity-sweeper.js";
import { loadSealingKey, ringKeyIds } from "./identity/sealing.js";
import { foreignKeyIds } from "./store/sealed-columns.js";
import type { IdentityServices } from "./identity/services.js";
import { identityHandoffApi } from "./routes/identity-handoff-api.js";
import { Limiter, Limits } from "./limits/index.js";
import { ImagePool } from "./identity/image-pool.js";

export type { WidgetHostOptions } from "./config.js";

export interface Listener {
  url: string;
  port: number;
  close(): Promise<void>;
}

export interface WidgetHost {
  app: Hono;
  store: Store;
  sandboxKeys: SandboxKeys;
  /** Where the built frames and loader are served from. */
  distDir: string;
  listen(port: number, hostname?: string): Promise<Listener>;
  close(): Promise<void>;
}

/** `dist/` beside the sources (`src/server` under tsx) or the build (`dist/node`). */
function defaultDistDir(): string {
  const candidates = [new URL("../../dist/", import.meta.url), new URL("../", import.meta.url)].map((url) => fileURLToPath(url));
  return candidates.find((dir) => existsSync(`${dir}/loader/enclave.js`) || existsSync(`${dir}/frames`)) ?? (candidates[0] as string);
}

function packageVersion(): string {
  for (const path of ["../../package.json", "../../../package.json"]) {
    try {
      return (JSON.parse(readFileSync(new URL(path, import.meta.url), "utf8")) as { version: string }).version;
    } catch {
      // try the next layout
    }
  }
  return "0.0.0";
}

export async function createWidgetHost(options: WidgetHostOptions): Promise<WidgetHost> {
  const config = readConfig(options);
  const store = await openStore({ dataDir: config.dataDir, ...(config.databaseUrl ? { databaseUrl: config.databaseUrl } : {}) });
  const sandbox = await ensureSandboxMerchant(store, config.sandbox);
  const limits = new Limits(await Limiter.open(store, config.limits), config.trustProxy);
  const identity: IdentityServices = {
    key: loadSealingKey(config.dataDir, config.identity.key, config.identity.previousKeys),
    images: new ImagePool(config.images),
    verifyDelayMs: config.identity.verifyDelayMs,
    handoffTtlSeconds: config.identity.handoffTtlSeconds,
    clientTokenTtlSeconds: config.clientTokenTtlSeconds,
    publicOrigin: config.publicOrigin,
  };
  // Webhooks: the SSRF guard knows this host's origins (ENCLAVE_PUBLIC_URL, each listener) to refuse them.
  const webhooks = { key: identity.key, guard: new WebhookTargetGuard({ allowPrivate: config.webhooks.allowPrivate, publicOrigin: config.publicOrigin }) };
  await sealPlaintextWebhookSecrets(store, webhooks.key);
  const dispatcher = new WebhookDispatcher(store, { ...webhooks, timeoutMs: config.webhooks.timeoutMs, concurrency: config.webhooks.concurrency });
  const sweeper = new IdentitySweeper(store, identity.key, config.identity.retentionSeconds);
  const foreignKeys = await foreignKeyIds(store, identity.key);
  if (foreignKeys.length > 0) {
    console.warn(
      `[enclave] data in this store was sealed with keys (${foreignKeys.join(", ")}) that this process does not hold (${ringKeyIds(identity.key).join(", ")}): ` +
        "it cannot be verified or read here. Give every widget host of one store the same ENCLAVE_IDENTITY_KEY (and, during a rotation, ENCLAVE_IDENTITY_PREVIOUS_KEYS).",
    );
  }
  const openapi = openApiDocument(packageVersion());

  const app = new Hono();
  app.onError(renderError);
  app.use("/v1/*", async (context, next) => {
    await next();
    if (context.req.path === "/v1/enclave.js") return;
    for (const [name, value] of Object.entries(apiHeaders)) context.header(name, value);
  });
  app.get("/v1/openapi.json", (context) => context.json(openapi));
  const distDir = options.distDir ?? defaultDistDir();
  app.route("/", staticFiles(store, distDir));
  app.route("/oauth/sandbox", sandboxOAuthPages(store));
  app.route("/three_d_secure", threeDSecurePages(store));
  app.route("/v1/frame", frameApi(store, { publicTokenTtlSeconds: config.publicTokenTtlSeconds, threeDSecureTtlSeconds: config.threeDSecureTtlSeconds, identity, limits }));
  // Before the merchant API: the phone's claim carries no secret key.
  app.route("/v1/identity/handoff", identityHandoffApi(store, identity));
  app.route("/v1", merchantApi({ db: store, clientTokenTtlSeconds: config.clientTokenTtlSeconds, identity, limits, webhooks }));
  app.notFound((context) => {
    throw new ApiError(404, ErrorType.invalidRequest, ErrorCode.routeNotFound, `Unrecognized request URL (${context.req.method} ${context.req.path}).`);
  });

  const listeners = new Set<ServerType>();
  // Background work (webhooks; identity verification and retention) runs in `serve`, not in `keys`.
  if (options.deliverWebhooks !== false) {
    dispatcher.start();
    sweeper.start();
    // The image pool's first thread starts with the first identity session (identity-merchant-api.ts), not here: memory.
  }

  return {
    app,
    store,
    sandboxKeys: { publishableKey: sandbox.publishableKey, secretKey: sandbox.secretKey },
    distDir,
    listen(port, hostname = "localhost") {
      return new Promise((resolve, reject) => {
        const server = serve({ fetch: app.fetch, port, hostname }, (info: AddressInfo) => {
          const shownHost = hostname.includes(":") ? `[${hostname}]` : hostname;
          webhooks.guard.addOwnOrigin(`http://${shownHost}:${info.port}`);
          resolve({
            url: `http://${shownHost}:${info.port}`,
            port: info.port,
            close: () =>
              new Promise<void>((done) => {
                listeners.delete(server);
                if ("closeAllConnections" in server) server.closeAllConnections();
                server.close(() => done());
              }),
          });
        });
        server.once("error", reject);
        listeners.add(server);
      });
    },
    async close() {
      await dispatcher.stop();
      await sweeper.stop();
      await identity.images.close();
      for (const server of listeners) {
        if ("closeAllConnections" in server) server.closeAllConnections();
        server.close();
      }
      await store.destroy();
    },
  };
}
