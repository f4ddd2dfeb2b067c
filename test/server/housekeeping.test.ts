/**
 * Background work on several hosts of one store: the housekeeping lease (one clean-up run per
 * interval for the whole cluster), what a run deletes and keeps, and hosts that start
 * together on a fresh store (migrations and the seeded merchant, once).
 *
 * Two host processes on one store need PostgreSQL (ENCLAVE_TEST_DATABASE_URL): a PGlite
 * data dir is one process's. On PGlite those tests are skipped, saying so; the lease itself
 * is tested in both modes (on PostgreSQL through two connection pools, as two hosts hold them).
 */
import assert from "node:assert/strict";
import { after, describe, test } from "node:test";
import { releaseHousekeepingLease, takeHousekeepingLease } from "../../src/server/housekeeping.js";
import { openStore, type Store } from "../../src/server/store/database.js";
import { get, post, sleep, waitFor } from "./support/api.js";
import { queryStore } from "./support/identity.js";
import { createStore, randomKeys, removeStore, startWidgetHost, testDatabaseUrl, type StoreLocation, type WidgetHostProcess } from "./support/widget-host.js";

const twoHostsSkip = testDatabaseUrl ? false : "two host processes on one store need PostgreSQL (set ENCLAVE_TEST_DATABASE_URL); a PGlite data dir is one process's";

const cleanups: (() => Promise<void>)[] = [];
after(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
});

async function freshStore(): Promise<StoreLocation> {
  const store = await createStore();
  cleanups.push(() => removeStore(store));
  return store;
}

describe("the housekeeping lease", () => {
  test("of many hosts asking at once, one runs; the next run waits for the interval; a stopping holder gives it back", async () => {
    const location = await freshStore();
    const open = (): Promise<Store> => openStore({ dataDir: location.dataDir, ...(location.databaseUrl ? { databaseUrl: location.databaseUrl } : {}) });
    // On PostgreSQL two stores are two pools, as two hosts have; PGlite is one process's store.
    const stores = location.databaseUrl ? await Promise.all([open(), open()]) : [await open()];
    try {
      const ask = (round: string): Promise<boolean[]> =>
        Promise.all(Array.from({ length: 16 }, (_, index) => takeHousekeepingLease(stores[index % stores.length] as Store, `host-${index}-${round}`, 60)));
      const first = await ask("a");
      assert.equal(first.filter(Boolean).length, 1, `one of 16 concurrent takers runs (${first.join(",")})`);
      assert.equal((await ask("b")).filter(Boolean).length, 0, "within the interval nobody else runs");
      const db = stores[0] as Store;
      const holder = (await queryStore<{ holder: string }>(location, "SELECT holder FROM housekeeping_leases")).at(0)?.holder;
      assert.ok(holder?.endsWith("-a"), `the winner is recorded (${holder})`);
      await releaseHousekeepingLease(db, "someone-else");
      assert.equal((await ask("c")).filter(Boolean).length, 0, "only the holder can give the lease back");
      await releaseHousekeepingLease(db, holder ?? "");
      assert.equal((await ask("d")).filter(Boolean).length, 1, "given back: the next taker runs at once");
    } finally {
      for (const store of stores) await store.destroy();
    }
  });
});

describe("a housekeeping run", () => {
  test("deletes expired replies, ended limit windows, stale DPoP proof ids and day-old client tokens; keeps the live ones", async () => {
    const store = await freshStore();
    const keys = randomKeys();
    const first = await startWidgetHost({ store, seed: keys });
    for (const key of ["old-reply", "new-reply"]) {
      const created = await post(first, "/v1/payment_intents", { amount: 1000, currency: "usd" }, { headers: { "Idempotency-Key": key } });
      assert.equal(created.status, 200, created.text);
    }
    await first.stop();
    await queryStore(store, "UPDATE idempotency_keys SET created_at = now() - interval '25 hours' WHERE key = 'old-reply'");
    await queryStore(store, "INSERT INTO rate_limits (key_hash, count, expires_at) VALUES ('ended', 1, now() - interval '1 second'), ('open', 1, now() + interval '1 hour')");
    await queryStore(store, "INSERT INTO dpop_proofs (jkt, jti, expires_at) VALUES ('k', 'stale', now() - interval '1 second'), ('k', 'live', now() + interval '1 hour')");
    const tokens = await queryStore<{ token_hash: string }>(store, "SELECT token_hash FROM client_tokens ORDER BY created_at");
    assert.equal(tokens.length, 2);
    await queryStore(store, "UPDATE client_tokens SET expires_at = now() - interval '25 hours' WHERE token_hash = $1", [tokens[0]?.token_hash]);
    // Its first run, at start: the lease was given back when the first host stopped.
    const second = await startWidgetHost({ store, seed: keys });
    const left = async (): Promise<string> =>
      JSON.stringify([
        (await queryStore<{ key: string }>(store, "SELECT key FROM idempotency_keys ORDER BY key")).map((row) => row.key),
        (await queryStore<{ key_hash: string }>(store, "SELECT key_hash FROM rate_limits WHERE key_hash IN ('ended', 'open') ORDER BY key_hash")).map((row) => row.key_hash),
        (await queryStore<{ jti: string }>(store, "SELECT jti FROM dpop_proofs ORDER BY jti")).map((row) => row.jti),
        (await queryStore<{ token_hash: string }>(store, "SELECT token_hash FROM client_tokens")).map((row) => row.token_hash),
      ]);
    const expected = JSON.stringify([["new-reply"], ["open"], ["live"], [tokens[1]?.token_hash]]);
    if (store.databaseUrl) {
      await waitFor(async () => (await left()) === expected, 15_000, "the run at start");
      await second.stop();
    } else {
      // PGlite is one process's store: let the run at start finish, then read it after the stop.
      await sleep(2000);
      await second.stop();
    }
    assert.equal(await left(), expected);
  });
});

