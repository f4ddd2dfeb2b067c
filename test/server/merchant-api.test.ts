/**
 * The merchant API (`/v1`, Bearer sk_…) of a real widget host process: authentication,
 * the error envelope, allowed origins, payment intents, what every bad body gets,
 * idempotency, client tokens and refunds — as a merchant's backend meets them over HTTP.
 */
import assert from "node:assert/strict";
import { connect } from "node:net";
import { after, before, describe, test } from "node:test";
import { asApiResponse, call, card, cards, confirm, createIntent, expectError, frameCall, get, paidIntent, post, rawRequest, SHOP_ORIGIN } from "./support/api.js";
import { waitFor } from "../support/wait.js";
import { dpopHeader } from "./support/dpop.js";
import { randomKeys, startWidgetHost, type WidgetHostProcess } from "./support/widget-host.js";

const seed = randomKeys();
const MERCHANT_NAME = "Test Shop";
let host: WidgetHostProcess;

before(async () => {
  host = await startWidgetHost({
    seed,
    env: { ENCLAVE_ALLOWED_ORIGINS: `${SHOP_ORIGIN}/, http://localhost:3000`, ENCLAVE_MERCHANT_NAME: MERCHANT_NAME, ENCLAVE_WEBHOOK_ALLOW_PRIVATE: "1" },
  });
});

after(async () => {
  await host?.dispose();
});

describe("seeded bootstrap", () => {
  test("the host prints and accepts the seeded keys", async () => {
    assert.equal(host.publishableKey, seed.publishableKey);
    assert.equal(host.secretKey, seed.secretKey);
    assert.match(host.stdout(), new RegExp(`publishable key: ${seed.publishableKey}\\b`));
    assert.match(host.stdout(), new RegExp(`secret key: ${seed.secretKey}\\b`));
    const response = await get(host, "/v1/allowed_origins");
    assert.equal(response.status, 200, response.text);
  });

  test("the seeded origins are listed, trailing slash and spaces removed", async () => {
    const response = await get(host, "/v1/allowed_origins");
    assert.equal(response.body.object, "list");
    const origins = response.body.data.map((entry: { origin: string }) => entry.origin);
    assert.ok(origins.includes(SHOP_ORIGIN), JSON.stringify(origins));
    assert.ok(origins.includes("http://localhost:3000"), JSON.stringify(origins));
    for (const entry of response.body.data) {
      assert.equal(entry.object, "allowed_origin");
      assert.equal(typeof entry.created, "number");
    }
  });
});

describe("authentication", () => {
  test("no Authorization header → 401 authentication_required", async () => {
    const error = expectError(await get(host, "/v1/allowed_origins", { key: null }), 401, "authentication_required", { type: "authentication_error" });
    assert.match(error.message, /secret key/i);
  });

  test("a malformed Authorization header → 401 authentication_required", async () => {
    for (const header of ["Basic dXNlcjpwYXNz", "Bearer", "Bearer ", `Token ${host.secretKey}`, `Bearer ${host.secretKey} extra`]) {
      expectError(await get(host, "/v1/allowed_origins", { key: null, headers: { Authorization: header } }), 401, "authentication_required");
    }
  });

  test("the auth scheme is case-insensitive (RFC 9110 §11.1): `bearer sk_…` works", async () => {
    const response = await get(host, "/v1/allowed_origins", { key: null, headers: { Authorization: `bearer ${host.secretKey}` } });
    assert.equal(response.status, 200, response.text);
  });

  test("an unknown or malformed secret key → 401 invalid_api_key", async () => {
    for (const key of [randomKeys().secretKey, "sk_test_short", "sk_test_not-base62!", "garbage", "sk_live_AAAAAAAAAAAAAAAAAAAAAAAA"]) {
      expectError(await get(host, "/v1/allowed_origins", { key }), 401, "invalid_api_key", { type: "authentication_error" });
    }
  });

  test("the publishable key given as a secret key → 401 invalid_api_key", async () => {
    const error = expectError(await get(host, "/v1/allowed_origins", { key: host.publishableKey }), 401, "invalid_api_key");
    assert.match(error.message, /secret key/i);
    expectError(await post(host, "/v1/payment_intents", { amount: 5000, currency: "usd" }, { key: host.publishableKey }), 401, "invalid_api_key");
  });

  test("every merchant route refuses a call without a key", async () => {
    const routes: [string, string][] = [
      ["GET", "/v1/allowed_origins"],
      ["POST", "/v1/allowed_origins"],
      ["POST", "/v1/payment_intents"],
      ["GET", "/v1/payment_intents/pi_12345678"],
      ["POST", "/v1/payment_intents/pi_12345678/cancel"],
      ["POST", "/v1/refunds"],
      ["POST", "/v1/client_tokens"],
      ["POST", "/v1/webhook_endpoints"],
    ];
    for (const [method, path] of routes) {
      expectError(await call(host, method, path, { key: null, ...(method === "POST" ? { body: {} } : {}) }), 401, "authentication_required");
    }
  });

  test("a client token is not a secret key", async () => {
    const intent = await createIntent(host);
    expectError(await get(host, `/v1/payment_intents/${intent.id}`, { key: intent.client_token }), 401, "invalid_api_key");
  });
});

