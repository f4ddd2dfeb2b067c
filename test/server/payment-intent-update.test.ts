/**
 * Live amounts (CONTRACT v1.1 "Checkout"): `POST /v1/payment_intents/:id` changes an intent
 * the customer has not paid yet, on a real widget host process; a confirm for a total the
 * customer did not see is refused and charges nothing, even when the change and the
 * confirm race.
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { card, cards, confirm, createIntent, expectError, frameCall, get, post, SHOP_ORIGIN } from "./support/api.js";
import { startWidgetHost, type WidgetHostProcess } from "./support/widget-host.js";

let host: WidgetHostProcess;

before(async () => {
  host = await startWidgetHost({ env: { ENCLAVE_ALLOWED_ORIGINS: SHOP_ORIGIN } });
});
after(() => host.dispose());

const confirmShowing = (token: string, amount: number) => frameCall(host, "POST", "/payment_intents/confirm", { token, body: { card: card(cards.visa), amount } });

describe("POST /v1/payment_intents/:id", () => {
  test("changes the amount, description and metadata of an open intent; the frame's session shows the new amount", async () => {
    const intent = await createIntent(host, { amount: 4900, currency: "usd", description: "Cart", metadata: { order: "1" } });
    const updated = await post(host, `/v1/payment_intents/${intent.id}`, { amount: 7800, description: "Cart with shipping", metadata: { order: "1", coupon: "none" } });
    assert.equal(updated.status, 200, updated.text);
    assert.equal(updated.body.amount, 7800);
    assert.equal(updated.body.currency, "usd");
    assert.equal(updated.body.description, "Cart with shipping");
    assert.deepEqual(updated.body.metadata, { order: "1", coupon: "none" });
    assert.equal(updated.body.status, "requires_payment_method");
    assert.equal((await get(host, `/v1/payment_intents/${intent.id}`)).body.amount, 7800);
    const session = await frameCall(host, "GET", "/session", { token: intent.client_token });
    assert.equal(session.body.session.amount, 7800);
  });

  test("an empty body changes nothing; a field left out stays as it was", async () => {
    const intent = await createIntent(host, { amount: 4900, currency: "usd", description: "Keep me" });
    assert.equal((await post(host, `/v1/payment_intents/${intent.id}`, {})).body.amount, 4900);
    const amountOnly = await post(host, `/v1/payment_intents/${intent.id}`, { amount: 5100 });
    assert.equal(amountOnly.body.description, "Keep me");
    assert.equal(amountOnly.body.amount, 5100);
  });

  test("bad bodies are refused with the field named, and nothing changes", async () => {
    const intent = await createIntent(host, { amount: 4900, currency: "usd" });
    expectError(await post(host, `/v1/payment_intents/${intent.id}`, { amount: 10 }), 400, "parameter_invalid", { param: "amount" });
    expectError(await post(host, `/v1/payment_intents/${intent.id}`, { amount: 49.5 }), 400, "parameter_invalid", { param: "amount" });
    expectError(await post(host, `/v1/payment_intents/${intent.id}`, { currency: "eur" }), 400, "parameter_unknown", { param: "currency" });
    expectError(await post(host, `/v1/payment_intents/${intent.id}`, { description: "x".repeat(501) }), 400, "parameter_invalid", { param: "description" });
    assert.equal((await get(host, `/v1/payment_intents/${intent.id}`)).body.amount, 4900);
    expectError(await post(host, "/v1/payment_intents/pi_doesnotexist00", { amount: 5000 }), 404, "resource_missing");
  });

  test("a paid, canceled or authenticating intent keeps its amount (409)", async () => {
    const paid = await createIntent(host, { amount: 4900, currency: "usd" });
    assert.equal((await confirm(host, paid.client_token, card(cards.visa))).status, 200);
    expectError(await post(host, `/v1/payment_intents/${paid.id}`, { amount: 100 }), 409, "payment_intent_unexpected_state");

    const canceled = await createIntent(host, { amount: 4900, currency: "usd" });
    assert.equal((await post(host, `/v1/payment_intents/${canceled.id}/cancel`, {})).status, 200);
    expectError(await post(host, `/v1/payment_intents/${canceled.id}`, { amount: 100 }), 409, "payment_intent_unexpected_state");

    const challenged = await createIntent(host, { amount: 4900, currency: "usd" });
    assert.equal((await confirm(host, challenged.client_token, card(cards.threeDSecure))).body.status, "requires_action");
    expectError(await post(host, `/v1/payment_intents/${challenged.id}`, { amount: 100 }), 409, "payment_intent_unexpected_state");
    assert.equal((await get(host, `/v1/payment_intents/${challenged.id}`)).body.amount, 4900);
  });

  test("after a decline the intent is open again and can be updated", async () => {
    const intent = await createIntent(host, { amount: 4900, currency: "usd" });
    assert.equal((await confirm(host, intent.client_token, card(cards.declined))).status, 402);
    assert.equal((await post(host, `/v1/payment_intents/${intent.id}`, { amount: 5900 })).body.amount, 5900);
  });
});

describe("confirm with the amount the customer saw", () => {
  test("a stale total is refused with amount_changed and nothing is charged; the new total pays", async () => {
    const intent = await createIntent(host, { amount: 4900, currency: "usd" });
    assert.equal((await post(host, `/v1/payment_intents/${intent.id}`, { amount: 7800 })).status, 200);
    const stale = await confirmShowing(intent.client_token, 4900);
    expectError(stale, 409, "amount_changed", { param: "amount" });
    const after = (await get(host, `/v1/payment_intents/${intent.id}`)).body;
    assert.equal(after.status, "requires_payment_method", "nothing was charged");
    assert.equal(after.payment_method, null);
    const paid = await confirmShowing(intent.client_token, 7800);
    assert.equal(paid.status, 200, paid.text);
    assert.equal(paid.body.status, "succeeded");
    assert.equal(paid.body.amount, 7800);
  });

  test("a change racing a confirm: the customer is charged only a total they saw", async () => {
    for (let round = 0; round < 8; round++) {
      const intent = await createIntent(host, { amount: 4900, currency: "usd" });
      const [paying, updating] = await Promise.all([confirmShowing(intent.client_token, 4900), post(host, `/v1/payment_intents/${intent.id}`, { amount: 7800 })]);
      const final = (await get(host, `/v1/payment_intents/${intent.id}`)).body;
      if (paying.status === 200) {
        // The confirm went first: paid 49.00, and the change came too late.
        assert.equal(final.status, "succeeded");
        assert.equal(final.amount, 4900);
        expectError(updating, 409, "payment_intent_unexpected_state");
      } else {
        // The change went first: nothing charged, the new total waits for the customer.
        expectError(paying, 409, "amount_changed");
        assert.equal(updating.status, 200);
        assert.equal(final.status, "requires_payment_method");
        assert.equal(final.amount, 7800);
      }
    }
  });
});
