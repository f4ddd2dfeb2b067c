/**
 * No secret at rest (issue 10): one host mints every kind of bearer secret it has — client
 * tokens (payment intent, bank link, identity, `/v1/client_tokens`, a phone hand-off claim),
 * a bank link's public token and access token, a webhook signing secret, an identity
 * hand-off link, an OAuth `state` — with an Idempotency-Key on every POST and a replay of
 * each (a replay must still answer with a working token). Then the host stops and every
 * byte of the PGlite data dir (or, with ENCLAVE_TEST_DATABASE_URL, every row of every table,
 * as text and as bytea hex) is searched for each secret.
 *
 * The sandbox secret key (sk_test_) is the one secret kept readable, on purpose: README
 * and docs/decisions/0001 say `enclave keys` prints it. Live keys are stored as SHA-256 only.
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { frameCall, post, SHOP_ORIGIN, type ApiResponse, type Json } from "./support/api.js";
import { bankFrame, GOOD_PASSWORD, sandboxUsers, SANDBOX_SAVINGS_BANK, startOAuth } from "./support/bank-link.js";
import { findBytesInStore, identityFrame, queryStore } from "./support/identity.js";
import { randomKeys, startWidgetHost, type WidgetHostProcess } from "./support/widget-host.js";
import { sleep } from "../support/wait.js";

const keys = randomKeys();
let host: WidgetHostProcess;
/** Every secret the host handed out, by a name for the failure message. */
const secrets = new Map<string, string>();
/** What each replay with a client token gave, and what the frame API said to that token then. */
interface ReplayCheck {
  token: string;
  firstToken: string;
  session: string;
  expiry: number;
  frameStatus: number;
  frameText: string;
  frameSession: string | undefined;
}
const replayChecks = new Map<string, ReplayCheck>();

/** Uses the replay's client token at once, as the frame would (a later step may close the session). */
async function checkReplay(name: string, first: ApiResponse, replay: ApiResponse): Promise<void> {
  const frame = await frameCall(host, "GET", "/session", { token: replay.body.client_token });
  replayChecks.set(name, {
    token: replay.body.client_token,
    firstToken: first.body.client_token,
    session: replay.body.session ?? replay.body.id,
    expiry: replay.body.client_token_expires_at ?? replay.body.expires_at,
    frameStatus: frame.status,
    frameText: frame.text,
    frameSession: frame.body?.session?.id,
  });
}

let counter = 0;
const idempotencyKey = (): string => `secrets-at-rest-${Date.now()}-${counter++}`;

/** POSTs with an Idempotency-Key, then again with the same key and body: the replay must say so. */
async function postTwice(path: string, body: unknown): Promise<{ first: ApiResponse; replay: ApiResponse }> {
  const headers = { "Idempotency-Key": idempotencyKey() };
  const first = await post(host, path, body, { headers });
  assert.equal(first.status, 200, `${path}: ${first.text}`);
  const replay = await post(host, path, body, { headers });
  assert.equal(replay.status, 200, `${path} replay: ${replay.text}`);
  assert.equal(replay.headers.get("idempotent-replayed"), "true", `${path} was replayed`);
  return { first, replay };
}

function keep(name: string, value: unknown): string {
  assert.equal(typeof value, "string", `${name} is a string`);
  assert.ok((value as string).length >= 20, `${name} looks like a secret: ${String(value)}`);
  secrets.set(name, value as string);
  return value as string;
}

before(async () => {
  host = await startWidgetHost({ seed: keys, env: { ENCLAVE_ALLOWED_ORIGINS: SHOP_ORIGIN, ENCLAVE_WEBHOOK_ALLOW_PRIVATE: "1" } });

  // Client tokens from every call that mints one, first answers and replays alike.
  const intent = await postTwice("/v1/payment_intents", { amount: 1999, currency: "usd" });
  keep("payment intent client token", intent.first.body.client_token);
  keep("payment intent client token (replay)", intent.replay.body.client_token);
  await checkReplay("payment intent", intent.first, intent.replay);

  const bankSession = await postTwice("/v1/bank_link_sessions", { products: ["balances", "transactions"] });
  keep("bank link client token", bankSession.first.body.client_token);
  keep("bank link client token (replay)", bankSession.replay.body.client_token);
  await checkReplay("bank link session", bankSession.first, bankSession.replay);

  const identitySession = await postTwice("/v1/identity_sessions", { type: "document" });
  keep("identity client token", identitySession.first.body.client_token);
  keep("identity client token (replay)", identitySession.replay.body.client_token);
  await checkReplay("identity session", identitySession.first, identitySession.replay);

  const minted = await postTwice("/v1/client_tokens", { session: intent.first.body.id });
  keep("/v1/client_tokens token", minted.first.body.client_token);
  keep("/v1/client_tokens token (replay)", minted.replay.body.client_token);
  await checkReplay("client token", minted.first, minted.replay);

  // The identity phone hand-off: a link token, claimed (no secret key, no idempotency) for a client token.
  const handoff = await identityFrame(host, "POST", "/handoff", identitySession.first.body.client_token);
  assert.equal(handoff.status, 200, handoff.text);
  const linkToken = keep("identity hand-off link token", new URL(handoff.body.url).searchParams.get("handoff"));
  const claimed = await post(host, "/v1/identity/handoff/claim", { token: linkToken }, { key: null });
  assert.equal(claimed.status, 200, claimed.text);
  keep("hand-off client token", claimed.body.client_token);

  // A bank link to its end: public token, then the exchange (and its replay) for the access token.
  const linkToken2 = bankSession.first.body.client_token as string;
  const signedIn = await bankFrame(host, "POST", "/credentials", linkToken2, {
    body: { institution_id: SANDBOX_SAVINGS_BANK, username: sandboxUsers.good, password: GOOD_PASSWORD },
  });
  assert.equal(signedIn.status, 200, signedIn.text);
  const chosen = await bankFrame(host, "POST", "/accounts", linkToken2, { body: { account_ids: signedIn.body.accounts.map((account: Json) => account.id) } });
  assert.equal(chosen.status, 200, chosen.text);
  const publicToken = keep("bank link public token", chosen.body.public_token);
  const exchanged = await postTwice("/v1/bank_links/exchange", { public_token: publicToken });
  keep("bank link access token", exchanged.first.body.access_token);
  assert.equal(exchanged.replay.body.access_token, exchanged.first.body.access_token, "the exchange's replay is the same access token");

  // An OAuth hand-off's state, from a second bank link session.
  const oauthSession = await postTwice("/v1/bank_link_sessions", { products: ["accounts"] });
  keep("OAuth client token", oauthSession.first.body.client_token);
  keep("OAuth client token (replay)", oauthSession.replay.body.client_token);
  const started = await startOAuth(host, oauthSession.replay.body.client_token);
  assert.equal(started.status, 200, started.text);
  keep("OAuth state", new URL(started.body.authorization_url).searchParams.get("state"));

  // A webhook endpoint's signing secret.
  const endpoint = await postTwice("/v1/webhook_endpoints", { url: "http://127.0.0.1:9/hooks", events: ["payment_intent.succeeded"] });
  keep("webhook signing secret", endpoint.first.body.secret);
  assert.equal(endpoint.replay.body.secret, endpoint.first.body.secret, "the endpoint's replay is the same secret");
});

