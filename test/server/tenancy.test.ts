/**
 * Two merchants on one widget host, and client-token expiry.
 *
 * A host seeds one sandbox merchant per start, but a start whose seeded keys differ from
 * the stored ones adds that merchant beside the first (src/server/store/merchants.ts). So:
 * start the host seeded as merchant A, stop it, start it again on the same store seeded as
 * merchant B — both merchants then live in one host, which is what isolation between
 * merchants and `client_token_foreign` need. The second start also sets
 * ENCLAVE_CLIENT_TOKEN_TTL_SECONDS=2 so that tokens minted by it expire within the test.
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { call, card, cards, confirm, createIntent, expectError, frameCall, get, post, sleep, waitFor, type CreatedIntent } from "./support/api.js";
import { startWebhookReceiver } from "./support/webhook-receiver.js";
import { createStore, randomKeys, removeStore, startWidgetHost, type StoreLocation, type WidgetHostProcess } from "./support/widget-host.js";

const ORIGIN_A = "https://a-shop.example.com";
const ORIGIN_B = "https://b-shop.example.com";
const keysA = randomKeys();
const keysB = randomKeys();
let store: StoreLocation;
let host: WidgetHostProcess;
/** Merchant A's open intent, with a token minted under the default lifetime. */
let openA: CreatedIntent;
/** Merchant A's paid intent. */
let paidA: CreatedIntent;
let fingerprintA: string;

/** Calls as merchant A / B on the one host. */
const asA = { key: keysA.secretKey };
const asB = { key: keysB.secretKey };

before(async () => {
  store = await createStore();
  const first = await startWidgetHost({ store, seed: keysA, env: { ENCLAVE_ALLOWED_ORIGINS: ORIGIN_A, ENCLAVE_MERCHANT_NAME: "Merchant A" } });
  try {
    openA = await createIntent(first, { amount: 1111, currency: "usd", metadata: { owner: "a" } });
    paidA = await createIntent(first, { amount: 2222, currency: "usd" });
    const paid = await confirm(first, paidA.client_token, card(cards.visa), { parentOrigin: ORIGIN_A });
    assert.equal(paid.status, 200, paid.text);
    fingerprintA = (await get(first, `/v1/payment_intents/${paidA.id}`)).body.payment_method.fingerprint;
  } finally {
    await first.stop();
  }
  host = await startWidgetHost({
    store,
    seed: keysB,
    // Its webhook receivers are on 127.0.0.1.
    env: { ENCLAVE_ALLOWED_ORIGINS: ORIGIN_B, ENCLAVE_MERCHANT_NAME: "Merchant B", ENCLAVE_CLIENT_TOKEN_TTL_SECONDS: "2", ENCLAVE_WEBHOOK_ALLOW_PRIVATE: "1" },
  });
});

after(async () => {
  await host?.dispose();
  if (store) await removeStore(store);
});

