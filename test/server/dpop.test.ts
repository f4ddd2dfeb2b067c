/**
 * Sender-constrained client tokens (DPoP, RFC 9449; docs/decisions/0008) on a real widget
 * host: a token alone is refused, the first proof binds it to its frame's key, and every
 * later call needs a fresh, single-use proof from that key for that method and URL, made
 * now, over that very token. Attackers here are what the review was: curl with a copied
 * token and a made-up Enclave-Parent-Origin, then curl with a key of its own, then with
 * copied proofs and forged JWS headers.
 */
import assert from "node:assert/strict";
import { createHash, createHmac, generateKeyPairSync, randomBytes } from "node:crypto";
import { after, before, describe, test } from "node:test";
import { exportJWK, generateKeyPair, SignJWT } from "jose";
import { createIntent, expectError, frameCall, post, SHOP_ORIGIN, type ApiResponse, type FrameOptions } from "./support/api.js";
import { dpopProof, frameKeyFor, makeDpopKey, type DpopKey, type ProofOverrides } from "./support/dpop.js";
import { createIdentitySession, identityFrame } from "./support/identity.js";
import { startWidgetHost, testDatabaseUrl, type WidgetHostProcess } from "./support/widget-host.js";

const manyAuthFailures = { ENCLAVE_LIMIT_AUTH_FAILURES_IP: "1000/60" };
let host: WidgetHostProcess;

before(async () => {
  // Every refused proof counts as a failed authentication from 127.0.0.1 (test/server/limits.test.ts
  // covers that limit); this suite sends dozens on purpose.
  host = await startWidgetHost({ env: { ENCLAVE_ALLOWED_ORIGINS: SHOP_ORIGIN, ...manyAuthFailures } });
});

after(async () => {
  await host?.dispose();
});

const base64url = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString("base64url");
const now = (): number => Math.floor(Date.now() / 1000);

/** GET /v1/frame/session with `token` and exactly the DPoP header given (none when undefined). */
function session(token: string, proof: string | undefined, options: Partial<FrameOptions> = {}, target: WidgetHostProcess = host): Promise<ApiResponse> {
  return frameCall(target, "GET", "/session", { token, dpop: null, ...options, headers: proof === undefined ? {} : { DPoP: proof } });
}

const sessionUrl = (target: WidgetHostProcess = host): string => `${target.url}/v1/frame/session`;

/** A proof for GET /v1/frame/session with `token`, by `key`, with claims bent by `overrides`. */
const sessionProof = (key: DpopKey, token: string, overrides: ProofOverrides = {}): Promise<string> => dpopProof(key, "GET", sessionUrl(), token, overrides);

/** A token its frame has used once (so it is bound), and that frame's key. */
async function boundToken(): Promise<{ token: string; key: DpopKey }> {
  const { client_token: token } = await createIntent(host);
  const key = await makeDpopKey();
  const first = await session(token, await sessionProof(key, token));
  assert.equal(first.status, 200, first.text);
  return { token, key };
}

function expectProofInvalid(response: ApiResponse, mentions: RegExp): void {
  const error = expectError(response, 401, "dpop_proof_invalid", { param: undefined, type: "authentication_error" });
  assert.match(error.message, mentions, "the message says what is wrong with the proof");
}

