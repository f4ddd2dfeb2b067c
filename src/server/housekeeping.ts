/**
 * Housekeeping: the periodic clean-up of rows that are worthless once old — kept idempotent
 * replies past their 24 hours, ended rate-limit windows, stale DPoP proof ids, client tokens
 * a day past their expiry — in one loop per host instead of a sweep hidden in request paths.
 *
 * Several hosts on one PostgreSQL share the work by a lease: a run starts only on the host
 * whose `UPDATE housekeeping_leases … WHERE leased_until <= now() RETURNING` took the row,
 * and the lease lasts one interval, so the whole cluster runs it once per interval
 * (ENCLAVE_HOUSEKEEPING_INTERVAL_SECONDS, a minute) whatever the number of hosts. The
 * database's clock decides, not the hosts'. A host that stops gives its lease back, so the
 * next one to start need not wait out the interval. The same code runs on PGlite (one process).
 */
import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import { sql } from "kysely";
import { deleteExpiredWindows } from "./limits/limiter.js";
import type { Store } from "./store/database.js";
import { deleteStaleProofIds } from "./store/dpop.js";
import { deleteExpiredClientTokens } from "./store/client-tokens.js";
import { deleteExpiredReplies } from "./store/idempotency.js";
import { log } from "./observability/log.js";

export const DEFAULT_HOUSEKEEPING_INTERVAL_SECONDS = 60;
const LEASE = "housekeeping";
/** Rows deleted per statement, and statements per task per run: a run stays short; what is left waits for the next. */
const BATCH = 1000;
const MAX_BATCHES = 20;

export interface HousekeepingTask {
  name: string;
  /** Deletes at most `limit` rows; returns how many. */
  run(db: Store, limit: number): Promise<number>;
}

export const housekeepingTasks: readonly HousekeepingTask[] = [
  { name: "idempotent replies", run: deleteExpiredReplies },
  { name: "rate-limit windows", run: deleteExpiredWindows },
  { name: "DPoP proof ids", run: deleteStaleProofIds },
  { name: "client tokens", run: deleteExpiredClientTokens },
];

/** Takes the lease when it is free; true when this holder may run now. At most one caller wins per interval. */
export async function takeHousekeepingLease(db: Store, holder: string, intervalSeconds: number): Promise<boolean> {
  const taken = await sql<{ runs: number }>`
    UPDATE housekeeping_leases
    SET holder = ${holder}, leased_until = now() + ${intervalSeconds}::integer * interval '1 second', runs = runs + 1, last_run_at = now()
    WHERE name = ${LEASE} AND leased_until <= now()
    RETURNING runs`.execute(db);
  return taken.rows.length === 1;
}

/** Gives the lease back if this holder has it (the host is stopping). */
export async function releaseHousekeepingLease(db: Store, holder: string): Promise<void> {
  await sql`UPDATE housekeeping_leases SET leased_until = now() WHERE name = ${LEASE} AND holder = ${holder} AND leased_until > now()`.execute(db);
}

export interface HousekeepingOptions {
  intervalSeconds?: number;
  tasks?: readonly HousekeepingTask[];
}

export class Housekeeping {
  /** Unique per process: the lease names who holds it. */
  readonly holder = `${hostname()}:${process.pid}:${randomBytes(4).toString("hex")}`;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private running: Promise<void> | undefined;
  private stopped = true;
  private readonly intervalSeconds: number;
  private readonly tasks: readonly HousekeepingTask[];
  /** How often a host asks for the lease: a few times per interval, so a run is never late by much more than a quarter of it. */
  private readonly pollMs: number;

  constructor(
    private readonly db: Store,
    options: HousekeepingOptions = {},
  ) {
    this.intervalSeconds = options.intervalSeconds ?? DEFAULT_HOUSEKEEPING_INTERVAL_SECONDS;
    this.tasks = options.tasks ?? housekeepingTasks;
    this.pollMs = Math.min(15_000, Math.max(250, (this.intervalSeconds * 1000) / 4));
  }

  /** Runs at once (when the lease is free), then every interval across the cluster. */
  start(): void {
    this.stopped = false;
    this.running = this.tick().finally(() => this.schedule());
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
    await releaseHousekeepingLease(this.db, this.holder).catch(() => undefined);
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.tick().finally(() => this.schedule());
    }, this.pollMs);
    this.timer.unref?.();
  }

  /** One attempt: take the lease or leave the run to the host that has it. Failures are logged and retried next time. */
  async tick(): Promise<void> {
    try {
      if (!(await takeHousekeepingLease(this.db, this.holder, this.intervalSeconds))) return;
    } catch (error) {
      if (!this.stopped) log.error("housekeeping failed", { error: error instanceof Error ? error.message : String(error) });
      return;
    }
    for (const task of this.tasks) {
      try {
        for (let batch = 0; batch < MAX_BATCHES && !this.stopped; batch++) {
          if ((await task.run(this.db, BATCH)) < BATCH) break;
        }
      } catch (error) {
        if (!this.stopped) log.error("housekeeping task failed", { task: task.name, error: error instanceof Error ? error.message : String(error) });
      }
    }
  }
}
