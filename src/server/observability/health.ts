/**
 * The operator's endpoints, outside /v1 (no API headers, no auth, no limits):
 *
 *   GET /healthz  200 {status:"ok"}: the process answers. Touches nothing else, so a
 *                 database outage never gets healthy hosts restarted.
 *   GET /readyz   200 {status:"ok",checks:{database:"ok"}} when the store answers a
 *                 one-row query within READY_TIMEOUT_MS and holds this code's newest
 *                 migration; 503 {status:"unavailable",checks:{database:<why>}} otherwise,
 *                 and 503 as soon as shutdown begins, so a load balancer drains the host.
 *                 Probes share one query in flight: a hung database never piles them up.
 *   GET /metrics  Prometheus text. With ENCLAVE_METRICS_TOKEN, only with
 *                 `Authorization: Bearer <token>` (401 metrics_token_invalid otherwise).
 *                 Without it, only to a loopback peer whose request carries no
 *                 X-Forwarded-For, Forwarded or X-Real-IP: a reverse proxy on the same
 *                 machine connects from loopback too, and it must not publish the host's
 *                 internals to the internet; everyone else gets the API's plain 404.
 *
 * Every answer is `Cache-Control: no-store`.
 */
import { createHash, timingSafeEqual } from "node:crypto";
import { getConnInfo } from "@hono/node-server/conninfo";
import { Hono, type Context } from "hono";
import ipaddr from "ipaddr.js";
import { ErrorCode, ErrorType } from "../../protocol/errors.js";
import { ApiError } from "../http/api-error.js";
import type { Store } from "../store/database.js";
import { storeIsCurrent } from "../store/operations.js";
import type { Lifecycle } from "./http.js";
import { errorFields, log } from "./log.js";
import type { HostMetrics } from "./metrics.js";

export const READY_TIMEOUT_MS = 2000;
/** A check still unanswered after this is given up on (a connection hung for good): the next probe starts another. */
const STALE_CHECK_MS = 5 * READY_TIMEOUT_MS;

type DatabaseCheck = "ok" | "unreachable" | "timeout" | "migrations_pending";

export interface OperationsRoutesOptions {
  store: Store;
  lifecycle: Lifecycle;
  metrics: HostMetrics;
  /** ENCLAVE_METRICS_TOKEN; undefined: loopback only. */
  metricsToken: string | undefined;
}

function sha256(text: string): Buffer {
  return createHash("sha256").update(text).digest();
}

function isLoopbackPeer(context: Context): boolean {
  let address: string | undefined;
  try {
    address = getConnInfo(context).remote.address;
  } catch {
    return false;
  }
  if (address === undefined) return false;
  try {
    return ipaddr.process(address).range() === "loopback";
  } catch {
    return false;
  }
}

export function operationsRoutes(options: OperationsRoutesOptions): Hono {
  const { store, lifecycle, metrics } = options;
  // Mounted at "/": a `use("*")` here would reach every route of the app, so each answer sets it.
  const routes = new Hono();
  const noStore = { "Cache-Control": "no-store" };

  routes.get("/healthz", (context) => context.json({ status: "ok" }, 200, noStore));

  let pending: Promise<DatabaseCheck> | undefined;
  let pendingSince = 0;
  let lastCheck: DatabaseCheck = "ok";
  const checkDatabase = (): Promise<DatabaseCheck> => {
    if (pending === undefined || Date.now() - pendingSince > STALE_CHECK_MS) {
      pendingSince = Date.now();
      const check: Promise<DatabaseCheck> = storeIsCurrent(store)
        .then(
          (current): DatabaseCheck => (current ? "ok" : "migrations_pending"),
          (error: unknown): DatabaseCheck => {
            log.warn("readyz: the database did not answer", errorFields(error));
            return "unreachable";
          },
        )
        .finally(() => {
          if (pending === check) pending = undefined;
        });
      pending = check;
    }
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<DatabaseCheck>((resolve) => {
      timer = setTimeout(() => resolve("timeout"), READY_TIMEOUT_MS);
    });
    return Promise.race([pending, deadline]).finally(() => clearTimeout(timer));
  };

  routes.get("/readyz", async (context) => {
    if (lifecycle.draining) return context.json({ status: "unavailable", checks: { database: "not_checked", shutdown: "in_progress" } }, 503, noStore);
    const database = await checkDatabase();
    if (database !== lastCheck) {
      if (database === "ok") log.info("readyz: ready again", { database });
      else log.warn("readyz: not ready", { database });
      lastCheck = database;
    }
    if (lifecycle.draining) return context.json({ status: "unavailable", checks: { database, shutdown: "in_progress" } }, 503, noStore);
    return database === "ok" ? context.json({ status: "ok", checks: { database } }, 200, noStore) : context.json({ status: "unavailable", checks: { database } }, 503, noStore);
  });

  const expected = options.metricsToken === undefined ? undefined : sha256(options.metricsToken);
  routes.get("/metrics", async (context) => {
    if (expected !== undefined) {
      const match = /^Bearer (\S+)$/.exec(context.req.header("authorization") ?? "");
      // Compared as digests: equal lengths for timingSafeEqual, nothing learnt from timing.
      if (!match?.[1] || !timingSafeEqual(sha256(match[1]), expected)) {
        const error = new ApiError(
          401,
          ErrorType.authentication,
          ErrorCode.metricsTokenInvalid,
          "Send the metrics token (ENCLAVE_METRICS_TOKEN) as Authorization: Bearer <token>.",
        );
        error.headers["WWW-Authenticate"] = 'Bearer realm="metrics"';
        error.headers["Cache-Control"] = "no-store";
        throw error;
      }
    } else {
      const proxied = context.req.header("x-forwarded-for") !== undefined || context.req.header("forwarded") !== undefined || context.req.header("x-real-ip") !== undefined;
      if (proxied || !isLoopbackPeer(context)) {
        throw new ApiError(404, ErrorType.invalidRequest, ErrorCode.routeNotFound, `Unrecognized request URL (${context.req.method} ${context.req.path}).`);
      }
    }
    const text = await metrics.registry.metrics();
    return context.body(text, 200, { ...noStore, "Content-Type": metrics.registry.contentType });
  });

  return routes;
}
