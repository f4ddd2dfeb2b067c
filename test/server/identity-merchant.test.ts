/**
 * The merchant's identity API of a real widget host: creating sessions (and the bodies it
 * refuses), reading them, client tokens for `ids_` sessions, cancel, redact (everything at
 * once, twice harmless), idempotent replays, the SDK's `identitySessions`, and the
 * OpenAPI document's identity routes.
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { EnclaveApiError, EnclaveClient } from "../../src/sdk/index.js";
import { call, expectError, frameCall, get, post, SHOP_ORIGIN } from "./support/api.js";
import { chooseDocument, createIdentitySession, identityFrame, retrieve, samplePhotos, submitVerification, upload, waitForResult, type SamplePhotos } from "./support/identity.js";
import { startWidgetHost, type WidgetHostProcess } from "./support/widget-host.js";
import { sleep } from "../support/wait.js";

let host: WidgetHostProcess;
let photos: SamplePhotos;

before(async () => {
  photos = samplePhotos();
  host = await startWidgetHost({ env: { ENCLAVE_ALLOWED_ORIGINS: SHOP_ORIGIN } });
});

after(async () => {
  await host?.dispose();
});

/** A verified session (passport, no selfie). */
async function verifiedSession(): Promise<{ id: string; token: string }> {
  const session = await createIdentitySession(host, {});
  await submitVerification(host, session.client_token, photos, { type: "passport", selfie: false });
  assert.equal((await waitForResult(host, session.client_token)).session.status, "verified");
  return { id: session.id, token: session.client_token };
}

describe("POST /v1/identity_sessions", () => {
  test("→ ids_ id, requires_input, default options, a client token and its expiry; no outputs", async () => {
    const response = await post(host, "/v1/identity_sessions", { type: "document" });
    assert.equal(response.status, 200, response.text);
    const session = response.body;
    assert.match(session.id, /^ids_[A-Za-z0-9]{8,64}$/);
    assert.match(session.client_token, /^ct_[A-Za-z0-9_-]{16,}$/);
    const now = Date.now() / 1000;
    assert.ok(session.client_token_expires_at > now && session.client_token_expires_at <= now + 15 * 60 + 5);
    assert.ok(Math.abs(session.created - now) < 60);
    const { client_token: _token, client_token_expires_at: _expiry, created: _created, id: _id, ...rest } = session;
    assert.deepEqual(rest, {
      object: "identity_session",
      type: "document",
      status: "requires_input",
      options: { require_selfie: false, sandbox_outcome: "verified" },
      customer_ref: null,
      last_error: null,
      redacted: false,
    });
  });

  test("options and customer_ref are kept", async () => {
    const session = await createIdentitySession(host, { require_selfie: true, sandbox_outcome: "selfie_mismatch" }, { customer_ref: "cus_42" });
    assert.deepEqual(session.options, { require_selfie: true, sandbox_outcome: "selfie_mismatch" });
    assert.equal(session.customer_ref, "cus_42");
  });

  test("bad bodies: unknown fields, wrong types, wrong values", async () => {
    const cases: [unknown, string, string][] = [
      [{ type: "document", phone: "+1" }, "parameter_unknown", "phone"],
      [{ type: "document", options: { require_selfie: true, liveness: true } }, "parameter_unknown", "options.liveness"],
      [{ type: "selfie" }, "parameter_invalid", "type"],
      [{}, "parameter_missing", "type"],
      [{ type: "document", options: { require_selfie: "yes" } }, "parameter_invalid", "options.require_selfie"],
      [{ type: "document", options: { sandbox_outcome: "maybe" } }, "parameter_invalid", "options.sandbox_outcome"],
      [{ type: "document", options: "strict" }, "parameter_invalid", "options"],
      [{ type: "document", customer_ref: "" }, "parameter_invalid", "customer_ref"],
      [{ type: "document", customer_ref: 42 }, "parameter_invalid", "customer_ref"],
      // A selfie cannot mismatch when none is asked for.
      [{ type: "document", options: { sandbox_outcome: "selfie_mismatch" } }, "parameter_invalid", "options.sandbox_outcome"],
    ];
    for (const [body, code, param] of cases) expectError(await post(host, "/v1/identity_sessions", body), 400, code, { param });
    expectError(
      await call(host, "POST", "/v1/identity_sessions", { rawBody: '{"type":"document","__proto__":{"x":1}}', headers: { "Content-Type": "application/json" } }),
      400,
      "parameter_unknown",
    );
    expectError(await call(host, "POST", "/v1/identity_sessions", { rawBody: "{type:", headers: { "Content-Type": "application/json" } }), 400, "invalid_json");
    expectError(await call(host, "POST", "/v1/identity_sessions", { body: { type: "document" }, key: null }), 401, "authentication_required");
    expectError(await call(host, "POST", "/v1/identity_sessions", { body: { type: "document" }, key: host.publishableKey }), 401, "invalid_api_key");
  });

  test("idempotent: the same key and body replay the first answer; another body → 409", async () => {
    const headers = { "Idempotency-Key": `identity-${Date.now()}` };
    const first = await post(host, "/v1/identity_sessions", { type: "document" }, { headers });
    const again = await post(host, "/v1/identity_sessions", { type: "document" }, { headers });
    assert.equal(again.status, 200);
    assert.equal(again.headers.get("idempotent-replayed"), "true");
    assert.equal(again.body.id, first.body.id);
    expectError(await post(host, "/v1/identity_sessions", { type: "document", customer_ref: "x" }, { headers }), 409, "idempotency_key_reused");
  });
});