describe("a host that died mid-request", () => {
  test("its claim on an Idempotency-Key is taken over after a minute: the retry runs, it does not hang", async () => {
    const store = await freshStore();
    const keys = randomKeys();
    const first = await startWidgetHost({ store, seed: keys });
    await first.stop();
    const [merchant] = await queryStore<{ id: string }>(store, "SELECT id FROM merchants");
    // What a host killed between claiming the key and answering leaves behind.
    await queryStore(
      store,
      "INSERT INTO idempotency_keys (merchant_id, key, request_hash, state, created_at) VALUES ($1, 'cut-by-a-kill', 'hash-of-the-lost-request', 'in_progress', now() - interval '2 minutes')",
      [merchant?.id],
    );
    const second = await startWidgetHost({ store, seed: keys });
    try {
      const retried = await Promise.race([
        post(second, "/v1/payment_intents", { amount: 1000, currency: "usd" }, { headers: { "Idempotency-Key": "cut-by-a-kill" } }),
        sleep(20_000).then(() => undefined),
      ]);
      assert.ok(retried, "the retry answered (it used to retry the take-over forever)");
      assert.equal(retried.status, 200, retried.text);
      const replayed = await post(second, "/v1/payment_intents", { amount: 1000, currency: "usd" }, { headers: { "Idempotency-Key": "cut-by-a-kill" } });
      assert.equal(replayed.body.id, retried.body.id, "and it is kept for the next retry");
    } finally {
      await second.stop();
    }
  });
});

describe("a host that dies between making a payment intent and keeping its key's reply", () => {
  test("nothing of it stays: the retry with the same key makes the one intent", async () => {
    const store = await freshStore();
    const keys = randomKeys();
    const body = { amount: 4242, currency: "usd" };
    const headers = { "Idempotency-Key": "dies-before-keeping" };
    const intents = async (): Promise<string[]> => (await queryStore<{ id: string }>(store, "SELECT id FROM payment_intents WHERE amount = 4242")).map((row) => row.id);
    const first = await startWidgetHost({ store, seed: keys });
    await first.stop();
    // Keeping the reply fails after the intent's insert, as a host killed at that moment would stop.
    await queryStore(
      store,
      "CREATE FUNCTION die_before_keeping() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF NEW.state = 'done' THEN RAISE EXCEPTION 'the host died'; END IF; RETURN NEW; END $$",
    );
    await queryStore(store, "CREATE TRIGGER die_before_keeping BEFORE UPDATE ON idempotency_keys FOR EACH ROW EXECUTE FUNCTION die_before_keeping()");
    const dying = await startWidgetHost({ store, seed: keys });
    try {
      const failed = await post(dying, "/v1/payment_intents", body, { headers });
      assert.equal(failed.status, 500, failed.text);
    } finally {
      await dying.stop();
    }
    assert.deepEqual(await intents(), [], "the intent's insert was rolled back with the reply's");
    await queryStore(store, "DROP TRIGGER die_before_keeping ON idempotency_keys");
    const next = await startWidgetHost({ store, seed: keys });
    const answered: string[] = [];
    try {
      const retried = await post(next, "/v1/payment_intents", body, { headers });
      assert.equal(retried.status, 200, retried.text);
      const replayed = await post(next, "/v1/payment_intents", body, { headers });
      assert.equal(replayed.headers.get("idempotent-replayed"), "true");
      answered.push(retried.body.id, replayed.body.id);
    } finally {
      await next.stop();
    }
    // Read once the host is stopped: a PGlite data dir is one process's.
    assert.deepEqual(await intents(), [answered[0]], "one intent for the one key");
    assert.equal(answered[1], answered[0], "the replay names it");
  });
});

