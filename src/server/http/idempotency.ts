/**
 * Idempotency for every merchant `POST`: with an `Idempotency-Key` header, the first
 * request runs and its response is kept for 24 hours; the same key and body replay it;
 * another body is refused with 409. The raw body is read here, once, for the hash and
 * for the route's parser.
 *
 * No secret is kept in clear (docs/decisions/0001):
 * - A reply with a `client_token` (payment intents, bank link and identity sessions,
 *   `/v1/client_tokens`, any later one) is kept without it, with what a fresh token needs:
 *   a replay mints a new client token for the same session (same lifetime, same hand-off
 *   flag) and fills in its expiry fields. The replay is as usable as the first answer.
 * - A reply that holds a long-lived secret — its route sets `sealResponse`, or it has a
 *   top-level `secret` (webhook endpoints) or `access_token` (the bank-link exchange) — is
 *   sealed under the installation key ring (src/server/identity/sealing.ts), which the
 *   store never holds.
 */
import type { Context, MiddlewareHandler } from "hono";
import { ErrorCode, ErrorType } from "../../protocol/errors.js";
import { sha256 } from "../ids.js";
import { open, pack, seal, unpack, type SealingKey } from "../identity/sealing.js";
import { findClientToken, issueClientToken, type ClientTokenRecord } from "../store/client-tokens.js";
import type { Store } from "../store/database.js";
import { claimIdempotencyKey, completeIdempotencyKey, releaseIdempotencyKey, replyAssociatedData, type ReplayToken, type StoredReply } from "../store/idempotency.js";
import { unixSeconds } from "../store/merchants.js";
import { ApiError, invalidRequest } from "./api-error.js";
import { readRawBody } from "./body.js";
import type { MerchantEnv } from "./merchant-auth.js";

const WAIT_FOR_FIRST_MS = 15_000;
/** Top-level reply fields that always mean a long-lived secret: such a reply is kept only sealed. */
const sealedFields = ["secret", "access_token"];
const keyPattern = /^[\x21-\x7e]{1,255}$/;

/**
 * A claimed key, offered to the route (context `claimedKey`): a route that makes its object
 * in one statement can keep the reply in that statement (payment intents: the intent and
 * its key's reply then commit together, so no crash in between leaves an intent a retry
 * would make again). `keep` is what this middleware would keep of that answer; the route
 * sets `replyKept` once it is written, and the middleware does not write it again.
 */
export interface ClaimedKey {
  key: string;
  keep(reply: unknown, token: TokenOfReply): Promise<StoredReply>;
}

/** The client token an answer carries, as its row keeps it (to mint a fresh one on replay). */
type TokenOfReply = Pick<ClientTokenRecord, "merchantId" | "sessionId" | "expiresAt" | "handoff">;

export function idempotency(db: Store, ring: SealingKey): MiddlewareHandler<MerchantEnv> {
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
        throw new ApiError(
          409,
          ErrorType.idempotency,
          ErrorCode.idempotencyKeyReused,
          "This Idempotency-Key was already used with a different request. Use a new key for a new request.",
        );
      }
      if (claim.kind === "replay") {
        const body = await replayBody(db, ring, merchant.id, key, requestHash, claim.reply);
        return new Response(body, { status: claim.status, headers: { "Content-Type": "application/json", "Idempotent-Replayed": "true" } });
      }
      if (claim.kind === "claimed") break;
      if (Date.now() > deadline) {
        throw new ApiError(409, ErrorType.idempotency, ErrorCode.idempotencyKeyInUse, "A request with this Idempotency-Key is still being processed. Retry in a moment.");
      }
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    const claimed: ClaimedKey = {
      key,
      keep: (reply, token) => keptReply(ring, context, key, requestHash, JSON.stringify(reply), async () => token),
    };
    context.set("claimedKey", claimed);
    try {
      await next();
    } catch (error) {
      // Thrown errors are rendered later; a client error is a final answer worth keeping.
      if (error instanceof ApiError && error.status < 500 && error.status !== 429) {
        await completeIdempotencyKey(db, merchant.id, key, error.status, { kind: "plain", body: JSON.stringify(error.body), token: null });
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
    if (context.get("replyKept")) return;
    const body = await response.clone().text();
    const reply = await keptReply(ring, context, key, requestHash, body, async (token) => findClientToken(db, token));
    await completeIdempotencyKey(db, merchant.id, key, response.status, reply);
  };
}

/** What the store keeps of a reply: sealed, or without its client token (`tokenOf` finds that token's row). */
async function keptReply(
  ring: SealingKey,
  context: Context<MerchantEnv>,
  key: string,
  requestHash: string,
  body: string,
  tokenOf: (token: string) => Promise<TokenOfReply | undefined>,
): Promise<StoredReply> {
  const merchantId = context.get("merchant").id;
  const sealed = (): StoredReply => ({ kind: "sealed", sealed: pack(seal(ring, Buffer.from(body, "utf8"), replyAssociatedData(merchantId, key, requestHash))) });
  const reply = parseObject(body);
  // Flagged by its route, or recognisably a secret (a webhook signing secret, an access token): sealed.
  if (context.get("sealResponse") || sealedFields.some((field) => typeof reply?.[field] === "string")) return sealed();
  const token = reply?.["client_token"];
  if (!reply || typeof token !== "string") return { kind: "plain", body, token: null };
  const record = await tokenOf(token);
  // A reply whose token is not one of ours would be kept in clear: seal it instead.
  if (!record || record.merchantId !== merchantId) return sealed();
  const expires = unixSeconds(record.expiresAt);
  const replayToken: ReplayToken = {
    session: record.sessionId,
    // Kept right after the token was minted: what is left of it is its whole lifetime.
    ttl_seconds: Math.max(1, Math.ceil((record.expiresAt.getTime() - Date.now()) / 1000)),
    handoff: record.handoff,
    expires_fields: Object.entries(reply)
      .filter(([name, value]) => name.endsWith("expires_at") && value === expires)
      .map(([name]) => name),
  };
  return { kind: "plain", body: JSON.stringify({ ...reply, client_token: "" }), token: replayToken };
}

/** The body of a replay: the sealed reply opened, or the kept one with a freshly minted client token. */
async function replayBody(db: Store, ring: SealingKey, merchantId: string, key: string, requestHash: string, reply: StoredReply): Promise<string> {
  if (reply.kind === "sealed") return open(ring, unpack(reply.sealed), replyAssociatedData(merchantId, key, requestHash)).toString("utf8");
  const kept = reply.token && parseObject(reply.body);
  if (!reply.token || !kept) return reply.body;
  const fresh = await issueClientToken(db, merchantId, reply.token.session, reply.token.ttl_seconds, { handoff: reply.token.handoff });
  const replay: Record<string, unknown> = { ...kept, client_token: fresh.token };
  for (const field of reply.token.expires_fields) replay[field] = unixSeconds(fresh.expiresAt);
  return JSON.stringify(replay);
}

function parseObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
