/**
 * Webhooks from a real widget host process to a receiver in this test: signed
 * deliveries checked with the SDK's verifyWebhookSignature, event filtering, retries with
 * backoff until a 2xx, and deliveries that survive a restart of the host.
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { verifyWebhookSignature, WebhookSignatureError } from "../../src/sdk/webhooks.js";
import { assertNoCardSecrets, card, cards, confirm, createIntent, expectError, paidIntent, post, sleep, SHOP_ORIGIN, waitFor } from "./support/api.js";
import { startWebhookReceiver, type Delivery, type WebhookReceiver } from "./support/webhook-receiver.js";
import { createStore, randomKeys, removeStore, startWidgetHost, type StoreLocation, type WidgetHostProcess } from "./support/widget-host.js";

const seed = randomKeys();
// The receivers are on 127.0.0.1: private targets allowed, as in development.
const env = { ENCLAVE_ALLOWED_ORIGINS: SHOP_ORIGIN, ENCLAVE_WEBHOOK_ALLOW_PRIVATE: "1" };
let store: StoreLocation;
let host: WidgetHostProcess;
/** Answers 2xx to everything, subscribed to every payment and refund event. */
let receiver: WebhookReceiver;
let secret: string;
const receivers: WebhookReceiver[] = [];

async function register(url: string, events: string[]): Promise<string> {
  const response = await post(host, "/v1/webhook_endpoints", { url, events });
  assert.equal(response.status, 200, response.text);
  return response.body.secret as string;
}

function expectSignatureError(run: () => unknown, code: WebhookSignatureError["code"]): void {
  assert.throws(run, (error: unknown) => error instanceof WebhookSignatureError && error.code === code);
}

before(async () => {
  receiver = await startWebhookReceiver();
  receivers.push(receiver);
  store = await createStore();
  host = await startWidgetHost({ store, seed, env });
  secret = await register(receiver.url, ["payment_intent.succeeded", "payment_intent.payment_failed", "refund.created"]);
});

after(async () => {
  await host?.stop();
  if (store) await removeStore(store);
  for (const each of receivers) await each.close();
});

describe("signed deliveries", () => {
  let delivery: Delivery;
  let intentId: string;

  test("a payment sends payment_intent.succeeded, signed as the contract says", async () => {
    const intent = await paidIntent(host, 4321);
    intentId = intent.id;
    delivery = await waitFor(() => receiver.deliveriesFor("payment_intent.succeeded", intent.id)[0], 15_000, "payment_intent.succeeded");
    assert.equal(delivery.headers["content-type"], "application/json");
    assert.match(delivery.signature ?? "", /^t=\d+,v1=[0-9a-f]{64}$/);
    const event = verifyWebhookSignature(delivery.body, delivery.signature, secret);
    assert.match(event.id, /^evt_/);
    assert.equal(event.object, "event");
    assert.equal(event.type, "payment_intent.succeeded");
    assert.ok(Math.abs(event.created - Date.now() / 1000) < 60);
    const object = event.data.object as Record<string, unknown>;
    assert.equal(object["id"], intent.id);
    assert.equal(object["object"], "payment_intent");
    assert.equal(object["status"], "succeeded");
    assert.equal(object["amount"], 4321);
    assert.equal((object["payment_method"] as Record<string, unknown>)["last4"], "4242");
    assertNoCardSecrets(delivery.body, cards.visa, "123", "the webhook body");
    const timestamp = Number(/t=(\d+)/.exec(delivery.signature ?? "")?.[1]);
    assert.ok(Math.abs(timestamp - delivery.at / 1000) < 10, "the signature's timestamp is the time of sending");
  });

  test("a tampered body, a wrong secret or a forged header fail verification", () => {
    assert.ok(delivery, "needs the delivery of the previous test");
    const tampered = delivery.body.replace(`"amount":4321`, `"amount":1`);
    assert.notEqual(tampered, delivery.body);
    expectSignatureError(() => verifyWebhookSignature(tampered, delivery.signature, secret), "signature_invalid");
    expectSignatureError(() => verifyWebhookSignature(`${delivery.body} `, delivery.signature, secret), "signature_invalid");
    expectSignatureError(() => verifyWebhookSignature(delivery.body, delivery.signature, "whsec_not_the_secret"), "signature_invalid");
    const forgedTime = (delivery.signature ?? "").replace(/t=(\d+)/, (_, t: string) => `t=${Number(t) + 1}`);
    expectSignatureError(() => verifyWebhookSignature(delivery.body, forgedTime, secret), "signature_invalid");
    expectSignatureError(() => verifyWebhookSignature(delivery.body, undefined, secret), "signature_missing");
    expectSignatureError(() => verifyWebhookSignature(delivery.body, "v1=abc", secret), "signature_invalid");
  });

  test("a delivery replayed later than the tolerance fails with signature_expired", () => {
    assert.ok(delivery, "needs the delivery of the previous test");
    const anHourLater = delivery.at + 3600 * 1000;
    expectSignatureError(() => verifyWebhookSignature(delivery.body, delivery.signature, secret, 300, anHourLater), "signature_expired");
    // Within the tolerance it still verifies.
    assert.equal(verifyWebhookSignature(delivery.body, delivery.signature, secret, 300, delivery.at + 60_000).data.object["id"], intentId);
  });

  test("a decline sends payment_intent.payment_failed with the error", async () => {
    const intent = await createIntent(host);
    expectError(await confirm(host, intent.client_token, card(cards.insufficientFunds)), 402, "card_declined");
    const failed = await waitFor(() => receiver.deliveriesFor("payment_intent.payment_failed", intent.id)[0], 15_000, "payment_intent.payment_failed");
    const event = verifyWebhookSignature(failed.body, failed.signature, secret);
    const object = event.data.object as Record<string, Record<string, unknown>>;
    assert.equal(object["last_payment_error"]?.["decline_code"], "insufficient_funds");
    assertNoCardSecrets(failed.body, cards.insufficientFunds, "123", "the payment_failed webhook");
  });

  test("a refund sends refund.created", async () => {
    const intent = await paidIntent(host, 3000);
    const refund = await post(host, "/v1/refunds", { payment_intent: intent.id, amount: 1200 });
    assert.equal(refund.status, 200, refund.text);
    const delivered = await waitFor(() => receiver.deliveriesFor("refund.created", refund.body.id)[0], 15_000, "refund.created");
    const event = verifyWebhookSignature(delivered.body, delivered.signature, secret);
    assert.equal(event.data.object["payment_intent"], intent.id);
    assert.equal(event.data.object["amount"], 1200);
  });

  test("an endpoint only gets the events it subscribed to", async () => {
    const refundsOnly = await startWebhookReceiver();
    receivers.push(refundsOnly);
    const refundsSecret = await register(refundsOnly.url, ["refund.created"]);
    const intent = await paidIntent(host, 2000);
    const refund = await post(host, "/v1/refunds", { payment_intent: intent.id });
    const delivered = await waitFor(() => refundsOnly.deliveriesFor("refund.created", refund.body.id)[0], 15_000, "refund.created");
    verifyWebhookSignature(delivered.body, delivered.signature, refundsSecret);
    await waitFor(() => receiver.deliveriesFor("payment_intent.succeeded", intent.id)[0], 15_000, "the other endpoint's payment_intent.succeeded");
    assert.equal(refundsOnly.deliveries.filter((each) => each.event?.type !== "refund.created").length, 0);
    // Each endpoint has its own secret.
    expectSignatureError(() => verifyWebhookSignature(delivered.body, delivered.signature, secret), "signature_invalid");
  });
});

