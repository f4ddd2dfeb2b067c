/**
 * Idempotency for every merchant `POST`: with an `Idempotency-Key` header, the first
 * request runs and its response is kept for 24 hours; the same key and body replay it;
 * another body is refused with 409. The raw body is read here, once, for the hash and
 * for the route's parser.
 */
import type { MiddlewareHandler } from "hono";
import { ErrorCode, ErrorType } from "../../protocol/errors.js";
import { sha256 } from "../ids.js";
import type { Store } from "../store/database.js";
import { claimIdempotencyKey, completeIdempotencyKey, releaseIdempotencyKey } from "../store/idempotency.js";
import { ApiError, invalidRequest } from "./api-error.js";
import { readRawBody } from "./body.js";
import type { MerchantEnv } from "./merchant-auth.js";

const WAIT_FOR_FIRST_MS = 15_000;
const keyPattern = /^[\x21-\x7e]{1,255}$/;

export function idempotency(db: Store): MiddlewareHandler<MerchantEnv> {
  return async (context, next) => {
    if (context.req.method !== "POST") return next();
    const rawBody = await readRawBody(context);
    context.set("rawBody", rawBody);
    const key = context.req.header("idempotency-key");
    if (key === undefined) return next();
    if (!keyPattern.test(key)) {
      throw invalidRequest(ErrorCode.idempotencyKeyInvalid, "Idempotency-Key must be 1 to 255 printable ASCII characters.", "Idempotency-Key");
    }
    const merchant = context.get("merchant");
    const requestHash = sha256(`${context.req.method} ${new URL(context.req.url).pathname}\n${rawBody}`);
    const deadline = Date.now() + WAIT_FOR_FIRST_MS;
    for (;;) {
      const claim = await claimIdempotencyKey(db, merchant.id, key, requestHash);
      if (claim.kind === "mismatch") {
        throw new ApiError(409, ErrorType.idempotency, ErrorCode.idempotencyKeyReused, "This Idempotency-Key was already used with a different request. Use a new key for a new request.");
      }
      if (claim.kind === "replay") {
        return new Response(claim.body, { status: claim.status, headers: { "Content-Type": "application/json", "Idempotent-Replayed": "true" } });
      }
      if (claim.kind === "claimed") break;
      if (Date.now() > deadline) {
        throw new ApiError(409, ErrorType.idempotency, ErrorCode.idempotencyKeyInUse, "A request with this Idempotency-Key is still being processed. Retry in a moment.");
      }
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    try {
      await next();
    } catch (error) {
      // Thrown errors are rendered later; a client error is a final answer worth keeping.
      if (error instanceof ApiError && error.status < 500) {
        await completeIdempotencyKey(db, merchant.id, key, error.status, JSON.stringify(error.body));
      } else {
        await releaseIdempotencyKey(db, merchant.id, key);
      }
      throw error;
    }
    const response = context.res;
    if (response.status >= 500) {
      await releaseIdempotencyKey(db, merchant.id, key);
      return;
    }
    const body = await response.clone().text();
    await completeIdempotencyKey(db, merchant.id, key, response.status, body);
  };
}
