/**
 * `enclave rotate-keys`: everything sealed at rest (identity images, verified outputs, sealed
 * idempotent replies) is re-sealed under a new current key; a host that holds only the new
 * key then reads all of it. Data-dir mode makes the key (in `<dataDir>/identity.key`) and
 * retires the old one; an interrupted rotation is finished by running it again. Configured
 * mode takes ENCLAVE_IDENTITY_KEY as the new key and ENCLAVE_IDENTITY_PREVIOUS_KEYS as the
 * old ones, and a host without the old key warns at start.
 */
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { associatedData, open, sealingKey, unpack } from "../../src/server/identity/sealing.js";
import { SHOP_ORIGIN, type Json } from "./support/api.js";
import { exchange, linkItem } from "./support/bank-link.js";
import {
  chooseDocument,
  createIdentitySession,
  identityFrame,
  queryStore,
  retrieve,
  samplePhotos,
  submitVerification,
  upload,
  waitForResult,
  type SamplePhotos,
} from "./support/identity.js";
import { createStore, randomKeys, removeStore, runCli, startWidgetHost, storeArgs, type StoreLocation, type WidgetHostProcess } from "./support/widget-host.js";

const env = { ENCLAVE_ALLOWED_ORIGINS: SHOP_ORIGIN, ENCLAVE_IDENTITY_VERIFY_DELAY_MS: "200" };
let photos: SamplePhotos;

const ringOf = (store: StoreLocation): Buffer[] =>
  readFileSync(join(store.dataDir, "identity.key"), "utf8")
    .split("\n")
    .filter(Boolean)
    .map((line) => Buffer.from(line, "base64"));

/** What a host sealed before a rotation, to read back after it. */
interface Sealed {
  verified: { id: string; outputs: Json };
  /** Photos uploaded, not yet submitted: the next host verifies them from re-sealed images. */
  unsubmitted: { id: string; token: string };
  exchange: { idempotencyKey: string; publicToken: string; accessToken: string };
}

async function sealSome(host: WidgetHostProcess): Promise<Sealed> {
  const verified = await createIdentitySession(host, { require_selfie: true });
  await submitVerification(host, verified.client_token, photos, { type: "driving_license", selfie: true });
  assert.equal((await waitForResult(host, verified.client_token)).session.status, "verified");
  const outputs = (await retrieve(host, verified.id)).body.verified_outputs;
  assert.ok(outputs);
  const unsubmitted = await createIdentitySession(host, {});
  assert.equal((await chooseDocument(host, unsubmitted.client_token, "passport")).status, 200);
  assert.equal((await upload(host, unsubmitted.client_token, "front", photos.front)).status, 200);
  const linked = await linkItem(host);
  const idempotencyKey = `rotate-${Date.now()}`;
  const exchanged = await exchange(host, linked.publicToken, { idempotencyKey });
  assert.equal(exchanged.status, 200, exchanged.text);
  return {
    verified: { id: verified.id, outputs },
    unsubmitted: { id: unsubmitted.id, token: unsubmitted.client_token },
    exchange: { idempotencyKey, publicToken: linked.publicToken, accessToken: exchanged.body.access_token },
  };
}

/** The key ids of every sealed value in the store. */
async function keyIdsInStore(store: StoreLocation): Promise<Set<string>> {
  const files = await queryStore<{ key_id: string }>(store, "SELECT key_id FROM identity_files");
  const outputs = await queryStore<{ v: Uint8Array }>(store, "SELECT verified_outputs AS v FROM identity_sessions WHERE verified_outputs IS NOT NULL");
  const replies = await queryStore<{ v: Uint8Array }>(store, "SELECT response_sealed AS v FROM idempotency_keys WHERE response_sealed IS NOT NULL");
  assert.ok(files.length > 0 && outputs.length > 0 && replies.length > 0, "images, outputs and a sealed reply are in the store");
  return new Set([...files.map((row) => row.key_id), ...[...outputs, ...replies].map((row) => unpack(row.v).keyId)]);
}

