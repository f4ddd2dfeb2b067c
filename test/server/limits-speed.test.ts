/**
 * What the merchant API's speed-ups (issue 11) must not loosen: the authentication kept
 * 1 s per address+key (src/server/http/merchant-auth.ts) never outlives a lock-out on this
 * host, nor a rolled key's end; limits of 200+ spent from per-host reservations
 * (src/server/limits/limiter.ts) still allow no more than the limit across two hosts; and
 * coalesced lookups answer each request by a read that started after it arrived.
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { Limiter, limitNames, type LimitSettings } from "../../src/server/limits/index.js";
import { openStore } from "../../src/server/store/database.js";
import { expectError, get, SHOP_ORIGIN } from "./support/api.js";
import { createStore, removeStore, runCli, startWidgetHost, storeArgs, testDatabaseUrl, type WidgetHostProcess } from "./support/widget-host.js";
import { sleep } from "../support/wait.js";

let host: WidgetHostProcess;

before(async () => {
  host = await startWidgetHost({ env: { ENCLAVE_ALLOWED_ORIGINS: SHOP_ORIGIN, ENCLAVE_TRUST_PROXY: "1", ENCLAVE_LIMIT_AUTH_FAILURES_IP: "3/600" } });
});

after(async () => {
  await host?.dispose();
});

const from = (address: string): { headers: Record<string, string> } => ({ headers: { "X-Forwarded-For": address } });
const wrongKey = (index: number): string => `sk_test_wrong${String(index).padStart(12, "0")}`;

describe("the authentication kept for a second", () => {
  test("a good key just answered 200 from an address is refused (429) as soon as that address is locked out on this host", async () => {
    const address = from("203.0.113.77");
    assert.equal((await get(host, "/v1/allowed_origins", address)).status, 200);
    assert.equal((await get(host, "/v1/allowed_origins", address)).status, 200);
    for (let index = 0; index < 3; index++) expectError(await get(host, "/v1/allowed_origins", { key: wrongKey(index), ...address }), 401, "invalid_api_key");
    expectError(await get(host, "/v1/allowed_origins", { key: wrongKey(9), ...address }), 429, "rate_limited");
    expectError(await get(host, "/v1/allowed_origins", address), 429, "rate_limited");
    // Another address with the same good key is not affected.
    assert.equal((await get(host, "/v1/allowed_origins", from("203.0.113.78"))).status, 200);
  });

  // Two processes on one store: PostgreSQL only (PGlite is single-user).
  test("a key rolled with --expires-in 0 by another process is refused here within about a second", { skip: testDatabaseUrl ? false : "PostgreSQL only" }, async () => {
    // The key in use just before the roll (kept here for at most 1 s).
    const address = from("203.0.113.90");
    assert.equal((await get(host, "/v1/allowed_origins", address)).status, 200);
    const rolled = await runCli(["keys", "--roll", "--expires-in", "0", "--json", ...storeArgs(host.store)]);
    assert.equal(rolled.code, 0, rolled.stderr);
    await sleep(1100);
    expectError(await get(host, "/v1/allowed_origins", address), 401, "invalid_api_key");
    const fresh = JSON.parse(rolled.stdout).secret_key as string;
    assert.equal((await get(host, "/v1/allowed_origins", { key: fresh, ...address })).status, 200);
  });
});

describe("limits spent from reservations", () => {
  test("300 per window, 400 spends at once over two hosts: exactly 300 allowed; the rest refused with the window's seconds", async () => {
    const location = await createStore();
    const store = await openStore({ dataDir: location.dataDir, ...(location.databaseUrl ? { databaseUrl: location.databaseUrl } : {}) });
    try {
      const settings = Object.fromEntries(limitNames.map((name) => [name, { count: 300, windowSeconds: 3600 }])) as LimitSettings;
      const [one, two] = [await Limiter.open(store, settings), await Limiter.open(store, settings)];
      const decisions = await Promise.all(Array.from({ length: 400 }, (_, index) => (index % 2 === 0 ? one : two).consume("api_requests", "acct_1")));
      assert.equal(decisions.filter((decision) => decision.allowed).length, 300);
      for (const decision of decisions.filter((decision) => !decision.allowed)) {
        assert.ok(!decision.allowed && decision.retryAfterSeconds > 3500 && decision.retryAfterSeconds <= 3600, JSON.stringify(decision));
      }
      // Every unit allowed was reserved in the store: the shared count is at least what was allowed.
      const row = await store.selectFrom("rate_limits").select("count").where("key_hash", "=", one.hash("api_requests", "acct_1")).executeTakeFirstOrThrow();
      assert.ok(Number(row.count) >= 300);
      // A third host sees the window full.
      const three = await Limiter.open(store, settings);
      assert.equal((await three.consume("api_requests", "acct_1")).allowed, false);
    } finally {
      await store.destroy();
      await removeStore(location);
    }
  });
});
