/**
 * Idempotency for every merchant `POST`: with an `Idempotency-Key` header, the first
 * request runs and its response is kept for 24 hours; the same key and body replay it;
 * another body is refused with 409. The raw body is read here, once, for the hash and
 * for the route's parser.
 *
 * A route that sets `sealResponse` (its answer holds a long-lived secret) has its kept
 * answer encrypted (AES-256-GCM) under a key derived from the request itself, which the
 * store never holds (only its SHA-256): the replay can open it, a reader of the store cannot.
 */
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from "node:crypto";
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
    const request = `${context.req.method} ${new URL(context.req.url).pathname}\n${rawBody}`;
    const requestHash = sha256(request);
    const deadline = Date.now() + WAIT_FOR_FIRST_MS;
    for (;;) {
      const claim = await claimIdempotencyKey(db, merchant.id, key, requestHash);
      if (claim.kind === "mismatch") {
        throw new ApiError(409, ErrorType.idempotency, ErrorCode.idempotencyKeyReused, "This Idempotency-Key was already used with a different request. Use a new key for a new request.");
      }
      if (claim.kind === "replay") {
        return new Response(openReplay(request, claim.body), { status: claim.status, headers: { "Content-Type": "application/json", "Idempotent-Replayed": "true" } });
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
      if (error instanceof ApiError && error.status < 500 && error.status !== 429) {
        await completeIdempotencyKey(db, merchant.id, key, error.status, JSON.stringify(error.body));
      } else {
        await releaseIdempotencyKey(db, merchant.id, key);
      }
      throw error;
    }
    const response = context.res;
    // A 429 is no answer to the request: a retry with the same key after Retry-After runs it.
    if (response.status >= 500 || response.status === 429) {
      await releaseIdempotencyKey(db, merchant.id, key);
      return;
    }
    const body = await response.clone().text();
    await completeIdempotencyKey(db, merchant.id, key, response.status, context.get("sealResponse") ? sealReplay(request, body) : body);
  };
}

const SEALED = "sealed:v1:";

/** The replay key: an HMAC of the request (a different function of it than the stored SHA-256). */
function replayKey(request: string): Buffer {
  return createHmac("sha256", "enclave/idempotent-replay/v1").update(request).digest();
}

function sealReplay(request: string, body: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", replayKey(request), iv);
  const sealed = Buffer.concat([cipher.update(body, "utf8"), cipher.final()]);
  return `${SEALED}${Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString("base64")}`;
}

function openReplay(request: string, stored: string): string {
  if (!stored.startsWith(SEALED)) return stored;
  const bytes = Buffer.from(stored.slice(SEALED.length), "base64");
  const decipher = createDecipheriv("aes-256-gcm", replayKey(request), bytes.subarray(0, 12));
  decipher.setAuthTag(bytes.subarray(12, 28));
  return Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString("utf8");
}
