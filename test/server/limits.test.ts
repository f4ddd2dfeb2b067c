/**
 * Limits (docs/limits.md) on a real widget host process: every limit answers 429 with
 * Retry-After and `rate_limited`; failed authentication per client address; wrong bank
 * passwords per session and per user, across sessions; verification codes per session,
 * across sign-ins; declines per payment and per card; windows that end (Retry-After
 * honoured); X-Forwarded-For ignored unless the proxy is trusted; and the counters shared
 * by two hosts on one PostgreSQL.
 *
 * The main host trusts one proxy (ENCLAVE_TRUST_PROXY=1), so each test speaks from its own
 * made-up client address through X-Forwarded-For and a locked address does not lock the
 * next test out. The quick host trusts none and has windows of a few seconds.
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { readConfig, ConfigError } from "../../src/server/config.js";
import { limitDefinitions } from "../../src/server/limits/definitions.js";
import { openStore } from "../../src/server/store/database.js";
import { Limiter, limitNames, type LimitSettings } from "../../src/server/limits/index.js";
import { card, cards, confirm, createIntent, expectError, frameCall, get, post, SHOP_ORIGIN, sleep, type ApiResponse } from "./support/api.js";
import { makeDpopKey } from "./support/dpop.js";
import { bankFrame, createSession, GOOD_MFA_CODE, GOOD_PASSWORD, SANDBOX_SAVINGS_BANK, sandboxUsers, signIn } from "./support/bank-link.js";
import { createStore, randomKeys, removeStore, startWidgetHost, testDatabaseUrl, type WidgetHostProcess } from "./support/widget-host.js";

let host: WidgetHostProcess;
let quick: WidgetHostProcess;
const QUICK_WINDOW_SECONDS = 2;

before(async () => {
  [host, quick] = await Promise.all([
    startWidgetHost({ env: { ENCLAVE_ALLOWED_ORIGINS: SHOP_ORIGIN, ENCLAVE_TRUST_PROXY: "1" } }),
    startWidgetHost({
      env: {
        ENCLAVE_ALLOWED_ORIGINS: SHOP_ORIGIN,
        ENCLAVE_LIMIT_AUTH_FAILURES_IP: `3/${QUICK_WINDOW_SECONDS}`,
        ENCLAVE_LIMIT_CARD_DECLINES_INTENT: `2/${QUICK_WINDOW_SECONDS}`,
      },
    }),
  ]);
});

after(async () => {
  await Promise.all([host?.dispose(), quick?.dispose()]);
});

let lastAddress = 0;
/** A fresh client address (TEST-NET-3), sent as the trusted proxy would. */
function fromNewAddress(): { headers: Record<string, string> } {
  lastAddress += 1;
  return { headers: { "X-Forwarded-For": `203.0.113.${lastAddress}` } };
}

const wrongKey = (index: number): string => `sk_test_wrong${String(index).padStart(12, "0")}`;

/** Asserts the one answer every limit gives, and returns its Retry-After in seconds. */
function expectRateLimited(response: ApiResponse, maxSeconds: number): number {
  const error = expectError(response, 429, "rate_limited", { type: "rate_limit_error" });
  assert.ok(error.message.length > 0);
  const retryAfter = response.headers.get("retry-after");
  assert.match(retryAfter ?? "", /^\d+$/, "Retry-After is whole seconds");
  const seconds = Number(retryAfter);
  assert.ok(seconds >= 1 && seconds <= maxSeconds, `Retry-After ${seconds} is within 1..${maxSeconds}`);
  return seconds;
}

