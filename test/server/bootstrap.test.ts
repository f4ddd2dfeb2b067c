/**
 * Starting the widget host as a merchant's developer does: the first start without keys
 * creates a sandbox merchant and prints its keys, `enclave keys --json` prints them again
 * (server stopped, same store), a restart keeps the merchant, its keys and its data, and
 * a typo in the configuration stops `enclave serve` with a clear message.
 */
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { createIntent, frameCall, get, post, type CreatedIntent } from "./support/api.js";
import { createStore, randomKeys, removeStore, runCli, startWidgetHost, storeArgs, type StoreLocation, type WidgetHostProcess } from "./support/widget-host.js";

const ORIGIN = "https://bootstrap.example.com";

describe("first start, keys, restart", () => {
  let store: StoreLocation;
  let host: WidgetHostProcess | undefined;
  let keys: { publishableKey: string; secretKey: string };
  let intent: CreatedIntent;

  before(async () => {
    store = await createStore();
  });

  after(async () => {
    await host?.stop();
    if (store) await removeStore(store);
  });

  test("an unseeded first start creates a sandbox merchant and prints pk_test_/sk_test_ keys that work", async () => {
    host = await startWidgetHost({ store, seed: false });
    assert.match(host.stdout(), /^Enclave widget host listening on http:\/\/127\.0\.0\.1:\d+$/m);
    assert.match(host.stdout(), /publishable key: pk_test_[A-Za-z0-9]{8,100}$/m);
    assert.match(host.stdout(), /secret key: sk_test_[A-Za-z0-9]{8,100}$/m);
    keys = { publishableKey: host.publishableKey, secretKey: host.secretKey };

    const origins = await get(host, "/v1/allowed_origins");
    assert.equal(origins.status, 200, origins.text);
    assert.deepEqual(origins.body.data, [], "no origin is allowed until the merchant adds one");
    assert.equal((await post(host, "/v1/allowed_origins", { origin: ORIGIN })).status, 200);
    intent = await createIntent(host, { amount: 6543, currency: "gbp", metadata: { kept: "yes" } });
    // The page side works with the printed publishable key.
    const session = await frameCall(host, "GET", "/session", { token: intent.client_token, parentOrigin: ORIGIN });
    assert.equal(session.status, 200, session.text);
    assert.deepEqual(session.body.merchant, { name: "Sandbox merchant" });

    const stopped = await host.stop();
    assert.equal(stopped.code, 0, `SIGTERM stops the host cleanly (code ${stopped.code}, signal ${stopped.signal})\n${host.output()}`);
    host = undefined;
  });

  test("`enclave keys --json` prints the same keys (server stopped, same store)", async () => {
    assert.ok(keys, "needs the first start");
    const json = await runCli(["keys", "--json", ...storeArgs(store)]);
    assert.equal(json.code, 0, json.stderr);
    const lines = json.stdout.trim().split("\n");
    assert.equal(lines.length, 1, `one JSON line on stdout, got:\n${json.stdout}`);
    assert.deepEqual(JSON.parse(lines[0] ?? ""), { publishable_key: keys.publishableKey, secret_key: keys.secretKey });

    const plain = await runCli(["keys", ...storeArgs(store)]);
    assert.equal(plain.code, 0, plain.stderr);
    assert.match(plain.stdout, new RegExp(`publishable key: ${keys.publishableKey}$`, "m"));
    assert.match(plain.stdout, new RegExp(`secret key: ${keys.secretKey}$`, "m"));
  });

  test("a restart keeps the merchant, its keys and its data", async () => {
    assert.ok(keys && intent, "needs the first start");
    host = await startWidgetHost({ store, seed: false });
    assert.equal(host.publishableKey, keys.publishableKey);
    assert.equal(host.secretKey, keys.secretKey);
    const stored = await get(host, `/v1/payment_intents/${intent.id}`);
    assert.equal(stored.status, 200, stored.text);
    assert.equal(stored.body.amount, 6543);
    assert.equal(stored.body.currency, "gbp");
    assert.deepEqual(stored.body.metadata, { kept: "yes" });
    const origins = await get(host, "/v1/allowed_origins");
    assert.deepEqual(
      origins.body.data.map((entry: { origin: string }) => entry.origin),
      [ORIGIN],
    );
    // The client token minted before the restart is still good.
    const session = await frameCall(host, "GET", "/session", { token: intent.client_token, parentOrigin: ORIGIN });
    assert.equal(session.status, 200, session.text);
    await host.stop();
    host = undefined;
  });

  test("seeding a new publishable key with the existing secret key starts, or stops with a clear message", async () => {
    assert.ok(keys, "needs the first start");
    // Easy to do by copying keys from two different runs into .env.
    const seed = { publishableKey: randomKeys().publishableKey, secretKey: keys.secretKey };
    let started: WidgetHostProcess | undefined;
    try {
      started = await startWidgetHost({ store, seed });
    } catch (error) {
      const output = (error as Error).message;
      assert.match(output, /^enclave: .*(ENCLAVE_SECRET_KEY|ENCLAVE_PUBLISHABLE_KEY|secret key)/im, `a one-line reason naming the key, got:\n${output.slice(0, 1500)}`);
      assert.doesNotMatch(output, /^\s+at /m, `no stack trace, got:\n${output.slice(0, 1500)}`);
      assert.doesNotMatch(output, /duplicate key value|secret_key_hash/, "no database internals (nor a hash of the key)");
      return;
    }
    try {
      assert.equal((await get(started, "/v1/allowed_origins")).status, 200, "the seeded secret key works");
    } finally {
      await started.stop();
    }
  });
});

