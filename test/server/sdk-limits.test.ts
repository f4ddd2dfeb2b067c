/**
 * The server SDK against a real widget host's limits: a `429 rate_limited` whose
 * `Retry-After` is short is waited out and retried with the same Idempotency-Key (one
 * payment intent in the end); a long one is thrown at once, carrying `retryAfterSeconds`.
 */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { EnclaveApiError, EnclaveClient } from "../../src/sdk/index.js";
import { get, post } from "./support/api.js";
import { startWidgetHost, type WidgetHostProcess } from "./support/widget-host.js";

let short: WidgetHostProcess;
let long: WidgetHostProcess;

before(async () => {
  [short, long] = await Promise.all([
    startWidgetHost({ env: { ENCLAVE_LIMIT_PAYMENT_INTENTS_CREATE: "1/2" } }),
    startWidgetHost({ env: { ENCLAVE_LIMIT_PAYMENT_INTENTS_CREATE: "1/600" } }),
  ]);
});

after(async () => {
  await Promise.all([short?.dispose(), long?.dispose()]);
});

test("a short Retry-After is waited out: the retry succeeds and makes one payment intent", async () => {
  assert.equal((await post(short, "/v1/payment_intents", { amount: 1000, currency: "usd" })).status, 200);
  const limited = await post(short, "/v1/payment_intents", { amount: 1000, currency: "usd" });
  assert.equal(limited.status, 429, limited.text);
  const enclave = new EnclaveClient(short.secretKey, { host: short.url, maxRetries: 3 });
  const started = Date.now();
  const intent = await enclave.paymentIntents.create({ amount: 2500, currency: "eur" });
  assert.equal(intent.amount, 2500);
  assert.ok(Date.now() - started >= 500, "it waited for the window instead of hammering");
  const fetched = await get(short, `/v1/payment_intents/${intent.id}`);
  assert.equal(fetched.status, 200);
});

test("a long Retry-After is thrown at once with retryAfterSeconds, for the caller to decide", async () => {
  assert.equal((await post(long, "/v1/payment_intents", { amount: 1000, currency: "usd" })).status, 200);
  const enclave = new EnclaveClient(long.secretKey, { host: long.url, maxRetries: 3 });
  const started = Date.now();
  await assert.rejects(enclave.paymentIntents.create({ amount: 1000, currency: "usd" }), (error: unknown) => {
    assert.ok(error instanceof EnclaveApiError);
    assert.equal(error.status, 429);
    assert.equal(error.code, "rate_limited");
    assert.ok(error.retryAfterSeconds !== undefined && error.retryAfterSeconds > 500, String(error.retryAfterSeconds));
    return true;
  });
  assert.ok(Date.now() - started < 3000, "no retries spent on a window of minutes");
});