describe("failed authentication per client address", () => {
  const { count, windowSeconds } = limitDefinitions.auth_failures_ip;

  test(`wrong secret keys → 401 ${count} times, then 429 rate_limited with Retry-After; the right key from that address too, until the window ends`, async () => {
    const address = fromNewAddress();
    const statuses: number[] = [];
    for (let index = 0; index < 100; index++) {
      const response = await get(host, "/v1/payment_intents/pi_00000000", { key: wrongKey(index), ...address });
      statuses.push(response.status);
      if (response.status === 429) {
        expectRateLimited(response, windowSeconds);
        if (statuses.filter((status) => status === 429).length >= 5) break;
      } else {
        expectError(response, 401, "invalid_api_key");
      }
    }
    assert.equal(statuses.indexOf(429), count, `the first ${count} wrong keys are answered 401, the next 429`);
    assert.ok(
      statuses.slice(count).every((status) => status === 429),
      "once over, every attempt is refused",
    );
    expectRateLimited(await get(host, "/v1/allowed_origins", address), windowSeconds);
    // Another address is not affected.
    assert.equal((await get(host, "/v1/allowed_origins", fromNewAddress())).status, 200);
  });

  test("fifty wrong keys at once: no more than the limit answered 401, the rest 429", async () => {
    const address = fromNewAddress();
    const answers = await Promise.all(Array.from({ length: 50 }, (_, index) => get(host, "/v1/allowed_origins", { key: wrongKey(index), ...address })));
    assert.equal(answers.filter((answer) => answer.status === 401).length, count);
    assert.equal(answers.filter((answer) => answer.status === 429).length, 50 - count);
  });

  test("bad client tokens and bad publishable keys count too (frame API)", async () => {
    const address = fromNewAddress();
    const intent = await createIntent(host);
    for (let index = 0; index < count; index++) {
      const response =
        index % 2 === 0
          ? await frameCall(host, "GET", "/session", { token: `ct_${"x".repeat(20)}${index}`, ...address })
          : await frameCall(host, "GET", "/session", { token: intent.client_token, publishableKey: `pk_test_wrong${index}000000`, ...address });
      assert.equal(response.status, 401, response.text);
    }
    expectRateLimited(await frameCall(host, "GET", "/session", { token: intent.client_token, ...address }), windowSeconds);
    assert.equal((await frameCall(host, "GET", "/session", { token: intent.client_token, ...fromNewAddress() })).status, 200);
  });
});

describe("a copied client token (DPoP)", () => {
  const { count, windowSeconds } = limitDefinitions.auth_failures_ip;

  test("a thief with a stolen token and their own key, or none, counts as failed authentication: 401, then 429", async () => {
    const address = fromNewAddress();
    const intent = await createIntent(host);
    // The customer's frame uses the token first: it is bound to that frame's key.
    assert.equal((await frameCall(host, "GET", "/session", { token: intent.client_token, ...fromNewAddress() })).status, 200);
    const thief = await makeDpopKey();
    for (let index = 0; index < count; index++) {
      const response = await frameCall(host, "GET", "/session", { token: intent.client_token, dpop: index % 2 === 0 ? null : thief, ...address });
      assert.equal(response.status, 401, response.text);
    }
    expectRateLimited(await frameCall(host, "GET", "/session", { token: intent.client_token, dpop: thief, ...address }), windowSeconds);
    // The customer, from their own address, carries on.
    assert.equal((await frameCall(host, "GET", "/session", { token: intent.client_token, ...fromNewAddress() })).status, 200);
  });
});

describe("X-Forwarded-For", () => {
  test("ignored unless ENCLAVE_TRUST_PROXY: a new made-up address per attempt does not escape the limit", async () => {
    for (let index = 0; index < 3; index++) {
      expectError(await get(quick, "/v1/allowed_origins", { key: wrongKey(index), headers: { "X-Forwarded-For": `198.51.100.${index}` } }), 401, "invalid_api_key");
    }
    expectRateLimited(await get(quick, "/v1/allowed_origins", { headers: { "X-Forwarded-For": "198.51.100.99" } }), QUICK_WINDOW_SECONDS);
  });

  test("behind one trusted proxy, only the hop it added counts: what the client wrote to the left is ignored", async () => {
    const { count } = limitDefinitions.auth_failures_ip;
    for (let index = 0; index < count; index++) {
      const response = await get(host, "/v1/allowed_origins", { key: wrongKey(index), headers: { "X-Forwarded-For": `10.9.9.${index}, 192.0.2.77` } });
      assert.equal(response.status, 401);
    }
    expectRateLimited(await get(host, "/v1/allowed_origins", { headers: { "X-Forwarded-For": "10.1.1.1, 192.0.2.77" } }), limitDefinitions.auth_failures_ip.windowSeconds);
    assert.equal((await get(host, "/v1/allowed_origins", { headers: { "X-Forwarded-For": "192.0.2.77, 192.0.2.78" } })).status, 200);
  });
});

