/**
 * Webhooks from a real widget host process to a receiver in this test: signed
 * deliveries checked with the SDK's verifyWebhookSignature, event filtering, retries with
 * backoff until a 2xx, deliveries that survive a restart of the host, a slow receiver that
 * holds up no other, redirects not followed, and the endpoints API (list, retrieve, delete,
 * rotate_secret with both secrets signing during the overlap).
 */
import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { verifyWebhookSignature, WebhookSignatureError } from "../../src/sdk/webhooks.js";
import { assertNoCardSecrets, call, card, cards, confirm, createIntent, expectError, get, paidIntent, post, sleep, SHOP_ORIGIN, waitFor } from "./support/api.js";
import { startWebhookReceiver, type Delivery, type WebhookReceiver } from "./support/webhook-receiver.js";
import { createStore, randomKeys, removeStore, startWidgetHost, testDatabaseUrl, type StoreLocation, type WidgetHostProcess } from "./support/widget-host.js";

const seed = randomKeys();
// The receivers are on 127.0.0.1: private targets allowed, as in development.
const env = { ENCLAVE_ALLOWED_ORIGINS: SHOP_ORIGIN, ENCLAVE_WEBHOOK_ALLOW_PRIVATE: "1" };
let store: StoreLocation;
let host: WidgetHostProcess;
/** Answers 2xx to everything, subscribed to every payment and refund event. */
let receiver: WebhookReceiver;
let secret: string;
const receivers: WebhookReceiver[] = [];

/** Every secret this file was given, to look for in the store. */
const secretsSeen: string[] = [];

async function registerEndpoint(url: string, events: string[]): Promise<{ id: string; secret: string }> {
  const response = await post(host, "/v1/webhook_endpoints", { url, events });
  assert.equal(response.status, 200, response.text);
  secretsSeen.push(response.body.secret);
  return { id: response.body.id, secret: response.body.secret };
}

async function register(url: string, events: string[]): Promise<string> {
  return (await registerEndpoint(url, events)).secret;
}