describe("retries", () => {
  test("a receiver that answers 500 is retried with growing backoff until it answers 2xx", async () => {
    const flaky = await startWebhookReceiver({ respond: (index) => (index < 2 ? 500 : 200) });
    receivers.push(flaky);
    const flakySecret = await register(flaky.url, ["payment_intent.succeeded"]);
    const intent = await paidIntent(host);
    await waitFor(() => flaky.deliveriesFor("payment_intent.succeeded", intent.id).length >= 3, 20_000, "three attempts");
    const attempts = flaky.deliveriesFor("payment_intent.succeeded", intent.id);
    assert.deepEqual(
      attempts.map((attempt) => attempt.answered),
      [500, 500, 200],
    );
    // One event, retried: the same id and body each time, each attempt signed afresh.
    assert.equal(new Set(attempts.map((attempt) => attempt.event.id)).size, 1);
    assert.equal(new Set(attempts.map((attempt) => attempt.body)).size, 1);
    for (const attempt of attempts) verifyWebhookSignature(attempt.body, attempt.signature, flakySecret);
    const [first, second, third] = attempts.map((attempt) => attempt.at) as [number, number, number];
    assert.ok(second - first >= 800, `first retry after about 1 s (was ${second - first} ms)`);
    assert.ok(third - second >= 1600, `second retry after about 2 s (was ${third - second} ms)`);
    assert.ok(third - second > second - first, "the backoff grows");
    // A 2xx ends it.
    await sleep(3000);
    assert.equal(flaky.deliveriesFor("payment_intent.succeeded", intent.id).length, 3);
  });
});

describe("restart", () => {
  test("a delivery that failed while the receiver was down is delivered after the host restarts", async () => {
    // A receiver that is down: take a free port, then close it.
    const down = await startWebhookReceiver();
    const { port, url } = down;
    await down.close();
    const downSecret = await register(url, ["payment_intent.succeeded"]);
    const intent = await paidIntent(host, 7777);
    // Let the dispatcher fail at least once against the closed port.
    await sleep(1500);
    const stopped = await host.stop();
    assert.equal(stopped.code, 0, `the host stops cleanly on SIGTERM (code ${stopped.code}, signal ${stopped.signal})`);

    const back = await startWebhookReceiver({ port });
    receivers.push(back);
    host = await startWidgetHost({ store, seed, env });
    const delivered = await waitFor(() => back.deliveriesFor("payment_intent.succeeded", intent.id)[0], 30_000, "the delivery after the restart");
    const event = verifyWebhookSignature(delivered.body, delivered.signature, downSecret);
    assert.equal(event.data.object["amount"], 7777);
    await sleep(1000);
    assert.equal(back.deliveriesFor("payment_intent.succeeded", intent.id).length, 1, "delivered once");
  });
});