describe("two merchants on one host", () => {
  test("both secret keys work; each sees its own allowed origins", async () => {
    assert.equal(host.secretKey, keysB.secretKey);
    const a = await get(host, "/v1/allowed_origins", asA);
    const b = await get(host, "/v1/allowed_origins", asB);
    assert.equal(a.status, 200, a.text);
    assert.equal(b.status, 200, b.text);
    assert.deepEqual(
      a.body.data.map((entry: { origin: string }) => entry.origin),
      [ORIGIN_A],
    );
    assert.deepEqual(
      b.body.data.map((entry: { origin: string }) => entry.origin),
      [ORIGIN_B],
    );
  });

  test("merchant B cannot see, cancel, refund or mint tokens for merchant A's payment", async () => {
    expectError(await get(host, `/v1/payment_intents/${openA.id}`, asB), 404, "resource_missing");
    expectError(await post(host, `/v1/payment_intents/${openA.id}/cancel`, {}, asB), 404, "resource_missing");
    expectError(await post(host, `/v1/payment_intents/${openA.id}`, { amount: 10_000 }, asB), 404, "resource_missing");
    expectError(await post(host, "/v1/refunds", { payment_intent: paidA.id, amount: 100 }, asB), 404, "resource_missing");
    expectError(await post(host, "/v1/client_tokens", { session: openA.id }, asB), 404, "resource_missing");
    // Merchant A still sees both, untouched.
    const open = await get(host, `/v1/payment_intents/${openA.id}`, asA);
    assert.equal(open.status, 200, open.text);
    assert.equal(open.body.status, "requires_payment_method");
    assert.deepEqual(open.body.metadata, { owner: "a" });
    const paid = (await get(host, `/v1/payment_intents/${paidA.id}`, asA)).body;
    assert.equal(paid.status, "succeeded");
    assert.equal(paid.amount_refunded, 0);
  });

  test("a client token of merchant A with merchant B's publishable key → 403 client_token_foreign", async () => {
    const response = await frameCall(host, "GET", "/session", { token: openA.client_token, publishableKey: keysB.publishableKey, parentOrigin: ORIGIN_B });
    expectError(response, 403, "client_token_foreign", { type: "authentication_error" });
    const confirmAttempt = await frameCall(host, "POST", "/payment_intents/confirm", {
      token: openA.client_token,
      publishableKey: keysB.publishableKey,
      parentOrigin: ORIGIN_B,
      body: { card: card(cards.visa) },
    });
    expectError(confirmAttempt, 403, "client_token_foreign");
    assert.equal((await get(host, `/v1/payment_intents/${openA.id}`, asA)).body.status, "requires_payment_method");
  });

  test("merchant A's frames refuse merchant B's origin, and work on A's own", async () => {
    expectError(await frameCall(host, "GET", "/session", { token: openA.client_token, publishableKey: keysA.publishableKey, parentOrigin: ORIGIN_B }), 403, "origin_not_allowed");
    const own = await frameCall(host, "GET", "/session", { token: openA.client_token, publishableKey: keysA.publishableKey, parentOrigin: ORIGIN_A });
    assert.equal(own.status, 200, own.text);
    assert.deepEqual(own.body.merchant, { name: "Merchant A" });
  });

  test("each merchant's frame page allows only its own origins", async () => {
    const policy = async (pk: string): Promise<string> => (await fetch(`${host.url}/frames/checkout.html?pk=${pk}`)).headers.get("content-security-policy") ?? "";
    const a = await policy(keysA.publishableKey);
    const b = await policy(keysB.publishableKey);
    assert.match(a, new RegExp(`frame-ancestors ${ORIGIN_A}(;|$)`));
    assert.match(b, new RegExp(`frame-ancestors ${ORIGIN_B}(;|$)`));
  });

  test("idempotency keys are per merchant", async () => {
    const idempotencyKey = `shared-${Date.now()}`;
    const body = { amount: 5000, currency: "usd" };
    const a = await post(host, "/v1/payment_intents", body, { ...asA, headers: { "Idempotency-Key": idempotencyKey } });
    const b = await post(host, "/v1/payment_intents", body, { ...asB, headers: { "Idempotency-Key": idempotencyKey } });
    assert.equal(a.status, 200, a.text);
    assert.equal(b.status, 200, b.text);
    assert.notEqual(a.body.id, b.body.id);
    assert.equal(b.headers.get("idempotent-replayed"), null);
    // And another body under A's key on B is no conflict either.
    const other = await post(host, "/v1/payment_intents", { amount: 6000, currency: "usd" }, { ...asB, headers: { "Idempotency-Key": `${idempotencyKey}-b` } });
    assert.equal(other.status, 200);
  });

  test("one card gives different fingerprints at different merchants", async () => {
    const intent = await createIntent(host, { amount: 5000, currency: "usd" });
    assert.equal((await confirm(host, intent.client_token, card(cards.visa), { parentOrigin: ORIGIN_B })).status, 200);
    const fingerprintB = (await get(host, `/v1/payment_intents/${intent.id}`, asB)).body.payment_method.fingerprint;
    assert.equal(typeof fingerprintB, "string");
    assert.notEqual(fingerprintB, fingerprintA);
  });
});