describe("Retry-After is honoured", () => {
  test("after the window, the address is allowed again (and counted afresh)", async () => {
    // The X-Forwarded-For test may have left this address over the limit: start from a clean window.
    await sleep(QUICK_WINDOW_SECONDS * 1000 + 200);
    for (let index = 0; index < 3; index++) expectError(await get(quick, "/v1/allowed_origins", { key: wrongKey(index) }), 401, "invalid_api_key");
    const seconds = expectRateLimited(await get(quick, "/v1/allowed_origins"), QUICK_WINDOW_SECONDS);
    await sleep(seconds * 1000 + 200);
    assert.equal((await get(quick, "/v1/allowed_origins")).status, 200, "allowed again once Retry-After has passed");
    expectError(await get(quick, "/v1/allowed_origins", { key: wrongKey(9) }), 401, "invalid_api_key");
  });

  test("a payment locked by declines takes cards again after its window", async () => {
    await sleep(QUICK_WINDOW_SECONDS * 1000 + 200);
    const intent = await createIntent(quick);
    for (const number of [cards.declined, cards.expired]) assert.equal((await confirm(quick, intent.client_token, card(number))).status, 402);
    const seconds = expectRateLimited(await confirm(quick, intent.client_token, card(cards.visa)), QUICK_WINDOW_SECONDS);
    await sleep(seconds * 1000 + 200);
    const paid = await confirm(quick, intent.client_token, card(cards.visa));
    assert.equal(paid.status, 200, paid.text);
    assert.equal(paid.body.status, "succeeded");
  });
});