describe("a stolen client token alone", () => {
  test("from curl with a made-up Enclave-Parent-Origin and no proof → 401 dpop_proof_required, bound or not", async () => {
    const { token } = await boundToken();
    // The review's attack: the right headers, copied or guessed, and the token.
    const stolen = await session(token, undefined, { parentOrigin: SHOP_ORIGIN });
    const error = expectError(stolen, 401, "dpop_proof_required", { param: undefined, type: "authentication_error" });
    assert.match(error.message, /DPoP/);
    const confirm = await frameCall(host, "POST", "/payment_intents/confirm", {
      token,
      dpop: null,
      body: { card: { number: "4242424242424242", exp_month: 12, exp_year: new Date().getUTCFullYear() + 2, cvc: "123" } },
    });
    expectError(confirm, 401, "dpop_proof_required");

    // Taken before its frame ever used it: still nothing without a proof.
    const { client_token: fresh } = await createIntent(host);
    expectError(await session(fresh, undefined), 401, "dpop_proof_required");
    expectError(await session(fresh, ""), 401, "dpop_proof_required");
  });

  test("with a key of the thief's own, once the frame has used it → 401 client_token_bound", async () => {
    const { token, key } = await boundToken();
    const thief = await makeDpopKey();
    const refused = await session(token, await sessionProof(thief, token));
    const error = expectError(refused, 401, "client_token_bound", { param: undefined, type: "authentication_error" });
    assert.match(error.message, /another frame's key/);
    // The frame itself carries on.
    assert.equal((await session(token, await sessionProof(key, token))).status, 200);
  });

  test("the first key wins when two race for an unbound token", async () => {
    const { client_token: token } = await createIntent(host);
    const keys = await Promise.all(Array.from({ length: 6 }, () => makeDpopKey()));
    const answers = await Promise.all(keys.map(async (key) => session(token, await sessionProof(key, token))));
    assert.equal(answers.filter((answer) => answer.status === 200).length, 1, answers.map((answer) => answer.status).join(","));
    for (const answer of answers.filter((each) => each.status !== 200)) expectError(answer, 401, "client_token_bound");
  });

  test("a token refreshed with POST /v1/client_tokens is bound at its own first use", async () => {
    const { token, key } = await boundToken();
    const intent = await createIntent(host);
    const refreshed = await post(host, "/v1/client_tokens", { session: intent.id });
    assert.equal(refreshed.status, 200, refreshed.text);
    const fresh: string = refreshed.body.client_token;
    // The same frame (same key) goes on with the new token; the old one stays bound to it.
    assert.equal((await session(fresh, await sessionProof(key, fresh))).status, 200);
    expectError(await session(fresh, await sessionProof(await makeDpopKey(), fresh)), 401, "client_token_bound");
    assert.equal((await session(token, await sessionProof(key, token))).status, 200);
  });

  test("a phone hand-off's client token is bound by the phone's frame the same way", async () => {
    const identity = await createIdentitySession(host, {});
    const started = await identityFrame(host, "POST", "/handoff", identity.client_token);
    assert.equal(started.status, 200, started.text);
    const handoffToken = new URL(started.body.url).searchParams.get("handoff") ?? "";
    const claimed = await post(host, "/v1/identity/handoff/claim", { token: handoffToken }, { key: null });
    assert.equal(claimed.status, 200, claimed.text);
    const phoneToken: string = claimed.body.client_token;
    const phone = { parentOrigin: host.url };
    expectError(await session(phoneToken, undefined, phone), 401, "dpop_proof_required");
    const phoneKey = await makeDpopKey();
    assert.equal((await session(phoneToken, await sessionProof(phoneKey, phoneToken), phone)).status, 200);
    expectError(await session(phoneToken, await sessionProof(await makeDpopKey(), phoneToken), phone), 401, "client_token_bound");
    // The desktop frame's token is its own frame's, not the phone's.
    expectError(await session(identity.client_token, await sessionProof(phoneKey, identity.client_token)), 401, "client_token_bound");
    assert.equal((await identityFrame(host, "GET", "/status", identity.client_token)).status, 200);
  });
});

describe("proofs", () => {
  test("a proof is good once: the same proof again → 401 dpop_proof_invalid, even right away and in parallel", async () => {
    const { token, key } = await boundToken();
    const proof = await sessionProof(key, token);
    assert.equal((await session(token, proof)).status, 200);
    expectProofInvalid(await session(token, proof), /already used/);
    const twice = await sessionProof(key, token);
    const answers = await Promise.all([session(token, twice), session(token, twice), session(token, twice)]);
    assert.deepEqual(answers.map((answer) => answer.status).sort(), [200, 401, 401]);
    // A new jti is a new proof.
    assert.equal((await session(token, await sessionProof(key, token))).status, 200);
  });

  test("made for another method, another URL or another token → 401 dpop_proof_invalid", async () => {
    const { token, key } = await boundToken();
    expectProofInvalid(await session(token, await sessionProof(key, token, { htm: "POST" })), /htm/);
    expectProofInvalid(await session(token, await sessionProof(key, token, { htu: `${host.url}/v1/frame/payment_intents/confirm` })), /htu/);
    expectProofInvalid(await session(token, await sessionProof(key, token, { htu: `https://evil.example/v1/frame/session` })), /htu/);
    expectProofInvalid(await session(token, await sessionProof(key, token, { htu: "/v1/frame/session" })), /htu/);
    const other = await createIntent(host);
    expectProofInvalid(await session(token, await sessionProof(key, other.client_token)), /ath/);
    expectProofInvalid(await session(token, await sessionProof(key, token, { ath: createHash("sha256").update("ct_something").digest("base64url") })), /ath/);
    // A query string in the request does not change what the proof names.
    const withQuery = await frameCall(host, "GET", "/session?from=test", { token, dpop: key });
    assert.equal(withQuery.status, 200, withQuery.text);
  });

  test("made too long ago or in the future (beyond ±60 s) → 401 dpop_proof_invalid; within the window → accepted", async () => {
    const { token, key } = await boundToken();
    expectProofInvalid(await session(token, await sessionProof(key, token, { iat: now() - 120 })), /iat/);
    expectProofInvalid(await session(token, await sessionProof(key, token, { iat: now() + 120 })), /iat/);
    assert.equal((await session(token, await sessionProof(key, token, { iat: now() - 30 }))).status, 200);
    assert.equal((await session(token, await sessionProof(key, token, { iat: now() + 30 }))).status, 200);
  });

  test("alg none, HS256, RS256 → 401 dpop_proof_invalid", async () => {
    const { token, key } = await boundToken();
    const claims = { jti: randomBytes(16).toString("base64url"), htm: "GET", htu: sessionUrl(), iat: now(), ath: createHash("sha256").update(token).digest("base64url") };
    const unsigned = `${base64url({ typ: "dpop+jwt", alg: "none", jwk: key.jwk })}.${base64url(claims)}.`;
    expectProofInvalid(await session(token, unsigned), /JWS|alg/);
    const unsignedWithJunk = `${base64url({ typ: "dpop+jwt", alg: "none", jwk: key.jwk })}.${base64url(claims)}.AAAA`;
    expectProofInvalid(await session(token, unsignedWithJunk), /alg/);

    // HS256 keyed with a secret the header itself gives away (jose will not sign that, so by hand).
    const secret = randomBytes(32);
    const hsInput = `${base64url({ typ: "dpop+jwt", alg: "HS256", jwk: { kty: "oct", k: secret.toString("base64url") } })}.${base64url(claims)}`;
    const hs256 = `${hsInput}.${createHmac("sha256", secret).update(hsInput).digest("base64url")}`;
    expectProofInvalid(await session(token, hs256), /alg/);

    const rsa = await generateKeyPair("RS256");
    const rs256 = await new SignJWT(claims).setProtectedHeader({ typ: "dpop+jwt", alg: "RS256", jwk: await exportJWK(rsa.publicKey) }).sign(rsa.privateKey);
    expectProofInvalid(await session(token, rs256), /alg/);
  });

  test("a private key in the header, a key on another curve, a jwk that did not sign it, a wrong typ → 401 dpop_proof_invalid", async () => {
    const { token, key } = await boundToken();
    const { privateKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
    const privateJwk = privateKey.export({ format: "jwk" });
    expectProofInvalid(await session(token, await sessionProof(key, token, { header: { jwk: { ...key.jwk, d: privateJwk.d } } })), /private/);
    const p384 = await generateKeyPair("ES384");
    expectProofInvalid(await session(token, await sessionProof(key, token, { header: { jwk: await exportJWK(p384.publicKey) } })), /P-256/);
    const stranger = await makeDpopKey();
    expectProofInvalid(await session(token, await sessionProof(key, token, { header: { jwk: stranger.jwk } })), /signature/);
    expectProofInvalid(await session(token, await sessionProof(key, token, { header: { typ: "JWT" } })), /typ/);
    expectProofInvalid(await session(token, await sessionProof(key, token, { header: { jwk: undefined } })), /jwk/);
    expectProofInvalid(await session(token, "not.a.jws"), /signature|JSON/);
    expectProofInvalid(await session(token, "a".repeat(5000)), /compact JWS/);
    // Two DPoP headers arrive joined by a comma: not one proof.
    const joined = `${await sessionProof(key, token)}, ${await sessionProof(key, token)}`;
    expectProofInvalid(await session(token, joined), /compact JWS/);
  });

  test("the error answers carry no param and no detail of the token", async () => {
    const { token } = await boundToken();
    for (const response of [await session(token, undefined), await session(token, "x.y.z"), await session(token, await sessionProof(await makeDpopKey(), token))]) {
      assert.equal(response.status, 401);
      assert.equal(response.body.error.param, undefined);
      assert.ok(!response.text.includes(token), "the token is not echoed");
    }
  });

  test("frame calls through the suites' helpers carry a proof by the token's own frame key", async () => {
    const intent = await createIntent(host);
    const frame = await frameKeyFor(intent.client_token);
    assert.equal((await frameCall(host, "GET", "/session", { token: intent.client_token })).status, 200);
    assert.equal((await session(intent.client_token, await sessionProof(frame, intent.client_token))).status, 200);
  });
});

describe("behind a proxy", () => {
  test("a proof naming ENCLAVE_PUBLIC_URL's origin is accepted, any other origin is not", async () => {
    const proxied = await startWidgetHost({ env: { ENCLAVE_ALLOWED_ORIGINS: SHOP_ORIGIN, ENCLAVE_PUBLIC_URL: "https://widgets.example.com", ...manyAuthFailures } });
    try {
      const { client_token: token } = await createIntent(proxied);
      const key = await makeDpopKey();
      const url = (origin: string): string => `${origin}/v1/frame/session`;
      assert.equal((await session(token, await dpopProof(key, "GET", url("https://widgets.example.com"), token), {}, proxied)).status, 200);
      assert.equal((await session(token, await dpopProof(key, "GET", url(proxied.url), token), {}, proxied)).status, 200);
      expectProofInvalid(await session(token, await dpopProof(key, "GET", url("https://other.example.com"), token), {}, proxied), /htu/);
    } finally {
      await proxied.dispose();
    }
  });
});

describe(
  "several hosts on one PostgreSQL",
  { skip: testDatabaseUrl ? false : "PGlite is one process's store: set ENCLAVE_TEST_DATABASE_URL to run two hosts on one PostgreSQL" },
  () => {
    test("a token bound on one host is bound on the other, and a proof spent on one is spent on both", async () => {
      const second = await startWidgetHost({
        store: host.store,
        seed: { publishableKey: host.publishableKey, secretKey: host.secretKey },
        env: { ENCLAVE_ALLOWED_ORIGINS: SHOP_ORIGIN, ...manyAuthFailures },
      });
      try {
        const { token, key } = await boundToken();
        expectError(await session(token, await dpopProof(await makeDpopKey(), "GET", sessionUrl(second), token), {}, second), 401, "client_token_bound");
        const proofForSecond = await dpopProof(key, "GET", sessionUrl(second), token);
        assert.equal((await session(token, proofForSecond, {}, second)).status, 200);
        expectProofInvalid(await session(token, proofForSecond, {}, second), /already used/);

        // Bound first on the second host: the first host refuses another key too.
        const { client_token: other } = await createIntent(second);
        const otherKey = await makeDpopKey();
        assert.equal((await session(other, await dpopProof(otherKey, "GET", sessionUrl(second), other), {}, second)).status, 200);
        expectError(await session(other, await sessionProof(await makeDpopKey(), other)), 401, "client_token_bound");
        assert.equal((await session(other, await sessionProof(otherKey, other))).status, 200);
      } finally {
        await second.stop();
      }
    });
  },
);
