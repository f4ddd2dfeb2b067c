/**
 * `enclave keys --roll [--expires-in <hours>]`: the sandbox merchant gets a new secret key,
 * printed once; the old one keeps working until the overlap ends, then answers 401
 * `invalid_api_key` saying it was rolled. A host restarted with the old seed
 * (ENCLAVE_SECRET_KEY) does not undo the roll, and `enclave keys --json` prints the new key.
 * The overlap here is 0.01 hours (36 s): fractions of an hour are allowed for this.
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { expectError, get, sleep, SHOP_ORIGIN } from "./support/api.js";
import { createStore, randomKeys, removeStore, runCli, startWidgetHost, storeArgs, type StoreLocation, type WidgetHostProcess } from "./support/widget-host.js";

const seed = randomKeys();
const env = { ENCLAVE_ALLOWED_ORIGINS: SHOP_ORIGIN };
let store: StoreLocation;
let host: WidgetHostProcess | undefined;
let rolled: { secretKey: string; expiresAt: number };

before(async () => {
  store = await createStore();
  host = await startWidgetHost({ store, seed, env });
  assert.equal((await get(host, "/v1/allowed_origins")).status, 200);
  await host.stop();
  const result = await runCli(["keys", "--roll", "--expires-in", "0.01", ...storeArgs(store)]);
  assert.equal(result.code, 0, result.stderr);
  const secretKey = /secret key: (sk_test_[A-Za-z0-9]+)/.exec(result.stdout)?.[1];
  const until = /the previous secret key works until (\S+)/.exec(result.stdout)?.[1];
  assert.ok(secretKey && until, result.stdout);
  rolled = { secretKey, expiresAt: Date.parse(until) };
  // Restarted as a deployment would be, still seeded with the old key.
  host = await startWidgetHost({ store, seed, env });
});

after(async () => {
  await host?.stop();
  if (store) await removeStore(store);
});

describe("enclave keys --roll", () => {
  test("prints a new sandbox secret key, and the old key's end about 0.01 h away", () => {
    assert.notEqual(rolled.secretKey, seed.secretKey);
    const overlap = rolled.expiresAt - Date.now();
    assert.ok(overlap > 0 && overlap <= 36_000, `the old key works for at most 36 s more (${overlap} ms)`);
  });

  test("the restarted host (seeded with the old key) serves the new one, and says the seed was rolled", () => {
    assert.equal(host?.secretKey, rolled.secretKey);
    assert.match(host?.output() ?? "", /ENCLAVE_SECRET_KEY was rolled/);
  });

  test("during the overlap both keys work, for the same merchant", async () => {
    assert.ok(host);
    assert.ok(Date.now() < rolled.expiresAt - 1000, "the host started within the overlap (36 s); a slower machine needs a longer --expires-in here");
    const withOld = await get(host, "/v1/allowed_origins", { key: seed.secretKey });
    const withNew = await get(host, "/v1/allowed_origins", { key: rolled.secretKey });
    assert.equal(withOld.status, 200, withOld.text);
    assert.equal(withNew.status, 200, withNew.text);
    assert.deepEqual(withOld.body, withNew.body);
  });

  test("after the overlap the old key answers 401 invalid_api_key, saying it was rolled; the new one still works", async () => {
    assert.ok(host);
    const wait = rolled.expiresAt - Date.now() + 250;
    if (wait > 0) await sleep(wait);
    const error = expectError(await get(host, "/v1/allowed_origins", { key: seed.secretKey }), 401, "invalid_api_key", { type: "authentication_error" });
    assert.match(error.message, /rolled and expired/);
    assert.equal((await get(host, "/v1/allowed_origins", { key: rolled.secretKey })).status, 200);
    // A key that never existed still gets the plain answer.
    const unknown = expectError(await get(host, "/v1/allowed_origins", { key: randomKeys().secretKey }), 401, "invalid_api_key");
    assert.doesNotMatch(unknown.message, /rolled/);
  });

  test("enclave keys --json prints the new key", async () => {
    assert.ok(host);
    await host.stop();
    const result = await runCli(["keys", "--json", ...storeArgs(store)]);
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(JSON.parse(result.stdout), { publishable_key: seed.publishableKey, secret_key: rolled.secretKey });
  });

  test("a second roll with --expires-in 0 ends the previous key at once, and --json shows the new one", async () => {
    const result = await runCli(["keys", "--roll", "--expires-in", "0", "--json", ...storeArgs(store)]);
    assert.equal(result.code, 0, result.stderr);
    const printed = JSON.parse(result.stdout);
    assert.equal(printed.publishable_key, seed.publishableKey);
    assert.match(printed.secret_key, /^sk_test_[A-Za-z0-9]{32}$/);
    assert.ok(Date.parse(printed.previous_secret_key_expires_at) <= Date.now());
    host = await startWidgetHost({ store, seed: false, env });
    assert.equal(host.secretKey, printed.secret_key);
    expectError(await get(host, "/v1/allowed_origins", { key: rolled.secretKey }), 401, "invalid_api_key");
    assert.equal((await get(host, "/v1/allowed_origins", { key: printed.secret_key })).status, 200);
  });

  test("bad flags are refused with a clear message", async () => {
    const scratch = await createStore();
    try {
      for (const [args, message] of [
        [["keys", "--roll", "--expires-in=-1"], /--expires-in must be a number of hours/],
        [["keys", "--roll", "--expires-in", "1e3"], /--expires-in must be a number of hours/],
        [["keys", "--roll", "--expires-in", "721"], /--expires-in must be a number of hours/],
        [["keys", "--expires-in", "2"], /--expires-in goes with --roll/],
        [["serve", "--roll"], /--roll and --expires-in go with enclave keys/],
      ] as const) {
        const result = await runCli([...args, ...storeArgs(scratch)]);
        assert.equal(result.code, 2, `${args.join(" ")}: ${result.stdout}${result.stderr}`);
        assert.match(result.stderr, message);
      }
    } finally {
      await removeStore(scratch);
    }
  });
});
