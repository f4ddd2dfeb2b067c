/**
 * Graceful shutdown of a widget host (SIGTERM / SIGINT in `enclave serve`), within one
 * bound (ENCLAVE_SHUTDOWN_TIMEOUT_MS):
 *
 *   1. /readyz answers 503 and every answer carries `Connection: close`;
 *   2. the listeners stop accepting (new connections are refused) and idle keep-alive
 *      connections are closed, again every 50 ms as requests finish;
 *   3. requests in flight finish; claimed webhook deliveries finish and are recorded
 *      (the dispatcher leases nothing more);
 *   4. at the bound, what still runs is cut: connections are closed, delivery attempts
 *      aborted and their deliveries released (due again at once, for any host);
 *   5. the identity sweeper, housekeeping (giving its lease back) and the image pool stop,
 *      and the store closes.
 */
import type { ServerType } from "@hono/node-server";
import type { Housekeeping } from "./housekeeping.js";
import type { IdentitySweeper } from "./identity-sweeper.js";
import type { ImagePool } from "./identity/image-pool.js";
import type { Lifecycle } from "./observability/http.js";
import type { Store } from "./store/database.js";
import type { WebhookDispatcher } from "./webhook-dispatcher.js";

export interface ShutdownParts {
  lifecycle: Lifecycle;
  servers: Iterable<ServerType>;
  dispatcher: WebhookDispatcher;
  sweeper: IdentitySweeper;
  housekeeping: Housekeeping;
  images: ImagePool;
  store: Store;
}

export interface ShutdownReport {
  /** The bound was reached: requests or deliveries still running were cut short. */
  forced: boolean;
  /** Requests whose handler had not finished at the bound. */
  requestsCut: number;
  /** Webhook attempts aborted at the bound (their deliveries released). */
  deliveriesCut: number;
}

const POLL_MS = 50;

export async function shutDown(parts: ShutdownParts, timeoutMs: number): Promise<ShutdownReport> {
  const deadline = Date.now() + timeoutMs;
  const { lifecycle } = parts;
  lifecycle.draining = true;
  const servers = [...parts.servers];
  let open = servers.length;
  for (const server of servers) server.close(() => open--);
  const deliveries = parts.dispatcher.stop(timeoutMs);
  let requestsCut = 0;
  for (;;) {
    for (const server of servers) if ("closeIdleConnections" in server) server.closeIdleConnections();
    if (lifecycle.inFlight === 0 && open === 0) break;
    if (Date.now() >= deadline) {
      requestsCut = lifecycle.inFlight;
      for (const server of servers) if ("closeAllConnections" in server) server.closeAllConnections();
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  const deliveriesCut = await deliveries;
  await parts.sweeper.stop();
  await parts.housekeeping.stop();
  await parts.images.close();
  await parts.store.destroy();
  return { forced: requestsCut > 0 || deliveriesCut > 0, requestsCut, deliveriesCut };
}
