/**
 * Idempotency keys: the first request with a key runs and its response is stored; the
 * same key with the same body gets that response again; with another body, 409. A request
 * that arrives while the first is still running waits for its answer, so twenty
 * concurrent requests with one key make one object.
 *
 * No secret is kept in clear (docs/decisions/0001): a reply's client token is replaced by
 * `replay_token` (the session, lifetime and fields of a fresh one to mint on replay), and a
 * reply that holds a long-lived secret is kept only sealed (`response_sealed`, under the
 * installation's key ring, bound to the merchant, the key and the request's hash).
 */
import { sql, type QueryCreator } from "kysely";
import type { Database, Store } from "./database.js";

const KEEP_RESPONSE_MS = 24 * 3600 * 1000;
const ABANDONED_CLAIM_MS = 60 * 1000;

/** How a replay mints the client token its stored reply had: for this session, with this lifetime, into these fields. */
export interface ReplayToken {
  session: string;
  ttl_seconds: number;
  handoff: boolean;
  /** The reply's fields that held the token's expiry (unix seconds). */
  expires_fields: string[];
}

/** A stored reply: JSON text (its client token taken out, see `token`), or sealed bytes. */
export type StoredReply = { kind: "plain"; body: string; token: ReplayToken | null } | { kind: "sealed"; sealed: Uint8Array };

export type IdempotencyClaim = { kind: "claimed" } | { kind: "replay"; status: number; reply: StoredReply; requestHash: string } | { kind: "mismatch" } | { kind: "in_progress" };

export async function claimIdempotencyKey(db: Store, merchantId: string, key: string, requestHash: string): Promise<IdempotencyClaim> {
  const inserted = await db
    .insertInto("idempotency_keys")
    .values({ merchant_id: merchantId, key, request_hash: requestHash, state: "in_progress", response_status: null, response_body: null })
    .onConflict((conflict) => conflict.doNothing())
    .returning("key")
    .executeTakeFirst();
  if (inserted) return { kind: "claimed" };
  const row = await db.selectFrom("idempotency_keys").selectAll().where("merchant_id", "=", merchantId).where("key", "=", key).executeTakeFirst();
  if (!row) return claimIdempotencyKey(db, merchantId, key, requestHash); // released in between: try again
  const age = Date.now() - new Date(row.created_at).getTime();
  // A kept response lives 24 hours; a claim left by a process that died mid-request, a minute.
  if (age > KEEP_RESPONSE_MS || (row.state === "in_progress" && age > ABANDONED_CLAIM_MS)) {
    // By age, not `created_at = row.created_at`: the column keeps microseconds and a JS Date
    // only milliseconds, so that equality never matched and this retried forever. A row another
    // request took over in between is young again and is left alone.
    await db
      .deleteFrom("idempotency_keys")
      .where("merchant_id", "=", merchantId)
      .where("key", "=", key)
      .where((eb) =>
        eb.or([
          eb("created_at", "<", new Date(Date.now() - KEEP_RESPONSE_MS)),
          eb.and([eb("state", "=", "in_progress"), eb("created_at", "<", new Date(Date.now() - ABANDONED_CLAIM_MS))]),
        ]),
      )
      .execute();
    return claimIdempotencyKey(db, merchantId, key, requestHash);
  }
  if (row.request_hash !== requestHash) return { kind: "mismatch" };
  if (row.state === "done" && row.response_status !== null) {
    if (row.response_sealed !== null) return { kind: "replay", status: row.response_status, reply: { kind: "sealed", sealed: row.response_sealed }, requestHash };
    if (row.response_body !== null) {
      const token = (typeof row.replay_token === "string" ? JSON.parse(row.replay_token) : row.replay_token) as ReplayToken | null;
      return { kind: "replay", status: row.response_status, reply: { kind: "plain", body: row.response_body, token }, requestHash };
    }
  }
  return { kind: "in_progress" };
}

/** What a sealed reply is bound to: its merchant, its key and its request (a reply moved to another row does not open). */
export function replyAssociatedData(merchantId: string, key: string, requestHash: string): Buffer {
  return Buffer.from(`enclave/idempotent-reply/v1/${JSON.stringify([merchantId, key, requestHash])}`, "utf8");
}

export async function completeIdempotencyKey(db: Store, merchantId: string, key: string, status: number, reply: StoredReply): Promise<void> {
  await completeIdempotencyKeyQuery(db, merchantId, key, status, reply).execute();
}

/**
 * The statement that keeps a reply, for a caller that runs it inside its own statement (a
 * CTE: createPaymentIntentWithToken), so that the object and its key's reply commit together.
 */
export function completeIdempotencyKeyQuery(db: QueryCreator<Database>, merchantId: string, key: string, status: number, reply: StoredReply) {
  const stored =
    reply.kind === "sealed"
      ? { response_body: null, response_sealed: reply.sealed, replay_token: null }
      : { response_body: reply.body, response_sealed: null, replay_token: reply.token === null ? null : JSON.stringify(reply.token) };
  return db
    .updateTable("idempotency_keys")
    .set({ state: "done", response_status: status, ...stored })
    .where("merchant_id", "=", merchantId)
    .where("key", "=", key);
}

/** Forgets a key whose request failed on our side, so the client's retry runs again. */
export async function releaseIdempotencyKey(db: Store, merchantId: string, key: string): Promise<void> {
  await db.deleteFrom("idempotency_keys").where("merchant_id", "=", merchantId).where("key", "=", key).where("state", "=", "in_progress").execute();
}

/**
 * Deletes up to `limit` kept replies past their 24 hours, so that what docs/security.md says
 * is kept for a day is gone after it (a key is otherwise only looked at again if the same
 * key comes back). Run by housekeeping (src/server/housekeeping.ts), once per interval per cluster.
 */
export async function deleteExpiredReplies(db: Store, limit: number): Promise<number> {
  const cutoff = new Date(Date.now() - KEEP_RESPONSE_MS);
  const result = await sql`
    DELETE FROM idempotency_keys WHERE (merchant_id, key) IN (
      SELECT merchant_id, key FROM idempotency_keys WHERE created_at < ${cutoff} LIMIT ${limit}::integer)`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}