describe("webhooks per merchant", () => {
  test("a merchant's webhook endpoint hears only its own merchant's events", async () => {
    const receiverA = await startWebhookReceiver();
    const receiverB = await startWebhookReceiver();
    try {
      assert.equal((await post(host, "/v1/webhook_endpoints", { url: receiverA.url, events: ["payment_intent.succeeded"] }, asA)).status, 200);
      assert.equal((await post(host, "/v1/webhook_endpoints", { url: receiverB.url, events: ["payment_intent.succeeded"] }, asB)).status, 200);
      const intentB = await createIntent(host, { amount: 5000, currency: "usd" });
      assert.equal((await confirm(host, intentB.client_token, card(cards.visa), { parentOrigin: ORIGIN_B })).status, 200);
      await waitFor(() => receiverB.deliveriesFor("payment_intent.succeeded", intentB.id)[0], 15_000, "merchant B's webhook");
      await sleep(1000);
      assert.equal(receiverA.deliveries.length, 0, "merchant A heard nothing of merchant B's payment");
    } finally {
      await receiverA.close();
      await receiverB.close();
    }
  });
});

describe("webhook endpoints per merchant", () => {
  test("another merchant's endpoint cannot be listed, retrieved, rotated or deleted (404; as a list cursor, 400)", async () => {
    const mine = await post(host, "/v1/webhook_endpoints", { url: "http://127.0.0.1:9/a-only", events: ["refund.created"] }, asA);
    assert.equal(mine.status, 200, mine.text);
    const id = mine.body.id as string;
    expectError(await get(host, `/v1/webhook_endpoints/${id}`, asB), 404, "resource_missing");
    expectError(await post(host, `/v1/webhook_endpoints/${id}/rotate_secret`, {}, asB), 404, "resource_missing");
    expectError(await call(host, "DELETE", `/v1/webhook_endpoints/${id}`, asB), 404, "resource_missing");
    expectError(await get(host, `/v1/webhook_endpoints?starting_after=${id}`, asB), 400, "resource_missing", { param: "starting_after" });
    const listB = await get(host, "/v1/webhook_endpoints?limit=100", asB);
    assert.ok(!listB.body.data.some((each: { id: string }) => each.id === id), "not in the other merchant's list");
    // Still A's, untouched.
    assert.equal((await get(host, `/v1/webhook_endpoints/${id}`, asA)).status, 200);
    assert.equal((await call(host, "DELETE", `/v1/webhook_endpoints/${id}`, asA)).status, 200);
  });
});

describe("client token lifetime (ENCLAVE_CLIENT_TOKEN_TTL_SECONDS=2)", () => {
  test("a token works, expires → 401 client_token_expired, and a fresh one works again", async () => {
    const created = Date.now();
    const intent = await createIntent(host, { amount: 5000, currency: "usd" });
    const lifetime = intent["client_token_expires_at"] - Math.floor(created / 1000);
    assert.ok(lifetime >= 1 && lifetime <= 3, `client_token_expires_at is about 2 s ahead (got ${lifetime} s)`);
    const fresh = await frameCall(host, "GET", "/session", { token: intent.client_token, parentOrigin: ORIGIN_B });
    assert.equal(fresh.status, 200, fresh.text);

    // client_token_expires_at is the expiry rounded down to the second.
    await sleep(Math.max(0, (intent["client_token_expires_at"] + 1) * 1000 + 200 - Date.now()));
    const expired = await frameCall(host, "GET", "/session", { token: intent.client_token, parentOrigin: ORIGIN_B });
    expectError(expired, 401, "client_token_expired", { type: "authentication_error" });
    expectError(await confirm(host, intent.client_token, card(cards.visa), { parentOrigin: ORIGIN_B }), 401, "client_token_expired");
    assert.equal((await get(host, `/v1/payment_intents/${intent.id}`)).body.status, "requires_payment_method", "an expired token charges nothing");

    // What fetchClientToken() does: the merchant backend mints a new one.
    const renewed = await post(host, "/v1/client_tokens", { session: intent.id });
    assert.equal(renewed.status, 200, renewed.text);
    const again = await confirm(host, renewed.body.client_token, card(cards.visa), { parentOrigin: ORIGIN_B });
    assert.equal(again.status, 200, again.text);
    assert.equal(again.body.status, "succeeded");
  });

  test("tokens minted before the restart keep their own (longer) lifetime", async () => {
    const response = await frameCall(host, "GET", "/session", { token: openA.client_token, publishableKey: keysA.publishableKey, parentOrigin: ORIGIN_A });
    assert.equal(response.status, 200, response.text);
  });
});