describe("bank sign-in", () => {
  const mfa = (token: string, code: string, address: { headers: Record<string, string> }): Promise<ApiResponse> =>
    bankFrame(host, "POST", "/mfa", token, { body: { code }, ...address });

  test("wrong passwords for one user, then the right one in a NEW session → still locked (429), not linked", async () => {
    const { count, windowSeconds } = limitDefinitions.bank_passwords_username;
    const address = fromNewAddress();
    const first = await createSession(host);
    for (let index = 0; index < count; index++) {
      expectError(await signIn(host, first.client_token, sandboxUsers.good, `wrong-${index}`, SANDBOX_SAVINGS_BANK, address), 400, "invalid_credentials");
    }
    expectRateLimited(await signIn(host, first.client_token, sandboxUsers.good, GOOD_PASSWORD, SANDBOX_SAVINGS_BANK, address), windowSeconds);
    const second = await createSession(host);
    // Another session, another address, the username written another way: the same user.
    const response = await signIn(host, second.client_token, ` ${sandboxUsers.good.toUpperCase()} `, GOOD_PASSWORD, SANDBOX_SAVINGS_BANK, fromNewAddress());
    expectRateLimited(response, windowSeconds);
    assert.equal((await get(host, `/v1/bank_link_sessions/${second.id}`)).body.status, "open");
  });

  test("many usernames in one session: wrong passwords are capped per session", async () => {
    const { count, windowSeconds } = limitDefinitions.bank_passwords_session;
    const address = fromNewAddress();
    const session = await createSession(host);
    for (let index = 0; index < count; index++) {
      expectError(await signIn(host, session.client_token, `someone_${index}`, "guess", SANDBOX_SAVINGS_BANK, address), 400, "invalid_credentials");
    }
    expectRateLimited(await signIn(host, session.client_token, sandboxUsers.mfa, GOOD_PASSWORD, SANDBOX_SAVINGS_BANK, address), windowSeconds);
  });

  test("verification codes: signing in again gives 3 more tries, but the session's total is capped (the right code no longer links)", async () => {
    const { count, windowSeconds } = limitDefinitions.bank_mfa_session;
    const address = fromNewAddress();
    const session = await createSession(host);
    let wrong = 0;
    while (wrong < count) {
      const signedIn = await signIn(host, session.client_token, sandboxUsers.mfa, GOOD_PASSWORD, SANDBOX_SAVINGS_BANK, address);
      assert.equal(signedIn.body.status, "mfa_required", signedIn.text);
      for (let attempt = 0; attempt < 3 && wrong < count; attempt++, wrong++) {
        const response = await mfa(session.client_token, String(100000 + wrong), address);
        assert.equal(response.body.error.code, attempt === 2 ? "mfa_locked" : "invalid_mfa_code", response.text);
      }
    }
    // A fresh sign-in still asks for a code (the per-sign-in UX stands)…
    const again = await signIn(host, session.client_token, sandboxUsers.mfa, GOOD_PASSWORD, SANDBOX_SAVINGS_BANK, address);
    assert.equal(again.body.status, "mfa_required");
    // …but the session has spent its codes: even the right one is refused now.
    expectRateLimited(await mfa(session.client_token, GOOD_MFA_CODE, address), windowSeconds);
    assert.equal((await get(host, `/v1/bank_link_sessions/${session.id}`)).body.status, "open");
  });

  test("a right password and a right code do not count against the user", async () => {
    const session = await createSession(host);
    const address = fromNewAddress();
    for (let index = 0; index < limitDefinitions.bank_mfa_session.count + 2; index++) {
      const signedIn = await signIn(host, session.client_token, sandboxUsers.mfa, GOOD_PASSWORD, SANDBOX_SAVINGS_BANK, address);
      assert.equal(signedIn.status, 200, signedIn.text);
      if (index === limitDefinitions.bank_mfa_session.count + 1) {
        const linked = await mfa(session.client_token, GOOD_MFA_CODE, address);
        assert.equal(linked.body.status, "connected", linked.text);
      }
    }
  });
});

describe("card testing", () => {
  test("declines per payment intent: after the limit, the payment takes no more cards (429), even a good one", async () => {
    const { count, windowSeconds } = limitDefinitions.card_declines_intent;
    const address = fromNewAddress();
    const intent = await createIntent(host);
    const declining = [cards.declined, cards.expired, cards.incorrectCvc];
    for (let index = 0; index < count; index++) {
      const response = await confirm(host, intent.client_token, card(declining[index % declining.length] ?? cards.declined), address);
      assert.equal(response.status, 402, response.text);
    }
    expectRateLimited(await confirm(host, intent.client_token, card(cards.declined), address), windowSeconds);
    expectRateLimited(await confirm(host, intent.client_token, card(cards.visa), address), windowSeconds);
    assert.equal((await get(host, `/v1/payment_intents/${intent.id}`)).body.status, "requires_payment_method");
  });

  test("declines per card fingerprint, across payments; other cards still pay", async () => {
    const { count, windowSeconds } = limitDefinitions.card_declines_fingerprint;
    const address = fromNewAddress();
    for (let index = 0; index < count; index++) {
      const intent = await createIntent(host);
      assert.equal((await confirm(host, intent.client_token, card(cards.insufficientFunds, { cvc: String(100 + index) }), address)).status, 402);
    }
    const next = await createIntent(host);
    expectRateLimited(await confirm(host, next.client_token, card(cards.insufficientFunds, { exp_month: 1 }), address), windowSeconds);
    const paid = await confirm(host, next.client_token, card(cards.visa), address);
    assert.equal(paid.status, 200, paid.text);
  });
});