describe("routing and the error envelope", () => {
  test("an unknown route → 404 route_not_found in the envelope", async () => {
    expectError(await get(host, "/v1/does_not_exist"), 404, "route_not_found", { type: "invalid_request_error" });
    expectError(await post(host, "/v1/charges", { amount: 5000 }), 404, "route_not_found");
    expectError(await get(host, "/nothing/here", { key: null }), 404, "route_not_found");
  });

  test("a known path with a method it does not take → 404 or 405 in the envelope", async () => {
    const response = await call(host, "DELETE", "/v1/payment_intents");
    assert.ok(response.status === 404 || response.status === 405, response.text);
    expectError(response, response.status, response.status === 404 ? "route_not_found" : "method_not_allowed");
  });

  test("API answers are JSON that browsers may not sniff or cache", async () => {
    const response = await get(host, "/v1/allowed_origins");
    assert.match(response.headers.get("content-type") ?? "", /^application\/json/);
    assert.equal(response.headers.get("x-content-type-options"), "nosniff");
    assert.equal(response.headers.get("cache-control"), "no-store");
    const failure = await get(host, "/v1/allowed_origins", { key: null });
    assert.equal(failure.headers.get("x-content-type-options"), "nosniff");
    assert.equal(failure.headers.get("cache-control"), "no-store");
  });
});

describe("allowed origins", () => {
  test("POST adds an origin and GET lists it", async () => {
    const added = await post(host, "/v1/allowed_origins", { origin: "https://new-shop.example.org:8443" });
    assert.equal(added.status, 200, added.text);
    assert.equal(added.body.object, "allowed_origin");
    assert.equal(added.body.origin, "https://new-shop.example.org:8443");
    assert.equal(typeof added.body.created, "number");
    const list = await get(host, "/v1/allowed_origins");
    assert.ok(list.body.data.some((entry: { origin: string }) => entry.origin === "https://new-shop.example.org:8443"));
  });

  test("adding the same origin twice keeps one entry", async () => {
    const first = await post(host, "/v1/allowed_origins", { origin: "http://twice.example.com" });
    const second = await post(host, "/v1/allowed_origins", { origin: "http://twice.example.com" });
    assert.equal(first.status, 200);
    assert.equal(second.status, 200);
    assert.deepEqual(second.body, first.body);
    const list = await get(host, "/v1/allowed_origins");
    assert.equal(list.body.data.filter((entry: { origin: string }) => entry.origin === "http://twice.example.com").length, 1);
  });

  test("anything that is not an http(s) origin → 400 parameter_invalid (param origin)", async () => {
    const invalid = [
      "https://shop.example.com/checkout",
      "https://shop.example.com/",
      "https://shop.example.com?x=1",
      "https://user@shop.example.com",
      "HTTPS://SHOP.EXAMPLE.COM",
      "ftp://shop.example.com",
      "javascript:alert(1)",
      "file:///etc/passwd",
      "data:text/html,hi",
      "shop.example.com",
      "garbage",
      "null",
      "*",
      "",
      `https://${"a".repeat(200)}.com`,
    ];
    for (const origin of invalid) {
      expectError(await post(host, "/v1/allowed_origins", { origin }), 400, "parameter_invalid", { param: "origin" });
    }
    const list = await get(host, "/v1/allowed_origins");
    for (const entry of list.body.data) assert.ok(!invalid.includes(entry.origin), `${entry.origin} must not have been added`);
  });

  test("a missing origin → parameter_missing; a wrong type → parameter_invalid; an extra field → parameter_unknown", async () => {
    expectError(await post(host, "/v1/allowed_origins", {}), 400, "parameter_missing", { param: "origin" });
    expectError(await post(host, "/v1/allowed_origins", { origin: 42 }), 400, "parameter_invalid", { param: "origin" });
    expectError(await post(host, "/v1/allowed_origins", { origin: "https://a.example.com", note: "x" }), 400, "parameter_unknown", { param: "note" });
  });
});

