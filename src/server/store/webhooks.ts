/**
 * Webhook endpoints and the outbox of deliveries. Events are written in the transaction
 * that causes them; the dispatcher (src/server/webhook-dispatcher.ts) leases due rows,
 * so several widget-host processes never send one delivery twice at the same time.
 *
 * Signing secrets are stored sealed (src/server/webhooks/secrets.ts) and given out only
 * when an endpoint is created or its secret rotated. A deleted endpoint keeps its row (its
 * deliveries' history points at it) but loses its secrets, and its pending deliveries stop.
 */
import { sql, type Selectable, type Transaction } from "kysely";
import type { WebhookEndpoint, WebhookEndpointDetails, WebhookEventType } from "../../protocol/api.js";
import type { SealingKey } from "../identity/sealing.js";
import { randomId } from "../ids.js";
import { newWebhookSecret, PREVIOUS_SECRET_OVERLAP_SECONDS, sealWebhookSecret } from "../webhooks/secrets.js";
import type { Database, Store, WebhookEndpointsTable } from "./database.js";
import { recordEvent } from "./events.js";
import { newestFirstPage, type Page, type PageRequest } from "./lists.js";
import { unixSeconds } from "./merchants.js";

type EndpointRow = Selectable<WebhookEndpointsTable>;

function details(row: EndpointRow): WebhookEndpointDetails {
  return { id: row.id, object: "webhook_endpoint", url: row.url, events: row.events, created: unixSeconds(row.created_at) };
}

export async function createWebhookEndpoint(db: Store, key: SealingKey, merchantId: string, url: string, events: WebhookEventType[]): Promise<WebhookEndpoint> {
  const id = randomId("we");
  const secret = newWebhookSecret();
  const row = await db
    .insertInto("webhook_endpoints")
    .values({ id, merchant_id: merchantId, url, events: JSON.stringify(events), secret: null, secret_sealed: sealWebhookSecret(key, id, secret) })
    .returningAll()
    .executeTakeFirstOrThrow();
  return { ...details(row), secret };
}

export async function findWebhookEndpoint(db: Store, merchantId: string, id: string): Promise<WebhookEndpointDetails | undefined> {
  const row = await db.selectFrom("webhook_endpoints").selectAll().where("id", "=", id).where("merchant_id", "=", merchantId).where("deleted_at", "is", null).executeTakeFirst();
  return row && details(row);
}

/** A page of the merchant's live endpoints, newest first (store/lists.ts); undefined when `startingAfter` is not one of theirs. */
export async function listWebhookEndpoints(db: Store, merchantId: string, page: PageRequest): Promise<Page<WebhookEndpointDetails> | undefined> {
  const listed = await newestFirstPage(db, "webhook_endpoints", merchantId, db.selectFrom("webhook_endpoints").selectAll().where("deleted_at", "is", null), page);
  return listed && { data: listed.data.map(details), hasMore: listed.hasMore };
}

/** Deletes an endpoint: its secrets are dropped and its pending deliveries canceled. False when it is not the merchant's or already gone. */
export async function deleteWebhookEndpoint(db: Store, merchantId: string, id: string): Promise<boolean> {
  return db.transaction().execute(async (tx) => {
    const deleted = await tx
      .updateTable("webhook_endpoints")
      .set({ deleted_at: new Date(), secret: null, secret_sealed: null, previous_secret_sealed: null, previous_secret_expires_at: null })
      .where("id", "=", id)
      .where("merchant_id", "=", merchantId)
      .where("deleted_at", "is", null)
      .returning("id")
      .executeTakeFirst();
    if (!deleted) return false;
    await tx
      .updateTable("webhook_deliveries")
      .set({ state: "canceled", last_error: "the webhook endpoint was deleted" })
      .where("endpoint_id", "=", id)
      .where("state", "=", "pending")
      .execute();
    return true;
  });
}

/**
 * A new signing secret; the current one becomes the previous and signs beside it for
 * PREVIOUS_SECRET_OVERLAP_SECONDS. Rotating again within that time drops the older one.
 */
export async function rotateWebhookSecret(db: Store, key: SealingKey, merchantId: string, id: string): Promise<{ secret: string; previousExpiresAt: Date } | undefined> {
  return db.transaction().execute(async (tx) => {
    const row = await tx
      .selectFrom("webhook_endpoints")
      .select(["id", "secret_sealed"])
      .where("id", "=", id)
      .where("merchant_id", "=", merchantId)
      .where("deleted_at", "is", null)
      .forUpdate()
      .executeTakeFirst();
    if (!row) return undefined;
    const secret = newWebhookSecret();
    const previousExpiresAt = new Date(Date.now() + PREVIOUS_SECRET_OVERLAP_SECONDS * 1000);
    await tx
      .updateTable("webhook_endpoints")
      .set({ secret_sealed: sealWebhookSecret(key, id, secret), previous_secret_sealed: row.secret_sealed, previous_secret_expires_at: previousExpiresAt })
      .where("id", "=", id)
      .execute();
    return { secret, previousExpiresAt };
  });
}

