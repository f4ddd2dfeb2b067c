/**
 * The store's side of operations: the readiness probe's query and the webhook queue's
 * depth for /metrics (src/server/observability/). Both are single cheap statements; the
 * callers bound how long they wait.
 */
import { sql } from "kysely";
import type { Store } from "./database.js";
import { latestMigrationName } from "./migrations.js";

/** True when the store answers and holds this code's newest migration. */
export async function storeIsCurrent(db: Store): Promise<boolean> {
  const result = await sql<{ done: number }>`SELECT count(*)::int AS done FROM enclave_migrations WHERE name = ${latestMigrationName()}`.execute(db);
  return Number(result.rows[0]?.done ?? 0) > 0;
}

export interface WebhookQueueDepth {
  /** Pending and due now (waiting for a free slot on some host). */
  due: number;
  /** Pending, tried at least once, waiting for the next attempt (or leased for it). */
  retrying: number;
}

export async function webhookQueueDepth(db: Store): Promise<WebhookQueueDepth> {
  const result = await sql<{ due: number; retrying: number }>`
    SELECT count(*) FILTER (WHERE next_attempt_at <= now())::int AS due,
           count(*) FILTER (WHERE next_attempt_at > now() AND attempts > 0)::int AS retrying
    FROM webhook_deliveries WHERE state = 'pending'`.execute(db);
  const row = result.rows[0];
  return { due: Number(row?.due ?? 0), retrying: Number(row?.retrying ?? 0) };
}
