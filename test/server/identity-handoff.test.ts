/**
 * The identity flow's phone hand-off on a real widget host: the desktop frame makes a
 * one-time link, the phone's page claims it (no credentials) for a client token of the
 * same session, uploads the photos with the widget host's own origin as its "parent",
 * finishes, and the desktop submits. A link works once and for a limited time (here
 * ENCLAVE_IDENTITY_HANDOFF_TTL_SECONDS=4); the host's origin is accepted only for tokens
 * a claim minted; the link's token is kept only as a hash.
 */
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { after, before, describe, test } from "node:test";
import { call, expectError, post, SHOP_ORIGIN, sleep, type ApiResponse } from "./support/api.js";
import {
  chooseDocument,
  createIdentitySession,
  findBytesInStore,
  identityFrame,
  samplePhotos,
  submitVerification,
  upload,
  waitForResult,
  type SamplePhotos,
} from "./support/identity.js";
import { startWidgetHost, type WidgetHostProcess } from "./support/widget-host.js";

const HANDOFF_TTL_SECONDS = 4;
let host: WidgetHostProcess;
let photos: SamplePhotos;
/** Every hand-off token this suite saw: none may be in the store. */
const linkTokens: string[] = [];

before(async () => {
  photos = samplePhotos();
  host = await startWidgetHost({ env: { ENCLAVE_ALLOWED_ORIGINS: SHOP_ORIGIN, ENCLAVE_IDENTITY_HANDOFF_TTL_SECONDS: String(HANDOFF_TTL_SECONDS) } });
});

after(async () => {
  await host?.dispose();
});

/** The phone's frame calls: the host's own origin as the parent origin. */
const phone = (): { parentOrigin: string } => ({ parentOrigin: host.url });

async function startHandoff(token: string): Promise<{ url: URL; token: string; response: ApiResponse }> {
  const response = await identityFrame(host, "POST", "/handoff", token);
  assert.equal(response.status, 200, response.text);
  const url = new URL(response.body.url);
  const linkToken = url.searchParams.get("handoff") ?? "";
  linkTokens.push(linkToken);
  return { url, token: linkToken, response };
}

function claim(token: unknown, headers: Record<string, string> = {}): Promise<ApiResponse> {
  return call(host, "POST", "/v1/identity/handoff/claim", { key: null, body: { token }, headers });
}

describe("making a link", () => {
  test("with ENCLAVE_PUBLIC_URL the link points where a phone can reach the host", async () => {
    const reachable = await startWidgetHost({ env: { ENCLAVE_ALLOWED_ORIGINS: SHOP_ORIGIN, ENCLAVE_PUBLIC_URL: "http://192.168.50.20:4000/" } });
    try {
      const session = await createIdentitySession(reachable);
      const response = await identityFrame(reachable, "POST", "/handoff", session.client_token);
      assert.equal(response.status, 200, response.text);
      assert.match(response.body.url, /^http:\/\/192\.168\.50\.20:4000\/frames\/identity\.html\?handoff=[A-Za-z0-9_-]{16,}$/);
    } finally {
      await reachable.dispose();
    }
  });

  test("POST /v1/frame/identity/handoff → this host's identity page with a one-time token, and its expiry", async () => {
    const session = await createIdentitySession(host, {});
    const { url, token, response } = await startHandoff(session.client_token);
    assert.deepEqual(Object.keys(response.body).sort(), ["expires_at", "url"]);
    assert.equal(url.origin, host.url);
    assert.equal(url.pathname, "/frames/identity.html");
    assert.deepEqual([...url.searchParams.keys()], ["handoff"]);
    assert.match(token, /^[A-Za-z0-9_-]{43}$/, "256 random bits");
    const now = Date.now() / 1000;
    assert.ok(Math.abs(response.body.expires_at - (now + HANDOFF_TTL_SECONDS)) < 3, `expires_at ${response.body.expires_at}, now ${now}`);
    assert.equal((await identityFrame(host, "GET", "/status", session.client_token)).body.session.handoff, "none");
  });

  test("the page the link opens is served top-level: no pk, frame-ancestors 'none', camera for itself, no referrer", async () => {
    const session = await createIdentitySession(host, {});
    const { url } = await startHandoff(session.client_token);
    const page = await fetch(url);
    assert.equal(page.status, 200);
    assert.match(page.headers.get("content-type") ?? "", /^text\/html/);
    const policy = page.headers.get("content-security-policy") ?? "";
    assert.match(policy, /frame-ancestors 'none'/, "nobody may frame the phone's page");
    assert.match(page.headers.get("permissions-policy") ?? "", /camera=\(self\)/);
    assert.equal(page.headers.get("referrer-policy"), "no-referrer", "the token in the address never leaves as a Referer");
    const html = await page.text();
    assert.ok(!html.includes(url.searchParams.get("handoff") ?? "-"), "the page does not echo the token");
  });
});

