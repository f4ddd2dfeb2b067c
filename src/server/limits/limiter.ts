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
 * - Spends on one key outside a transaction are coalesced per host: while one statement
 *   for the key is in flight, later spends wait and go together in the next one, with
 *   their summed cost, each allowed by its own place in the returned count. A per-merchant
 *   key (api_requests) is one row that every request updates: without this, concurrent
 *   requests queue on that row's lock, one commit (and WAL flush) each — measured at 0.05×
 *   a plain insert endpoint (bench/http.ts). The outcome is the one the same spends made
 *   one by one would have: no more than the limit allowed, every unit counted.
 * - A limit of LEASE_FROM (200) or more per window is spent from per-host reservations:
 *   one statement reserves a block (a hundredth of the limit, at most 100 units) and the
 *   host hands the units out from memory until the block or the window runs out. Still
 *   never more than the limit allowed across hosts (a block is only granted within it);
 *   what a host reserved and did not use counts as spent, so with H hosts a key can be
 *   refused up to H blocks (H %) early. Lower limits (sign-in attempts, the tests' small
 *   settings) stay exact, one statement per spend.
 */
import { createHmac, randomBytes } from "node:crypto";
import { sql, type Kysely } from "kysely";
import type { Database, Store } from "../store/database.js";
import type { LimitName, LimitSettings } from "./definitions.js";

export type LimitDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/** Most spends one coalesced statement carries; the rest wait for the next. */
const MAX_COALESCED = 500;
const LEASE_FROM = 200;
const MAX_LEASE = 100;

/** Units a host reserves at once for a limit of `count` per window; 0: spent one by one. */
const leaseSize = (count: number): number => (count >= LEASE_FROM ? Math.min(MAX_LEASE, Math.floor(count / 100)) : 0);

interface Lease {
  /** Units left to hand out; 0 with `refused`: the window is full. */
  remaining: number;
  refused: boolean;
  /** Before the window's end (whole seconds, rounded down). */
  until: number;
}

interface PendingSpend {
  cost: number;
  resolve(decision: LimitDecision): void;
  reject(error: unknown): void;
}

interface CountRow {
  count: number;
  retry_after: number;
}

/** Deletes up to `limit` ended windows (housekeeping); returns how many. */
export async function deleteExpiredWindows(db: Store, limit: number): Promise<number> {
  const result = await sql`
    DELETE FROM rate_limits WHERE key_hash IN (
      SELECT key_hash FROM rate_limits WHERE expires_at < now() LIMIT ${limit}::integer)`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}

export class Limiter {
  /** Spends waiting per key hash while that key's statement is in flight. */
  private readonly waiting = new Map<string, PendingSpend[]>();
  private readonly leases = new Map<string, Lease>();
  private readonly hashes = new Map<string, string>();
  /** A reservation in flight per key: others wait for it rather than reserve again. */
  private readonly reserving = new Map<string, Promise<Lease>>();

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

  /** The row key of (`name`, `key`) in rate_limits. */
  hash(name: LimitName, key: string): string {
    const input = `${name}\n${key}`;
    // Remembered: a merchant's every request hashes the same (limit, key).
    let hash = this.hashes.get(input);
    if (hash === undefined) {
      hash = createHmac("sha256", this.secret).update(input).digest("base64url");
      if (this.hashes.size >= 10_000) this.hashes.clear();
      this.hashes.set(input, hash);
    }
    return hash;
  }

  /**
   * Spends `cost` units of `name` for `key`: allowed while the window's total stays within
   * the limit. With `executor` (a transaction), the spend commits or rolls back with it and
   * its row stays locked until then, which serializes attempts on one key. Without, it is
   * coalesced with this host's other spends on the key (see the top of this file).
   */
  async consume(name: LimitName, key: string, cost = 1, executor?: Kysely<Database>): Promise<LimitDecision> {
    const keyHash = this.hash(name, key);
    const { count: limit } = this.settings[name];
    if (executor) {
      const row = await this.add(name, keyHash, cost, executor);
      return this.decide(row, Number(row?.count ?? 0), limit);
    }
    const size = leaseSize(limit);
    if (size > 0 && cost <= size) return this.spendLeased(name, keyHash, cost, limit, size);
    return new Promise<LimitDecision>((resolve, reject) => {
      const queue = this.waiting.get(keyHash);
      if (queue) {
        queue.push({ cost, resolve, reject });
        return;
      }
      this.waiting.set(keyHash, [{ cost, resolve, reject }]);
      void this.drain(name, keyHash, limit);
    });
  }