describe("merchant API", () => {
  test("payment-intent creation per merchant, answered 429 and not kept for the Idempotency-Key", async () => {
    const limited = await startWidgetHost({ env: { ENCLAVE_LIMIT_PAYMENT_INTENTS_CREATE: "2/3600", ENCLAVE_LIMIT_API_REQUESTS: "8/3600" } });
    try {
      const body = { amount: 100, currency: "usd" };
      for (let index = 0; index < 2; index++) assert.equal((await post(limited, "/v1/payment_intents", body)).status, 200);
      const refused = await post(limited, "/v1/payment_intents", body, { headers: { "Idempotency-Key": "retry-me" } });
      expectRateLimited(refused, 3600);
      // Not a final answer: the same key runs the request again (and is refused again, not replayed).
      const retried = await post(limited, "/v1/payment_intents", body, { headers: { "Idempotency-Key": "retry-me" } });
      expectRateLimited(retried, 3600);
      assert.equal(retried.headers.get("idempotent-replayed"), null);
      // Reading still works until the per-key budget (8 requests) is spent.
      assert.equal((await get(limited, "/v1/allowed_origins")).status, 200);
      for (let index = 0; index < 3; index++) await get(limited, "/v1/allowed_origins");
      expectRateLimited(await get(limited, "/v1/allowed_origins"), 3600);
    } finally {
      await limited.dispose();
    }
  });
});

describe("two hosts on one store", () => {
  test(
    "the counters are shared: failures at either host add up",
    { skip: testDatabaseUrl ? false : "PGlite is one process's store; this runs in the PostgreSQL pass (ENCLAVE_TEST_DATABASE_URL)" },
    async () => {
      const seed = randomKeys();
      const first = await startWidgetHost({ seed, env: { ENCLAVE_LIMIT_AUTH_FAILURES_IP: "4/600" } });
      const second = await startWidgetHost({ seed, store: first.store, env: { ENCLAVE_LIMIT_AUTH_FAILURES_IP: "4/600" } });
      try {
        for (let index = 0; index < 4; index++) {
          expectError(await get(index % 2 === 0 ? first : second, "/v1/allowed_origins", { key: wrongKey(index) }), 401, "invalid_api_key");
        }
        expectRateLimited(await get(first, "/v1/allowed_origins"), 600);
        expectRateLimited(await get(second, "/v1/allowed_origins"), 600);
      } finally {
        await second.stop();
        await first.dispose();
      }
    },
  );
});

describe("settings", () => {
  const config = (env: Record<string, string>): unknown => readConfig({ dataDir: "/tmp/unused", env });

  test("ENCLAVE_LIMIT_<NAME>=<count>/<seconds> sets a limit; a malformed value or an unknown name stops the host with a clear message", () => {
    const read = readConfig({ dataDir: "/tmp/unused", env: { ENCLAVE_LIMIT_BANK_MFA_SESSION: "50/60" } });
    assert.deepEqual(read.limits.bank_mfa_session, { count: 50, windowSeconds: 60 });
    assert.deepEqual(read.limits.auth_failures_ip, { count: limitDefinitions.auth_failures_ip.count, windowSeconds: limitDefinitions.auth_failures_ip.windowSeconds });
    assert.throws(
      () => config({ ENCLAVE_LIMIT_BANK_MFA_SESSION: "50" }),
      (error: unknown) => error instanceof ConfigError && /ENCLAVE_LIMIT_BANK_MFA_SESSION must be <count>\/<seconds>/.test(error.message),
    );
    assert.throws(() => config({ ENCLAVE_LIMIT_BANK_MFA_SESSION: "0/60" }), ConfigError);
    assert.throws(
      () => config({ ENCLAVE_LIMIT_AUTH_FAILURE_IP: "5/60" }),
      (error: unknown) => error instanceof ConfigError && /names no limit/.test(error.message),
    );
    assert.throws(
      () => config({ ENCLAVE_TRUST_PROXY: "yes" }),
      (error: unknown) => error instanceof ConfigError && /ENCLAVE_TRUST_PROXY/.test(error.message),
    );
  });
});

