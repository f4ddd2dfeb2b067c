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
import type { RouteDeps } from "./routes/route-deps.js";
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
import { Housekeeping } from "./housekeeping.js";
import { configureLog, log } from "./observability/log.js";
import { HostMetrics } from "./observability/metrics.js";
import { Lifecycle, observeRequests } from "./observability/http.js";
import { operationsRoutes } from "./observability/health.js";
import { webhookQueueDepth } from "./store/operations.js";
import { shutDown, type ShutdownReport } from "./shutdown.js";

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
  /** Stops at once: connections closed, webhook attempts cut short (their deliveries released). */
  close(): Promise<void>;
  /** Stops gracefully within ENCLAVE_SHUTDOWN_TIMEOUT_MS (or `timeoutMs`): src/server/shutdown.ts. */
  shutdown(timeoutMs?: number): Promise<ShutdownReport>;
  /** ENCLAVE_SHUTDOWN_TIMEOUT_MS, for the CLI's last-resort timer. */
  shutdownTimeoutMs: number;
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
  configureLog({ level: config.operations.logLevel });
  const store = await openStore({ dataDir: config.dataDir, ...(config.databaseUrl ? { databaseUrl: config.databaseUrl } : {}) });
  const sandbox = await ensureSandboxMerchant(store, config.sandbox);
  // Its sources are read on scrape, once everything below exists.
  const metrics: HostMetrics = new HostMetrics({
    webhookQueue: () => webhookQueueDepth(store),
    webhooksInFlight: () => dispatcher.inFlightCount,
    imagePool: () => identity.images.stats,
  });
  const limits = new Limits(await Limiter.open(store, config.limits), config.trustProxy, (name) => metrics.rateLimited(name));
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
  const dispatcher = new WebhookDispatcher(store, {
    ...webhooks,
    timeoutMs: config.webhooks.timeoutMs,
    concurrency: config.webhooks.concurrency,
    onAttempt: (delivered) => metrics.webhookAttempt(delivered),
  });
  const sweeper = new IdentitySweeper(store, identity.key, config.identity.retentionSeconds);
  const housekeeping = new Housekeeping(store, { intervalSeconds: config.housekeepingIntervalSeconds });
  const foreignKeys = await foreignKeyIds(store, identity.key);
  if (foreignKeys.length > 0) {
    log.warn(
      `data in this store was sealed with keys (${foreignKeys.join(", ")}) that this process does not hold (${ringKeyIds(identity.key).join(", ")}): ` +
        "it cannot be verified or read here. Give every widget host of one store the same ENCLAVE_IDENTITY_KEY (and, during a rotation, ENCLAVE_IDENTITY_PREVIOUS_KEYS).",
    );
  }
  const openapi = openApiDocument(packageVersion());

  const lifecycle = new Lifecycle();
  const app = new Hono();
  // First: request id, duration and access log for every answer, errors and 404s included.
  app.use("*", observeRequests({ metrics, lifecycle, trustProxy: config.trustProxy }));
  app.onError(renderError);
  app.route("/", operationsRoutes({ store, lifecycle, metrics, metricsToken: config.operations.metricsToken }));
  app.use("/v1/*", async (context, next) => {
    await next();
    if (context.req.path === "/v1/enclave.js") return;
    // On the response's own headers: context.header() after next() rebuilds the response
    // around a body stream, @hono/node-server's slow path (a third of a GET's CPU, bench/http.ts).
    const headers = context.res.headers;
    for (const [name, value] of Object.entries(apiHeaders)) headers.set(name, value);
  });
  app.get("/v1/openapi.json", (context) => context.json(openapi));
  const distDir = options.distDir ?? defaultDistDir();
  // Every route factory takes this one object (src/server/routes/route-deps.ts).
  const deps: RouteDeps = {
    db: store,
    limits,
    identity,
    webhooks,
    distDir,
    clientTokenTtlSeconds: config.clientTokenTtlSeconds,
    publicTokenTtlSeconds: config.publicTokenTtlSeconds,
    threeDSecureTtlSeconds: config.threeDSecureTtlSeconds,
  };
  app.route("/", staticFiles(deps));
  app.route("/oauth/sandbox", sandboxOAuthPages(deps));
  app.route("/three_d_secure", threeDSecurePages(deps));
  app.route("/v1/frame", frameApi(deps));
  // Before the merchant API: the phone's claim carries no secret key.
  app.route("/v1/identity/handoff", identityHandoffApi(deps));
  app.route("/v1", merchantApi(deps));
  // Answered, not thrown: Hono calls notFound outside its error handling, and the request
  // middleware must see the 404 to give it a Request-Id.
  app.notFound((context) =>
    renderError(new ApiError(404, ErrorType.invalidRequest, ErrorCode.routeNotFound, `Unrecognized request URL (${context.req.method} ${context.req.path}).`), context),
  );

  const listeners = new Set<ServerType>();
  // Background work (webhooks; identity verification and retention) runs in `serve`, not in `keys`.
  if (options.deliverWebhooks !== false) {
    dispatcher.start();
    sweeper.start();
    housekeeping.start();
    // The image pool's first thread starts with the first identity session (identity-merchant-api.ts), not here: memory.
  }

  return {
    app,
    store,
    sandboxKeys: { publishableKey: sandbox.publishableKey, secretKey: sandbox.secretKey },
    distDir,
    shutdownTimeoutMs: config.operations.shutdownTimeoutMs,
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
    shutdown(timeoutMs = config.operations.shutdownTimeoutMs) {
      return shutDown({ lifecycle, servers: listeners, dispatcher, sweeper, housekeeping, images: identity.images, store }, timeoutMs);
    },
    async close() {
      await dispatcher.stop();
      await sweeper.stop();
      await housekeeping.stop();
      await identity.images.close();
      for (const server of listeners) {
        if ("closeAllConnections" in server) server.closeAllConnections();
        server.close();
      }
      await store.destroy();
    },
  };
}
