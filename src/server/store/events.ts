/**
 * Events: every webhook body, stored as a row in the transaction of the change it tells of
 * (an outbox: never an event without its change, never a change without its event), then
 * fanned out to the subscribed endpoints' deliveries (store/webhooks.ts). `GET /v1/events`
 * and `GET /v1/events/:id` read these rows; the payload is kept as the very JSON text that
 * is delivered and signed.
 */
import type { Selectable, Transaction } from "kysely";
import type { WebhookEventType } from "../../protocol/api.js";
import { Event } from "../../protocol/lists-api.js";
import { randomId } from "../ids.js";
import type { Database, EventsTable, Store } from "./database.js";
import { newestFirstPage, type Page, type PageRequest } from "./lists.js";

export interface RecordedEvent {
  id: string;
  type: WebhookEventType;
  /** The JSON body of its deliveries. */
  payload: string;
}

/** Stores a new event in `tx` (the transaction of its cause) and returns it. */
export async function recordEvent(tx: Transaction<Database>, merchantId: string, type: WebhookEventType, data: { object: unknown }): Promise<RecordedEvent> {
  const id = randomId("evt");
  const createdAt = new Date();
  const payload = JSON.stringify({ id, object: "event", type, created: Math.floor(createdAt.getTime() / 1000), data });
  await tx.insertInto("events").values({ id, merchant_id: merchantId, type, payload, created_at: createdAt }).execute();
  return { id, type, payload };
}

function fromRow(row: Pick<Selectable<EventsTable>, "payload">): Event {
  // Written by recordEvent; parsed all the same, so the answer is typed by its schema, not asserted.
  return Event.parse(JSON.parse(row.payload));
}

export async function findEvent(db: Store, merchantId: string, id: string): Promise<Event | undefined> {
  const row = await db.selectFrom("events").select("payload").where("id", "=", id).where("merchant_id", "=", merchantId).executeTakeFirst();
  return row && fromRow(row);
}

export async function listEvents(db: Store, merchantId: string, page: PageRequest): Promise<Page<Event> | undefined> {
  const listed = await newestFirstPage(db, "events", merchantId, db.selectFrom("events").select("payload"), page);
  return listed && { data: listed.data.map(fromRow), hasMore: listed.hasMore };
}
