/**
 * `Authorization: Bearer sk_…` for the merchant API, behind the failed-authentication
 * guard (Limits.guardAuthentication: an address over `auth_failures_ip` is refused
 * whatever it sends; each failed authentication is counted). The key and the address's
 * row are read in one statement (lookUpSecretKeyGuarded), and concurrent requests with
 * the same key from the same address share it (store/coalesce.ts).
 *
 * A good answer is then kept for AUTH_CACHE_MS (1 s) per (address, key): these reads ran
 * on every merchant request, and on a busy machine each round trip costs more than the
 * route's own query (bench/http.ts). What that allows, and no more: a key rolled with
 * `--expires-in 0`, or an address locked out, on ANOTHER host is seen here within 1 s.
 * Never beyond a rolled key's own end; and any failed authentication counted by this host
 * empties the cache, so a lock-out on this host holds at once.
 */
import type { MiddlewareHandler } from "hono";
import { ErrorCode } from "../../protocol/errors.js";
import { sha256 } from "../ids.js";
import type { Limits } from "../limits/index.js";
import type { Store } from "../store/database.js";
import { Coalescer } from "../store/coalesce.js";
import { lookUpSecretKeyGuarded, type GuardedSecretKeyLookup, type Merchant, type SecretKeyLookup } from "../store/merchants.js";
import { authenticationError, type ApiError } from "./api-error.js";
import type { ClaimedKey } from "./idempotency.js";

export interface MerchantEnv {
  /**
   * `sealResponse`: set by a route whose answer carries a long-lived secret (the bank-link
   * exchange's access token), so that the idempotency store keeps it encrypted.
   * `claimedKey` / `replyKept`: a request's claimed Idempotency-Key, and whether its route
   * kept the reply itself (src/server/http/idempotency.ts `ClaimedKey`).
   */
  Variables: { merchant: Merchant; rawBody: string; sealResponse: boolean; claimedKey: ClaimedKey | undefined; replyKept: boolean };
}

const secretKeyPattern = /^sk_(test|live)_[A-Za-z0-9]{8,100}$/;
const AUTH_CACHE_MS = 1000;
const AUTH_CACHE_MAX = 10_000;

interface CachedAuth {
  merchant: Merchant;
  until: number;
}

export function merchantAuth(db: Store, limits: Limits): MiddlewareHandler<MerchantEnv> {
  const lookups = new Coalescer<GuardedSecretKeyLookup>();
  const cache = new Map<string, CachedAuth>();
  const countFailure = async (error: unknown, ip: string): Promise<void> => {
    if (limits.isFailedAuthentication(error)) cache.clear();
    await limits.countFailedAuthentication(error, ip);
  };
  return async (context, next) => {
    const ip = limits.clientIp(context);
    const header = context.req.header("authorization") ?? "";
    const key = /^Bearer (\S+)$/i.exec(header)?.[1];
    // By the key's SHA-256 (what the store keeps), so that no secret key stays in memory past its request.
    const cacheKey = `${ip}\n${key === undefined ? "" : sha256(key)}`;
    const cached = cache.get(cacheKey);
    if (cached && cached.until <= Date.now()) cache.delete(cacheKey);
    else if (cached) {
      context.set("merchant", cached.merchant);
      await next();
      await countFailure(context.error, ip);
      return;
    }
    let lookup: SecretKeyLookup = { kind: "unknown" };
    let until = Date.now() + AUTH_CACHE_MS;
    if (key && secretKeyPattern.test(key)) {
      const ipHash = limits.limiter.hash("auth_failures_ip", ip);
      const guarded = await lookups.run(cacheKey, () => lookUpSecretKeyGuarded(db, key, ipHash));
      limits.refuseFailedAuthentications(limits.limiter.decideCheck("auth_failures_ip", guarded.limitCount, guarded.limitRetryAfterSeconds));
      lookup = guarded.lookup;
      if (guarded.rolledExpiresAt) until = Math.min(until, guarded.rolledExpiresAt.getTime());
    } else {
      // No key worth looking up: only the address's failures are read.
      limits.refuseFailedAuthentications(await limits.limiter.check("auth_failures_ip", ip));
    }
    const fail = async (error: ApiError): Promise<never> => {
      await countFailure(error, ip);
      throw error;
    };
    if (!key) {
      await fail(authenticationError(401, ErrorCode.authenticationRequired, "Send your secret key as Authorization: Bearer sk_test_…."));
    } else if (key.startsWith("pk_")) {
      await fail(authenticationError(401, ErrorCode.invalidApiKey, "This call needs your secret key (sk_…); the publishable key is for pages only."));
    }
    if (lookup.kind === "expired") {
      await fail(
        authenticationError(401, ErrorCode.invalidApiKey, `This secret key was rolled and expired at ${lookup.expiredAt.toISOString()}. Use the merchant's current secret key.`),
      );
    }
    if (lookup.kind !== "valid") return fail(authenticationError(401, ErrorCode.invalidApiKey, "Invalid API key."));
    if (cache.size >= AUTH_CACHE_MAX) cache.clear();
    cache.set(cacheKey, { merchant: lookup.merchant, until });
    context.set("merchant", lookup.merchant);
    await next();
    await countFailure(context.error, ip);
  };
}