describe("payment intents", () => {
  test("create returns the intent and its first client token", async () => {
    const before = Math.floor(Date.now() / 1000);
    const response = await post(host, "/v1/payment_intents", { amount: 4900, currency: "eur", description: "Order #1", metadata: { order_id: "1" } });
    assert.equal(response.status, 200, response.text);
    const intent = response.body;
    assert.match(intent.id, /^pi_[A-Za-z0-9]+$/);
    assert.equal(intent.object, "payment_intent");
    assert.equal(intent.status, "requires_payment_method");
    assert.equal(intent.amount, 4900);
    assert.equal(intent.amount_refunded, 0);
    assert.equal(intent.currency, "eur");
    assert.equal(intent.description, "Order #1");
    assert.deepEqual(intent.metadata, { order_id: "1" });
    assert.equal(intent.payment_method, null);
    assert.equal(intent.last_payment_error, null);
    assert.ok(intent.created >= before - 5 && intent.created <= before + 60, `created ${intent.created}`);
    assert.match(intent.client_token, /^ct_[A-Za-z0-9_-]{16,}$/);
    // The default lifetime is minutes, not hours or seconds.
    const lifetime = intent.client_token_expires_at - before;
    assert.ok(lifetime >= 5 * 60 && lifetime <= 60 * 60, `client token lives ${lifetime} s`);
  });

  test("retrieve returns the same intent, without a client token", async () => {
    const created = await createIntent(host, { amount: 1234, currency: "usd" });
    const response = await get(host, `/v1/payment_intents/${created.id}`);
    assert.equal(response.status, 200, response.text);
    const { client_token: _token, client_token_expires_at: _expiry, ...shape } = created;
    assert.deepEqual(response.body, shape);
    assert.ok(!("client_token" in response.body));
  });

  test("an unknown or malformed id → 404 resource_missing", async () => {
    expectError(await get(host, "/v1/payment_intents/pi_DoesNotExist123456"), 404, "resource_missing", { param: "id" });
    expectError(await get(host, "/v1/payment_intents/not-an-id"), 404, "resource_missing");
    expectError(await get(host, `/v1/payment_intents/${encodeURIComponent("pi_x' OR '1'='1")}`), 404, "resource_missing");
  });

  const invalidAmounts: [string, unknown][] = [
    ["a float", 10.5],
    ["a negative number", -100],
    ["zero", 0],
    ["below 50", 49],
    ["above the maximum", 100_000_000],
    ["a string", "5000"],
    ["a boolean", true],
    ["null", null],
    ["an object", { value: 5000 }],
  ];
  for (const [what, amount] of invalidAmounts) {
    test(`amount as ${what} → 400 parameter_invalid (param amount)`, async () => {
      const response = await post(host, "/v1/payment_intents", { amount, currency: "usd" });
      // A Stripe-minded merchant would also accept amount_too_small below the minimum.
      let code = what === "below 50" && response.body?.error?.code === "amount_too_small" ? "amount_too_small" : "parameter_invalid";
      // An explicit null may fairly be read as "not given".
      if (amount === null && response.body?.error?.code === "parameter_missing") code = "parameter_missing";
      expectError(response, 400, code, { param: "amount", type: "invalid_request_error" });
    });
  }

  test("amount as a JSON number too large for a double (1e400) → 400 parameter_invalid", async () => {
    const response = await call(host, "POST", "/v1/payment_intents", { rawBody: '{"amount":1e400,"currency":"usd"}', headers: { "Content-Type": "application/json" } });
    expectError(response, 400, "parameter_invalid", { param: "amount" });
  });

  test("the smallest and largest amounts are accepted", async () => {
    assert.equal((await post(host, "/v1/payment_intents", { amount: 50, currency: "usd" })).status, 200);
    assert.equal((await post(host, "/v1/payment_intents", { amount: 99_999_999, currency: "usd" })).status, 200);
  });

  for (const currency of ["USD", "Usd", "us", "usdd", "12a", "", " usd"]) {
    test(`currency ${JSON.stringify(currency)} → 400 parameter_invalid (param currency)`, async () => {
      expectError(await post(host, "/v1/payment_intents", { amount: 5000, currency }), 400, "parameter_invalid", { param: "currency" });
    });
  }

  test("missing amount or currency → 400 parameter_missing naming it", async () => {
    expectError(await post(host, "/v1/payment_intents", { currency: "usd" }), 400, "parameter_missing", { param: "amount" });
    expectError(await post(host, "/v1/payment_intents", { amount: 5000 }), 400, "parameter_missing", { param: "currency" });
    expectError(await post(host, "/v1/payment_intents", {}), 400, "parameter_missing");
  });

  test("an unknown field → 400 parameter_unknown naming it, nothing created", async () => {
    const error = expectError(await post(host, "/v1/payment_intents", { amount: 5000, currency: "usd", customer: "cus_1" }), 400, "parameter_unknown", { param: "customer" });
    assert.match(error.message, /customer/);
    expectError(await post(host, "/v1/payment_intents", { amount: 5000, currency: "usd", Amount: 1 }), 400, "parameter_unknown", { param: "Amount" });
  });

  test("metadata and description are checked", async () => {
    expectError(await post(host, "/v1/payment_intents", { amount: 5000, currency: "usd", metadata: { order: 1 } }), 400, "parameter_invalid", { param: "metadata.order" });
    expectError(await post(host, "/v1/payment_intents", { amount: 5000, currency: "usd", metadata: "x" }), 400, "parameter_invalid", { param: "metadata" });
    expectError(await post(host, "/v1/payment_intents", { amount: 5000, currency: "usd", description: "x".repeat(501) }), 400, "parameter_invalid", { param: "description" });
    const tooMany = Object.fromEntries(Array.from({ length: 51 }, (_, index) => [`k${index}`, "v"]));
    expectError(await post(host, "/v1/payment_intents", { amount: 5000, currency: "usd", metadata: tooMany }), 400, "parameter_invalid", { param: "metadata" });
  });

  for (const currency of ["xxx", "xts", "xau", "abc", "zzz"]) {
    test(`currency ${currency}, three letters but no ISO 4217 means of payment → 400 parameter_invalid`, async () => {
      const error = expectError(await post(host, "/v1/payment_intents", { amount: 5000, currency }), 400, "parameter_invalid", { param: "currency" });
      assert.match(error.message, /ISO 4217/);
    });
  }

  test("zero- and three-decimal currencies are accepted and kept in their minor units", async () => {
    for (const [currency, amount] of [
      ["jpy", 1000],
      ["krw", 5000],
      ["kwd", 1250],
      ["eur", 1999],
    ] as const) {
      const response = await post(host, "/v1/payment_intents", { amount, currency });
      assert.equal(response.status, 200, response.text);
      assert.equal(response.body.currency, currency);
      assert.equal(response.body.amount, amount);
    }
  });

  test("a NUL byte or another control character in any text → 400 parameter_invalid naming the field", async () => {
    const cases: [unknown, string][] = [
      [{ amount: 5000, currency: "usd", description: "Order\u0000 42" }, "description"],
      [{ amount: 5000, currency: "usd", description: "bell\u0007" }, "description"],
      [{ amount: 5000, currency: "usd", metadata: { "order\u0000id": "1" } }, "metadata"],
      [{ amount: 5000, currency: "usd", metadata: { order: "1\u0000" } }, "metadata.order"],
      [{ amount: 5000, currency: "usd", description: "half \ud800 a pair" }, "description"],
    ];
    for (const [body, param] of cases) {
      const response = await post(host, "/v1/payment_intents", body);
      expectError(response, 400, "parameter_invalid", { param });
    }
    for (const [path, body, param] of [
      ["/v1/bank_link_sessions", { products: ["accounts"], customer_ref: "cust\u0000" }, "customer_ref"],
      ["/v1/identity_sessions", { type: "document", customer_ref: "cust\u001b[31m" }, "customer_ref"],
      ["/v1/webhook_endpoints", { url: "https://hooks.example.com/a\u0000b", events: ["refund.created"] }, "url"],
    ] as const) {
      expectError(await post(host, path, body), 400, "parameter_invalid", { param });
    }
  });

  test("line breaks and tabs in a description are kept", async () => {
    const description = "Line one\nLine two\twith a tab";
    const created = await post(host, "/v1/payment_intents", { amount: 5000, currency: "usd", description });
    assert.equal(created.status, 200, created.text);
    assert.equal((await get(host, `/v1/payment_intents/${created.body.id}`)).body.description, description);
  });

  test("cancel → canceled; a second cancel answers the canceled intent again", async () => {
    const intent = await createIntent(host);
    const first = await post(host, `/v1/payment_intents/${intent.id}/cancel`, {});
    assert.equal(first.status, 200, first.text);
    assert.equal(first.body.status, "canceled");
    assert.equal(first.body.id, intent.id);
    const second = await post(host, `/v1/payment_intents/${intent.id}/cancel`, {});
    assert.equal(second.status, 200, second.text);
    assert.equal(second.body.status, "canceled");
    assert.equal((await get(host, `/v1/payment_intents/${intent.id}`)).body.status, "canceled");
  });

  test("cancel without a body works; cancel with a parameter → parameter_unknown", async () => {
    const intent = await createIntent(host);
    expectError(await post(host, `/v1/payment_intents/${intent.id}/cancel`, { reason: "duplicate" }), 400, "parameter_unknown", { param: "reason" });
    const response = await call(host, "POST", `/v1/payment_intents/${intent.id}/cancel`);
    assert.equal(response.status, 200, response.text);
    assert.equal(response.body.status, "canceled");
  });

  test("cancel of an unknown intent → 404 resource_missing", async () => {
    expectError(await post(host, "/v1/payment_intents/pi_DoesNotExist123456/cancel", {}), 404, "resource_missing");
  });

  test("cancel after success → 409 payment_intent_unexpected_state, the payment stays", async () => {
    const intent = await paidIntent(host);
    expectError(await post(host, `/v1/payment_intents/${intent.id}/cancel`, {}), 409, "payment_intent_unexpected_state");
    assert.equal((await get(host, `/v1/payment_intents/${intent.id}`)).body.status, "succeeded");
  });
});

