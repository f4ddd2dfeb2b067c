/**
 * The merchant's side of bank linking, on a real widget host over HTTP: link sessions and
 * their client tokens, the public-token exchange (tampered, reused, concurrent), accounts
 * and the products a session asked for, transactions (filters, pagination, cursors),
 * removing an item, and the SDK's bank-link calls. Two merchants and token expiry are in
 * bank-link-tenancy.test.ts; the frame's steps in bank-link-frame.test.ts.
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { EnclaveApiError, EnclaveClient } from "../../src/sdk/index.js";
import { call, createIntent, expectError, frameCall, get, post, SHOP_ORIGIN, type Json } from "./support/api.js";
import { accessHeader, accounts, createSession, daysAgo, exchange, linkedItem, linkItem, todayUtc, transactions, type LinkedItem } from "./support/bank-link.js";
import { startWidgetHost, type WidgetHostProcess } from "./support/widget-host.js";

let host: WidgetHostProcess;
/** An item linked with every product and all three accounts, shared by the read-only tests. */
let full: LinkedItem;

before(async () => {
  host = await startWidgetHost({ env: { ENCLAVE_ALLOWED_ORIGINS: SHOP_ORIGIN, ENCLAVE_MERCHANT_NAME: "Bank Test Shop" } });
  full = await linkedItem(host, { products: ["balances", "transactions"] });
});

after(async () => {
  await host?.dispose();
});

describe("bank link sessions", () => {
  test("create → bls_ id, open, products (accounts always included), a client token and its expiry", async () => {
    const before = Math.floor(Date.now() / 1000);
    const response = await post(host, "/v1/bank_link_sessions", { products: ["transactions"], customer_ref: "customer-42" });
    assert.equal(response.status, 200, response.text);
    const session = response.body;
    assert.match(session.id, /^bls_[A-Za-z0-9]{8,64}$/);
    assert.equal(session.object, "bank_link_session");
    assert.equal(session.status, "open");
    assert.deepEqual(session.products, ["accounts", "transactions"]);
    assert.equal(session.customer_ref, "customer-42");
    assert.match(session.client_token, /^ct_[A-Za-z0-9_-]{16,}$/);
    const lifetime = session.expires_at - before;
    assert.ok(lifetime >= 5 * 60 && lifetime <= 60 * 60, `the client token lives ${lifetime} s`);
    assert.ok(Math.abs(session.created - before) < 60);
  });

  test("duplicate products collapse, in a fixed order; customer_ref is null when absent", async () => {
    const session = await createSession(host, { products: ["transactions", "balances", "transactions"] });
    assert.deepEqual(session.products, ["accounts", "balances", "transactions"]);
    assert.equal(session.customer_ref, null);
  });

  test("retrieve → the session without its client token; status follows the link", async () => {
    const created = await createSession(host, { products: ["balances"], customer_ref: "c-7" });
    const response = await get(host, `/v1/bank_link_sessions/${created.id}`);
    assert.equal(response.status, 200, response.text);
    const { client_token: _token, expires_at: _expiry, ...shape } = created;
    assert.deepEqual(response.body, shape);
    assert.ok(!("client_token" in response.body));
    const linked = await linkItem(host);
    assert.equal((await get(host, `/v1/bank_link_sessions/${linked.session.id}`)).body.status, "linked");
  });

  test("an unknown or malformed id → 404 resource_missing", async () => {
    expectError(await get(host, "/v1/bank_link_sessions/bls_DoesNotExist1234567"), 404, "resource_missing", { param: "id" });
    expectError(await get(host, "/v1/bank_link_sessions/nope"), 404, "resource_missing");
    expectError(await get(host, `/v1/bank_link_sessions/${encodeURIComponent("bls_x' OR '1'='1")}`), 404, "resource_missing");
    const intent = await createIntent(host);
    expectError(await get(host, `/v1/bank_link_sessions/${intent.id}`), 404, "resource_missing");
  });

  const bad: [string, unknown, string, string][] = [
    ["no products", {}, "parameter_missing", "products"],
    ["an empty list", { products: [] }, "parameter_invalid", "products"],
    ["an unknown product", { products: ["identity"] }, "parameter_invalid", "products.0"],
    ["products as a string", { products: "transactions" }, "parameter_invalid", "products"],
    ["too many products", { products: ["accounts", "balances", "transactions", "accounts"] }, "parameter_invalid", "products"],
    ["an empty customer_ref", { products: ["accounts"], customer_ref: "" }, "parameter_invalid", "customer_ref"],
    ["a customer_ref over 100 characters", { products: ["accounts"], customer_ref: "x".repeat(101) }, "parameter_invalid", "customer_ref"],
    ["a numeric customer_ref", { products: ["accounts"], customer_ref: 42 }, "parameter_invalid", "customer_ref"],
    ["an unknown field", { products: ["accounts"], webhook: "https://x.example" }, "parameter_unknown", "webhook"],
  ];
  for (const [what, body, code, param] of bad) {
    test(`create with ${what} → 400 ${code} (param ${param})`, async () => {
      expectError(await post(host, "/v1/bank_link_sessions", body), 400, code, { param, type: "invalid_request_error" });
    });
  }

  test("create is idempotent with Idempotency-Key: one session, the same answer", async () => {
    const headers = { "Idempotency-Key": `bls-${Date.now()}` };
    const first = await post(host, "/v1/bank_link_sessions", { products: ["accounts"] }, { headers });
    const second = await post(host, "/v1/bank_link_sessions", { products: ["accounts"] }, { headers });
    assert.equal(first.status, 200, first.text);
    // Issue 10: no client token is kept in clear, so the replay carries a fresh one for the same session.
    const { client_token: firstToken, expires_at: _firstExpiry, ...firstRest } = first.body;
    const { client_token: secondToken, expires_at: secondExpiry, ...secondRest } = second.body;
    assert.deepEqual(secondRest, firstRest);
    assert.match(secondToken, /^ct_/);
    assert.notEqual(secondToken, firstToken);
    assert.ok(secondExpiry > Date.now() / 1000);
    assert.equal(second.headers.get("idempotent-replayed"), "true");
    expectError(await post(host, "/v1/bank_link_sessions", { products: ["balances"] }, { headers }), 409, "idempotency_key_reused");
  });

  test("every bank-link route needs the secret key", async () => {
    const routes: [string, string][] = [
      ["POST", "/v1/bank_link_sessions"],
      ["GET", "/v1/bank_link_sessions/bls_12345678"],
      ["POST", "/v1/bank_links/exchange"],
      ["GET", "/v1/accounts"],
      ["GET", "/v1/transactions"],
      ["POST", "/v1/items/item_12345678/remove"],
    ];
    for (const [method, path] of routes) {
      expectError(await call(host, method, path, { key: null, ...(method === "POST" ? { body: {} } : {}), ...accessHeader(full.accessToken) }), 401, "authentication_required");
      expectError(await call(host, method, path, { key: full.accessToken, ...(method === "POST" ? { body: {} } : {}) }), 401, "invalid_api_key");
      expectError(await call(host, method, path, { key: host.publishableKey, ...(method === "POST" ? { body: {} } : {}) }), 401, "invalid_api_key");
    }
  });
});