describe("configuration mistakes stop `enclave serve`", () => {
  let scratch: string;

  before(async () => {
    scratch = await mkdtemp(join(tmpdir(), "enclave-config-test-"));
  });

  after(async () => {
    await rm(scratch, { recursive: true, force: true });
  });

  const good = randomKeys();
  const mistakes: [string, Record<string, string>, RegExp][] = [
    ["a malformed ENCLAVE_SECRET_KEY", { ENCLAVE_SECRET_KEY: "not-a-key" }, /ENCLAVE_SECRET_KEY/],
    ["a too short ENCLAVE_SECRET_KEY", { ENCLAVE_SECRET_KEY: "sk_test_abc" }, /ENCLAVE_SECRET_KEY/],
    ["a publishable key as ENCLAVE_SECRET_KEY", { ENCLAVE_SECRET_KEY: good.publishableKey }, /ENCLAVE_SECRET_KEY/],
    ["a secret key with a stray character", { ENCLAVE_SECRET_KEY: `${good.secretKey}!` }, /ENCLAVE_SECRET_KEY/],
    ["a malformed ENCLAVE_PUBLISHABLE_KEY", { ENCLAVE_PUBLISHABLE_KEY: "pk_prod_12345678" }, /ENCLAVE_PUBLISHABLE_KEY/],
    ["an origin with a path", { ENCLAVE_ALLOWED_ORIGINS: "https://shop.example.com/checkout" }, /ENCLAVE_ALLOWED_ORIGINS.*https:\/\/shop\.example\.com\/checkout/],
    ["a non-http origin", { ENCLAVE_ALLOWED_ORIGINS: "ftp://shop.example.com" }, /ENCLAVE_ALLOWED_ORIGINS.*ftp:\/\/shop\.example\.com/],
    ["a garbage origin among good ones", { ENCLAVE_ALLOWED_ORIGINS: "https://ok.example.com, shop" }, /ENCLAVE_ALLOWED_ORIGINS.*"shop"/],
    ["a zero client token lifetime", { ENCLAVE_CLIENT_TOKEN_TTL_SECONDS: "0" }, /ENCLAVE_CLIENT_TOKEN_TTL_SECONDS/],
    ["a non-numeric client token lifetime", { ENCLAVE_CLIENT_TOKEN_TTL_SECONDS: "15m" }, /ENCLAVE_CLIENT_TOKEN_TTL_SECONDS/],
    ["a public URL that is not http(s)", { ENCLAVE_PUBLIC_URL: "ftp://192.168.1.20" }, /ENCLAVE_PUBLIC_URL/],
  ];

  for (const [what, env, message] of mistakes) {
    test(`${what} → non-zero exit, a one-line reason, nothing created`, async () => {
      const dataDir = join(scratch, what.replace(/\W+/g, "-"));
      const result = await runCli(["serve", "--port", "0", "--host", "127.0.0.1", "--data-dir", dataDir], env);
      assert.notEqual(result.code, 0, `exit code (stdout: ${result.stdout})`);
      assert.equal(result.signal, null);
      assert.match(result.stderr, message);
      assert.match(result.stderr, /^enclave: /m, "the reason is the CLI's own message");
      assert.doesNotMatch(result.stderr, /^\s+at /m, "no stack trace");
      assert.doesNotMatch(result.stdout, /listening/);
      assert.ok(!existsSync(dataDir), "the data dir was not created");
    });
  }

  test("bad command lines exit 2 with the usage", async () => {
    const [port, command, flag] = await Promise.all([
      runCli(["serve", "--port", "http", "--data-dir", join(scratch, "port")]),
      runCli(["serv"]),
      runCli(["serve", "--prot", "4000"]),
    ]);
    assert.equal(port.code, 2, port.stderr);
    assert.match(port.stderr, /--port/);
    assert.equal(command.code, 2, command.stderr);
    assert.match(command.stderr, /Usage:/);
    assert.equal(flag.code, 2, flag.stderr);
    assert.match(flag.stderr, /Usage:/);
  });
});