describe("GET /v1/identity_sessions/:id", () => {
  test("→ the session without a client token, verified_outputs null until verified", async () => {
    const created = await createIdentitySession(host, { require_selfie: true });
    const response = await retrieve(host, created.id);
    assert.equal(response.status, 200, response.text);
    const { client_token: _token, client_token_expires_at: _expiry, ...shape } = created;
    assert.deepEqual(response.body, { ...shape, verified_outputs: null });
  });

  test("unknown, malformed or injected ids → 404 resource_missing", async () => {
    expectError(await get(host, "/v1/identity_sessions/ids_DoesNotExist1234567"), 404, "resource_missing", { param: "id" });
    expectError(await get(host, "/v1/identity_sessions/pi_DoesNotExist1234567"), 404, "resource_missing");
    expectError(await get(host, `/v1/identity_sessions/${encodeURIComponent("ids_x' OR '1'='1")}`), 404, "resource_missing");
    expectError(await post(host, "/v1/identity_sessions/ids_DoesNotExist1234567/redact", {}), 404, "resource_missing");
    expectError(await post(host, "/v1/identity_sessions/ids_DoesNotExist1234567/cancel", {}), 404, "resource_missing");
  });
});

describe("POST /v1/client_tokens for an identity session", () => {
  test("a fresh token while it waits for photos or for its result; the frame resumes with it", async () => {
    const session = await createIdentitySession(host, {});
    const fresh = await post(host, "/v1/client_tokens", { session: session.id });
    assert.equal(fresh.status, 200, fresh.text);
    assert.equal(fresh.body.session, session.id);
    assert.notEqual(fresh.body.client_token, session.client_token);
    const resumed = await frameCall(host, "GET", "/session", { token: fresh.body.client_token });
    assert.equal(resumed.status, 200, resumed.text);
    assert.equal(resumed.body.session.id, session.id);
    await submitVerification(host, fresh.body.client_token, photos, { type: "passport", selfie: false });
    const processing = await post(host, "/v1/client_tokens", { session: session.id });
    assert.equal(processing.status, 200, "the frame keeps polling with fresh tokens while processing");
  });

  test("verified, canceled or redacted → 409 session_not_open; unknown → 404", async () => {
    const verified = await verifiedSession();
    expectError(await post(host, "/v1/client_tokens", { session: verified.id }), 409, "session_not_open", { param: "session" });
    const canceled = await createIdentitySession(host, {});
    assert.equal((await post(host, `/v1/identity_sessions/${canceled.id}/cancel`, {})).status, 200);
    expectError(await post(host, "/v1/client_tokens", { session: canceled.id }), 409, "session_not_open", { param: "session" });
    const redacted = await createIdentitySession(host, {});
    assert.equal((await post(host, `/v1/identity_sessions/${redacted.id}/redact`, {})).status, 200);
    expectError(await post(host, "/v1/client_tokens", { session: redacted.id }), 409, "session_not_open", { param: "session" });
    expectError(await post(host, "/v1/client_tokens", { session: "ids_DoesNotExist1234567" }), 404, "resource_missing");
  });
});