describe("client tokens for bank link sessions", () => {
  test("POST /v1/client_tokens mints a fresh token for an open session; the frame resumes with it", async () => {
    const session = await createSession(host);
    const response = await post(host, "/v1/client_tokens", { session: session.id });
    assert.equal(response.status, 200, response.text);
    assert.equal(response.body.object, "client_token");
    assert.equal(response.body.session, session.id);
    assert.notEqual(response.body.client_token, session.client_token);
    const resumed = await frameCall(host, "GET", "/session", { token: response.body.client_token });
    assert.equal(resumed.status, 200, resumed.text);
    assert.equal(resumed.body.session.id, session.id);
  });

  test("a linked session → 409 session_not_open; an unknown one → 404 resource_missing", async () => {
    const linked = await linkItem(host);
    expectError(await post(host, "/v1/client_tokens", { session: linked.session.id }), 409, "session_not_open", { param: "session" });
    expectError(await post(host, "/v1/client_tokens", { session: "bls_DoesNotExist1234567" }), 404, "resource_missing");
  });

  test("payment intents still get theirs", async () => {
    const intent = await createIntent(host);
    assert.equal((await post(host, "/v1/client_tokens", { session: intent.id })).status, 200);
  });
});

describe("exchanging the public token", () => {
  test("a public token is public-sandbox- + 256 bits; it becomes an access-sandbox- token and the item's id", async () => {
    const linked = await linkItem(host);
    assert.match(linked.publicToken, /^public-sandbox-[A-Za-z0-9_-]{43}$/);
    const response = await exchange(host, linked.publicToken);
    assert.equal(response.status, 200, response.text);
    assert.deepEqual(Object.keys(response.body).sort(), ["access_token", "item_id"]);
    assert.match(response.body.access_token, /^access-sandbox-[A-Za-z0-9_-]{43}$/);
    assert.match(response.body.item_id, /^item_[A-Za-z0-9]+$/);
  });

  test("a second exchange → 400 public_token_used, and the first access token keeps working", async () => {
    const linked = await linkItem(host);
    const first = await exchange(host, linked.publicToken);
    assert.equal(first.status, 200, first.text);
    const again = exchange(host, linked.publicToken);
    expectError(await again, 400, "public_token_used", { param: "public_token", type: "invalid_request_error" });
    assert.equal((await accounts(host, first.body.access_token)).status, 200);
  });

  test("two concurrent exchanges → exactly one wins, the other gets public_token_used", async () => {
    const linked = await linkItem(host);
    const answers = await Promise.all([exchange(host, linked.publicToken), exchange(host, linked.publicToken)]);
    assert.deepEqual(answers.map((answer) => answer.status).sort(), [200, 400], answers.map((answer) => answer.text).join("\n"));
    expectError(answers.find((answer) => answer.status === 400) as Json, 400, "public_token_used");
  });

  test("ten concurrent exchanges, each with its own Idempotency-Key → one access token", async () => {
    const linked = await linkItem(host);
    const answers = await Promise.all(Array.from({ length: 10 }, (_, index) => exchange(host, linked.publicToken, { idempotencyKey: `race-${Date.now()}-${index}` })));
    const winners = answers.filter((answer) => answer.status === 200);
    assert.equal(winners.length, 1, answers.map((answer) => answer.text).join("\n"));
    for (const answer of answers.filter((candidate) => candidate.status !== 200)) expectError(answer, 400, "public_token_used");
  });

  test("the same Idempotency-Key replays the same access token (the SDK's retry after a network error)", async () => {
    const linked = await linkItem(host);
    const idempotencyKey = `exchange-${Date.now()}`;
    const first = await exchange(host, linked.publicToken, { idempotencyKey });
    const replay = await exchange(host, linked.publicToken, { idempotencyKey });
    assert.equal(first.status, 200, first.text);
    assert.equal(replay.status, 200, replay.text);
    assert.deepEqual(replay.body, first.body);
    assert.equal(replay.headers.get("idempotent-replayed"), "true");
    // Without the key, it is a second exchange.
    expectError(await exchange(host, linked.publicToken), 400, "public_token_used");
  });

  test("tampered, truncated, made-up and foreign-format tokens → 400 public_token_invalid", async () => {
    const linked = await linkItem(host);
    const token = linked.publicToken;
    const flip = (text: string, at: number): string => `${text.slice(0, at)}${text[at] === "A" ? "B" : "A"}${text.slice(at + 1)}`;
    const candidates = [
      flip(token, token.length - 1),
      flip(token, "public-sandbox-".length),
      token.slice(0, -1),
      `${token}A`,
      token.replace("public-sandbox-", "public-production-"),
      token.replace("public-sandbox-", "access-sandbox-"),
      `public-sandbox-${"A".repeat(43)}`,
      "public-sandbox-",
      "garbage",
      linked.session.client_token,
      host.secretKey,
      ` ${token}`,
    ];
    for (const candidate of candidates) expectError(await exchange(host, candidate), 400, "public_token_invalid", { param: "public_token" });
    // None of that used the real one up.
    assert.equal((await exchange(host, token)).status, 200);
  });

  test("an access token is not a public token", async () => {
    expectError(await exchange(host, full.accessToken), 400, "public_token_invalid");
  });

  test("bad bodies → the usual parameter errors", async () => {
    expectError(await post(host, "/v1/bank_links/exchange", {}), 400, "parameter_missing", { param: "public_token" });
    expectError(await post(host, "/v1/bank_links/exchange", { public_token: 42 }), 400, "parameter_invalid", { param: "public_token" });
    expectError(await post(host, "/v1/bank_links/exchange", { public_token: "" }), 400, "parameter_invalid", { param: "public_token" });
    expectError(await post(host, "/v1/bank_links/exchange", { public_token: "x".repeat(201) }), 400, "parameter_invalid", { param: "public_token" });
    expectError(await post(host, "/v1/bank_links/exchange", { public_token: "public-sandbox-x", client_id: "x" }), 400, "parameter_unknown", { param: "client_id" });
    expectError(await call(host, "POST", "/v1/bank_links/exchange", { rawBody: '{"public_token":', headers: { "Content-Type": "application/json" } }), 400, "invalid_json");
    expectError(
      await call(host, "POST", "/v1/bank_links/exchange", { rawBody: "public_token=x", headers: { "Content-Type": "application/x-www-form-urlencoded" } }),
      415,
      "unsupported_media_type",
    );
  });
});