/** Reads everything back through a host: outputs, the replayed exchange, and a verification of re-sealed photos. */
async function readBack(host: WidgetHostProcess, sealed: Sealed): Promise<void> {
  const read = await retrieve(host, sealed.verified.id);
  assert.equal(read.status, 200, read.text);
  assert.deepEqual(read.body.verified_outputs, sealed.verified.outputs);
  const replay = await exchange(host, sealed.exchange.publicToken, { idempotencyKey: sealed.exchange.idempotencyKey });
  assert.equal(replay.status, 200, replay.text);
  assert.equal(replay.headers.get("idempotent-replayed"), "true");
  assert.equal(replay.body.access_token, sealed.exchange.accessToken);
  const submitted = await identityFrame(host, "POST", "/submit", sealed.unsubmitted.token);
  assert.equal(submitted.status, 200, submitted.text);
  const result = await waitForResult(host, sealed.unsubmitted.token);
  assert.equal(result.session.status, "verified", "the re-sealed photo opened for the verifier");
}

before(() => {
  photos = samplePhotos();
});

describe("data-dir mode: enclave rotate-keys makes a new key, re-seals, retires the old one", () => {
  const keys = randomKeys();
  let store: StoreLocation;
  let host: WidgetHostProcess | undefined;
  let sealed: Sealed;
  let oldKey: Buffer;

  before(async () => {
    store = await createStore();
    host = await startWidgetHost({ store, seed: keys, env });
    sealed = await sealSome(host);
    await host.stop();
    [oldKey] = ringOf(store) as [Buffer];
  });

  after(async () => {
    await host?.stop();
    if (store) await removeStore(store);
  });

  test("re-seals every image, output and sealed reply, and says what it did", async () => {
    const oldId = sealingKey(oldKey).id;
    assert.deepEqual([...(await keyIdsInStore(store))], [oldId]);
    const result = await runCli(["rotate-keys", ...storeArgs(store)]);
    assert.equal(result.code, 0, result.stdout + result.stderr);
    assert.match(result.stdout, /New current key [0-9a-f]{16}/);
    assert.match(result.stdout, /identity images: 4 re-sealed/);
    assert.match(result.stdout, /verified outputs: 1 re-sealed/);
    assert.match(result.stdout, /idempotent replies: 1 re-sealed/);
    assert.match(result.stdout, new RegExp(`Retired ${oldId}`));
    const ring = ringOf(store);
    assert.equal(ring.length, 1, "the file holds only the new key");
    const newKey = ring[0] as Buffer;
    assert.ok(!newKey.equals(oldKey));
    assert.deepEqual([...(await keyIdsInStore(store))], [sealingKey(newKey).id]);
    // The rows open with the new key alone, to the same outputs.
    const [row] = await queryStore<{ v: Uint8Array }>(store, "SELECT verified_outputs AS v FROM identity_sessions WHERE id = $1", [sealed.verified.id]);
    assert.ok(row);
    const plain = open(sealingKey(newKey), unpack(row.v), associatedData(sealed.verified.id, "verified_outputs"));
    assert.deepEqual(JSON.parse(plain.toString("utf8")), sealed.verified.outputs);
  });

  test("a host with only the new key reads the old outputs, replays the sealed exchange, verifies re-sealed photos", async () => {
    host = await startWidgetHost({ store, seed: keys, env });
    assert.doesNotMatch(host.output(), /sealed with keys/, "no warning about foreign keys");
    await readBack(host, sealed);
    await host.stop();
  });

  test("interrupted (the ring file written, nothing re-sealed yet): running it again finishes, without yet another key", async () => {
    const [current] = ringOf(store) as [Buffer];
    const next = randomBytes(32);
    // What a rotation leaves when it stops right after writing the new ring.
    writeFileSync(join(store.dataDir, "identity.key"), `${next.toString("base64")}\n${current.toString("base64")}\n`, { mode: 0o600 });
    const result = await runCli(["rotate-keys", ...storeArgs(store)]);
    assert.equal(result.code, 0, result.stdout + result.stderr);
    assert.match(result.stdout, /An earlier rotation did not finish/);
    assert.deepEqual(ringOf(store), [next]);
    assert.deepEqual([...(await keyIdsInStore(store))], [sealingKey(next).id]);
    // Once more: nothing left under an old key, a new key and nothing to fail.
    const again = await runCli(["rotate-keys", ...storeArgs(store)]);
    assert.equal(again.code, 0, again.stdout + again.stderr);
  });
});

