/**
 * Webhook endpoints and the outbox of deliveries. Events are written in the transaction
 * that causes them; the dispatcher (src/server/webhook-dispatcher.ts) leases due rows,
 * so several widget-host processes never send one delivery twice at the same time.
 */
import type { Transaction } from "kysely";
import type { WebhookEndpoint, WebhookEventType } from "../../protocol/api.js";
import { randomId, randomSecret } from "../ids.js";
import type { Database, Store } from "./database.js";
import { unixSeconds } from "./merchants.js";

export async function createWebhookEndpoint(db: Store, merchantId: string, url: string, events: WebhookEventType[]): Promise<WebhookEndpoint> {
  const row = await db
    .insertInto("webhook_endpoints")
    .values({ id: randomId("we"), merchant_id: merchantId, url, events: JSON.stringify(events), secret: randomSecret("whsec") })
    .returningAll()
    .executeTakeFirstOrThrow();
  return { id: row.id, object: "webhook_endpoint", url: row.url, events, secret: row.secret, created: unixSeconds(row.created_at) };
}

export async function enqueueWebhookEvent(tx: Transaction<Database>, merchantId: string, type: WebhookEventType, data: { object: unknown }): Promise<void> {
  const endpoints = await tx.selectFrom("webhook_endpoints").select(["id", "events"]).where("merchant_id", "=", merchantId).execute();
  const eventId = randomId("evt");
  const payload = JSON.stringify({ id: eventId, object: "event", type, created: Math.floor(Date.now() / 1000), data });
  for (const endpoint of endpoints) {
    const events = (typeof endpoint.events === "string" ? JSON.parse(endpoint.events) : endpoint.events) as string[];
    if (!events.includes(type)) continue;
    await tx
      .insertInto("webhook_deliveries")
      .values({ id: randomId("whd"), endpoint_id: endpoint.id, event_id: eventId, event_type: type, payload, state: "pending", next_attempt_at: new Date(), last_error: null })
      .execute();
  }
}

export interface DueDelivery {
  id: string;
  url: string;
  secret: string;
  payload: string;
  attempts: number;
}

/** Takes up to `limit` due deliveries and leases them for `leaseMs`. */
export async function leaseDueDeliveries(db: Store, limit: number, leaseMs: number): Promise<DueDelivery[]> {
  return db.transaction().execute(async (tx) => {
    const rows = await tx
      .selectFrom("webhook_deliveries as delivery")
      .innerJoin("webhook_endpoints as endpoint", "endpoint.id", "delivery.endpoint_id")
      .select(["delivery.id", "delivery.payload", "delivery.attempts", "endpoint.url", "endpoint.secret"])
      .where("delivery.state", "=", "pending")
      .where("delivery.next_attempt_at", "<=", new Date())
      .orderBy("delivery.next_attempt_at")
      .limit(limit)
      .forUpdate("delivery")
      .skipLocked()
      .execute();
    if (rows.length > 0) {
      await tx
        .updateTable("webhook_deliveries")
        .set({ next_attempt_at: new Date(Date.now() + leaseMs) })
        .where("id", "in", rows.map((row) => row.id))
        .execute();
    }
    return rows.map((row) => ({ id: row.id, url: row.url, secret: row.secret, payload: row.payload, attempts: Number(row.attempts) }));
  });
}

export async function recordDeliveryAttempt(db: Store, id: string, outcome: { delivered: true } | { delivered: false; error: string; retryAt: Date | null }): Promise<void> {
  await db
    .updateTable("webhook_deliveries")
    .set((eb) => ({
      attempts: eb("attempts", "+", 1),
      state: outcome.delivered ? "delivered" : outcome.retryAt ? "pending" : "failed",
      last_error: outcome.delivered ? null : outcome.error,
      ...(!outcome.delivered && outcome.retryAt ? { next_attempt_at: outcome.retryAt } : {}),
    }))
    .where("id", "=", id)
    .execute();
}