describe("accounts", () => {
  test("the chosen accounts: checking, savings, credit card with 4-digit masks and usd balances", async () => {
    const response = await accounts(host, full.accessToken);
    assert.equal(response.status, 200, response.text);
    assert.equal(response.body.item.id, full.itemId);
    assert.deepEqual(response.body.item.institution, { id: "ins_100001", name: "Sandbox Savings Bank" });
    const list: Json[] = response.body.accounts;
    assert.deepEqual(
      list.map((account) => [account.type, account.subtype]),
      [
        ["depository", "checking"],
        ["depository", "savings"],
        ["credit", "credit card"],
      ],
    );
    assert.equal(new Set(list.map((account) => account.mask)).size, 3, "masks differ");
    for (const account of list) {
      assert.match(account.id, /^acc_[A-Za-z0-9]+$/);
      assert.match(account.mask, /^\d{4}$/);
      assert.ok(account.name.length > 0);
      assert.equal(account.balances.currency, "usd");
      assert.equal(typeof account.balances.current, "number");
      assert.ok(account.balances.available === null || typeof account.balances.available === "number");
      assert.equal(Number(account.balances.current.toFixed(2)), account.balances.current, "balances are in cents");
    }
    // The same ids the page was told about in enclave-success.
    assert.deepEqual(
      list.map(({ id, name, mask, type, subtype }) => ({ id, name, mask, type, subtype })),
      full.success.accounts,
    );
  });

  test("reading twice gives the same data (derived deterministically from the item)", async () => {
    const first = await accounts(host, full.accessToken);
    const second = await accounts(host, full.accessToken);
    assert.deepEqual(second.body, first.body);
  });

  test("only the accounts the customer chose", async () => {
    const item = await linkedItem(host, { choose: [1] });
    const list = (await accounts(host, item.accessToken)).body.accounts;
    assert.equal(list.length, 1);
    assert.equal(list[0].subtype, "savings");
    assert.equal(list[0].id, item.connected.accounts[1].id);
  });

  test("a missing, unknown or tampered access token → 401 access_token_invalid", async () => {
    expectError(await get(host, "/v1/accounts"), 401, "access_token_invalid", { type: "authentication_error" });
    const token = full.accessToken;
    const last = token.at(-1) === "A" ? "B" : "A";
    for (const candidate of [`${token.slice(0, -1)}${last}`, token.slice(0, -1), `${token}A`, "access-sandbox-nope", full.publicToken, full.session.client_token, "", " "]) {
      expectError(await get(host, "/v1/accounts", accessHeader(candidate)), 401, "access_token_invalid");
    }
    // The access token in the Authorization header is not a secret key either.
    expectError(await get(host, "/v1/accounts", { key: token, ...accessHeader(token) }), 401, "invalid_api_key");
  });

  test("an unknown query parameter → 400 parameter_unknown", async () => {
    expectError(await get(host, "/v1/accounts?account_id=x", accessHeader(full.accessToken)), 400, "parameter_unknown", { param: "account_id" });
  });
});