describe("configured mode: ENCLAVE_IDENTITY_KEY is the new key, ENCLAVE_IDENTITY_PREVIOUS_KEYS the old", () => {
  const keys = randomKeys();
  const keyA = randomBytes(32);
  const keyB = randomBytes(32);
  let store: StoreLocation;
  let host: WidgetHostProcess | undefined;
  let sealed: Sealed;

  before(async () => {
    store = await createStore();
    host = await startWidgetHost({ store, seed: keys, env: { ...env, ENCLAVE_IDENTITY_KEY: keyA.toString("base64") } });
    sealed = await sealSome(host);
    await host.stop();
  });

  after(async () => {
    await host?.stop();
    if (store) await removeStore(store);
  });

  test("a host with only the new key warns at start that the store holds data it cannot open", async () => {
    host = await startWidgetHost({ store, seed: keys, env: { ...env, ENCLAVE_IDENTITY_KEY: keyB.toString("base64") } });
    assert.match(host.output(), new RegExp(`sealed with keys \\(${sealingKey(keyA).id}\\)`));
    await host.stop();
  });

  test("without the old key, rotate-keys refuses to pretend: exit 1, naming the key it lacks", async () => {
    const result = await runCli(["rotate-keys", ...storeArgs(store)], { ENCLAVE_IDENTITY_KEY: keyB.toString("base64") });
    assert.equal(result.code, 1, result.stdout + result.stderr);
    assert.match(result.stdout, new RegExp(`sealed under key ${sealingKey(keyA).id}, which is not in the ring`));
  });

  test("with the old key as previous: re-sealed; then a host with only the new key reads everything", async () => {
    const result = await runCli(["rotate-keys", ...storeArgs(store)], { ENCLAVE_IDENTITY_KEY: keyB.toString("base64"), ENCLAVE_IDENTITY_PREVIOUS_KEYS: keyA.toString("base64") });
    assert.equal(result.code, 0, result.stdout + result.stderr);
    assert.match(result.stdout, /identity images: 4 re-sealed/);
    assert.match(result.stdout, /remove ENCLAVE_IDENTITY_PREVIOUS_KEYS/);
    assert.deepEqual([...(await keyIdsInStore(store))], [sealingKey(keyB).id]);
    host = await startWidgetHost({ store, seed: keys, env: { ...env, ENCLAVE_IDENTITY_KEY: keyB.toString("base64") } });
    assert.doesNotMatch(host.output(), /sealed with keys/);
    await readBack(host, sealed);
    await host.stop();
  });

  test("a malformed ENCLAVE_IDENTITY_PREVIOUS_KEYS, or one without ENCLAVE_IDENTITY_KEY, stops with a clear message", async () => {
    const bad = await runCli(["rotate-keys", ...storeArgs(store)], { ENCLAVE_IDENTITY_KEY: keyB.toString("base64"), ENCLAVE_IDENTITY_PREVIOUS_KEYS: "short" });
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /ENCLAVE_IDENTITY_PREVIOUS_KEYS: key 1 is not 32 bytes in base64/);
    const alone = await runCli(["rotate-keys", ...storeArgs(store)], { ENCLAVE_IDENTITY_PREVIOUS_KEYS: keyA.toString("base64") });
    assert.equal(alone.code, 1);
    assert.match(alone.stderr, /ENCLAVE_IDENTITY_PREVIOUS_KEYS needs ENCLAVE_IDENTITY_KEY/);
  });
});