describe("POST /v1/identity_sessions/:id/cancel", () => {
  test("requires_input → canceled: photos and document choice gone, the frame can change nothing; twice is harmless", async () => {
    const session = await createIdentitySession(host, { require_selfie: true });
    await chooseDocument(host, session.client_token, "driving_license");
    assert.equal((await upload(host, session.client_token, "front", photos.front)).status, 200);
    const canceled = await post(host, `/v1/identity_sessions/${session.id}/cancel`, {});
    assert.equal(canceled.status, 200, canceled.text);
    assert.equal(canceled.body.status, "canceled");
    assert.equal(canceled.body.verified_outputs, null);
    const frame = await identityFrame(host, "GET", "/session", session.client_token);
    assert.equal(frame.status, 200, "the frame can still read where it stands");
    assert.equal(frame.body.session.status, "canceled");
    assert.deepEqual(frame.body.session.uploaded, []);
    assert.equal(frame.body.session.document, null);
    expectError(await upload(host, session.client_token, "back", photos.back), 409, "session_not_open");
    expectError(await chooseDocument(host, session.client_token, "passport"), 409, "session_not_open");
    expectError(await identityFrame(host, "POST", "/submit", session.client_token), 409, "session_not_open");
    const again = await post(host, `/v1/identity_sessions/${session.id}/cancel`, {});
    assert.equal(again.status, 200);
    assert.equal(again.body.status, "canceled");
  });

  test("a verified session cannot be canceled → 409 session_not_open; a body → parameter_unknown", async () => {
    const verified = await verifiedSession();
    expectError(await post(host, `/v1/identity_sessions/${verified.id}/cancel`, {}), 409, "session_not_open");
    expectError(await post(host, `/v1/identity_sessions/${verified.id}/cancel`, { reason: "x" }), 400, "parameter_unknown", { param: "reason" });
  });
});

describe("POST /v1/identity_sessions/:id/redact", () => {
  test("a verified session: outputs, document, photos — gone at once; redacting twice is harmless", async () => {
    const verified = await verifiedSession();
    assert.ok((await retrieve(host, verified.id)).body.verified_outputs, "outputs before");
    const redacted = await post(host, `/v1/identity_sessions/${verified.id}/redact`, {});
    assert.equal(redacted.status, 200, redacted.text);
    assert.equal(redacted.body.status, "redacted");
    assert.equal(redacted.body.redacted, true);
    assert.equal(redacted.body.verified_outputs, null);
    assert.equal(redacted.body.last_error, null);
    const read = await retrieve(host, verified.id);
    assert.deepEqual(read.body, redacted.body);
    const frame = await identityFrame(host, "GET", "/session", verified.token);
    assert.equal(frame.body.session.status, "redacted");
    assert.equal(frame.body.session.document, null);
    assert.deepEqual(frame.body.session.uploaded, []);
    const twice = await post(host, `/v1/identity_sessions/${verified.id}/redact`, {});
    assert.equal(twice.status, 200);
    assert.deepEqual(twice.body, redacted.body);
  });

  test("an open session with photos: they go, and the frame can do nothing more", async () => {
    const session = await createIdentitySession(host, { require_selfie: true });
    await chooseDocument(host, session.client_token, "id_card", "NL");
    await upload(host, session.client_token, "front", photos.front);
    await upload(host, session.client_token, "selfie", photos.selfie);
    const redacted = await post(host, `/v1/identity_sessions/${session.id}/redact`, {});
    assert.equal(redacted.body.status, "redacted");
    const frame = await identityFrame(host, "GET", "/session", session.client_token);
    assert.deepEqual([frame.body.session.uploaded, frame.body.session.document], [[], null]);
    expectError(await upload(host, session.client_token, "front", photos.front), 409, "session_not_open");
    expectError(await identityFrame(host, "POST", "/handoff", session.client_token), 409, "session_not_open");
  });

  test("a session redacted while it is being verified stays redacted", async () => {
    const session = await createIdentitySession(host, {});
    await submitVerification(host, session.client_token, photos, { type: "passport", selfie: false });
    assert.equal((await post(host, `/v1/identity_sessions/${session.id}/redact`, {})).body.status, "redacted");
    await sleep(2500);
    const read = await retrieve(host, session.id);
    assert.equal(read.body.status, "redacted");
    assert.equal(read.body.verified_outputs, null);
  });
});

