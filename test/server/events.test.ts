/**
 * Events on a real widget host process: every webhook body is stored as an event
 * (`evt_…`, `{ id, object, type, created, data: { object } }`) whether or not an endpoint
 * receives it, readable at `GET /v1/events/:id` byte for byte as delivered, and listed.
 * An event is written in the transaction of its change: a refused change makes none, a
 * repeated cancel makes one, and two hosts on one PostgreSQL racing the same change make it
 * once. `payment_intent.canceled` comes from the cancel route; a deleted endpoint gets
 * nothing more while the events go on being recorded.
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { verifyWebhookSignature } from "../../src/sdk/webhooks.js";
import { call, card, cards, confirm, createIntent, expectError, get, paidIntent, post, sleep, SHOP_ORIGIN, waitFor, type ApiResponse } from "./support/api.js";
import { startWebhookReceiver, type WebhookReceiver } from "./support/webhook-receiver.js";
import { createStore, randomKeys, removeStore, startWidgetHost, testDatabaseUrl, type StoreLocation, type WidgetHostProcess } from "./support/widget-host.js";

const env = { ENCLAVE_ALLOWED_ORIGINS: SHOP_ORIGIN, ENCLAVE_WEBHOOK_ALLOW_PRIVATE: "1" };
const keys = randomKeys();
let store: StoreLocation;
let host: WidgetHostProcess;
let receiver: WebhookReceiver;
let secret: string;
const cleanups: (() => Promise<void>)[] = [];

interface StoredEvent {
  id: string;
  object: "event";
  type: string;
  created: number;
  data: { object: { id: string; status?: string } };
}

async function ok(response: Promise<ApiResponse>): Promise<ApiResponse> {
  const answered = await response;
  assert.equal(answered.status, 200, answered.text);
  return answered;
}

/** The merchant's events about one object, newest first. */
async function eventsAbout(on: WidgetHostProcess, objectId: string, options = {}): Promise<StoredEvent[]> {
  const list = await ok(get(on, "/v1/events?limit=100", options));
  return (list.body.data as StoredEvent[]).filter((event) => event.data.object.id === objectId);
}

before(async () => {
  store = await createStore();
  host = await startWidgetHost({ store, seed: keys, env });
  receiver = await startWebhookReceiver();
  // Subscribed to successes and cancels, not to refunds or failures: those are stored all the same.
  const endpoint = await ok(post(host, "/v1/webhook_endpoints", { url: receiver.url, events: ["payment_intent.succeeded", "payment_intent.canceled"] }));
  secret = endpoint.body.secret;
});

after(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  await host?.stop();
  await receiver?.close();
  if (store) await removeStore(store);
});

describe("every webhook body is an event", () => {
  test("a payment's event is stored, listed and retrievable exactly as it was delivered and signed", async () => {
    const intent = await paidIntent(host, 4321);
    const delivery = await waitFor(() => receiver.deliveriesFor("payment_intent.succeeded", intent.id)[0], 15_000, "the delivery");
    const delivered = verifyWebhookSignature(delivery.body, delivery.signature, secret);
    assert.match(delivered.id, /^evt_[A-Za-z0-9]{24}$/);
    const stored = await ok(get(host, `/v1/events/${delivered.id}`));
    assert.deepEqual(stored.body, JSON.parse(delivery.body), "the event is the delivered body");
    assert.deepEqual(Object.keys(stored.body).sort(), ["created", "data", "id", "object", "type"]);
    assert.equal(stored.body.data.object.status, "succeeded");
    assert.equal(stored.body.data.object.amount, 4321);
    const [listed] = await eventsAbout(host, intent.id);
    assert.deepEqual(listed, stored.body, "the list shows the same event");
  });

  test("events no endpoint subscribed to are stored too (a decline, a refund)", async () => {
    const declined = await createIntent(host, { amount: 2500, currency: "usd" });
    assert.equal((await confirm(host, declined.client_token, card(cards.declined))).status, 402);
    const failed = await eventsAbout(host, declined.id);
    assert.deepEqual(
      failed.map((event) => [event.type, event.data.object.status]),
      [["payment_intent.payment_failed", "requires_payment_method"]],
    );
    const paid = await paidIntent(host);
    const refund = await ok(post(host, "/v1/refunds", { payment_intent: paid.id, amount: 500 }));
    const [refunded] = await eventsAbout(host, refund.body.id);
    assert.equal(refunded?.type, "refund.created");
    assert.deepEqual(refunded?.data.object, refund.body);
    await sleep(1000);
    assert.equal(
      receiver.deliveries.filter((each) => each.event?.data?.object?.id === declined.id || each.event?.type === "refund.created").length,
      0,
      "nothing delivered unsubscribed",
    );
  });

  test("cancel sends payment_intent.canceled, once: a repeated cancel and refused changes make no event", async () => {
    const intent = await createIntent(host, { amount: 3000, currency: "usd" });
    const canceled = await ok(post(host, `/v1/payment_intents/${intent.id}/cancel`, {}));
    assert.equal(canceled.body.status, "canceled");
    assert.equal((await ok(post(host, `/v1/payment_intents/${intent.id}/cancel`, {}))).body.status, "canceled");
    const delivery = await waitFor(() => receiver.deliveriesFor("payment_intent.canceled", intent.id)[0], 15_000, "the canceled delivery");
    const event = verifyWebhookSignature(delivery.body, delivery.signature, secret);
    assert.equal(event.type, "payment_intent.canceled");
    assert.deepEqual(event.data.object, canceled.body, "the event carries the intent as the cancel answered it");
    assert.deepEqual(
      (await eventsAbout(host, intent.id)).map((each) => each.type),
      ["payment_intent.canceled"],
      "one event for two cancels",
    );

    const paid = await paidIntent(host);
    const before = (await eventsAbout(host, paid.id)).length;
    expectError(await post(host, `/v1/payment_intents/${paid.id}/cancel`, {}), 409, "payment_intent_unexpected_state");
    expectError(await post(host, "/v1/refunds", { payment_intent: paid.id, amount: 999_999 }), 400, "refund_exceeds_amount", { param: "amount" });
    assert.equal((await eventsAbout(host, paid.id)).length, before, "a refused change is no event");
    assert.equal(
      (await ok(get(host, "/v1/events?limit=100"))).body.data.filter((each: StoredEvent) => each.type === "refund.created" && each.data.object.id === paid.id).length,
      0,
    );
  });

  test("a deleted endpoint gets nothing more; the events are still recorded", async () => {
    const gone = await startWebhookReceiver();
    cleanups.push(() => gone.close());
    const endpoint = await ok(post(host, "/v1/webhook_endpoints", { url: gone.url, events: ["payment_intent.succeeded"] }));
    const first = await paidIntent(host);
    await waitFor(() => gone.deliveriesFor("payment_intent.succeeded", first.id)[0], 15_000, "the delivery before the delete");
    await ok(call(host, "DELETE", `/v1/webhook_endpoints/${endpoint.body.id}`));
    const second = await paidIntent(host);
    await waitFor(() => receiver.deliveriesFor("payment_intent.succeeded", second.id)[0], 15_000, "the live endpoint's delivery");
    await sleep(1500);
    assert.equal(gone.deliveriesFor("payment_intent.succeeded", second.id).length, 0, "nothing after the delete");
    assert.equal((await eventsAbout(host, second.id)).length, 1, "the event is recorded");
  });
});

