/**
 * Idempotency keys: the first request with a key runs and its response is stored; the
 * same key with the same body gets that response again; with another body, 409. A request
 * that arrives while the first is still running waits for its answer, so twenty
 * concurrent requests with one key make one object.
 */
import type { Store } from "./database.js";

const KEEP_RESPONSE_MS = 24 * 3600 * 1000;
const ABANDONED_CLAIM_MS = 60 * 1000;

export type IdempotencyClaim =
  | { kind: "claimed" }
  | { kind: "replay"; status: number; body: string }
  | { kind: "mismatch" }
  | { kind: "in_progress" };

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
    await db.deleteFrom("idempotency_keys").where("merchant_id", "=", merchantId).where("key", "=", key).where("created_at", "=", row.created_at).execute();
    return claimIdempotencyKey(db, merchantId, key, requestHash);
  }
  if (row.request_hash !== requestHash) return { kind: "mismatch" };
  if (row.state === "done" && row.response_status !== null && row.response_body !== null) {
    return { kind: "replay", status: row.response_status, body: row.response_body };
  }
  return { kind: "in_progress" };
}

export async function completeIdempotencyKey(db: Store, merchantId: string, key: string, status: number, body: string): Promise<void> {
  await db
    .updateTable("idempotency_keys")
    .set({ state: "done", response_status: status, response_body: body })
    .where("merchant_id", "=", merchantId)
    .where("key", "=", key)
    .execute();
}

/** Forgets a key whose request failed on our side, so the client's retry runs again. */
export async function releaseIdempotencyKey(db: Store, merchantId: string, key: string): Promise<void> {
  await db.deleteFrom("idempotency_keys").where("merchant_id", "=", merchantId).where("key", "=", key).where("state", "=", "in_progress").execute();
}
