/**
 * The store's side of sender-constrained client tokens (src/server/http/dpop.ts): binding a
 * token to a frame key's thumbprint at first use, and the proof ids already seen. Both are
 * single statements that PostgreSQL decides atomically, so they hold across any number of
 * widget hosts on one database.
 */
import { sha256 } from "../ids.js";
import { sql } from "kysely";
import type { Store } from "./database.js";

/**
 * Binds the token to `jkt` if it is not bound yet, and returns the thumbprint it is bound
 * to now: `jkt` for the first use, whichever key won for a race between two frames.
 */
export async function bindClientToken(db: Store, token: string, jkt: string): Promise<string | undefined> {
  const tokenHash = sha256(token);
  const bound = await db
    .updateTable("client_tokens")
    .set({ dpop_jkt: jkt })
    .where("token_hash", "=", tokenHash)
    .where("dpop_jkt", "is", null)
    .returning("dpop_jkt")
    .executeTakeFirst();
  if (bound) return jkt;
  // Someone bound it first (another request, another host): read whose key that was.
  const row = await db.selectFrom("client_tokens").select("dpop_jkt").where("token_hash", "=", tokenHash).executeTakeFirst();
  return row?.dpop_jkt ?? undefined;
}

/** Records a proof id; false when this key already used it (a replay). */
export async function consumeProofId(db: Store, jkt: string, jti: string, expiresAt: Date): Promise<boolean> {
  const inserted = await db
    .insertInto("dpop_proofs")
    .values({ jkt, jti, expires_at: expiresAt })
    .onConflict((conflict) => conflict.columns(["jkt", "jti"]).doNothing())
    .executeTakeFirst();
  return Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1;
}

/** Deletes up to `limit` proof ids whose proofs are stale anyway (housekeeping); returns how many. */
export async function deleteStaleProofIds(db: Store, limit: number): Promise<number> {
  const result = await sql`
    DELETE FROM dpop_proofs WHERE (jkt, jti) IN (
      SELECT jkt, jti FROM dpop_proofs WHERE expires_at < now() LIMIT ${limit}::integer)`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}