describe("request bodies", () => {
  const json = { "Content-Type": "application/json" };

  test("invalid JSON → 400 invalid_json", async () => {
    for (const rawBody of ['{"amount": 5000, "currency": "usd"', "{amount: 5000}", "{'a':1}", '{"a":1}}', "nul"]) {
      expectError(await call(host, "POST", "/v1/payment_intents", { rawBody, headers: json }), 400, "invalid_json", { param: undefined });
    }
  });

  test("JSON that is not an object → 400 invalid_request", async () => {
    for (const rawBody of ["[]", '[{"amount":5000,"currency":"usd"}]', '"amount"', "null", "42", "true"]) {
      expectError(await call(host, "POST", "/v1/payment_intents", { rawBody, headers: json }), 400, "invalid_request");
    }
  });

  test("a body that is not declared as JSON → 415 unsupported_media_type", async () => {
    const body = JSON.stringify({ amount: 5000, currency: "usd" });
    for (const type of ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/jsonp", "application/json-patch+json"]) {
      expectError(await call(host, "POST", "/v1/payment_intents", { rawBody: body, headers: { "Content-Type": type } }), 415, "unsupported_media_type");
    }
    // fetch's default for a string body is text/plain.
    expectError(await call(host, "POST", "/v1/payment_intents", { rawBody: body }), 415, "unsupported_media_type");
    const ok = await call(host, "POST", "/v1/payment_intents", { rawBody: body, headers: { "Content-Type": "application/json; charset=utf-8" } });
    assert.equal(ok.status, 200, ok.text);
  });

  test("a body over 64 KB with an honest Content-Length → 413 body_too_large", async () => {
    const body = JSON.stringify({ amount: 5000, currency: "usd", description: "x".repeat(70 * 1024) });
    const raw = await rawRequest(host, {
      method: "POST",
      path: "/v1/payment_intents",
      headers: { Authorization: `Bearer ${host.secretKey}`, "Content-Type": "application/json", "Content-Length": Buffer.byteLength(body) },
      body,
    });
    expectError(asApiResponse(raw), 413, "body_too_large");
    // Through fetch as well (which also sends Content-Length).
    expectError(await call(host, "POST", "/v1/payment_intents", { rawBody: body, headers: json }), 413, "body_too_large");
  });

  test("a chunked body over 64 KB without Content-Length → 413 body_too_large", async () => {
    const chunk = "x".repeat(8 * 1024);
    const chunks = ['{"amount":5000,"currency":"usd","description":"', ...Array.from({ length: 10 }, () => chunk), '"}'];
    const raw = await rawRequest(host, {
      method: "POST",
      path: "/v1/payment_intents",
      headers: { Authorization: `Bearer ${host.secretKey}`, "Content-Type": "application/json", "Transfer-Encoding": "chunked" },
      chunks,
    });
    expectError(asApiResponse(raw), 413, "body_too_large");
  });

  test("a chunked body under 64 KB is read whole", async () => {
    const raw = await rawRequest(host, {
      method: "POST",
      path: "/v1/payment_intents",
      headers: { Authorization: `Bearer ${host.secretKey}`, "Content-Type": "application/json", "Transfer-Encoding": "chunked" },
      chunks: ['{"amount":', "5000", ',"currency":"usd"}'],
    });
    assert.equal(raw.status, 200, raw.text);
    assert.equal(raw.body.amount, 5000);
  });

  test("UTF-8 text survives, even split across chunks inside a character", async () => {
    const description = "Café ☕ 日本 — naïve 🚀";
    const bytes = Buffer.from(JSON.stringify({ amount: 5000, currency: "usd", description, metadata: { note: "über" } }), "utf8");
    const split = bytes.indexOf(Buffer.from("☕", "utf8")) + 1;
    const raw = await rawRequest(host, {
      method: "POST",
      path: "/v1/payment_intents",
      headers: { Authorization: `Bearer ${host.secretKey}`, "Content-Type": "application/json", "Transfer-Encoding": "chunked" },
      chunks: [bytes.subarray(0, split), bytes.subarray(split)],
    });
    assert.equal(raw.status, 200, raw.text);
    const stored = await get(host, `/v1/payment_intents/${raw.body.id}`);
    assert.equal(stored.body.description, description);
    assert.deepEqual(stored.body.metadata, { note: "über" });
  });

  test("a body the client cuts off is one log line without a stack, and the host keeps answering", async () => {
    const path = "/v1/payment_intents";
    await new Promise<void>((resolve, reject) => {
      const socket = connect(host.port, "127.0.0.1", () => {
        socket.write(
          `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${host.secretKey}\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"amount":`,
        );
        setTimeout(() => {
          socket.destroy();
          resolve();
        }, 200);
      });
      socket.on("error", reject);
    });
    await waitFor(() => host.output().includes("closed the connection"), 5000, "the host's log to say it closed the connection", 25);
    // Access-log lines (msg "request", one per request) name the route too; the point here is one line for the abort.
    const lines = host
      .output()
      .split("\n")
      .filter((line) => (line.includes(path) && !line.includes('"msg":"request"')) || /^\s+at /.test(line));
    assert.deepEqual(lines.length, 1, lines.join("\n"));
    assert.match(lines[0] ?? "", /POST \/v1\/payment_intents: the client closed the connection/);
    assert.equal((await get(host, "/v1/allowed_origins")).status, 200);
  });

  test("the host still answers after refusing large bodies", async () => {
    assert.equal((await get(host, "/v1/allowed_origins")).status, 200);
  });

  test("deeply nested JSON is refused cleanly, not a 500", async () => {
    const depth = 20_000;
    const nestedArrays = `{"amount":5000,"currency":"usd","extra":${"[".repeat(depth)}${"]".repeat(depth)}}`;
    const arrays = await call(host, "POST", "/v1/payment_intents", { rawBody: nestedArrays, headers: json });
    assert.equal(arrays.status, 400, arrays.text.slice(0, 300));
    expectError(arrays, 400, arrays.body.error.code);
    assert.ok(["parameter_unknown", "invalid_json"].includes(arrays.body.error.code), arrays.body.error.code);

    const objects = `{"amount":5000,"currency":"usd","metadata":${'{"a":'.repeat(10_000)}"x"${"}".repeat(10_000)}}`;
    const nestedObjects = await call(host, "POST", "/v1/payment_intents", { rawBody: objects, headers: json });
    // The exact code is the business of the "metadata … checked" test; here: a clean 400 naming metadata.
    expectError(nestedObjects, 400, nestedObjects.body?.error?.code);
    assert.match(nestedObjects.body.error.param ?? "", /^metadata/);

    const top = await call(host, "POST", "/v1/payment_intents", { rawBody: `${"[".repeat(30_000)}${"]".repeat(30_000)}`, headers: json });
    assert.equal(top.status, 400, top.text.slice(0, 300));
    assert.equal((await get(host, "/v1/allowed_origins")).status, 200, "the host is still up");
  });

  test('"__proto__" and "constructor" keys are refused as unknown parameters, and pollute nothing', async () => {
    const proto = await call(host, "POST", "/v1/payment_intents", {
      rawBody: '{"__proto__": {"polluted": "yes", "status": "succeeded", "amount_refunded": 999}, "amount": 5000, "currency": "usd"}',
      headers: json,
    });
    expectError(proto, 400, "parameter_unknown", { param: "__proto__" });
    const constructor = await call(host, "POST", "/v1/payment_intents", {
      rawBody: '{"constructor": {"prototype": {"polluted": "yes"}}, "amount": 5000, "currency": "usd"}',
      headers: json,
    });
    expectError(constructor, 400, "parameter_unknown", { param: "constructor" });
    // Neither the host's objects nor later answers carry the injected fields.
    const fresh = await createIntent(host, { amount: 5000, currency: "usd" });
    assert.equal(fresh.status, "requires_payment_method");
    assert.equal(fresh.amount_refunded, 0);
    assert.ok(!("polluted" in fresh));
    assert.deepEqual(fresh.metadata, {});
    const list = await get(host, "/v1/allowed_origins");
    assert.ok(!list.text.includes("polluted"));
  });

  test('"__proto__" inside metadata is refused or kept as data, never dropped silently or merged into the prototype', async () => {
    const response = await call(host, "POST", "/v1/payment_intents", {
      rawBody: '{"amount": 5000, "currency": "usd", "metadata": {"__proto__": "x", "order": "7"}}',
      headers: json,
    });
    if (response.status === 400) {
      expectError(response, 400, response.body.error.code);
      return;
    }
    assert.equal(response.status, 200, response.text);
    const stored = await get(host, `/v1/payment_intents/${response.body.id}`);
    assert.equal(stored.body.metadata.order, "7");
    assert.ok(
      Object.prototype.hasOwnProperty.call(stored.body.metadata, "__proto__"),
      `metadata sent as {"__proto__":"x","order":"7"} came back as ${JSON.stringify(stored.body.metadata)}: the "__proto__" key was dropped without an error`,
    );
  });

  test('"__proto__" inside a nested strict object is refused naming its path', async () => {
    const intent = await createIntent(host);
    const response = await fetch(`${host.url}/v1/frame/payment_intents/confirm`, {
      method: "POST",
      headers: {
        Authorization: `Bearer ${intent.client_token}`,
        ...(await dpopHeader("POST", `${host.url}/v1/frame/payment_intents/confirm`, intent.client_token)),
        "Enclave-Publishable-Key": host.publishableKey,
        "Enclave-Parent-Origin": SHOP_ORIGIN,
        "Content-Type": "application/json",
      },
      body: `{"card": {"number": "4242424242424242", "exp_month": 12, "exp_year": ${new Date().getUTCFullYear() + 3}, "cvc": "123", "__proto__": {"admin": true}}}`,
    });
    const text = await response.text();
    expectError({ status: response.status, headers: response.headers, text, body: JSON.parse(text) }, 400, "parameter_unknown", { param: "card.__proto__" });
    assert.equal((await get(host, `/v1/payment_intents/${intent.id}`)).body.status, "requires_payment_method");
  });
});

