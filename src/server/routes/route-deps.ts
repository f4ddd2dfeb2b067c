/**
 * What every route factory is given: one object, built once in app.ts, so each factory is
 * `(deps: RouteDeps) => Hono` and takes what it uses from it. A new route needs no new
 * wiring, and a new service is added here once.
 */
import type { IdentityServices } from "../identity/services.js";
import type { Limits } from "../limits/index.js";
import type { SealingKey } from "../identity/sealing.js";
import type { Store } from "../store/database.js";
import type { WebhookTargetGuard } from "../webhooks/ssrf-guard.js";

/** Webhook endpoints: the key their secrets are sealed with, and the SSRF guard their URLs pass. */
export interface WebhookServices {
  key: SealingKey;
  guard: WebhookTargetGuard;
}

export interface RouteDeps {
  db: Store;
  limits: Limits;
  identity: IdentityServices;
  webhooks: WebhookServices;
  /** Where the built frames and loader are served from. */
  distDir: string;
  /** How long a client token minted by the merchant API lives. */
  clientTokenTtlSeconds: number;
  /** How long a bank link's public token can be exchanged. */
  publicTokenTtlSeconds: number;
  /** How long a 3-D Secure challenge can be answered. */
  threeDSecureTtlSeconds: number;
}