describe("claiming a link", () => {
  test("once: a client token of the same session, the publishable key, the session id; the desktop sees opened", async () => {
    const session = await createIdentitySession(host, {});
    const { token } = await startHandoff(session.client_token);
    const claimed = await claim(token);
    assert.equal(claimed.status, 200, claimed.text);
    assert.deepEqual(Object.keys(claimed.body).sort(), ["client_token", "publishable_key", "session"]);
    assert.match(claimed.body.client_token, /^ct_/);
    assert.notEqual(claimed.body.client_token, session.client_token);
    assert.equal(claimed.body.publishable_key, host.publishableKey);
    assert.equal(claimed.body.session, session.id);
    assert.equal(claimed.headers.get("cache-control"), "no-store");
    assert.equal((await identityFrame(host, "GET", "/status", session.client_token)).body.session.handoff, "opened");
    expectError(await claim(token), 400, "handoff_invalid");
  });

  test("two claims at once: one wins", async () => {
    const session = await createIdentitySession(host, {});
    const { token } = await startHandoff(session.client_token);
    const answers = await Promise.all(Array.from({ length: 5 }, () => claim(token)));
    assert.equal(answers.filter((answer) => answer.status === 200).length, 1);
    for (const answer of answers.filter((each) => each.status !== 200)) expectError(answer, 400, "handoff_invalid");
  });

  test("unknown, malformed and empty tokens → 400 handoff_invalid; other bad bodies as everywhere", async () => {
    for (const token of [randomBytes(32).toString("base64url"), "short", "", "x".repeat(500), `${randomBytes(32).toString("base64url")}'--`]) {
      expectError(await claim(token), 400, "handoff_invalid");
    }
    expectError(await call(host, "POST", "/v1/identity/handoff/claim", { key: null, body: { token: randomBytes(32).toString("base64url"), pk: "x" } }), 400, "parameter_unknown", {
      param: "pk",
    });
    expectError(await call(host, "POST", "/v1/identity/handoff/claim", { key: null, body: {} }), 400, "parameter_missing", { param: "token" });
    expectError(
      await call(host, "POST", "/v1/identity/handoff/claim", { key: null, rawBody: "token=abc", headers: { "Content-Type": "application/x-www-form-urlencoded" } }),
      415,
      "unsupported_media_type",
    );
  });

  test("an expired link → 400 handoff_invalid", async () => {
    const session = await createIdentitySession(host, {});
    const { token } = await startHandoff(session.client_token);
    await sleep(HANDOFF_TTL_SECONDS * 1000 + 500);
    expectError(await claim(token), 400, "handoff_invalid");
  });

  test("a new link replaces an unclaimed one", async () => {
    const session = await createIdentitySession(host, {});
    const first = await startHandoff(session.client_token);
    const second = await startHandoff(session.client_token);
    expectError(await claim(first.token), 400, "handoff_invalid");
    assert.equal((await claim(second.token)).status, 200);
  });

  test("a session no longer waiting for photos (canceled, processing) → 400 handoff_invalid", async () => {
    const canceled = await createIdentitySession(host, {});
    const link = await startHandoff(canceled.client_token);
    await post(host, `/v1/identity_sessions/${canceled.id}/cancel`, {});
    expectError(await claim(link.token), 400, "handoff_invalid");
    const submitted = await createIdentitySession(host, {});
    const pending = await startHandoff(submitted.client_token);
    await submitVerification(host, submitted.client_token, photos, { type: "passport", selfie: false });
    expectError(await claim(pending.token), 400, "handoff_invalid");
  });
});

