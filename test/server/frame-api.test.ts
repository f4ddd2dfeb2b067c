/**
 * The frames' API (`/v1/frame/…`, Bearer ct_… + Enclave-Publishable-Key +
 * Enclave-Parent-Origin) of a real widget host process: resuming a session, every
 * sandbox card of CONTRACT.md, 3-D Secure, the card checks, what is kept of a card, and
 * that twenty concurrent confirms charge once.
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import {
  assertNoCardSecrets,
  type ApiResponse,
  type FrameOptions,
  card,
  cards,
  confirm,
  createIntent,
  expectError,
  frameCall,
  futureYear,
  get,
  post,
  SHOP_ORIGIN,
  sleep,
  waitFor,
} from "./support/api.js";
import { answerChallenge, challengeUrl } from "./support/three-d-secure.js";
import { startWebhookReceiver, type WebhookReceiver } from "./support/webhook-receiver.js";
import { randomKeys, startWidgetHost, type WidgetHostProcess } from "./support/widget-host.js";

const MERCHANT_NAME = "Frame Test Shop";
let host: WidgetHostProcess;
let receiver: WebhookReceiver;

before(async () => {
  receiver = await startWebhookReceiver();
  host = await startWidgetHost({ env: { ENCLAVE_ALLOWED_ORIGINS: SHOP_ORIGIN, ENCLAVE_MERCHANT_NAME: MERCHANT_NAME, ENCLAVE_WEBHOOK_ALLOW_PRIVATE: "1" } });
  const endpoint = await post(host, "/v1/webhook_endpoints", { url: receiver.url, events: ["payment_intent.succeeded", "payment_intent.payment_failed"] });
  assert.equal(endpoint.status, 200, endpoint.text);
});

after(async () => {
  await host?.dispose();
  await receiver?.close();
});

const session = (token: string | null, options: Partial<FrameOptions> = {}): Promise<ApiResponse> => frameCall(host, "GET", "/session", { token, ...options });

describe("frame session", () => {
  test("a valid token, publishable key and parent origin → the session and the merchant's name", async () => {
    const intent = await createIntent(host, { amount: 4200, currency: "eur" });
    const response = await session(intent.client_token);
    assert.equal(response.status, 200, response.text);
    assert.deepEqual(response.body, {
      session: { id: intent.id, object: "payment_intent", status: "requires_payment_method", amount: 4200, currency: "eur" },
      merchant: { name: MERCHANT_NAME },
    });
    assert.equal(response.headers.get("cache-control"), "no-store");
    assert.equal(response.headers.get("x-content-type-options"), "nosniff");
  });

  test("the host's own Origin is accepted (the frame's fetch sends it)", async () => {
    const intent = await createIntent(host);
    const response = await session(intent.client_token, { headers: { Origin: host.url } });
    assert.equal(response.status, 200, response.text);
  });

  test("no, malformed or tampered tokens → 401 client_token_invalid", async () => {
    const intent = await createIntent(host);
    const token = intent.client_token;
    // Each tamper really changes a character (the same fixed letter could already be there).
    const other = (character: string | undefined): string => (character === "A" ? "B" : "A");
    const last = other(token.at(-1));
    const tampered = [
      `${token.slice(0, -1)}${last}`,
      `${token.slice(0, 10)}${other(token[10])}${token.slice(11)}`,
      `${token}x`,
      token.slice(0, -1),
      "ct_short",
      "ct_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
      token.replace(/^ct_/, "xx_"),
    ];
    for (const candidate of tampered) {
      expectError(await session(candidate), 401, "client_token_invalid", { type: "authentication_error" });
    }
    expectError(await session(null), 401, "client_token_invalid");
    // Secret and publishable keys are not client tokens.
    expectError(await session(host.secretKey), 401, "client_token_invalid");
    expectError(await session(host.publishableKey), 401, "client_token_invalid");
  });

  test("a missing or unknown publishable key → 401 invalid_publishable_key", async () => {
    const intent = await createIntent(host);
    expectError(await session(intent.client_token, { publishableKey: null }), 401, "invalid_publishable_key");
    expectError(await session(intent.client_token, { publishableKey: randomKeys().publishableKey }), 401, "invalid_publishable_key");
    expectError(await session(intent.client_token, { publishableKey: host.secretKey }), 401, "invalid_publishable_key");
  });

  test("a parent origin that is not allowed → 403 origin_not_allowed", async () => {
    const intent = await createIntent(host);
    for (const parentOrigin of ["https://evil.example.com", "https://shop.example.com.evil.com", "http://shop.example.com", `${SHOP_ORIGIN}:443`, `${SHOP_ORIGIN}/`, "null", ""]) {
      expectError(await session(intent.client_token, { parentOrigin }), 403, "origin_not_allowed", { type: "authentication_error" });
    }
    expectError(await session(intent.client_token, { parentOrigin: null }), 403, "origin_not_allowed");
  });

  test("a page of another site calling the frame API (Origin header) → 403 origin_not_allowed", async () => {
    const intent = await createIntent(host);
    for (const origin of ["https://evil.example.com", SHOP_ORIGIN, "null"]) {
      expectError(await session(intent.client_token, { headers: { Origin: origin } }), 403, "origin_not_allowed");
      expectError(
        await frameCall(host, "POST", "/payment_intents/confirm", { token: intent.client_token, body: { card: card(cards.visa) }, headers: { Origin: origin } }),
        403,
        "origin_not_allowed",
      );
    }
    assert.equal((await get(host, `/v1/payment_intents/${intent.id}`)).body.status, "requires_payment_method", "nothing was charged");
  });

  test("a canceled session → 409 session_not_open", async () => {
    const intent = await createIntent(host);
    await post(host, `/v1/payment_intents/${intent.id}/cancel`, {});
    expectError(await session(intent.client_token), 409, "session_not_open");
  });

  test("a paid session → 409 session_not_open", async () => {
    const intent = await createIntent(host);
    assert.equal((await confirm(host, intent.client_token, card(cards.visa))).status, 200);
    expectError(await session(intent.client_token), 409, "session_not_open");
  });

  test("an unknown frame route → 404 route_not_found", async () => {
    const intent = await createIntent(host);
    expectError(await frameCall(host, "GET", "/nothing", { token: intent.client_token }), 404, "route_not_found");
  });
});

describe("confirm: the sandbox cards", () => {
  const successes: [string, string, string, RegExp][] = [
    ["Visa 4242 4242 4242 4242", cards.visa, "123", /^visa$/],
    ["Mastercard 5555 5555 5555 4444", cards.mastercard, "123", /^mastercard$/],
    ["Amex 3782 822463 10005 (4-digit CVC)", cards.amex, "1234", /^(amex|american[-_ ]express)$/],
  ];
  for (const [name, number, cvc, brand] of successes) {
    test(`${name} succeeds`, async () => {
      const intent = await createIntent(host, { amount: 2599, currency: "usd" });
      const response = await confirm(host, intent.client_token, card(number, { cvc }));
      assert.equal(response.status, 200, response.text);
      assert.equal(response.body.id, intent.id);
      assert.equal(response.body.status, "succeeded");
      assert.equal(response.body.amount, 2599);
      assert.equal(response.body.currency, "usd");
      assert.equal(response.body.next_action, null);
      assert.equal(response.body.last_payment_error, null);
      assertNoCardSecrets(response.text, number, cvc, "the confirm answer");
      const stored = await get(host, `/v1/payment_intents/${intent.id}`);
      assert.equal(stored.body.status, "succeeded");
      assert.match(stored.body.payment_method.brand, brand);
      assert.equal(stored.body.payment_method.last4, number.slice(-4));
    });
  }

  const declines: [string, string, string, string][] = [
    ["4000 0000 0000 0002", cards.declined, "card_declined", "generic_decline"],
    ["4000 0000 0000 9995", cards.insufficientFunds, "card_declined", "insufficient_funds"],
    ["4000 0000 0000 0069", cards.expired, "expired_card", "expired_card"],
    ["4000 0000 0000 0127", cards.incorrectCvc, "incorrect_cvc", "incorrect_cvc"],
  ];
  for (const [name, number, code, declineCode] of declines) {
    test(`${name} → 402 ${code} (${declineCode}); the intent waits for another card`, async () => {
      const intent = await createIntent(host);
      const response = await confirm(host, intent.client_token, card(number));
      const error = expectError(response, 402, code, { type: "card_error" });
      if (code === "card_declined") assert.equal(error.decline_code, declineCode);
      assertNoCardSecrets(response.text, number, "123", "the decline answer");
      const stored = (await get(host, `/v1/payment_intents/${intent.id}`)).body;
      assert.equal(stored.status, "requires_payment_method");
      assert.equal(stored.last_payment_error.code, code);
      if (code === "card_declined") assert.equal(stored.last_payment_error.decline_code, declineCode);
      // The session stays open for another try.
      assert.equal((await session(intent.client_token)).status, 200);
    });
  }

  test("a decline, then a good card, succeeds and clears the error", async () => {
    const intent = await createIntent(host);
    expectError(await confirm(host, intent.client_token, card(cards.insufficientFunds)), 402, "card_declined", { declineCode: "insufficient_funds" });
    const second = await confirm(host, intent.client_token, card(cards.mastercard));
    assert.equal(second.status, 200, second.text);
    assert.equal(second.body.status, "succeeded");
    const stored = (await get(host, `/v1/payment_intents/${intent.id}`)).body;
    assert.equal(stored.status, "succeeded");
    assert.equal(stored.last_payment_error, null);
    assert.equal(stored.payment_method.last4, "4444");
  });
});

describe("confirm: 3-D Secure (4000 0027 6000 3184)", () => {
  // Answered on the host's challenge page, by HTTP as the customer's browser does; the frame
  // API only tells where it stands (test/server/three-d-secure.test.ts has the hostile cases).
  test("requires_action with the host's challenge page, then Complete there → succeeded", async () => {
    const intent = await createIntent(host);
    const first = await confirm(host, intent.client_token, card(cards.threeDSecure));
    const url = challengeUrl(host, first);
    assert.deepEqual(Object.keys(first.body.next_action).sort(), ["type", "url"]);
    assert.equal((await get(host, `/v1/payment_intents/${intent.id}`)).body.status, "requires_action");
    assert.equal((await session(intent.client_token)).body.session.status, "requires_action");

    const done = await answerChallenge(url, "complete");
    assert.equal(done.status, 200, done.text);
    const learned = await frameCall(host, "GET", "/payment_intents/three_d_secure", { token: intent.client_token });
    assert.equal(learned.status, 200, learned.text);
    assert.equal(learned.body.status, "succeeded");
    assert.equal(learned.body.next_action, null);
    const stored = (await get(host, `/v1/payment_intents/${intent.id}`)).body;
    assert.equal(stored.status, "succeeded");
    assert.equal(stored.payment_method.last4, "3184");
  });

  test("Fail → payment_intent_authentication_failure, back to requires_payment_method, then another card works", async () => {
    const intent = await createIntent(host);
    const url = challengeUrl(host, await confirm(host, intent.client_token, card(cards.threeDSecure)));
    assert.equal((await answerChallenge(url, "fail")).status, 200);
    const learned = await frameCall(host, "GET", "/payment_intents/three_d_secure", { token: intent.client_token });
    assert.equal(learned.body.status, "requires_payment_method");
    assert.equal(learned.body.last_payment_error.code, "payment_intent_authentication_failure");
    const stored = (await get(host, `/v1/payment_intents/${intent.id}`)).body;
    assert.equal(stored.status, "requires_payment_method");
    assert.equal(stored.last_payment_error.code, "payment_intent_authentication_failure");
    // Nothing waits for authentication any more.
    assert.equal((await answerChallenge(url, "complete")).status, 410);
    const retry = await confirm(host, intent.client_token, card(cards.visa));
    assert.equal(retry.body.status, "succeeded");
  });

  test("the frame API no longer takes an outcome: { outcome } cannot complete or fail a payment", async () => {
    const intent = await createIntent(host);
    for (const body of [{ outcome: "complete" }, { outcome: "fail" }, {}]) {
      const response = await frameCall(host, "POST", "/payment_intents/three_d_secure", { token: intent.client_token, body });
      expectError(response, 404, "route_not_found");
    }
    assert.equal((await get(host, `/v1/payment_intents/${intent.id}`)).body.status, "requires_payment_method");
  });

  test("abandon without a pending challenge changes nothing", async () => {
    const intent = await createIntent(host);
    const response = await frameCall(host, "POST", "/payment_intents/three_d_secure/abandon", { token: intent.client_token, body: {} });
    assert.equal(response.status, 200, response.text);
    assert.equal(response.body.status, "requires_payment_method");
    assert.equal(response.body.last_payment_error, null);
  });

  test("completing 3-D Secure after the merchant canceled → refused, the intent stays canceled", async () => {
    const intent = await createIntent(host);
    const url = challengeUrl(host, await confirm(host, intent.client_token, card(cards.threeDSecure)));
    const canceled = await post(host, `/v1/payment_intents/${intent.id}/cancel`, {});
    assert.equal(canceled.body.status, "canceled");
    assert.equal((await answerChallenge(url, "complete")).status, 410);
    assert.equal((await get(host, `/v1/payment_intents/${intent.id}`)).body.status, "canceled");
  });
});

describe("confirm: card checks on the server", () => {
  test("a number that fails Luhn → 402 incorrect_number (param card.number)", async () => {
    const intent = await createIntent(host);
    for (const number of ["4242424242424241", "1234567812345678", "5555555555554440"]) {
      expectError(await confirm(host, intent.client_token, card(number)), 402, "incorrect_number", { param: "card.number", type: "card_error" });
    }
    assert.equal((await get(host, `/v1/payment_intents/${intent.id}`)).body.payment_method, null, "a refused number is not kept");
  });

  test("an expiry in the past → 402 invalid_expiry_year", async () => {
    const intent = await createIntent(host);
    const now = new Date();
    expectError(await confirm(host, intent.client_token, card(cards.visa, { exp_year: now.getUTCFullYear() - 1 })), 402, "invalid_expiry_year", { param: "card.exp_year" });
    expectError(await confirm(host, intent.client_token, card(cards.visa, { exp_month: 1, exp_year: 2020 })), 402, "invalid_expiry_year");
    // The current month is still valid.
    const current = await confirm(host, intent.client_token, card(cards.visa, { exp_month: now.getUTCMonth() + 1, exp_year: now.getUTCFullYear() }));
    assert.equal(current.status, 200, current.text);
  });

  test("a CVC of the wrong length for the brand → 402 invalid_cvc", async () => {
    const intent = await createIntent(host);
    expectError(await confirm(host, intent.client_token, card(cards.visa, { cvc: "1234" })), 402, "invalid_cvc", { param: "card.cvc" });
    expectError(await confirm(host, intent.client_token, card(cards.amex, { cvc: "123" })), 402, "invalid_cvc", { param: "card.cvc" });
    assert.equal((await get(host, `/v1/payment_intents/${intent.id}`)).body.status, "requires_payment_method");
  });

  test("malformed card fields → 400 with the field named", async () => {
    const intent = await createIntent(host);
    const bad: [Record<string, unknown>, string, string][] = [
      [{ ...card(cards.visa), number: "4242 4242 4242 4242" }, "parameter_invalid", "card.number"],
      [{ ...card(cards.visa), number: 4242424242424242 }, "parameter_invalid", "card.number"],
      [{ ...card(cards.visa), cvc: "12" }, "parameter_invalid", "card.cvc"],
      [{ ...card(cards.visa), exp_month: 13 }, "parameter_invalid", "card.exp_month"],
      [{ ...card(cards.visa), exp_month: "12" }, "parameter_invalid", "card.exp_month"],
      [{ ...card(cards.visa), extra: "x" }, "parameter_unknown", "card.extra"],
      [{ number: cards.visa, exp_month: 12, exp_year: futureYear }, "parameter_missing", "card.cvc"],
    ];
    for (const [details, code, param] of bad) {
      expectError(await frameCall(host, "POST", "/payment_intents/confirm", { token: intent.client_token, body: { card: details } }), 400, code, { param });
    }
    expectError(await frameCall(host, "POST", "/payment_intents/confirm", { token: intent.client_token, body: {} }), 400, "parameter_missing", { param: "card" });
    expectError(await frameCall(host, "POST", "/payment_intents/confirm", { token: intent.client_token, body: { card: card(cards.visa), save: true } }), 400, "parameter_unknown", {
      param: "save",
    });
    assert.equal((await get(host, `/v1/payment_intents/${intent.id}`)).body.status, "requires_payment_method");
  });
});

describe("what is kept of a card", () => {
  test("the merchant sees brand, last 4, expiry and a fingerprint — never the number or the CVC", async () => {
    const intent = await createIntent(host);
    const details = card(cards.mastercard, { cvc: "987", exp_month: 7 });
    assert.equal((await confirm(host, intent.client_token, details)).status, 200);
    const response = await get(host, `/v1/payment_intents/${intent.id}`);
    const method = response.body.payment_method;
    assert.deepEqual(Object.keys(method).sort(), ["brand", "exp_month", "exp_year", "fingerprint", "last4"]);
    assert.equal(method.brand, "mastercard");
    assert.equal(method.last4, "4444");
    assert.equal(method.exp_month, 7);
    assert.equal(method.exp_year, futureYear);
    assert.match(method.fingerprint, /^[0-9a-f]{16,64}$/);
    assertNoCardSecrets(response.text, details.number, details.cvc, "GET /v1/payment_intents/:id");
    assert.ok(!response.text.includes(details.postal_code ?? "94107"), "nor the postal code");
    const events = await waitFor(() => receiver.deliveriesFor("payment_intent.succeeded", intent.id)[0], 10_000, "the payment_intent.succeeded webhook");
    assertNoCardSecrets(events.body, details.number, details.cvc, "the webhook payload");
  });

  test("the same card gets the same fingerprint on two payments; another card another one", async () => {
    const fingerprint = async (number: string): Promise<string> => {
      const intent = await createIntent(host);
      assert.equal((await confirm(host, intent.client_token, card(number))).status, 200);
      return (await get(host, `/v1/payment_intents/${intent.id}`)).body.payment_method.fingerprint;
    };
    const first = await fingerprint(cards.visa);
    assert.equal(await fingerprint(cards.visa), first);
    assert.notEqual(await fingerprint(cards.mastercard), first);
  });

  test("a declined card's answer and record carry no number either", async () => {
    const intent = await createIntent(host);
    const response = await confirm(host, intent.client_token, card(cards.declined, { cvc: "731" }));
    assertNoCardSecrets(response.text, cards.declined, "731", "the decline");
    const stored = await get(host, `/v1/payment_intents/${intent.id}`);
    assertNoCardSecrets(stored.text, cards.declined, "731", "the declined intent");
  });
});

describe("exactly once", () => {
  test("20 concurrent confirms → one charge: all succeed, one payment_intent.succeeded webhook", async () => {
    const intent = await createIntent(host, { amount: 9900, currency: "usd" });
    const answers = await Promise.all(Array.from({ length: 20 }, () => confirm(host, intent.client_token, card(cards.visa))));
    for (const answer of answers) {
      assert.equal(answer.status, 200, answer.text);
      assert.equal(answer.body.status, "succeeded");
      assert.equal(answer.body.id, intent.id);
    }
    await waitFor(() => receiver.deliveriesFor("payment_intent.succeeded", intent.id).length > 0, 10_000, "the payment_intent.succeeded webhook");
    // Give any duplicate time to arrive (the dispatcher polls every 250 ms).
    await sleep(2000);
    assert.equal(receiver.deliveriesFor("payment_intent.succeeded", intent.id).length, 1);
  });

  test("a second confirm after success does not charge again, whatever card it carries", async () => {
    const intent = await createIntent(host);
    assert.equal((await confirm(host, intent.client_token, card(cards.visa))).body.status, "succeeded");
    const again = await confirm(host, intent.client_token, card(cards.declined));
    assert.equal(again.status, 200, again.text);
    assert.equal(again.body.status, "succeeded");
    const stored = (await get(host, `/v1/payment_intents/${intent.id}`)).body;
    assert.equal(stored.payment_method.last4, "4242");
    await waitFor(() => receiver.deliveriesFor("payment_intent.succeeded", intent.id).length > 0, 10_000, "the webhook");
    await sleep(1000);
    assert.equal(receiver.deliveriesFor("payment_intent.succeeded", intent.id).length, 1);
    assert.equal(receiver.deliveriesFor("payment_intent.payment_failed", intent.id).length, 0);
  });

  test("confirm after cancel → 409 session_not_open, nothing charged", async () => {
    const intent = await createIntent(host);
    await post(host, `/v1/payment_intents/${intent.id}/cancel`, {});
    expectError(await confirm(host, intent.client_token, card(cards.visa)), 409, "session_not_open");
    const stored = (await get(host, `/v1/payment_intents/${intent.id}`)).body;
    assert.equal(stored.status, "canceled");
    assert.equal(stored.payment_method, null);
  });
});