describe("idempotency", () => {
  const key = (): string => `idem-${Math.random().toString(36).slice(2)}-${Date.now()}`;

  test("same key and body → the same answer, marked Idempotent-Replayed", async () => {
    const idempotencyKey = key();
    const body = { amount: 7000, currency: "usd", metadata: { cart: "42" } };
    const first = await post(host, "/v1/payment_intents", body, { headers: { "Idempotency-Key": idempotencyKey } });
    assert.equal(first.status, 200, first.text);
    assert.equal(first.headers.get("idempotent-replayed"), null);
    const second = await post(host, "/v1/payment_intents", body, { headers: { "Idempotency-Key": idempotencyKey } });
    assert.equal(second.status, 200, second.text);
    assert.equal(second.headers.get("idempotent-replayed"), "true");
    assert.match(second.headers.get("content-type") ?? "", /^application\/json/);
    assert.equal(second.body.id, first.body.id);
    // Issue 10: the store keeps no client token, so a replay carries a fresh one for the same session.
    const { client_token: firstToken, client_token_expires_at: firstExpiry, ...firstRest } = first.body;
    const { client_token: secondToken, client_token_expires_at: secondExpiry, ...secondRest } = second.body;
    assert.deepEqual(secondRest, firstRest);
    assert.match(secondToken, /^ct_[A-Za-z0-9_-]{43}$/);
    assert.notEqual(secondToken, firstToken);
    assert.ok(secondExpiry >= firstExpiry, "the fresh token lives as long as the first");
    for (const token of [firstToken, secondToken]) {
      const session = await frameCall(host, "GET", "/session", { token });
      assert.equal(session.status, 200, session.text);
      assert.equal(session.body.session.id, first.body.id);
    }
    assert.equal(second.headers.get("cache-control"), "no-store");
    assert.equal(second.headers.get("x-content-type-options"), "nosniff");
  });

  test("same key, another body → 409 idempotency_key_reused, nothing created", async () => {
    const idempotencyKey = key();
    const first = await post(host, "/v1/payment_intents", { amount: 7000, currency: "usd" }, { headers: { "Idempotency-Key": idempotencyKey } });
    assert.equal(first.status, 200);
    expectError(await post(host, "/v1/payment_intents", { amount: 7001, currency: "usd" }, { headers: { "Idempotency-Key": idempotencyKey } }), 409, "idempotency_key_reused", {
      type: "idempotency_error",
    });
    // The same key on another route is another request, too.
    expectError(await post(host, "/v1/allowed_origins", { origin: "https://idem.example.com" }, { headers: { "Idempotency-Key": idempotencyKey } }), 409, "idempotency_key_reused");
    const list = await get(host, "/v1/allowed_origins");
    assert.ok(!list.text.includes("https://idem.example.com"));
  });

  test("a refused request replays its error for the same key", async () => {
    const idempotencyKey = key();
    const first = await post(host, "/v1/payment_intents", { amount: 1, currency: "usd" }, { headers: { "Idempotency-Key": idempotencyKey } });
    expectError(first, 400, first.body.error.code, { param: "amount" });
    const second = await post(host, "/v1/payment_intents", { amount: 1, currency: "usd" }, { headers: { "Idempotency-Key": idempotencyKey } });
    assert.equal(second.status, 400);
    assert.deepEqual(second.body, first.body);
  });

  test("20 concurrent requests with one key → one payment intent, 20 identical answers", async () => {
    const idempotencyKey = key();
    const body = { amount: 2500, currency: "usd", description: "concurrent" };
    const answers = await Promise.all(Array.from({ length: 20 }, () => post(host, "/v1/payment_intents", body, { headers: { "Idempotency-Key": idempotencyKey } })));
    for (const answer of answers) assert.equal(answer.status, 200, answer.text);
    const ids = new Set(answers.map((answer) => answer.body.id));
    assert.equal(ids.size, 1, `expected one payment intent, got ${[...ids].join(", ")}`);
    // Each replay mints its own client token for that one intent (issue 10: none is kept in clear).
    const tokens = new Set(answers.map((answer) => answer.body.client_token));
    assert.equal(tokens.size, 20);
    assert.equal(answers.filter((answer) => answer.headers.get("idempotent-replayed") === "true").length, 19);
  });

  test("an invalid Idempotency-Key → 400 idempotency_key_invalid", async () => {
    const body = JSON.stringify({ amount: 5000, currency: "usd" });
    // Too long, not printable ASCII (space, tab, Latin-1 "é"), empty.
    for (const idempotencyKey of ["k".repeat(256), "has space", "tab\there", "clé-é", ""]) {
      const raw = await rawRequest(host, {
        method: "POST",
        path: "/v1/payment_intents",
        headers: { Authorization: `Bearer ${host.secretKey}`, "Content-Type": "application/json", "Idempotency-Key": idempotencyKey },
        body,
      });
      expectError(asApiResponse(raw), 400, "idempotency_key_invalid", { param: "Idempotency-Key" });
    }
    // UTF-8 bytes of a non-ASCII key, as a client that does not encode headers sends them.
    const utf8 = await rawRequest(host, {
      method: "POST",
      path: "/v1/payment_intents",
      headers: { Authorization: `Bearer ${host.secretKey}`, "Content-Type": "application/json", "Idempotency-Key": Buffer.from("ключ-1", "utf8").toString("latin1") },
      body,
    });
    expectError(asApiResponse(utf8), 400, "idempotency_key_invalid");
    const longest = await post(host, "/v1/payment_intents", { amount: 5000, currency: "usd" }, { headers: { "Idempotency-Key": "k".repeat(255) } });
    assert.equal(longest.status, 200, longest.text);
  });

  test("keys are not shared between routes' successes: a cancel with its own key replays", async () => {
    const intent = await createIntent(host);
    const idempotencyKey = key();
    const first = await post(host, `/v1/payment_intents/${intent.id}/cancel`, {}, { headers: { "Idempotency-Key": idempotencyKey } });
    const second = await post(host, `/v1/payment_intents/${intent.id}/cancel`, {}, { headers: { "Idempotency-Key": idempotencyKey } });
    assert.equal(first.status, 200);
    assert.equal(second.headers.get("idempotent-replayed"), "true");
    assert.deepEqual(second.body, first.body);
  });
});