describe("the phone's token", () => {
  test("a whole hand-off: the phone uploads with the host's origin and finishes; the desktop submits; verified", async () => {
    const session = await createIdentitySession(host, { require_selfie: true });
    await chooseDocument(host, session.client_token, "driving_license", "GB");
    const { token } = await startHandoff(session.client_token);
    const claimed = (await claim(token)).body;
    const phoneToken: string = claimed.client_token;

    const resumed = await identityFrame(host, "GET", "/session", phoneToken, phone());
    assert.equal(resumed.status, 200, resumed.text);
    assert.deepEqual(resumed.body.session.document, { type: "driving_license", issuing_country: "GB" });
    assert.equal(resumed.body.session.handoff, "opened");
    expectError(await identityFrame(host, "POST", "/handoff/complete", phoneToken, phone()), 409, "document_incomplete");
    for (const side of ["front", "back", "selfie"] as const) {
      const uploaded = await upload(host, phoneToken, side, photos[side], phone());
      assert.equal(uploaded.status, 200, `${side}: ${uploaded.text}`);
    }
    const desktopView = await identityFrame(host, "GET", "/status", session.client_token);
    assert.deepEqual(desktopView.body.session.uploaded, ["front", "back", "selfie"], "the desktop sees the phone's photos");
    const completed = await identityFrame(host, "POST", "/handoff/complete", phoneToken, phone());
    assert.equal(completed.status, 200, completed.text);
    assert.equal(completed.body.session.handoff, "completed");
    assert.equal((await identityFrame(host, "GET", "/status", session.client_token)).body.session.handoff, "completed");

    const submitted = await identityFrame(host, "POST", "/submit", session.client_token);
    assert.equal(submitted.status, 200, submitted.text);
    assert.equal((await waitForResult(host, session.client_token)).session.status, "verified");
  });

  test("the host's own origin works for the phone's token only: an ordinary token with it → 403 origin_not_allowed", async () => {
    const session = await createIdentitySession(host, {});
    const { token } = await startHandoff(session.client_token);
    const phoneToken: string = (await claim(token)).body.client_token;
    assert.equal((await identityFrame(host, "GET", "/status", phoneToken, phone())).status, 200);
    expectError(await identityFrame(host, "GET", "/status", session.client_token, phone()), 403, "origin_not_allowed");
    expectError(await upload(host, session.client_token, "front", photos.front, phone()), 403, "origin_not_allowed");
    const fresh = (await post(host, "/v1/client_tokens", { session: session.id })).body.client_token;
    expectError(await identityFrame(host, "GET", "/status", fresh, phone()), 403, "origin_not_allowed");
  });

  test("the phone's token is for the phone's page only: a merchant's origin, none, or another page → refused", async () => {
    const session = await createIdentitySession(host, {});
    const { token } = await startHandoff(session.client_token);
    const phoneToken: string = (await claim(token)).body.client_token;
    expectError(await identityFrame(host, "GET", "/status", phoneToken, { parentOrigin: SHOP_ORIGIN }), 403, "origin_not_allowed");
    expectError(await identityFrame(host, "GET", "/status", phoneToken, { parentOrigin: null }), 403, "origin_not_allowed");
    expectError(await identityFrame(host, "GET", "/status", phoneToken, { ...phone(), headers: { Origin: "https://evil.example.com" } }), 403, "origin_not_allowed");
    expectError(await identityFrame(host, "GET", "/status", phoneToken, { ...phone(), publishableKey: null }), 401, "invalid_publishable_key");
  });

  test("the phone cannot pass the session on again → 409 handoff_invalid", async () => {
    const session = await createIdentitySession(host, {});
    const { token } = await startHandoff(session.client_token);
    const phoneToken: string = (await claim(token)).body.client_token;
    expectError(await identityFrame(host, "POST", "/handoff", phoneToken, phone()), 409, "handoff_invalid");
  });

  test("a new attempt after a failed verification starts the hand-off over (none)", async () => {
    const session = await createIdentitySession(host, { sandbox_outcome: "document_unverified" });
    await chooseDocument(host, session.client_token, "passport");
    const { token } = await startHandoff(session.client_token);
    const phoneToken: string = (await claim(token)).body.client_token;
    assert.equal((await upload(host, phoneToken, "front", photos.front, phone())).status, 200);
    assert.equal((await identityFrame(host, "POST", "/handoff/complete", phoneToken, phone())).status, 200);
    assert.equal((await identityFrame(host, "POST", "/submit", session.client_token)).status, 200);
    const result = await waitForResult(host, session.client_token);
    assert.equal(result.session.status, "requires_input");
    assert.equal(result.session.handoff, "none");
  });
});

describe("the store", () => {
  test("keeps no hand-off token, only hashes", async () => {
    assert.ok(linkTokens.length >= 8);
    await host.stop();
    const found = await findBytesInStore(
      host.store,
      linkTokens.map((token) => ({ name: `hand-off token ${token.slice(0, 6)}…`, bytes: Buffer.from(token) })),
    );
    assert.deepEqual(found, []);
  });
});
