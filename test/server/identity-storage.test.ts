/**
 * Identity data at rest, on a real widget host's store: the installation key (a 0600 file
 * in the data dir, or ENCLAVE_IDENTITY_KEY), no image byte and no verified output in clear
 * anywhere under the data dir (PGlite) or in any row (PostgreSQL), the AES-256-GCM round
 * trip of what the rows hold (and its refusals), a replaced side overwritten, redaction
 * deleting rows and data at once, a submitted verification surviving a restart, another
 * merchant seeing nothing, and the retention sweep deleting by itself
 * (ENCLAVE_IDENTITY_RETENTION_SECONDS=3).
 */
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { associatedData, open, pack, seal, sealingKey, SealingError, unpack, type Sealed } from "../../src/server/identity/sealing.js";
import { expectError, get, post, SHOP_ORIGIN, waitFor, type Json } from "./support/api.js";
import {
  chooseDocument,
  createIdentitySession,
  drawDocument,
  findBytesInStore,
  identityFrame,
  jpg,
  needlesOf,
  queryStore,
  retrieve,
  samplePhotos,
  submitVerification,
  upload,
  waitForResult,
  type SamplePhotos,
} from "./support/identity.js";
import { createStore, randomKeys, removeStore, runCli, startWidgetHost, storeArgs, type StoreLocation, type WidgetHostProcess } from "./support/widget-host.js";

const keysA = randomKeys();
const env = { ENCLAVE_ALLOWED_ORIGINS: SHOP_ORIGIN };
let photos: SamplePhotos;
let store: StoreLocation;
let host: WidgetHostProcess;

/** What the first host made, read back after it stopped. */
interface Made {
  verified: { id: string; token: string; outputs: Json };
  replaced: { id: string; final: Buffer };
  redacted: { id: string };
  /** Submitted just before a stop: verified by the next start. */
  pending: { id: string; token: string };
}
let made: Made;

before(async () => {
  photos = samplePhotos();
  store = await createStore();
  host = await startWidgetHost({ store, seed: keysA, env });

  const verified = await createIdentitySession(host, { require_selfie: true });
  await submitVerification(host, verified.client_token, photos, { type: "driving_license", country: "SE", selfie: true });
  assert.equal((await waitForResult(host, verified.client_token)).session.status, "verified");
  const outputs = (await retrieve(host, verified.id)).body.verified_outputs;

  const replaced = await createIdentitySession(host, {});
  await chooseDocument(host, replaced.client_token, "passport");
  const final = jpg(drawDocument(1000, 700, 21));
  assert.equal((await upload(host, replaced.client_token, "front", jpg(drawDocument(1100, 750, 20)))).status, 200);
  assert.equal((await upload(host, replaced.client_token, "front", final)).status, 200);

  const redacted = await createIdentitySession(host, { require_selfie: true });
  await submitVerification(host, redacted.client_token, photos, { type: "id_card", selfie: true });
  await waitForResult(host, redacted.client_token);
  await identityFrame(host, "POST", "/handoff", redacted.client_token).catch(() => undefined);
  assert.equal((await post(host, `/v1/identity_sessions/${redacted.id}/redact`, {})).status, 200);

  const pending = await createIdentitySession(host, {});
  await submitVerification(host, pending.client_token, photos, { type: "passport", selfie: false });
  // Stopped before the verifier's delay (1.5 s) is over: the next start must finish it.
  await host.stop();
  made = {
    verified: { id: verified.id, token: verified.client_token, outputs },
    replaced: { id: replaced.id, final },
    redacted: { id: redacted.id },
    pending: { id: pending.id, token: pending.client_token },
  };
});

after(async () => {
  await host?.stop();
  if (store) await removeStore(store);
});

function keyOf(location: StoreLocation): Buffer {
  return Buffer.from(readFileSync(join(location.dataDir, "identity.key"), "utf8").trim(), "base64");
}

interface FileRow {
  session_id: string;
  side: string;
  key_id: string;
  nonce: Uint8Array;
  auth_tag: Uint8Array;
  ciphertext: Uint8Array;
  content_type: string;
  width: number;
  height: number;
}

const sealedOf = (row: FileRow): Sealed => ({ keyId: row.key_id, nonce: Buffer.from(row.nonce), authTag: Buffer.from(row.auth_tag), ciphertext: Buffer.from(row.ciphertext) });

describe("the installation key", () => {
  test("made once into <dataDir>/identity.key, 32 bytes, readable by its owner only", () => {
    const path = join(store.dataDir, "identity.key");
    assert.ok(existsSync(path));
    assert.equal(statSync(path).mode & 0o777, 0o600);
    assert.equal(keyOf(store).length, 32);
  });

  test("a malformed ENCLAVE_IDENTITY_KEY stops the host with a clear message", async () => {
    const scratch = await createStore();
    try {
      const result = await runCli(["serve", "--port", "0", ...storeArgs(scratch)], { ENCLAVE_IDENTITY_KEY: "too-short" });
      assert.notEqual(result.code, 0);
      assert.match(result.stderr, /ENCLAVE_IDENTITY_KEY must be 32 random bytes in base64/);
    } finally {
      await removeStore(scratch);
    }
  });
});

