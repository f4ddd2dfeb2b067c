/**
 * The limits' counters, in the store so that every widget host on one database shares
 * them (nothing is kept in process memory). One row per (limit, key): a fixed window
 * that starts at the key's first unit and ends at `expires_at`.
 *
 * - `consume` is one atomic statement (`INSERT … ON CONFLICT … DO UPDATE … RETURNING`):
 *   of any number of concurrent calls on any number of hosts, no more than the limit are
 *   allowed. A refused call is counted too but never extends the window, so once over,
 *   a key stays refused until its window ends, then starts afresh.
 * - Keys are stored as HMAC-SHA256 under a random key kept in the store
 *   (`rate_limit_secret`, made by the first host): the table holds no IP address,
 *   username or token in clear.
 * - Expired rows are deleted by housekeeping (src/server/housekeeping.ts), once a minute
 *   for the whole cluster, in bounded batches; an expired row that is still there is simply
 *   restarted by the next `consume`.
 */
import { createHmac, randomBytes } from "node:crypto";
import { sql, type Kysely } from "kysely";
import type { Database, Store } from "../store/database.js";
import type { LimitName, LimitSettings } from "./definitions.js";

export type LimitDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/** Deletes up to `limit` ended windows (housekeeping); returns how many. */
export async function deleteExpiredWindows(db: Store, limit: number): Promise<number> {
  const result = await sql`
    DELETE FROM rate_limits WHERE key_hash IN (
      SELECT key_hash FROM rate_limits WHERE expires_at < now() LIMIT ${limit}::integer)`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}

export class Limiter {
  private constructor(
    private readonly db: Store,
    readonly settings: LimitSettings,
    private readonly secret: Buffer,
  ) {}

  /** The limiter of this store, with the store's key for hashing (made on the first start). */
  static async open(db: Store, settings: LimitSettings): Promise<Limiter> {
    await db
      .insertInto("rate_limit_secret")
      .values({ id: 1, secret: randomBytes(32).toString("base64") })
      .onConflict((conflict) => conflict.column("id").doNothing())
      .execute();
    const row = await db.selectFrom("rate_limit_secret").select("secret").where("id", "=", 1).executeTakeFirstOrThrow();
    return new Limiter(db, settings, Buffer.from(row.secret, "base64"));
  }

  private hash(name: LimitName, key: string): string {
    return createHmac("sha256", this.secret).update(`${name}\n${key}`).digest("base64url");
  }

  /**
   * Spends `cost` units of `name` for `key`: allowed while the window's total stays within
   * the limit. With `executor` (a transaction), the spend commits or rolls back with it and
   * its row stays locked until then, which serializes attempts on one key.
   */
  async consume(name: LimitName, key: string, cost = 1, executor: Kysely<Database> = this.db): Promise<LimitDecision> {
    const { count: limit, windowSeconds } = this.settings[name];
    const result = await sql<{ count: number; retry_after: number }>`
      INSERT INTO rate_limits AS r (key_hash, count, expires_at)
      VALUES (${this.hash(name, key)}, ${cost}, now() + ${windowSeconds}::integer * interval '1 second')
      ON CONFLICT (key_hash) DO UPDATE SET
        count = CASE WHEN r.expires_at <= now() THEN excluded.count ELSE r.count + excluded.count END,
        expires_at = CASE WHEN r.expires_at <= now() THEN excluded.expires_at ELSE r.expires_at END
      RETURNING r.count, CEIL(EXTRACT(EPOCH FROM r.expires_at - now()))::integer AS retry_after`.execute(executor);
    const row = result.rows[0];
    if (!row || Number(row.count) <= limit) return { allowed: true };
    return { allowed: false, retryAfterSeconds: Math.max(1, Number(row.retry_after)) };
  }

  /** Whether one more unit of `name` would be allowed for `key`, without spending it. */
  async check(name: LimitName, key: string): Promise<LimitDecision> {
    const result = await sql<{ count: number; retry_after: number }>`
      SELECT count, CEIL(EXTRACT(EPOCH FROM expires_at - now()))::integer AS retry_after
      FROM rate_limits WHERE key_hash = ${this.hash(name, key)} AND expires_at > now()`.execute(this.db);
    const row = result.rows[0];
    if (!row || Number(row.count) < this.settings[name].count) return { allowed: true };
    return { allowed: false, retryAfterSeconds: Math.max(1, Number(row.retry_after)) };
  }

  /** Gives back units spent on an attempt that turned out not to count (a right password). */
  async refund(name: LimitName, key: string, cost = 1, executor: Kysely<Database> = this.db): Promise<void> {
    await sql`
      UPDATE rate_limits SET count = GREATEST(count - ${cost}::integer, 0)
      WHERE key_hash = ${this.hash(name, key)} AND expires_at > now()`.execute(executor);
  }

  /** Deletes every expired row now (`enclave` housekeeping and tests). */
  async sweep(): Promise<number> {
    const result = await this.db.deleteFrom("rate_limits").where("expires_at", "<", sql<Date>`now()`).executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