describe("GET /v1/events/:id", () => {
  test("another merchant's event, an unknown or a malformed id: 404", async () => {
    const other = randomKeys();
    const [event] = (await ok(get(host, "/v1/events?limit=1"))).body.data as StoredEvent[];
    assert.ok(event);
    await host.stop();
    host = await startWidgetHost({ store, seed: other, env });
    // Merchant A's key still works on this host; B's does not see A's events.
    assert.equal((await ok(get(host, `/v1/events/${event.id}`, { key: keys.secretKey }))).body.id, event.id);
    expectError(await get(host, `/v1/events/${event.id}`, { key: other.secretKey }), 404, "resource_missing");
    assert.deepEqual((await ok(get(host, "/v1/events", { key: other.secretKey }))).body, { object: "list", data: [], has_more: false });
    expectError(await get(host, "/v1/events/evt_doesnotexist0000"), 404, "resource_missing");
    expectError(await get(host, "/v1/events/not-an-id"), 404, "resource_missing");
  });
});

describe("two hosts on one PostgreSQL", { skip: testDatabaseUrl ? false : "two host processes on one store need PostgreSQL (set ENCLAVE_TEST_DATABASE_URL)" }, () => {
  test("racing cancels and confirms of one intent on both hosts make each event once", async () => {
    const shared = await createStore();
    cleanups.push(() => removeStore(shared));
    const seed = randomKeys();
    const hosts = await Promise.all([startWidgetHost({ store: shared, seed, env }), startWidgetHost({ store: shared, seed, env })]);
    cleanups.push(async () => {
      for (const each of hosts) await each.stop();
    });
    const [one, two] = hosts as [WidgetHostProcess, WidgetHostProcess];
    const toCancel = await createIntent(one, { amount: 1500, currency: "usd" });
    const cancels = await Promise.all(Array.from({ length: 12 }, (_, index) => post(index % 2 ? two : one, `/v1/payment_intents/${toCancel.id}/cancel`, {})));
    assert.ok(cancels.every((response) => response.status === 200 && response.body.status === "canceled"));
    assert.deepEqual(
      (await eventsAbout(two, toCancel.id)).map((event) => event.type),
      ["payment_intent.canceled"],
    );

    const toPay = await createIntent(two, { amount: 1600, currency: "usd" });
    const confirms = await Promise.all(Array.from({ length: 8 }, (_, index) => confirm(index % 2 ? two : one, toPay.client_token, card(cards.visa))));
    assert.ok(confirms.some((response) => response.status === 200));
    assert.deepEqual(
      (await eventsAbout(one, toPay.id)).map((event) => event.type),
      ["payment_intent.succeeded"],
    );
  });
});