describe("products", () => {
  test('["accounts"]: accounts without balances; transactions → 403 product_not_enabled', async () => {
    const item = await linkedItem(host, { products: ["accounts"] });
    const list = (await accounts(host, item.accessToken)).body.accounts;
    assert.equal(list.length, 3);
    for (const account of list) assert.ok(!("balances" in account), JSON.stringify(account));
    expectError(await transactions(host, item.accessToken), 403, "product_not_enabled", { type: "invalid_request_error" });
  });

  test('["balances"]: accounts with balances; no transactions', async () => {
    const item = await linkedItem(host, { products: ["balances"] });
    for (const account of (await accounts(host, item.accessToken)).body.accounts) assert.equal(account.balances.currency, "usd");
    expectError(await transactions(host, item.accessToken), 403, "product_not_enabled");
  });

  test('["transactions"]: transactions, and accounts without balances', async () => {
    const item = await linkedItem(host, { products: ["transactions"] });
    for (const account of (await accounts(host, item.accessToken)).body.accounts) assert.ok(!("balances" in account));
    const response = await transactions(host, item.accessToken, { limit: 5 });
    assert.equal(response.status, 200, response.text);
    assert.equal(response.body.transactions.length, 5);
  });
});

describe("transactions", () => {
  /** Every transaction of the full item in one page (the 90 days fit in 500). */
  async function everything(accessToken = full.accessToken): Promise<Json[]> {
    const response = await transactions(host, accessToken, { limit: 500 });
    assert.equal(response.status, 200, response.text);
    assert.equal(response.body.next_cursor, null);
    assert.equal(response.body.transactions.length, response.body.total);
    return response.body.transactions;
  }

  test("90 days of realistic history for every account, newest first", async () => {
    const all = await everything();
    const today = todayUtc();
    const oldest = daysAgo(89);
    assert.ok(all.length > 100, `${all.length} transactions`);
    const accountIds = full.success.accounts.map((account: Json) => account.id);
    for (const id of accountIds)
      assert.ok(
        all.some((transaction) => transaction.account_id === id),
        `account ${id} has transactions`,
      );
    for (const [index, transaction] of all.entries()) {
      assert.deepEqual(Object.keys(transaction).sort(), ["account_id", "amount", "category", "currency", "date", "id", "name", "pending"]);
      assert.match(transaction.id, /^txn_[A-Za-z0-9]+$/);
      assert.ok(transaction.date >= oldest && transaction.date <= today, transaction.date);
      assert.equal(transaction.currency, "usd");
      assert.equal(typeof transaction.amount, "number");
      assert.notEqual(transaction.amount, 0);
      assert.equal(Number(transaction.amount.toFixed(2)), transaction.amount, "amounts are in cents");
      assert.ok(transaction.name.length > 0 && transaction.category.length > 0);
      assert.equal(typeof transaction.pending, "boolean");
      if (index > 0) assert.ok(all[index - 1].date >= transaction.date, "newest first");
    }
    assert.equal(new Set(all.map((transaction) => transaction.id)).size, all.length, "ids are unique");
    assert.ok(
      all.some((transaction) => transaction.date <= daysAgo(80)),
      "the history goes back about 90 days",
    );
    assert.ok(
      all.some((transaction) => transaction.amount < 0),
      "money comes in (payroll, payments)",
    );
    assert.ok(new Set(all.map((transaction) => transaction.name)).size >= 10, "many different merchants");
    assert.ok(new Set(all.map((transaction) => transaction.category)).size >= 5, "several categories");
    // Pending only in the last two days.
    for (const transaction of all.filter((candidate) => candidate.pending)) assert.ok(transaction.date >= daysAgo(1), `pending on ${transaction.date}`);
  });

  test("deterministic: the same list on every call", async () => {
    assert.deepEqual(await everything(), await everything());
  });

  test("the default page is 100, with next_cursor and total", async () => {
    const response = await transactions(host, full.accessToken);
    assert.equal(response.status, 200, response.text);
    assert.equal(response.body.transactions.length, 100);
    assert.equal(typeof response.body.next_cursor, "string");
    assert.ok(response.body.total > 100);
  });

  test("walking every page (limit 37): no duplicates, no gaps, the same order as one page", async () => {
    const all = await everything();
    const walked: Json[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const response = await transactions(host, full.accessToken, { limit: 37, ...(cursor ? { cursor } : {}) });
      assert.equal(response.status, 200, response.text);
      assert.equal(response.body.total, all.length, "total is the whole listing's size on every page");
      assert.ok(response.body.transactions.length <= 37);
      walked.push(...response.body.transactions);
      cursor = response.body.next_cursor;
      if (cursor !== null) assert.equal(response.body.transactions.length, 37, "only the last page is short");
      pages++;
      assert.ok(pages < 100, "the walk ends");
    } while (cursor !== null);
    assert.equal(pages, Math.ceil(all.length / 37));
    assert.equal(new Set(walked.map((transaction) => transaction.id)).size, walked.length, "no duplicates");
    assert.deepEqual(
      walked.map((transaction) => transaction.id),
      all.map((transaction) => transaction.id),
      "no gaps, same order",
    );
  });

  test("a date range is inclusive at both ends and pages within itself", async () => {
    const all = await everything();
    const start = daysAgo(40);
    const end = daysAgo(20);
    const expected = all.filter((transaction) => transaction.date >= start && transaction.date <= end);
    const walked: Json[] = [];
    let cursor: string | null = null;
    do {
      const response = await transactions(host, full.accessToken, cursor ? { cursor, limit: 10 } : { start_date: start, end_date: end, limit: 10 });
      assert.equal(response.status, 200, response.text);
      assert.equal(response.body.total, expected.length);
      walked.push(...response.body.transactions);
      cursor = response.body.next_cursor;
    } while (cursor !== null);
    assert.deepEqual(walked, expected);
    // One day is a valid range.
    const day = all[Math.floor(all.length / 2)].date;
    const single = await transactions(host, full.accessToken, { start_date: day, end_date: day, limit: 500 });
    assert.deepEqual(
      single.body.transactions,
      all.filter((transaction) => transaction.date === day),
    );
    assert.ok(single.body.transactions.length > 0);
  });

  test("open-ended ranges and ranges outside the history", async () => {
    const all = await everything();
    const since = daysAgo(7);
    const recent = await transactions(host, full.accessToken, { start_date: since, limit: 500 });
    assert.deepEqual(
      recent.body.transactions,
      all.filter((transaction) => transaction.date >= since),
    );
    const until = daysAgo(60);
    const older = await transactions(host, full.accessToken, { end_date: until, limit: 500 });
    assert.deepEqual(
      older.body.transactions,
      all.filter((transaction) => transaction.date <= until),
    );
    const ancient = await transactions(host, full.accessToken, { start_date: "2001-01-01", end_date: "2001-12-31" });
    assert.deepEqual(ancient.body, { transactions: [], next_cursor: null, total: 0 });
    const future = await transactions(host, full.accessToken, { start_date: daysAgo(-5), end_date: daysAgo(-10) });
    assert.equal(future.body.total, 0);
  });

  test("account_id filters to one account (and pages within it)", async () => {
    const all = await everything();
    const account = full.success.accounts[2].id;
    const first = await transactions(host, full.accessToken, { account_id: account, limit: 15 });
    assert.equal(first.status, 200, first.text);
    const expected = all.filter((transaction) => transaction.account_id === account);
    assert.equal(first.body.total, expected.length);
    const second = await transactions(host, full.accessToken, { cursor: first.body.next_cursor, limit: 15 });
    assert.deepEqual([...first.body.transactions, ...second.body.transactions], expected.slice(0, 30));
  });

  test("an account_id that is not this item's → 400 parameter_invalid", async () => {
    const other = await linkedItem(host);
    expectError(await transactions(host, full.accessToken, { account_id: other.success.accounts[0].id }), 400, "parameter_invalid", { param: "account_id" });
    expectError(await transactions(host, full.accessToken, { account_id: "acc_nope" }), 400, "parameter_invalid", { param: "account_id" });
  });

  const badQueries: [string, Record<string, string>, string, string][] = [
    ["a malformed start_date", { start_date: "2026/01/01" }, "parameter_invalid", "start_date"],
    ["a start_date that is no calendar date", { start_date: "2026-02-30" }, "parameter_invalid", "start_date"],
    ["month 13", { end_date: "2026-13-01" }, "parameter_invalid", "end_date"],
    ["a word for a date", { end_date: "yesterday" }, "parameter_invalid", "end_date"],
    ["start after end", { start_date: "2026-03-02", end_date: "2026-03-01" }, "parameter_invalid", "start_date"],
    ["limit 0", { limit: "0" }, "parameter_invalid", "limit"],
    ["limit 501", { limit: "501" }, "parameter_invalid", "limit"],
    ["a negative limit", { limit: "-5" }, "parameter_invalid", "limit"],
    ["a fractional limit", { limit: "2.5" }, "parameter_invalid", "limit"],
    ["a word for a limit", { limit: "ten" }, "parameter_invalid", "limit"],
    ["an empty limit", { limit: "" }, "parameter_invalid", "limit"],
    ["an unknown parameter", { count: "5" }, "parameter_unknown", "count"],
    ["a garbage cursor", { cursor: "not-a-cursor" }, "parameter_invalid", "cursor"],
    ["an empty cursor", { cursor: "" }, "parameter_invalid", "cursor"],
  ];
  for (const [what, query, code, param] of badQueries) {
    test(`${what} → 400 ${code} (param ${param})`, async () => {
      expectError(await transactions(host, full.accessToken, query), 400, code, { param });
    });
  }

  test("the largest page is 500", async () => {
    const response = await transactions(host, full.accessToken, { limit: 500 });
    assert.equal(response.status, 200, response.text);
    assert.ok(response.body.transactions.length <= 500);
  });

  test("a tampered cursor → 400 parameter_invalid: a changed offset, a changed MAC, another item's cursor", async () => {
    const first = await transactions(host, full.accessToken, { limit: 10 });
    const cursor: string = first.body.next_cursor;
    const [payload = "", mac = ""] = cursor.split(".");
    const decoded = Buffer.from(payload, "base64url").toString("utf8");
    const forged = Buffer.from(decoded.replace(/\|\d+$/, "|0")).toString("base64url");
    const wider = Buffer.from(decoded.replace(/^\d{4}-\d{2}-\d{2}/, "1990-01-01")).toString("base64url");
    const flipped = `${mac.slice(0, -1)}${mac.at(-1) === "0" ? "1" : "0"}`;
    for (const candidate of [`${forged}.${mac}`, `${wider}.${mac}`, `${payload}.${flipped}`, payload, `${cursor}.x`, `${cursor}A`, cursor.toUpperCase()]) {
      expectError(await transactions(host, full.accessToken, { cursor: candidate }), 400, "parameter_invalid", { param: "cursor" });
    }
    const other = await linkedItem(host);
    expectError(await transactions(host, other.accessToken, { cursor }), 400, "parameter_invalid", { param: "cursor" });
    // The real one still works.
    assert.equal((await transactions(host, full.accessToken, { cursor })).status, 200);
  });

  test("a cursor with other filters → 400 parameter_invalid; with the same ones it continues", async () => {
    const start = daysAgo(30);
    const first = await transactions(host, full.accessToken, { start_date: start, limit: 5 });
    const cursor = first.body.next_cursor;
    expectError(await transactions(host, full.accessToken, { cursor, start_date: daysAgo(31) }), 400, "parameter_invalid", { param: "cursor" });
    expectError(await transactions(host, full.accessToken, { cursor, account_id: full.success.accounts[0].id }), 400, "parameter_invalid", { param: "cursor" });
    const same = await transactions(host, full.accessToken, { cursor, start_date: start, end_date: todayUtc(), limit: 5 });
    assert.equal(same.status, 200, same.text);
    assert.equal(same.body.total, first.body.total);
  });
});