after(async () => {
  await host?.dispose();
});

describe("replays of answers that carry a client token", () => {
  test("each replay's token is a new one, and worked in the frame API for the same session, with a fresh expiry", () => {
    assert.deepEqual([...replayChecks.keys()].sort(), ["bank link session", "client token", "identity session", "payment intent"]);
    for (const [name, check] of replayChecks) {
      assert.match(check.token, /^ct_[A-Za-z0-9_-]{43}$/, `${name}: a client token`);
      assert.notEqual(check.token, check.firstToken, `${name}: not the first answer's token (that one is not kept)`);
      assert.equal(check.frameStatus, 200, `${name}: the frame API took the replay's token (${check.frameText})`);
      assert.equal(check.frameSession, check.session, `${name}: for the same session`);
      assert.ok(check.expiry > Date.now() / 1000 + 60, `${name}: a fresh expiry (${check.expiry})`);
    }
  });
});

describe("at rest, after the host stopped", () => {
  before(async () => {
    await host.stop();
  });

  test("no client token, public or access token, webhook secret, hand-off link or OAuth state in the store", async () => {
    const needles = [...secrets].map(([name, value]) => ({ name, bytes: Buffer.from(value) }));
    const found = await findBytesInStore(host.store, needles);
    assert.deepEqual(found, [], `found in the store:\n${found.join("\n")}`);
    // The idempotent replies that carried secrets hold them only sealed: no kept reply has any secret in clear.
    const kept = await queryStore<{ response_body: string | null; response_sealed: Uint8Array | null }>(host.store, "SELECT response_body, response_sealed FROM idempotency_keys");
    assert.ok(kept.length >= 7, `every POST kept its reply (${kept.length})`);
    for (const row of kept) for (const [name, value] of secrets) assert.ok(!(row.response_body ?? "").includes(value), `a kept reply holds the ${name}`);
    assert.ok(kept.filter((row) => row.response_sealed !== null).length >= 2, "the exchange's and the endpoint's replies are sealed");
  });

  test("the scan finds what is there: the sandbox secret key, kept readable on purpose for `enclave keys`", async () => {
    const found = await findBytesInStore(host.store, [{ name: "sandbox secret key", bytes: Buffer.from(keys.secretKey) }]);
    assert.ok(found.length > 0, "the sandbox sk_test_ key is in the store (README: `enclave keys` prints it)");
  });

  test("kept replies are deleted after their 24 hours, not only when the same key comes back", async () => {
    const kept = await queryStore<{ count: number | string }>(host.store, "SELECT count(*) AS count FROM idempotency_keys");
    assert.ok(Number(kept[0]?.count) >= 7);
    await queryStore(host.store, "UPDATE idempotency_keys SET created_at = now() - interval '25 hours'");
    // A restarted host sweeps on its first idempotent request (then at most once a minute).
    const restarted = await startWidgetHost({ store: host.store, seed: keys, env: { ENCLAVE_ALLOWED_ORIGINS: SHOP_ORIGIN } });
    try {
      const fresh = await post(restarted, "/v1/payment_intents", { amount: 1000, currency: "usd" }, { headers: { "Idempotency-Key": "after-the-sweep" } });
      assert.equal(fresh.status, 200, fresh.text);
      const deadline = Date.now() + 10_000;
      while (Date.now() < deadline) {
        await sleep(200);
        if (restarted.store.databaseUrl) {
          const left = await queryStore<{ key: string }>(restarted.store, "SELECT key FROM idempotency_keys");
          if (left.every((row) => row.key === "after-the-sweep")) break;
        } else {
          // PGlite is one process's store: give the sweep a moment, then read it after the stop below.
          await sleep(1500);
          break;
        }
      }
    } finally {
      await restarted.stop();
    }
    const left = await queryStore<{ key: string }>(host.store, "SELECT key FROM idempotency_keys");
    assert.deepEqual(
      left.map((row) => row.key),
      ["after-the-sweep"],
      "only the fresh reply is kept",
    );
  });
});