/** A receiver on 127.0.0.1 that answers each POST with `answer` (or never, when it returns undefined). */
async function rawReceiver(
  answer: (arrived: number) => { status: number; headers?: Record<string, string> } | undefined,
): Promise<{ url: string; port: number; arrivals: number[]; server: Server }> {
  const arrivals: number[] = [];
  const server = createServer((request, response) => {
    request.resume();
    request.on("end", () => {
      arrivals.push(Date.now());
      const reply = answer(arrivals.length);
      if (reply) response.writeHead(reply.status, reply.headers).end();
    });
  });
  rawServers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/webhooks`, port, arrivals, server };
}
const rawServers: Server[] = [];

function hmac(secret: string, signature: string | undefined, body: string): string {
  const timestamp = /t=(\d+)/.exec(signature ?? "")?.[1] ?? "";
  return createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex");
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
  for (const server of rawServers) {
    server.closeAllConnections();
    server.close();
  }
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

describe("slow receivers and redirects", () => {
  test("a receiver that never answers does not hold up deliveries to the others", async () => {
    const silent = await rawReceiver(() => undefined);
    const { id } = await registerEndpoint(silent.url, ["payment_intent.succeeded"]);
    try {
      await paidIntent(host);
      await waitFor(() => silent.arrivals.length >= 1, 15_000, "the attempt at the silent receiver");
      // That attempt now waits for an answer (10 s by default). The next event must not.
      const intent = await paidIntent(host);
      const paidAt = Date.now();
      const delivered = await waitFor(() => receiver.deliveriesFor("payment_intent.succeeded", intent.id)[0], 15_000, "the delivery to the answering receiver");
      assert.ok(delivered.at - paidAt < 3000, `delivered ${delivered.at - paidAt} ms after the payment, while the silent receiver still held its attempt`);
    } finally {
      assert.equal((await call(host, "DELETE", `/v1/webhook_endpoints/${id}`)).status, 200);
    }
  });

  test("a redirect is not followed: its target never gets the POST", async () => {
    const target = await startWebhookReceiver();
    receivers.push(target);
    const redirecting = await rawReceiver(() => ({ status: 302, headers: { Location: target.url } }));
    const { id } = await registerEndpoint(redirecting.url, ["payment_intent.succeeded"]);
    try {
      await paidIntent(host);
      await waitFor(() => redirecting.arrivals.length >= 2, 15_000, "an attempt and its retry at the redirecting receiver");
      assert.equal(target.deliveries.length, 0, "the redirect's target got nothing");
    } finally {
      assert.equal((await call(host, "DELETE", `/v1/webhook_endpoints/${id}`)).status, 200);
    }
  });
});

describe("endpoints API", () => {
  // Subscribed to an event no test here causes: these endpoints only exist to be managed.
  const quiet = ["identity_session.verified"];

  test("list: newest first, paged with limit and starting_after, never a secret; retrieve: the same, no secret", async () => {
    const created = [];
    for (let index = 0; index < 3; index++) created.push(await registerEndpoint(`${receiver.url}?n=${index}`, quiet));
    const [oldest, middle, newest] = created.map((each) => each.id) as [string, string, string];

    const firstPage = await get(host, "/v1/webhook_endpoints?limit=2");
    assert.equal(firstPage.status, 200, firstPage.text);
    assert.equal(firstPage.body.object, "list");
    assert.deepEqual(
      firstPage.body.data.map((each: { id: string }) => each.id),
      [newest, middle],
    );
    assert.equal(firstPage.body.has_more, true);
    const next = await get(host, `/v1/webhook_endpoints?limit=1&starting_after=${middle}`);
    assert.deepEqual(
      next.body.data.map((each: { id: string }) => each.id),
      [oldest],
    );
    const all = await get(host, "/v1/webhook_endpoints?limit=100");
    assert.equal(all.body.has_more, false);
    assert.ok(all.body.data.length >= 3);
    const defaultPage = await get(host, "/v1/webhook_endpoints");
    assert.ok(defaultPage.body.data.length <= 10);
    for (const page of [firstPage, next, all, defaultPage]) {
      assert.doesNotMatch(page.text, /whsec_|"secret"/, "a list never shows a secret");
    }

    const one = await get(host, `/v1/webhook_endpoints/${middle}`);
    assert.equal(one.status, 200, one.text);
    assert.deepEqual(Object.keys(one.body).sort(), ["created", "events", "id", "object", "url"]);
    assert.equal(one.body.url, `${receiver.url}?n=1`);
    assert.deepEqual(one.body.events, quiet);

    expectError(await get(host, "/v1/webhook_endpoints?limit=0"), 400, "parameter_invalid", { param: "limit" });
    expectError(await get(host, "/v1/webhook_endpoints?limit=101"), 400, "parameter_invalid", { param: "limit" });
    expectError(await get(host, "/v1/webhook_endpoints?limit=ten"), 400, "parameter_invalid", { param: "limit" });
    expectError(await get(host, "/v1/webhook_endpoints?starting_after=we_doesnotexist00"), 400, "resource_missing", { param: "starting_after" });
    expectError(await get(host, "/v1/webhook_endpoints?status=enabled"), 400, "parameter_unknown", { param: "status" });
    expectError(await get(host, "/v1/webhook_endpoints/we_doesnotexist00"), 404, "resource_missing");
  });

  test("delete: the endpoint is gone from list and retrieve, its pending deliveries stop, a second delete → 404", async () => {
    const down = await startWebhookReceiver();
    const { port, url } = down;
    await down.close();
    const { id } = await registerEndpoint(url, ["payment_intent.succeeded"]);
    const intent = await paidIntent(host, 6543);
    await sleep(1500); // the first attempt fails against the closed port; a retry is queued

    const deleted = await call(host, "DELETE", `/v1/webhook_endpoints/${id}`);
    assert.equal(deleted.status, 200, deleted.text);
    assert.deepEqual(deleted.body, { id, object: "webhook_endpoint", deleted: true });
    expectError(await get(host, `/v1/webhook_endpoints/${id}`), 404, "resource_missing");
    expectError(await call(host, "DELETE", `/v1/webhook_endpoints/${id}`), 404, "resource_missing");
    expectError(await post(host, `/v1/webhook_endpoints/${id}/rotate_secret`, {}), 404, "resource_missing");
    const list = await get(host, "/v1/webhook_endpoints?limit=100");
    assert.ok(!list.body.data.some((each: { id: string }) => each.id === id), "not listed");

    const back = await startWebhookReceiver({ port });
    receivers.push(back);
    await sleep(5000); // past the retries that were due
    assert.equal(back.deliveriesFor("payment_intent.succeeded", intent.id).length, 0, "nothing was sent after the delete");
  });

  test("rotate_secret: a new secret; during the overlap both sign (new first) and the SDK accepts either", async () => {
    const rotating = await startWebhookReceiver();
    receivers.push(rotating);
    const { id, secret: first } = await registerEndpoint(rotating.url, ["payment_intent.succeeded"]);

    const rotated = await post(host, `/v1/webhook_endpoints/${id}/rotate_secret`, {});
    assert.equal(rotated.status, 200, rotated.text);
    const second = rotated.body.secret as string;
    secretsSeen.push(second);
    assert.match(second, /^whsec_/);
    assert.notEqual(second, first);
    assert.ok(Math.abs(rotated.body.previous_secret_expires_at - (Date.now() / 1000 + 24 * 3600)) < 120, "the previous secret signs for 24 hours");
    expectError(await post(host, `/v1/webhook_endpoints/${id}/rotate_secret`, { expires_in: 0 }), 400, "parameter_unknown", { param: "expires_in" });

    const intent = await paidIntent(host);
    const delivery = await waitFor(() => rotating.deliveriesFor("payment_intent.succeeded", intent.id)[0], 15_000, "the delivery after the rotation");
    const signatures = [...(delivery.signature ?? "").matchAll(/v1=([0-9a-f]{64})/g)].map((match) => match[1]);
    assert.deepEqual(signatures, [hmac(second, delivery.signature, delivery.body), hmac(first, delivery.signature, delivery.body)], "two v1=, the new secret's first");
    assert.equal(verifyWebhookSignature(delivery.body, delivery.signature, second).data.object["id"], intent.id);
    assert.equal(verifyWebhookSignature(delivery.body, delivery.signature, first).data.object["id"], intent.id);
    expectSignatureError(() => verifyWebhookSignature(delivery.body, delivery.signature, "whsec_neither"), "signature_invalid");

    // Rotating again within the overlap: the newest two sign; the first no longer does.
    const third = (await post(host, `/v1/webhook_endpoints/${id}/rotate_secret`, {})).body.secret as string;
    secretsSeen.push(third);
    const later = await paidIntent(host);
    const next = await waitFor(() => rotating.deliveriesFor("payment_intent.succeeded", later.id)[0], 15_000, "the delivery after the second rotation");
    verifyWebhookSignature(next.body, next.signature, third);
    verifyWebhookSignature(next.body, next.signature, second);
    expectSignatureError(() => verifyWebhookSignature(next.body, next.signature, first), "signature_invalid");

    // Neither retrieve nor list shows a secret.
    assert.doesNotMatch((await get(host, `/v1/webhook_endpoints/${id}`)).text, /whsec_/);
  });

  test("no webhook secret is in the store in clear", { skip: testDatabaseUrl ? "PostgreSQL mode: the data dir holds no tables" : false }, async () => {
    assert.ok(secretsSeen.length >= 5);
    const files = await filesUnder(store.dataDir);
    let scanned = 0;
    let sawUrl = false;
    for (const file of files) {
      const bytes = await readFile(file);
      scanned += bytes.length;
      for (const secret of secretsSeen) assert.ok(!bytes.includes(secret), `${file} holds a webhook secret in clear`);
      assert.ok(!bytes.includes("whsec_"), `${file} holds whsec_`);
      sawUrl ||= bytes.includes(`${receiver.url}?n=1`);
    }
    assert.ok(scanned > 0 && sawUrl, "the scan reads the store's files (an endpoint's URL is found in them)");
  });
});

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
}