describe("removing an item", () => {
  test("remove → { id, object: item, removed: true }; its access token is revoked at once (401 access_token_revoked)", async () => {
    const item = await linkedItem(host);
    assert.equal((await accounts(host, item.accessToken)).status, 200);
    const removed = await post(host, `/v1/items/${item.itemId}/remove`, {});
    assert.equal(removed.status, 200, removed.text);
    assert.deepEqual(removed.body, { id: item.itemId, object: "item", removed: true });
    expectError(await accounts(host, item.accessToken), 401, "access_token_revoked", { type: "authentication_error" });
    expectError(await transactions(host, item.accessToken), 401, "access_token_revoked");
    // Removing again answers the same; other items are untouched.
    const again = await post(host, `/v1/items/${item.itemId}/remove`, {});
    assert.deepEqual(again.body, removed.body);
    assert.equal((await accounts(host, full.accessToken)).status, 200);
  });

  test("unknown item → 404 resource_missing; a body → parameter_unknown", async () => {
    expectError(await post(host, "/v1/items/item_DoesNotExist1234567/remove", {}), 404, "resource_missing");
    expectError(await post(host, "/v1/items/nope/remove", {}), 404, "resource_missing");
    expectError(await post(host, `/v1/items/${full.itemId}/remove`, { reason: "x" }), 400, "parameter_unknown", { param: "reason" });
    assert.equal((await accounts(host, full.accessToken)).status, 200, "a refused removal removed nothing");
  });

  test("without a body it works too", async () => {
    const item = await linkedItem(host);
    const response = await call(host, "POST", `/v1/items/${item.itemId}/remove`);
    assert.equal(response.status, 200, response.text);
  });
});