describe("client tokens", () => {
  test("a fresh token for an open session works in the frame API", async () => {
    const intent = await createIntent(host);
    const response = await post(host, "/v1/client_tokens", { session: intent.id });
    assert.equal(response.status, 200, response.text);
    assert.equal(response.body.object, "client_token");
    assert.equal(response.body.session, intent.id);
    assert.match(response.body.client_token, /^ct_/);
    assert.notEqual(response.body.client_token, intent.client_token);
    assert.ok(response.body.expires_at > Date.now() / 1000);
    const session = await frameCall(host, "GET", "/session", { token: response.body.client_token });
    assert.equal(session.status, 200, session.text);
    assert.equal(session.body.session.id, intent.id);
  });

  test("a session in requires_action still gets a token", async () => {
    const intent = await createIntent(host);
    const pending = await confirm(host, intent.client_token, card(cards.threeDSecure));
    assert.equal(pending.body.status, "requires_action");
    assert.equal((await post(host, "/v1/client_tokens", { session: intent.id })).status, 200);
  });

  test("a canceled or succeeded session → 409 session_not_open", async () => {
    const canceled = await createIntent(host);
    await post(host, `/v1/payment_intents/${canceled.id}/cancel`, {});
    expectError(await post(host, "/v1/client_tokens", { session: canceled.id }), 409, "session_not_open", { param: "session" });
    const paid = await paidIntent(host);
    expectError(await post(host, "/v1/client_tokens", { session: paid.id }), 409, "session_not_open", { param: "session" });
  });

  test("an unknown session → 404 resource_missing; a malformed one → 400 parameter_invalid", async () => {
    expectError(await post(host, "/v1/client_tokens", { session: "pi_DoesNotExist123456" }), 404, "resource_missing");
    expectError(await post(host, "/v1/client_tokens", { session: "nope" }), 400, "parameter_invalid", { param: "session" });
    expectError(await post(host, "/v1/client_tokens", {}), 400, "parameter_missing", { param: "session" });
  });
});

