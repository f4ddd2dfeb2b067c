/**
 * Bank linking across two merchants on one widget host, and the public token's lifetime.
 *
 * As in tenancy.test.ts: a host seeded as merchant A links an item, stops; the same store
 * is started again seeded as merchant B, with ENCLAVE_PUBLIC_TOKEN_TTL_SECONDS=3 so that
 * a public token minted by it expires within the test. Both merchants then live in one host.
 */
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { expectError, frameCall, get, post, sleep } from "./support/api.js";
import { accounts, bankFrame, exchange, linkedItem, linkItem, sandboxUsers, signIn, transactions, type Linked, type LinkedItem } from "./support/bank-link.js";
import { createStore, randomKeys, removeStore, runCli, startWidgetHost, type StoreLocation, type WidgetHostProcess } from "./support/widget-host.js";

const ORIGIN_A = "https://a-bank.example.com";
const ORIGIN_B = "https://b-bank.example.com";
const keysA = randomKeys();
const keysB = randomKeys();
const asA = { key: keysA.secretKey };
const frameA = { publishableKey: keysA.publishableKey, parentOrigin: ORIGIN_A };
const frameB = { parentOrigin: ORIGIN_B };
let store: StoreLocation;
let host: WidgetHostProcess;
/** Merchant A's exchanged item. */
let itemA: LinkedItem;
/** Merchant A's linked but unexchanged item, whose public token has the default 30-minute life. */
let pendingA: Linked;
/** Merchant A's open session. */
let openSessionA: { id: string; client_token: string };

before(async () => {
  store = await createStore();
  const first = await startWidgetHost({ store, seed: keysA, env: { ENCLAVE_ALLOWED_ORIGINS: ORIGIN_A, ENCLAVE_MERCHANT_NAME: "Merchant A" } });
  try {
    itemA = await linkedItem(first, { frame: frameA });
    pendingA = await linkItem(first, { frame: frameA });
    openSessionA = (await post(first, "/v1/bank_link_sessions", { products: ["transactions"] })).body;
  } finally {
    await first.stop();
  }
  host = await startWidgetHost({ store, seed: keysB, env: { ENCLAVE_ALLOWED_ORIGINS: ORIGIN_B, ENCLAVE_MERCHANT_NAME: "Merchant B", ENCLAVE_PUBLIC_TOKEN_TTL_SECONDS: "3" } });
});

after(async () => {
  await host?.dispose();
  if (store) await removeStore(store);
});

describe("two merchants", () => {
  test("merchant A's access token still works after the restart, with A's key", async () => {
    const response = await accounts(host, itemA.accessToken, keysA.secretKey);
    assert.equal(response.status, 200, response.text);
    assert.equal(response.body.item.id, itemA.itemId);
    assert.equal((await transactions(host, itemA.accessToken, { limit: 3 }, keysA.secretKey)).status, 200);
  });

  test("merchant A's access token with merchant B's key → 401 access_token_invalid", async () => {
    expectError(await accounts(host, itemA.accessToken), 401, "access_token_invalid");
    expectError(await transactions(host, itemA.accessToken), 401, "access_token_invalid");
  });

  test("merchant A's public token exchanged by merchant B → 400 public_token_invalid, and it stays usable by A", async () => {
    expectError(await exchange(host, pendingA.publicToken), 400, "public_token_invalid");
    const own = await exchange(host, pendingA.publicToken, { key: keysA.secretKey });
    assert.equal(own.status, 200, own.text);
  });

  test("merchant B cannot see A's session, mint its tokens or remove A's item", async () => {
    expectError(await get(host, `/v1/bank_link_sessions/${openSessionA.id}`), 404, "resource_missing");
    expectError(await post(host, "/v1/client_tokens", { session: openSessionA.id }), 404, "resource_missing");
    expectError(await post(host, `/v1/items/${itemA.itemId}/remove`, {}), 404, "resource_missing");
    assert.equal((await accounts(host, itemA.accessToken, keysA.secretKey)).status, 200, "A's item was not removed");
    assert.equal((await get(host, `/v1/bank_link_sessions/${openSessionA.id}`, asA)).status, 200);
  });

  test("a cursor of A's item is refused on B's item", async () => {
    const cursor = (await transactions(host, itemA.accessToken, { limit: 5 }, keysA.secretKey)).body.next_cursor;
    const itemB = await linkedItem(host, { frame: frameB });
    expectError(await transactions(host, itemB.accessToken, { cursor }), 400, "parameter_invalid", { param: "cursor" });
  });

  test("A's client token with B's publishable key → 403 client_token_foreign; on A's own origin it works", async () => {
    const token = openSessionA.client_token;
    expectError(await frameCall(host, "GET", "/bank_link/institutions", { token, parentOrigin: ORIGIN_B }), 403, "client_token_foreign");
    expectError(await signIn(host, token, sandboxUsers.good, undefined, undefined, frameB), 403, "client_token_foreign");
    expectError(await bankFrame(host, "GET", "/institutions", token, { ...frameA, parentOrigin: ORIGIN_B }), 403, "origin_not_allowed");
    const own = await bankFrame(host, "GET", "/institutions", token, frameA);
    assert.equal(own.status, 200, own.text);
    const session = await frameCall(host, "GET", "/session", { token, ...frameA });
    assert.deepEqual(session.body.merchant, { name: "Merchant A" });
  });
});

describe("public token lifetime (ENCLAVE_PUBLIC_TOKEN_TTL_SECONDS=3)", () => {
  test("an expired public token → 400 public_token_expired; it was never exchanged", async () => {
    const linked = await linkItem(host, { frame: frameB });
    await sleep(3500);
    expectError(await exchange(host, linked.publicToken), 400, "public_token_expired", { param: "public_token", type: "invalid_request_error" });
    expectError(await exchange(host, linked.publicToken), 400, "public_token_expired");
  });

  test("within its lifetime it works", async () => {
    const linked = await linkItem(host, { frame: frameB });
    assert.equal((await exchange(host, linked.publicToken)).status, 200);
  });

  test("a used token reports used even once it would have expired", async () => {
    const linked = await linkItem(host, { frame: frameB });
    assert.equal((await exchange(host, linked.publicToken)).status, 200);
    await sleep(3500);
    expectError(await exchange(host, linked.publicToken), 400, "public_token_used");
  });
});

describe("configuration", () => {
  for (const value of ["0", "-1", "1.5", "30m", "86401"]) {
    test(`ENCLAVE_PUBLIC_TOKEN_TTL_SECONDS=${value} → the host refuses to start`, async () => {
      const dataDir = join(store.dataDir, `ttl-${value.replace(/\W/g, "_")}`);
      const result = await runCli(["serve", "--port", "0", "--host", "127.0.0.1", "--data-dir", dataDir], { ENCLAVE_PUBLIC_TOKEN_TTL_SECONDS: value });
      assert.notEqual(result.code, 0, result.stdout);
      assert.match(result.stderr, /^enclave: ENCLAVE_PUBLIC_TOKEN_TTL_SECONDS/m);
      assert.ok(!existsSync(dataDir));
    });
  }
});