describe("the SDK (enclave-kit/server)", () => {
  test("sessions, exchange, accounts, transactions page by page, items.remove", async () => {
    const enclave = new EnclaveClient(host.secretKey, { host: host.url });
    const session = await enclave.bankLinkSessions.create({ products: ["transactions", "balances"], customer_ref: "sdk" });
    assert.match(session.id, /^bls_/);
    assert.equal((await enclave.bankLinkSessions.retrieve(session.id)).status, "open");
    const token = await enclave.clientTokens.create({ session: session.id });
    assert.match(token.client_token, /^ct_/);

    const linked = await linkItem(host);
    const { access_token, item_id } = await enclave.bankLinks.exchange({ public_token: linked.publicToken });
    const list = await enclave.accounts.list(access_token);
    assert.equal(list.item.id, item_id);
    assert.equal(list.accounts.length, 3);

    const ids: string[] = [];
    let cursor: string | undefined;
    let total: number;
    do {
      const page = await enclave.transactions.list(access_token, { limit: 120, ...(cursor ? { cursor } : {}) });
      ids.push(...page.transactions.map((transaction) => transaction.id));
      total = page.total;
      cursor = page.next_cursor ?? undefined;
    } while (cursor);
    assert.equal(ids.length, total);
    assert.equal(new Set(ids).size, total);

    const ranged = await enclave.transactions.list(access_token, { start_date: daysAgo(3), end_date: todayUtc() });
    for (const transaction of ranged.transactions) assert.ok(transaction.date >= daysAgo(3));

    assert.deepEqual(await enclave.items.remove(item_id), { id: item_id, object: "item", removed: true });
    await assert.rejects(enclave.accounts.list(access_token), (error: unknown) => {
      assert.ok(error instanceof EnclaveApiError);
      assert.equal(error.status, 401);
      assert.equal(error.code, "access_token_revoked");
      return true;
    });
  });

  test("errors arrive as EnclaveApiError with code and param", async () => {
    const enclave = new EnclaveClient(host.secretKey, { host: host.url, maxRetries: 0 });
    await assert.rejects(enclave.bankLinks.exchange({ public_token: "public-sandbox-nope" }), (error: unknown) => {
      assert.ok(error instanceof EnclaveApiError);
      assert.equal(error.code, "public_token_invalid");
      assert.equal(error.param, "public_token");
      assert.equal(error.status, 400);
      return true;
    });
    await assert.rejects(
      enclave.transactions.list(full.accessToken, { start_date: "2026-02-30" }),
      (error: unknown) => error instanceof EnclaveApiError && error.code === "parameter_invalid",
    );
  });
});