  private async spendLeased(name: LimitName, keyHash: string, cost: number, limit: number, size: number): Promise<LimitDecision> {
    const current = this.leases.get(keyHash);
    let lease = current && current.until > Date.now() ? current : undefined;
    for (;;) {
      if (lease) {
        if (lease.remaining >= cost) {
          lease.remaining -= cost;
          return { allowed: true };
        }
        if (lease.refused) return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((lease.until - Date.now()) / 1000)) };
      }
      // Taken from the reservation this caller waited for, whatever its remaining life: each
      // round either grants a unit, refuses, or was used up by others (then reserve again).
      let pending = this.reserving.get(keyHash);
      if (!pending) {
        pending = this.reserve(name, keyHash, limit, size).finally(() => this.reserving.delete(keyHash));
        this.reserving.set(keyHash, pending);
      }
      lease = await pending;
    }
  }

  /** Reserves a block of `size` units; the window's last free units when fewer are left. */
  private async reserve(name: LimitName, keyHash: string, limit: number, size: number): Promise<Lease> {
    const row = await this.add(name, keyHash, size);
    const count = Number(row?.count ?? size);
    const granted = Math.max(0, Math.min(size, limit - (count - size)));
    const retryAfter = Math.max(1, Number(row?.retry_after ?? 1));
    if (this.leases.size >= 10_000) this.leases.clear();
    // Later callers use a lease until its window ends (retry_after is rounded up: one second less is safe).
    const lease: Lease = { remaining: granted, refused: granted === 0, until: Date.now() + (granted === 0 ? retryAfter : retryAfter - 1) * 1000 };
    this.leases.set(keyHash, lease);
    return lease;
  }

  /** Runs the key's waiting spends, a statement at a time, until none is left. */
  private async drain(name: LimitName, keyHash: string, limit: number): Promise<void> {
    for (;;) {
      const queue = this.waiting.get(keyHash);
      if (!queue || queue.length === 0) {
        this.waiting.delete(keyHash);
        return;
      }
      const batch = queue.splice(0, MAX_COALESCED);
      const total = batch.reduce((sum, spend) => sum + spend.cost, 0);
      try {
        const row = await this.add(name, keyHash, total);
        // The count after this statement; the batch's spends took the last `total` units of it, in order.
        let reached = Number(row?.count ?? total) - total;
        for (const spend of batch) {
          reached += spend.cost;
          spend.resolve(this.decide(row, reached, limit));
        }
      } catch (error) {
        for (const spend of batch) spend.reject(error);
      }
    }
  }

  private decide(row: CountRow | undefined, reached: number, limit: number): LimitDecision {
    if (!row || reached <= limit) return { allowed: true };
    return { allowed: false, retryAfterSeconds: Math.max(1, Number(row.retry_after)) };
  }

  private async add(name: LimitName, keyHash: string, cost: number, executor: Kysely<Database> = this.db): Promise<CountRow | undefined> {
    const { windowSeconds } = this.settings[name];
    const result = await sql<CountRow>`
      INSERT INTO rate_limits AS r (key_hash, count, expires_at)
      VALUES (${keyHash}, ${cost}, now() + ${windowSeconds}::integer * interval '1 second')
      ON CONFLICT (key_hash) DO UPDATE SET
        count = CASE WHEN r.expires_at <= now() THEN excluded.count ELSE r.count + excluded.count END,
        expires_at = CASE WHEN r.expires_at <= now() THEN excluded.expires_at ELSE r.expires_at END
      RETURNING r.count, CEIL(EXTRACT(EPOCH FROM r.expires_at - now()))::integer AS retry_after`.execute(executor);
    return result.rows[0];
  }

  /** Whether one more unit of `name` would be allowed for `key`, without spending it. */
  async check(name: LimitName, key: string): Promise<LimitDecision> {
    const result = await sql<{ count: number; retry_after: number }>`
      SELECT count, CEIL(EXTRACT(EPOCH FROM expires_at - now()))::integer AS retry_after
      FROM rate_limits WHERE key_hash = ${this.hash(name, key)} AND expires_at > now()`.execute(this.db);
    const row = result.rows[0];
    return this.decideCheck(name, Number(row?.count ?? 0), Number(row?.retry_after ?? 0));
  }

  /** `check`'s answer on a row read by another statement: its count while its window is open (else 0). */
  decideCheck(name: LimitName, count: number, retryAfterSeconds: number): LimitDecision {
    if (count < this.settings[name].count) return { allowed: true };
    return { allowed: false, retryAfterSeconds: Math.max(1, retryAfterSeconds) };
  }

  /** Gives back units spent on an attempt that turned out not to count (a right password). */
  async refund(name: LimitName, key: string, cost = 1, executor: Kysely<Database> = this.db): Promise<void> {
    await sql`
      UPDATE rate_limits SET count = GREATEST(count - ${cost}::integer, 0)
      WHERE key_hash = ${this.hash(name, key)} AND expires_at > now()`.execute(executor);
  }

  /** Deletes every expired row now (`enclave` housekeeping and tests). */
  async sweep(): Promise<number> {
    const result = await this.db
      .deleteFrom("rate_limits")
      .where("expires_at", "<", sql<Date>`now()`)
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