describe("the SDK's identitySessions", () => {
  test("create, retrieve, cancel, redact, and client tokens for ids_", async () => {
    const enclave = new EnclaveClient(host.secretKey, { host: host.url, maxRetries: 0 });
    const created = await enclave.identitySessions.create({ type: "document", options: { require_selfie: false }, customer_ref: "sdk" });
    assert.match(created.id, /^ids_/);
    assert.match(created.client_token, /^ct_/);
    const read = await enclave.identitySessions.retrieve(created.id);
    assert.equal(read.status, "requires_input");
    assert.equal(read.verified_outputs, null);
    const token = await enclave.clientTokens.create({ session: created.id });
    await submitVerification(host, token.client_token, photos, { type: "passport", selfie: false });
    await waitForResult(host, token.client_token);
    const verified = await enclave.identitySessions.retrieve(created.id);
    assert.equal(verified.status, "verified");
    assert.equal(typeof verified.verified_outputs?.first_name, "string");
    await assert.rejects(
      enclave.identitySessions.cancel(created.id),
      (error: unknown) => error instanceof EnclaveApiError && error.code === "session_not_open" && error.status === 409,
    );
    const redacted = await enclave.identitySessions.redact(created.id);
    assert.equal(redacted.status, "redacted");
    assert.equal(redacted.verified_outputs, null);
    const other = await enclave.identitySessions.create({ type: "document" });
    assert.equal((await enclave.identitySessions.cancel(other.id)).status, "canceled");
    await assert.rejects(enclave.identitySessions.retrieve("ids_DoesNotExist1234567"), (error: unknown) => error instanceof EnclaveApiError && error.code === "resource_missing");
  });
});

describe("openapi", () => {
  test("documents the identity routes, the multipart upload and the hand-off claim", async () => {
    const document = (await get(host, "/v1/openapi.json", { key: null })).body;
    const routes: [string, string][] = [
      ["post", "/v1/identity_sessions"],
      ["get", "/v1/identity_sessions/{id}"],
      ["post", "/v1/identity_sessions/{id}/cancel"],
      ["post", "/v1/identity_sessions/{id}/redact"],
      ["post", "/v1/frame/identity/document"],
      ["post", "/v1/frame/identity/files"],
      ["post", "/v1/frame/identity/submit"],
      ["get", "/v1/frame/identity/status"],
      ["post", "/v1/frame/identity/handoff"],
      ["post", "/v1/frame/identity/handoff/complete"],
      ["post", "/v1/identity/handoff/claim"],
    ];
    for (const [method, path] of routes) {
      const operation = document.paths?.[path]?.[method];
      assert.ok(operation, `${method.toUpperCase()} ${path} is documented`);
      if (method === "post") assert.ok(operation.requestBody, `${path} documents its body`);
    }
    const files = document.paths["/v1/frame/identity/files"].post.requestBody.content["multipart/form-data"].schema;
    assert.deepEqual([...files.required].sort(), ["file", "side"]);
    assert.equal(files.properties.file.format, "binary");
    assert.deepEqual(files.properties.side.enum, ["front", "back", "selfie"]);
    assert.deepEqual(document.paths["/v1/identity/handoff/claim"].post.security, [], "the claim needs no credentials");
    const created = document.paths["/v1/identity_sessions"].post.requestBody.content["application/json"].schema;
    assert.equal(created.additionalProperties, false);
  });
});
