/**
 * Client tokens (docs/decisions/0001): `ct_` + 256 random bits, stored only as a SHA-256
 * with the merchant, the session and the expiry.
 */
import { randomSecret, sha256 } from "../ids.js";
import { sql, type Transaction } from "kysely";
import type { Database, Store } from "./database.js";

export interface IssuedClientToken {
  token: string;
  expiresAt: Date;
}

export interface ClientTokenRecord {
  merchantId: string;
  sessionId: string;
  expiresAt: Date;
  /** Minted by an identity phone hand-off: valid only on the widget host's own origin. */
  handoff: boolean;
  /** The frame key's thumbprint once bound (src/server/http/dpop.ts); null before its first use. */
  dpopJkt: string | null;
}

export async function issueClientToken(
  db: Store | Transaction<Database>,
  merchantId: string,
  sessionId: string,
  ttlSeconds: number,
  options: { handoff?: boolean } = {},
): Promise<IssuedClientToken> {
  const minted = mintClientToken(ttlSeconds);
  await db
    .insertInto("client_tokens")
    .values({ token_hash: minted.tokenHash, merchant_id: merchantId, session_id: sessionId, expires_at: minted.expiresAt, handoff: options.handoff ?? false })
    .execute();
  // Expired tokens are deleted by housekeeping (deleteExpiredClientTokens), not on every issue.
  return { token: minted.token, expiresAt: minted.expiresAt };
}

/** A new token and what its row keeps, for a caller that inserts the row in its own statement. */
export function mintClientToken(ttlSeconds: number): IssuedClientToken & { tokenHash: string } {
  const token = randomSecret("ct");
  return { token, tokenHash: sha256(token), expiresAt: new Date(Date.now() + ttlSeconds * 1000) };
}

/** Deletes up to `limit` client tokens a day past their expiry (housekeeping); returns how many. */
export async function deleteExpiredClientTokens(db: Store, limit: number): Promise<number> {
  const cutoff = new Date(Date.now() - 24 * 3600 * 1000);
  const result = await sql`
    DELETE FROM client_tokens WHERE token_hash IN (
      SELECT token_hash FROM client_tokens WHERE expires_at < ${cutoff} LIMIT ${limit}::integer)`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}

export async function findClientToken(db: Store, token: string): Promise<ClientTokenRecord | undefined> {
  const row = await db.selectFrom("client_tokens").selectAll().where("token_hash", "=", sha256(token)).executeTakeFirst();
  return row && { merchantId: row.merchant_id, sessionId: row.session_id, expiresAt: new Date(row.expires_at), handoff: row.handoff === true, dpopJkt: row.dpop_jkt ?? null };
}