describe("at rest, after the host stopped", () => {
  test("no image byte in clear: neither a photo's header (magic + size) nor any 64-byte run of it; no verified output either", async () => {
    const needles = [
      ...needlesOf("front (PNG)", photos.front),
      ...needlesOf("back (JPEG)", photos.back),
      ...needlesOf("selfie (JPEG)", photos.selfie),
      ...needlesOf("replaced front", made.replaced.final),
      { name: "first name", bytes: Buffer.from(`"first_name":"${made.verified.outputs.first_name}"`) },
      { name: "expiration date", bytes: Buffer.from(made.verified.outputs.document.expiration_date) },
    ];
    // Sanity: the scan finds what is there (the key file, in PGlite mode).
    if (!store.databaseUrl) assert.ok((await findBytesInStore(store, [{ name: "key", bytes: Buffer.from(keyOf(store).toString("base64")) }])).length > 0);
    assert.deepEqual(await findBytesInStore(store, needles), []);
  });

  test("each side's row opens, with the key, to exactly the uploaded bytes; nonces are fresh; a change anywhere is refused", async () => {
    const key = sealingKey(keyOf(store));
    const rows = await queryStore<FileRow>(store, "SELECT * FROM identity_files WHERE session_id = $1 ORDER BY side", [made.verified.id]);
    assert.deepEqual(rows.map((row) => row.side).sort(), ["back", "front", "selfie"]);
    const nonces = new Set<string>();
    for (const row of rows) {
      const sealed = sealedOf(row);
      assert.equal(sealed.keyId, key.id);
      assert.equal(sealed.nonce.length, 12);
      assert.equal(sealed.authTag.length, 16);
      nonces.add(sealed.nonce.toString("hex"));
      const plain = open(key, sealed, associatedData(made.verified.id, row.side));
      assert.ok(plain.equals(photos[row.side as keyof SamplePhotos]), `${row.side} round trip`);
      assert.equal(row.content_type, row.side === "front" ? "image/png" : "image/jpeg");
      const flipped = Buffer.from(sealed.ciphertext);
      flipped[flipped.length >> 1] = (flipped[flipped.length >> 1] ?? 0) ^ 1;
      assert.throws(() => open(key, { ...sealed, ciphertext: flipped }, associatedData(made.verified.id, row.side)), SealingError);
      assert.throws(() => open(key, sealed, associatedData(made.verified.id, row.side === "front" ? "back" : "front")), SealingError, "bound to its side");
      assert.throws(() => open(key, sealed, associatedData(made.replaced.id, row.side)), SealingError, "bound to its session");
      assert.throws(() => open(sealingKey(randomBytes(32)), sealed, associatedData(made.verified.id, row.side)), /another key|ENCLAVE_IDENTITY_KEY/);
    }
    assert.equal(nonces.size, 3);
  });

  test("the verified outputs are sealed too, and open to what the merchant API returned", async () => {
    const key = sealingKey(keyOf(store));
    const [row] = await queryStore<{ verified_outputs: Uint8Array | null }>(store, "SELECT verified_outputs FROM identity_sessions WHERE id = $1", [made.verified.id]);
    assert.ok(row?.verified_outputs);
    const plain = open(key, unpack(row.verified_outputs), associatedData(made.verified.id, "verified_outputs"));
    assert.deepEqual(JSON.parse(plain.toString("utf8")), made.verified.outputs);
  });

  test("a side uploaded twice is one row, holding the second photo", async () => {
    const key = sealingKey(keyOf(store));
    const rows = await queryStore<FileRow>(store, "SELECT * FROM identity_files WHERE session_id = $1", [made.replaced.id]);
    assert.equal(rows.length, 1);
    assert.ok(open(key, sealedOf(rows[0] as FileRow), associatedData(made.replaced.id, "front")).equals(made.replaced.final));
  });

  test("redaction: no image row, no hand-off link, no document, no outputs — all at once", async () => {
    const files = await queryStore(store, "SELECT side FROM identity_files WHERE session_id = $1", [made.redacted.id]);
    assert.deepEqual(files, []);
    assert.deepEqual(await queryStore(store, "SELECT token_hash FROM identity_handoffs WHERE session_id = $1", [made.redacted.id]), []);
    const [row] = await queryStore<Json>(
      store,
      "SELECT status, document_type, issuing_country, verified_outputs, last_error, redacted_at, personal_data_at FROM identity_sessions WHERE id = $1",
      [made.redacted.id],
    );
    assert.equal(row.status, "redacted");
    assert.equal(row.document_type, null);
    assert.equal(row.issuing_country, null);
    assert.equal(row.verified_outputs, null);
    assert.equal(row.last_error, null);
    assert.equal(row.personal_data_at, null);
    assert.ok(row.redacted_at);
  });

  test("the session submitted just before the stop waits in the store (processing, verify_after), not in memory", async () => {
    const [row] = await queryStore<Json>(store, "SELECT status, verify_after FROM identity_sessions WHERE id = $1", [made.pending.id]);
    assert.equal(row.status, "processing");
    assert.ok(row.verify_after);
  });

  test("sealing itself: packing round trip, fresh nonces, another key refused", () => {
    const key = sealingKey(randomBytes(32));
    const aad = associatedData("ids_x", "front");
    const first = seal(key, Buffer.from("hello"), aad);
    const second = seal(key, Buffer.from("hello"), aad);
    assert.notDeepEqual(first.nonce, second.nonce);
    assert.notDeepEqual(first.ciphertext, second.ciphertext);
    assert.equal(open(key, unpack(pack(first)), aad).toString(), "hello");
    assert.throws(() => unpack(Buffer.from([2, 3, 4])), SealingError);
  });
});

