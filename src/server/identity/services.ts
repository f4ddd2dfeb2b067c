/** What the identity routes need besides the store: the installation's key ring, the image pool and a few settings. */
import type { ImagePool } from "./image-pool.js";
import type { SealingKey } from "./sealing.js";

export interface IdentityServices {
  /** The key ring (src/server/identity/sealing.ts): seals with the current key, opens with any. Also seals kept idempotent replies. */
  key: SealingKey;
  /** Where uploaded photos are decoded and checked: threads, never the event loop. */
  images: ImagePool;
  /** How long after a submission the sandbox verifier decides. */
  verifyDelayMs: number;
  /** How long a phone hand-off link may be claimed. */
  handoffTtlSeconds: number;
  /** Lifetime of the client tokens the routes mint (the phone's, after a hand-off claim). */
  clientTokenTtlSeconds: number;
  /** Where a phone reaches this host (ENCLAVE_PUBLIC_URL); the request's own origin when unset. */
  publicOrigin?: string | undefined;
}