describe("two hosts on one PostgreSQL", { skip: twoHostsSkip }, () => {
  test("a newer host's migration adds a payment-intent column: this host's prepared reads and creates go on", async () => {
    const store = await freshStore();
    const host = await startWidgetHost({ store, seed: randomKeys() });
    cleanups.push(async () => void (await host.stop()));
    const created = await post(host, "/v1/payment_intents", { amount: 1000, currency: "usd" });
    assert.equal(created.status, 200, created.text);
    // Several reads: each pooled connection prepares the statement on its first.
    for (let index = 0; index < 12; index++) assert.equal((await get(host, `/v1/payment_intents/${created.body.id}`)).status, 200);
    await queryStore(store, "ALTER TABLE payment_intents ADD COLUMN added_by_a_newer_host text");
    for (let index = 0; index < 12; index++) {
      const read = await get(host, `/v1/payment_intents/${created.body.id}`);
      assert.equal(read.status, 200, `a cached plan of "SELECT *" would fail here: ${read.text}`);
      assert.deepEqual(read.body, (({ client_token: _token, client_token_expires_at: _expiry, ...intent }) => intent)(created.body));
    }
    assert.equal((await post(host, "/v1/payment_intents", { amount: 1000, currency: "usd" })).status, 200);
  });

  test("started together on a fresh store: both come up, migrate once and make one sandbox merchant", async () => {
    const store = await freshStore();
    const hosts = await Promise.all([startWidgetHost({ store, seed: false }), startWidgetHost({ store, seed: false })]);
    cleanups.push(async () => void (await Promise.all(hosts.map((host) => host.stop()))));
    const [a, b] = hosts as [WidgetHostProcess, WidgetHostProcess];
    assert.equal(a.publishableKey, b.publishableKey, "both print the one merchant's keys");
    assert.equal(a.secretKey, b.secretKey);
    const merchants = await queryStore<{ count: string }>(store, "SELECT count(*) AS count FROM merchants");
    assert.equal(Number(merchants[0]?.count), 1, "one sandbox merchant");
    const migrations = await queryStore<{ name: string; count: string }>(store, "SELECT name, count(*) AS count FROM enclave_migrations GROUP BY name HAVING count(*) > 1");
    assert.deepEqual(migrations, [], "each migration recorded once");
    for (const host of hosts) {
      const created = await post(host, "/v1/payment_intents", { amount: 1000, currency: "usd" });
      assert.equal(created.status, 200, created.text);
    }
    await Promise.all(hosts.map((host) => host.stop()));
  });

  test("housekeeping runs once per interval for the cluster, not once per host", async () => {
    const store = await freshStore();
    const keys = randomKeys();
    const env = { ENCLAVE_HOUSEKEEPING_INTERVAL_SECONDS: "1" };
    const hosts = await Promise.all([startWidgetHost({ store, seed: keys, env }), startWidgetHost({ store, seed: keys, env })]);
    cleanups.push(async () => void (await Promise.all(hosts.map((host) => host.stop()))));
    // Each host asks for the lease every 250 ms: unleased, two hosts would run about 8 times a second.
    const [start] = await queryStore<{ at: Date }>(store, "UPDATE housekeeping_leases SET runs = 0 RETURNING now() AS at");
    await sleep(4000);
    const [end] = await queryStore<{ at: Date; runs: string }>(store, "SELECT now() AS at, runs FROM housekeeping_leases");
    assert.ok(start && end);
    const elapsedSeconds = (new Date(end.at).getTime() - new Date(start.at).getTime()) / 1000;
    const runs = Number(end.runs);
    assert.ok(runs >= 2, `housekeeping runs (${runs} runs in ${elapsedSeconds.toFixed(1)} s)`);
    // One run per second at most, plus one for a take already under way when the count was reset.
    assert.ok(runs <= Math.floor(elapsedSeconds) + 2, `at most one run per second for both hosts together (${runs} runs in ${elapsedSeconds.toFixed(1)} s)`);
    for (const host of hosts) assert.doesNotMatch(host.output(), /\[enclave\] housekeeping/, "no housekeeping errors");
    await Promise.all(hosts.map((host) => host.stop()));
  });
});