describe("refunds", () => {
  test("partial, second partial, then the full remainder; amount_refunded follows", async () => {
    const intent = await paidIntent(host, 5000);
    const first = await post(host, "/v1/refunds", { payment_intent: intent.id, amount: 1000 });
    assert.equal(first.status, 200, first.text);
    assert.match(first.body.id, /^re_/);
    assert.equal(first.body.object, "refund");
    assert.equal(first.body.amount, 1000);
    assert.equal(first.body.currency, "usd");
    assert.equal(first.body.payment_intent, intent.id);
    assert.equal(first.body.status, "succeeded");
    assert.equal((await get(host, `/v1/payment_intents/${intent.id}`)).body.amount_refunded, 1000);

    const second = await post(host, "/v1/refunds", { payment_intent: intent.id, amount: 1500 });
    assert.equal(second.status, 200, second.text);
    assert.equal((await get(host, `/v1/payment_intents/${intent.id}`)).body.amount_refunded, 2500);

    const rest = await post(host, "/v1/refunds", { payment_intent: intent.id });
    assert.equal(rest.status, 200, rest.text);
    assert.equal(rest.body.amount, 2500);
    const after = (await get(host, `/v1/payment_intents/${intent.id}`)).body;
    assert.equal(after.amount_refunded, 5000);
    assert.equal(after.status, "succeeded");

    expectError(await post(host, "/v1/refunds", { payment_intent: intent.id }), 400, "refund_exceeds_amount", { param: "amount" });
    expectError(await post(host, "/v1/refunds", { payment_intent: intent.id, amount: 1 }), 400, "refund_exceeds_amount", { param: "amount" });
  });

  test("a refund above what is left → 400 refund_exceeds_amount, nothing refunded", async () => {
    const intent = await paidIntent(host, 3000);
    await post(host, "/v1/refunds", { payment_intent: intent.id, amount: 2000 });
    expectError(await post(host, "/v1/refunds", { payment_intent: intent.id, amount: 1001 }), 400, "refund_exceeds_amount", { param: "amount" });
    expectError(await post(host, "/v1/refunds", { payment_intent: (await paidIntent(host, 3000)).id, amount: 3001 }), 400, "refund_exceeds_amount");
    assert.equal((await get(host, `/v1/payment_intents/${intent.id}`)).body.amount_refunded, 2000);
  });

  test("a refund of an unpaid or canceled intent → 409 payment_intent_unexpected_state", async () => {
    const unpaid = await createIntent(host);
    expectError(await post(host, "/v1/refunds", { payment_intent: unpaid.id, amount: 100 }), 409, "payment_intent_unexpected_state", { param: "payment_intent" });
    await post(host, `/v1/payment_intents/${unpaid.id}/cancel`, {});
    expectError(await post(host, "/v1/refunds", { payment_intent: unpaid.id }), 409, "payment_intent_unexpected_state");
  });

  test("bad refund requests are refused with the right code", async () => {
    expectError(await post(host, "/v1/refunds", { payment_intent: "pi_DoesNotExist123456" }), 404, "resource_missing");
    expectError(await post(host, "/v1/refunds", { amount: 100 }), 400, "parameter_missing", { param: "payment_intent" });
    expectError(await post(host, "/v1/refunds", { payment_intent: "ch_123" }), 400, "parameter_invalid", { param: "payment_intent" });
    const intent = await paidIntent(host, 1000);
    for (const amount of [0, -5, 10.5, "100"]) {
      expectError(await post(host, "/v1/refunds", { payment_intent: intent.id, amount }), 400, "parameter_invalid", { param: "amount" });
    }
    expectError(await post(host, "/v1/refunds", { payment_intent: intent.id, reason: "fraud" }), 400, "parameter_unknown", { param: "reason" });
  });

  test("10 concurrent full refunds → exactly one refund", async () => {
    const intent = await paidIntent(host, 4000);
    const answers = await Promise.all(Array.from({ length: 10 }, () => post(host, "/v1/refunds", { payment_intent: intent.id })));
    assert.equal(answers.filter((answer) => answer.status === 200).length, 1, answers.map((answer) => answer.status).join(","));
    for (const answer of answers.filter((a) => a.status !== 200)) expectError(answer, 400, "refund_exceeds_amount");
    assert.equal((await get(host, `/v1/payment_intents/${intent.id}`)).body.amount_refunded, 4000);
  });
});

