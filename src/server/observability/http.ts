/**
 * What the host records about every request, in one middleware that runs first:
 *
 * - a request id, returned as `Request-Id` (Stripe's header) on every answer, errors
 *   included. A proxy's `X-Request-Id` is taken only behind ENCLAVE_TRUST_PROXY (anyone
 *   can send the header) and only when it is 1–200 of [A-Za-z0-9._:-]; otherwise the host
 *   makes `req_<32 hex>`. The error envelope is unchanged: the id is in the header only.
 * - the request's duration in the `enclave_http_request_duration_seconds` histogram;
 * - one access-log line: method, route pattern (never the raw path: ids and one-time
 *   tokens live in paths), status, duration_ms, request_id. No query string, no header.
 *   Probes (/healthz, /readyz, /metrics) log at debug, so a load balancer polling every
 *   second does not fill the log.
 * - the count of requests in flight, which graceful shutdown waits on; while the host is
 *   draining, answers carry `Connection: close` so keep-alive clients move on.
 */
import { randomUUID } from "node:crypto";
import type { Context, MiddlewareHandler } from "hono";
import { matchedRoutes } from "hono/route";
import { logEnabled, writeLine, type LogLevel } from "./log.js";
import type { HostMetrics } from "./metrics.js";

declare module "hono" {
  interface ContextVariableMap {
    /** This request's id (the `Request-Id` header of its answer). */
    requestId: string;
  }
}

/** Shared by the request middleware, /readyz and the shutdown sequence. */
export class Lifecycle {
  /** Set when shutdown begins: /readyz answers 503 and answers close their connection. */
  draining = false;
  /** Requests whose handler has not finished. */
  inFlight = 0;
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,200}$/;
const PROBES = new Set(["/healthz", "/readyz", "/metrics"]);

/** The Hono route pattern that answered (`/v1/payment_intents/:id`), or "unmatched". */
export function routePattern(context: Context): string {
  // Middleware (app.use) is registered for every method ("ALL"); the first route for a
  // real method is the handler that ran. A catch-all 404 (`all("*")`) counts as unmatched.
  for (const route of matchedRoutes(context)) if (route.method !== "ALL") return route.path;
  return "unmatched";
}

export function observeRequests(options: { metrics: HostMetrics; lifecycle: Lifecycle; trustProxy: number }): MiddlewareHandler {
  const { metrics, lifecycle, trustProxy } = options;
  return async (context, next) => {
    const started = performance.now();
    const incoming = trustProxy > 0 ? context.req.header("x-request-id") : undefined;
    const requestId = incoming !== undefined && REQUEST_ID.test(incoming) ? incoming : `req_${randomUUID().replace(/-/g, "")}`;
    context.set("requestId", requestId);
    lifecycle.inFlight++;
    try {
      await next();
    } finally {
      lifecycle.inFlight--;
    }
    // Set on the answer's own headers: context.header() after next() makes @hono/node-server
    // rebuild every response around a stream (its slow path; measured in bench/http.ts).
    const headers = context.res.headers;
    headers.set("Request-Id", requestId);
    if (lifecycle.draining) headers.set("Connection", "close");
    const route = routePattern(context);
    const status = context.res.status;
    const elapsedMs = performance.now() - started;
    metrics.observeRequest(context.req.method, route, status, elapsedMs / 1000);
    const level: LogLevel = PROBES.has(route) ? "debug" : "info";
    if (logEnabled(level)) {
      // Built by hand, as formatLine would: the method is an HTTP token and the id is checked
      // above, so neither needs escaping; the route pattern may hold a backslash (a regex).
      const line = `{"time":"${new Date().toISOString()}","level":"${level}","msg":"request","method":"${context.req.method}","route":${JSON.stringify(route)},"status":${status},"duration_ms":${Math.round(elapsedMs * 10) / 10},"request_id":"${requestId}"}\n`;
      writeLine(level, line);
    }
  };
}