/**
 * Seals the secrets that stores from before migration 0005 keep in clear, and empties that
 * column. Runs at every start; after the first it finds nothing.
 */
export async function sealPlaintextWebhookSecrets(db: Store, key: SealingKey): Promise<number> {
  const rows = await db.selectFrom("webhook_endpoints").select(["id", "secret"]).where("secret", "is not", null).execute();
  for (const row of rows) {
    await db
      .updateTable("webhook_endpoints")
      .set({ secret: null, ...(row.secret ? { secret_sealed: sealWebhookSecret(key, row.id, row.secret) } : {}) })
      .where("id", "=", row.id)
      .where("secret", "=", row.secret)
      .execute();
  }
  return rows.length;
}

/**
 * Stores the event (store/events.ts) and queues a delivery of it to each of the merchant's
 * endpoints subscribed to its type, all in `tx`: the transaction of the change it tells of.
 */
export async function enqueueWebhookEvent(tx: Transaction<Database>, merchantId: string, type: WebhookEventType, data: { object: unknown }): Promise<void> {
  const event = await recordEvent(tx, merchantId, type, data);
  const endpoints = await tx.selectFrom("webhook_endpoints").select(["id", "events"]).where("merchant_id", "=", merchantId).where("deleted_at", "is", null).execute();
  for (const endpoint of endpoints) {
    if (!endpoint.events.includes(type)) continue;
    await tx
      .insertInto("webhook_deliveries")
      .values({
        id: randomId("whd"),
        endpoint_id: endpoint.id,
        event_id: event.id,
        event_type: type,
        payload: event.payload,
        state: "pending",
        next_attempt_at: new Date(),
        last_error: null,
      })
      .execute();
  }
}

export interface DueDelivery {
  id: string;
  endpointId: string;
  url: string;
  /** The sealed signing secret (null only if the endpoint lost it: not sent). */
  secretSealed: Uint8Array | null;
  /** The previous secret while it still signs, sealed. */
  previousSecretSealed: Uint8Array | null;
  payload: string;
  attempts: number;
}

/**
 * Takes up to `limit` due deliveries and leases them for `leaseMs`: rows another host holds
 * locked are skipped, and a leased row is not due again until its lease ends. Due and lease
 * times are the database's clock, so hosts whose clocks disagree never both take one row.
 */
export async function leaseDueDeliveries(db: Store, limit: number, leaseMs: number): Promise<DueDelivery[]> {
  if (limit <= 0) return [];
  return db.transaction().execute(async (tx) => {
    const rows = await tx
      .selectFrom("webhook_deliveries as delivery")
      .innerJoin("webhook_endpoints as endpoint", "endpoint.id", "delivery.endpoint_id")
      .select([
        "delivery.id",
        "delivery.payload",
        "delivery.attempts",
        "endpoint.id as endpoint_id",
        "endpoint.url",
        "endpoint.secret_sealed",
        // The previous secret only while it still signs, by the database's clock (as due times are).
        sql<Uint8Array | null>`CASE WHEN endpoint.previous_secret_expires_at > now() THEN endpoint.previous_secret_sealed END`.as("previous_secret_sealed"),
      ])
      .where("delivery.state", "=", "pending")
      .where("delivery.next_attempt_at", "<=", sql<Date>`now()`)
      .where("endpoint.deleted_at", "is", null)
      .orderBy("delivery.next_attempt_at")
      .limit(limit)
      .forUpdate("delivery")
      .skipLocked()
      .execute();
    if (rows.length > 0) {
      await tx
        .updateTable("webhook_deliveries")
        .set({ next_attempt_at: sql<Date>`now() + ${leaseMs}::integer * interval '1 millisecond'` })
        .where(
          "id",
          "in",
          rows.map((row) => row.id),
        )
        .execute();
    }
    return rows.map((row) => ({
      id: row.id,
      endpointId: row.endpoint_id,
      url: row.url,
      secretSealed: row.secret_sealed,
      previousSecretSealed: row.previous_secret_sealed,
      payload: row.payload,
      attempts: Number(row.attempts),
    }));
  });
}

export async function recordDeliveryAttempt(db: Store, id: string, outcome: { delivered: true } | { delivered: false; error: string; retryAt: Date | null }): Promise<void> {
  await db
    .updateTable("webhook_deliveries")
    .set((eb) => ({
      attempts: eb("attempts", "+", 1),
      state: outcome.delivered ? "delivered" : outcome.retryAt ? "pending" : "failed",
      last_error: outcome.delivered ? null : outcome.error.slice(0, 500),
      ...(!outcome.delivered && outcome.retryAt ? { next_attempt_at: outcome.retryAt } : {}),
    }))
    .where("id", "=", id)
    // A delivery canceled (its endpoint deleted) while in flight stays canceled.
    .where("state", "=", "pending")
    .execute();
}

/** Gives a leased delivery back untried (the host is stopping): due again at once, no attempt counted. */
export async function releaseDelivery(db: Store, id: string): Promise<void> {
  await db.updateTable("webhook_deliveries").set({ next_attempt_at: new Date() }).where("id", "=", id).where("state", "=", "pending").execute();
}