describe("openapi", () => {
  test("/v1/openapi.json documents every bank-link route, its body, query and the access-token header", async () => {
    const document = (await get(host, "/v1/openapi.json", { key: null })).body;
    const routes: [string, string][] = [
      ["post", "/v1/bank_link_sessions"],
      ["get", "/v1/bank_link_sessions/{id}"],
      ["post", "/v1/bank_links/exchange"],
      ["get", "/v1/accounts"],
      ["get", "/v1/transactions"],
      ["post", "/v1/items/{id}/remove"],
      ["get", "/v1/frame/bank_link/institutions"],
      ["post", "/v1/frame/bank_link/credentials"],
      ["post", "/v1/frame/bank_link/mfa"],
      ["post", "/v1/frame/bank_link/oauth/start"],
      ["get", "/v1/frame/bank_link/oauth/status"],
      ["post", "/v1/frame/bank_link/accounts"],
      ["get", "/oauth/sandbox/authorize"],
      ["post", "/oauth/sandbox/authorize"],
    ];
    for (const [method, path] of routes) {
      const operation = document.paths?.[path]?.[method];
      assert.ok(operation, `${method.toUpperCase()} ${path} is documented`);
      assert.ok(operation.responses?.["200"], `${method.toUpperCase()} ${path} documents its answer`);
      if (method === "post") assert.ok(operation.requestBody, `${method.toUpperCase()} ${path} documents its body`);
    }
    const listing = document.paths["/v1/transactions"].get;
    const parameters = listing.parameters.map((parameter: Json) => `${parameter.in}:${parameter.name}`).sort();
    assert.deepEqual(parameters, ["header:Enclave-Access-Token", "query:account_id", "query:cursor", "query:end_date", "query:limit", "query:start_date"]);
    const credentials = document.paths["/v1/frame/bank_link/credentials"].post.requestBody.content["application/json"].schema;
    assert.equal(credentials.additionalProperties, false);
    assert.deepEqual([...credentials.required].sort(), ["institution_id", "password", "username"]);
    assert.ok(document.components.securitySchemes.access_token);
  });
});