describe("after a restart (now also seeded as merchant B)", () => {
  before(async () => {
    host = await startWidgetHost({ store, env });
  });

  test("a verification submitted just before the stop is finished by the next start", async () => {
    const read = await waitFor(
      async () => {
        const response = await get(host, `/v1/identity_sessions/${made.pending.id}`, { key: keysA.secretKey });
        return response.body.status === "processing" ? false : response.body;
      },
      15_000,
      "the pending verification",
    );
    assert.equal(read.status, "verified");
    assert.ok(read.verified_outputs);
  });

  test("the outputs still open with the kept key", async () => {
    const read = await get(host, `/v1/identity_sessions/${made.verified.id}`, { key: keysA.secretKey });
    assert.deepEqual(read.body.verified_outputs, made.verified.outputs);
  });

  test("merchant B sees none of merchant A's sessions: not readable, not redactable, no client token", async () => {
    expectError(await get(host, `/v1/identity_sessions/${made.verified.id}`), 404, "resource_missing");
    expectError(await post(host, `/v1/identity_sessions/${made.verified.id}/redact`, {}), 404, "resource_missing");
    expectError(await post(host, `/v1/identity_sessions/${made.verified.id}/cancel`, {}), 404, "resource_missing");
    expectError(await post(host, "/v1/client_tokens", { session: made.verified.id }), 404, "resource_missing");
    const stillThere = await get(host, `/v1/identity_sessions/${made.verified.id}`, { key: keysA.secretKey });
    assert.equal(stillThere.body.status, "verified");
  });
});

describe("retention: ENCLAVE_IDENTITY_RETENTION_SECONDS=3, with ENCLAVE_IDENTITY_KEY", () => {
  let shortStore: StoreLocation;
  let short: WidgetHostProcess;
  const configuredKey = randomBytes(32);

  before(async () => {
    shortStore = await createStore();
    short = await startWidgetHost({
      store: shortStore,
      env: { ...env, ENCLAVE_IDENTITY_RETENTION_SECONDS: "3", ENCLAVE_IDENTITY_VERIFY_DELAY_MS: "200", ENCLAVE_IDENTITY_KEY: configuredKey.toString("base64") },
    });
  });

  after(async () => {
    await short?.stop();
    if (shortStore) await removeStore(shortStore);
  });

  test("with ENCLAVE_IDENTITY_KEY set, no key file is made", () => {
    assert.ok(!existsSync(join(shortStore.dataDir, "identity.key")));
  });

  test("images and personal data go by themselves: a verified session and an unfinished one become redacted", async () => {
    const verified = await createIdentitySession(short, {});
    await submitVerification(short, verified.client_token, photos, { type: "passport", selfie: false });
    const result = await waitForResult(short, verified.client_token, 10_000);
    assert.equal(result.session.status, "verified", "verified before its data expires");
    const unfinished = await createIdentitySession(short, { require_selfie: true });
    await chooseDocument(short, unfinished.client_token, "passport");
    assert.equal((await upload(short, unfinished.client_token, "front", photos.front)).status, 200);

    for (const session of [verified, unfinished]) {
      const gone = await waitFor(
        async () => {
          const read = await retrieve(short, session.id);
          return read.body.status === "redacted" ? read.body : false;
        },
        20_000,
        `${session.id} redacted by the retention sweep`,
      );
      assert.equal(gone.redacted, true);
      assert.equal(gone.verified_outputs, null);
      const frame = await identityFrame(short, "GET", "/status", session.client_token);
      assert.deepEqual([frame.body.session.uploaded, frame.body.session.document], [[], null]);
    }
    await short.stop();
    assert.deepEqual(await queryStore(shortStore, "SELECT session_id, side FROM identity_files"), [], "no image row left");
    const rows = await queryStore<Json>(shortStore, "SELECT document_type, verified_outputs FROM identity_sessions");
    for (const row of rows) assert.deepEqual([row.document_type, row.verified_outputs], [null, null]);
    assert.deepEqual(await findBytesInStore(shortStore, [...needlesOf("front", photos.front)]), []);
  });
});