describe("webhook endpoints (registration)", () => {
  test("register → { id, secret }; bad urls and events are refused", async () => {
    const created = await post(host, "/v1/webhook_endpoints", { url: "http://127.0.0.1:9/hooks", events: ["payment_intent.succeeded"] });
    assert.equal(created.status, 200, created.text);
    assert.match(created.body.id, /^we_/);
    assert.match(created.body.secret, /^whsec_/);
    assert.equal(created.body.object, "webhook_endpoint");
    assert.deepEqual(created.body.events, ["payment_intent.succeeded"]);
    expectError(await post(host, "/v1/webhook_endpoints", { url: "ftp://x.example.com", events: ["payment_intent.succeeded"] }), 400, "parameter_invalid", { param: "url" });
    expectError(await post(host, "/v1/webhook_endpoints", { url: "not a url", events: ["payment_intent.succeeded"] }), 400, "parameter_invalid", { param: "url" });
    expectError(await post(host, "/v1/webhook_endpoints", { url: "https://x.example.com", events: [] }), 400, "parameter_invalid", { param: "events" });
    expectError(await post(host, "/v1/webhook_endpoints", { url: "https://x.example.com", events: ["charge.succeeded"] }), 400, "parameter_invalid", { param: "events.0" });
    expectError(await post(host, "/v1/webhook_endpoints", { url: "https://x.example.com" }), 400, "parameter_missing", { param: "events" });
  });
});