describe("what the store keeps", () => {
  test("counters only: no address, username or token in clear", async () => {
    const token = (await createIntent(host)).client_token;
    await frameCall(host, "GET", "/session", { token, headers: { "X-Forwarded-For": "203.0.113.250" } });
    await host.stop();
    const store = await openStore({ dataDir: host.store.dataDir, ...(host.store.databaseUrl ? { databaseUrl: host.store.databaseUrl } : {}) });
    try {
      const rows = await store.selectFrom("rate_limits").selectAll().execute();
      assert.ok(rows.length > 10, `the counters are in the store (${rows.length} rows)`);
      const text = JSON.stringify(rows);
      for (const secret of ["203.0.113", "192.0.2.77", "user_good", "user_mfa", token, host.publishableKey, host.secretKey, "127.0.0.1"]) {
        assert.ok(!text.includes(secret), `the rate_limits table does not hold ${secret}`);
      }
      assert.ok(rows.every((row) => /^[A-Za-z0-9_-]{43}$/.test(row.key_hash)));
    } finally {
      await store.destroy();
    }
  });
});

describe("the limiter itself", () => {
  test("consume counts within a window, refuses over it with the seconds left, starts afresh after it; refunds give back; sweep deletes expired rows", async () => {
    const location = await createStore();
    const store = await openStore({ dataDir: location.dataDir, ...(location.databaseUrl ? { databaseUrl: location.databaseUrl } : {}) });
    try {
      const settings = Object.fromEntries(limitNames.map((name) => [name, { count: 3, windowSeconds: 1 }])) as LimitSettings;
      settings.bank_mfa_session = { count: 2, windowSeconds: 3600 };
      const limiter = await Limiter.open(store, settings);
      // A second limiter on the same store (another host) shares the key and the counts.
      const other = await Limiter.open(store, settings);
      const decisions = await Promise.all(Array.from({ length: 10 }, (_, index) => (index % 2 === 0 ? limiter : other).consume("auth_failures_ip", "198.51.100.1")));
      assert.equal(decisions.filter((decision) => decision.allowed).length, 3, "ten at once: three allowed");
      assert.deepEqual(
        decisions.find((decision) => !decision.allowed),
        { allowed: false, retryAfterSeconds: 1 },
      );
      assert.deepEqual(await limiter.check("auth_failures_ip", "198.51.100.1"), { allowed: false, retryAfterSeconds: 1 });
      assert.deepEqual(await limiter.check("auth_failures_ip", "198.51.100.2"), { allowed: true }, "another key is counted apart");
      assert.deepEqual(await limiter.check("frame_requests_ip", "198.51.100.1"), { allowed: true }, "another limit is counted apart");
      await sleep(1100);
      assert.deepEqual(await limiter.consume("auth_failures_ip", "198.51.100.1"), { allowed: true }, "a new window");

      assert.deepEqual(await limiter.consume("bank_mfa_session", "bls_1", 2), { allowed: true });
      await limiter.refund("bank_mfa_session", "bls_1");
      assert.deepEqual(await limiter.consume("bank_mfa_session", "bls_1"), { allowed: true });
      const over = await limiter.consume("bank_mfa_session", "bls_1");
      assert.ok(!over.allowed && over.retryAfterSeconds > 3500 && over.retryAfterSeconds <= 3600, JSON.stringify(over));

      await sleep(1100);
      assert.ok((await limiter.sweep()) >= 1, "the expired window is deleted");
      const left = await store.selectFrom("rate_limits").selectAll().execute();
      assert.equal(left.length, 1, "only the unexpired counter is left");
    } finally {
      await store.destroy();
      await removeStore(location);
    }
  });
});
