/**
 * The identity frame's API (`/v1/frame/identity/…` and `/v1/frame/session` for `ids_`
 * tokens) of a real widget host, with real PNG and JPEG bytes drawn in the test: every
 * sandbox outcome end to end (verified, document_unverified, selfie_mismatch) and a
 * second attempt after a failure, the webhooks they send (without personal data), every
 * check the server makes of an upload itself (type from the bytes, size while streaming,
 * decompression bombs, resolution, blur), the document's sides, bad bodies, and that
 * `verified_outputs` and image bytes never come back to a frame.
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { verifyWebhookSignature } from "../../src/sdk/webhooks.js";
import { BLUR_SAMPLE_SIZE, BLUR_THRESHOLDS, laplacianVariance as frameLaplacian, smoothBinomial as frameSmooth } from "../../src/frames/identity/image-checks.js";
import { BLUR_CHECK, IMAGE_LIMITS, UPLOAD_LIMITS } from "../../src/protocol/identity-api.js";
import { laplacianVariance, smoothBinomial } from "../../src/server/identity/image-checks.js";
import { asApiResponse, card, cards, confirm, createIntent, expectError, frameCall, post, rawRequest, SHOP_ORIGIN, toApiResponse, waitFor, type Json } from "./support/api.js";
import { bankFrame, createSession } from "./support/bank-link.js";
import { dpopHeader } from "./support/dpop.js";
import {
  boxBlur,
  chooseDocument,
  createIdentitySession,
  drawDocument,
  identityFrame,
  identityTranscript,
  jpegClaiming,
  jpg,
  multipart,
  png,
  pngClaiming,
  retrieve,
  samplePhotos,
  streamChunked,
  submitVerification,
  upload,
  waitForResult,
  type SamplePhotos,
} from "./support/identity.js";
import { startWebhookReceiver, type WebhookReceiver } from "./support/webhook-receiver.js";
import { pollingLimits, startWidgetHost, type WidgetHostProcess } from "./support/widget-host.js";
import { sleep } from "../support/wait.js";

const MERCHANT_NAME = "Identity Test Shop";
let host: WidgetHostProcess;
let receiver: WebhookReceiver;
let secret: string;
let photos: SamplePhotos;
/** Every verified output seen through the merchant API, to look for it everywhere else. */
const outputsSeen: Json[] = [];

before(async () => {
  photos = samplePhotos();
  receiver = await startWebhookReceiver();
  host = await startWidgetHost({ env: { ENCLAVE_ALLOWED_ORIGINS: SHOP_ORIGIN, ENCLAVE_MERCHANT_NAME: MERCHANT_NAME, ...pollingLimits, ENCLAVE_WEBHOOK_ALLOW_PRIVATE: "1" } });
  const endpoint = await post(host, "/v1/webhook_endpoints", { url: receiver.url, events: ["identity_session.verified", "identity_session.requires_input"] });
  assert.equal(endpoint.status, 200, endpoint.text);
  secret = endpoint.body.secret;
});

after(async () => {
  await host?.dispose();
  await receiver?.close();
});

/** A session waiting for photos of a chosen document. */
async function withDocument(
  type = "driving_license",
  options: { require_selfie?: boolean; sandbox_outcome?: string } = { require_selfie: true },
): Promise<{ id: string; token: string }> {
  const session = await createIdentitySession(host, options);
  const chosen = await chooseDocument(host, session.client_token, type, "US");
  assert.equal(chosen.status, 200, chosen.text);
  return { id: session.id, token: session.client_token };
}

const isDate = (value: string): boolean => /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`));

describe("GET /v1/frame/session for an identity session", () => {
  test("→ the session as the frame needs it, and the merchant's name", async () => {
    const session = await createIdentitySession(host, { require_selfie: true });
    const response = await identityFrame(host, "GET", "/session", session.client_token);
    assert.equal(response.status, 200, response.text);
    assert.deepEqual(response.body, {
      session: { id: session.id, object: "identity_session", status: "requires_input", require_selfie: true, document: null, uploaded: [], handoff: "none", last_error: null },
      merchant: { name: MERCHANT_NAME },
    });
    const status = await identityFrame(host, "GET", "/status", session.client_token);
    assert.deepEqual(status.body, response.body, "/identity/status answers as /session does");
  });

  test("the document choice and the accepted sides show up", async () => {
    const { token } = await withDocument("id_card");
    assert.equal((await upload(host, token, "back", photos.back)).status, 200);
    const response = await identityFrame(host, "GET", "/session", token);
    assert.deepEqual(response.body.session.document, { type: "id_card", issuing_country: "US" });
    assert.deepEqual(response.body.session.uploaded, ["back"]);
  });
});

describe("verification outcomes, end to end", () => {
  test("verified: processing, then verified; the outputs only through the merchant API", async () => {
    const session = await createIdentitySession(host, { require_selfie: true, sandbox_outcome: "verified" });
    const submitted = await submitVerification(host, session.client_token, photos, { type: "id_card", country: "DE", selfie: true });
    assert.deepEqual(submitted.body.session.uploaded, ["front", "back", "selfie"]);
    assert.equal((await retrieve(host, session.id)).body.status, "processing");
    const result = await waitForResult(host, session.client_token);
    assert.equal(result.session.status, "verified");
    assert.equal(result.session.last_error, null);
    assert.ok(!("verified_outputs" in result.session), "the frame never gets verified_outputs");

    const merchant = await retrieve(host, session.id);
    assert.equal(merchant.status, 200, merchant.text);
    assert.equal(merchant.body.status, "verified");
    const outputs = merchant.body.verified_outputs;
    outputsSeen.push(outputs);
    assert.deepEqual(Object.keys(outputs).sort(), ["dob", "document", "first_name", "last_name"]);
    assert.match(outputs.first_name, /^[A-Z][a-z]+$/);
    assert.match(outputs.last_name, /^[A-Z][a-z]+$/);
    assert.ok(outputs.dob.year >= 1950 && outputs.dob.year <= 2004, JSON.stringify(outputs.dob));
    assert.ok(outputs.dob.month >= 1 && outputs.dob.month <= 12 && outputs.dob.day >= 1 && outputs.dob.day <= 31);
    assert.equal(outputs.document.type, "id_card", "the type the customer chose");
    assert.equal(outputs.document.issuing_country, "DE", "the country the customer chose");
    assert.match(outputs.document.number_last4, /^\d{4}$/);
    assert.ok(isDate(outputs.document.expiration_date) && Date.parse(outputs.document.expiration_date) > Date.now(), outputs.document.expiration_date);
    // Made up from the session id: the same every time.
    assert.deepEqual((await retrieve(host, session.id)).body.verified_outputs, outputs);

    const delivery = await waitFor(() => receiver.deliveriesFor("identity_session.verified", session.id)[0], 15_000, "identity_session.verified");
    const event = verifyWebhookSignature(delivery.body, delivery.signature, secret);
    assert.deepEqual(event.data.object, { id: session.id, status: "verified", last_error: null }, "the webhook carries no personal data");
  });

  for (const outcome of ["document_unverified", "selfie_mismatch"] as const) {
    test(`${outcome}: requires_input with last_error; the attempt's photos are deleted; the customer can try again`, async () => {
      const session = await createIdentitySession(host, { require_selfie: true, sandbox_outcome: outcome });
      await submitVerification(host, session.client_token, photos, { type: "driving_license", selfie: true });
      const result = await waitForResult(host, session.client_token);
      assert.equal(result.session.status, "requires_input");
      assert.equal(result.session.last_error.code, outcome);
      assert.equal(typeof result.session.last_error.reason, "string");
      assert.ok(result.session.last_error.reason.length > 20, "a reason in plain words");
      assert.deepEqual(result.session.uploaded, [], "the photos of the failed attempt are gone");
      assert.deepEqual(result.session.document, { type: "driving_license", issuing_country: "US" }, "the document choice stays for the next attempt");

      const merchant = await retrieve(host, session.id);
      assert.equal(merchant.body.status, "requires_input");
      assert.deepEqual(merchant.body.last_error, result.session.last_error);
      assert.equal(merchant.body.verified_outputs, null);

      const delivery = await waitFor(() => receiver.deliveriesFor("identity_session.requires_input", session.id)[0], 15_000, "identity_session.requires_input");
      const event = verifyWebhookSignature(delivery.body, delivery.signature, secret);
      assert.deepEqual(event.data.object, { id: session.id, status: "requires_input", last_error: result.session.last_error });

      // Try again: new photos, a new submission (the sandbox gives the same outcome again).
      const again = await submitVerification(host, session.client_token, photos, { type: "passport", selfie: true });
      assert.equal(again.body.session.last_error, null, "a new submission clears the last error");
      const second = await waitForResult(host, session.client_token);
      assert.equal(second.session.status, "requires_input");
      assert.equal(second.session.last_error.code, outcome);
      await waitFor(() => receiver.deliveriesFor("identity_session.requires_input", session.id).length === 2, 15_000, "the second requires_input webhook");
    });
  }

  test("a passport has no back: front (and selfie) are enough", async () => {
    const session = await createIdentitySession(host, { require_selfie: false });
    await submitVerification(host, session.client_token, photos, { type: "passport", country: "FR", selfie: false });
    const result = await waitForResult(host, session.client_token);
    assert.equal(result.session.status, "verified");
    const outputs = (await retrieve(host, session.id)).body.verified_outputs;
    outputsSeen.push(outputs);
    assert.deepEqual([outputs.document.type, outputs.document.issuing_country], ["passport", "FR"]);
  });

  test("a second submit while processing answers the same; one verification, one webhook", async () => {
    const session = await createIdentitySession(host, { require_selfie: false });
    await submitVerification(host, session.client_token, photos, { type: "passport", selfie: false });
    const twice = await Promise.all([identityFrame(host, "POST", "/submit", session.client_token), identityFrame(host, "POST", "/submit", session.client_token)]);
    for (const response of twice) {
      assert.equal(response.status, 200, response.text);
      assert.equal(response.body.session.status, "processing");
    }
    await waitForResult(host, session.client_token);
    await waitFor(() => receiver.deliveriesFor("identity_session.verified", session.id)[0], 15_000, "identity_session.verified");
    await sleep(1000);
    assert.equal(receiver.deliveriesFor("identity_session.verified", session.id).length, 1);
    // Once verified, a submit changes nothing either.
    const after = await identityFrame(host, "POST", "/submit", session.client_token);
    assert.equal(after.status, 200);
    assert.equal(after.body.session.status, "verified");
  });

  test("submitting with a side missing, or without a document → 409 document_incomplete", async () => {
    const session = await createIdentitySession(host, { require_selfie: true });
    expectError(await identityFrame(host, "POST", "/submit", session.client_token), 409, "document_incomplete");
    await chooseDocument(host, session.client_token, "driving_license");
    assert.equal((await upload(host, session.client_token, "front", photos.front)).status, 200);
    assert.equal((await upload(host, session.client_token, "selfie", photos.selfie)).status, 200);
    const missing = expectError(await identityFrame(host, "POST", "/submit", session.client_token), 409, "document_incomplete");
    assert.match(missing.message, /back/);
    assert.equal((await identityFrame(host, "GET", "/status", session.client_token)).body.session.status, "requires_input");
  });

  test("while processing and once verified, the session takes no more changes → 409 session_not_open", async () => {
    const session = await createIdentitySession(host, { require_selfie: false });
    const token = session.client_token;
    await submitVerification(host, token, photos, { type: "passport", selfie: false });
    expectError(await upload(host, token, "front", photos.front), 409, "session_not_open");
    expectError(await chooseDocument(host, token, "passport"), 409, "session_not_open");
    expectError(await identityFrame(host, "POST", "/handoff", token), 409, "session_not_open");
    await waitForResult(host, token);
    expectError(await upload(host, token, "front", photos.front), 409, "session_not_open");
    expectError(await chooseDocument(host, token, "id_card"), 409, "session_not_open");
    // Reading it still works: a reloaded frame shows the success.
    assert.equal((await identityFrame(host, "GET", "/session", token)).body.session.status, "verified");
  });

  test("verified_outputs never reach a frame, a webhook or the host's output", async () => {
    assert.ok(outputsSeen.length >= 2, "needs the verified sessions above");
    const values = outputsSeen.flatMap((outputs) => [
      `"${outputs.first_name}"`,
      `"${outputs.last_name}"`,
      outputs.document.expiration_date,
      `"number_last4":"${outputs.document.number_last4}"`,
    ]);
    assert.ok(identityTranscript.length > 50);
    for (const text of identityTranscript) {
      assert.ok(!text.includes("verified_outputs"), `a frame answer has verified_outputs: ${text.slice(0, 200)}`);
      for (const value of values) assert.ok(!text.includes(value), `a frame answer holds ${value}: ${text.slice(0, 200)}`);
    }
    for (const delivery of receiver.deliveries) {
      assert.deepEqual(Object.keys(delivery.event.data.object).sort(), ["id", "last_error", "status"]);
      for (const value of values) assert.ok(!delivery.body.includes(value), `a webhook holds ${value}`);
    }
    for (const value of values) assert.ok(!host.output().includes(value), `the host printed ${value}`);
  });
});

describe("uploads: what the server checks itself", () => {
  let token: string;
  before(async () => {
    ({ token } = await withDocument("driving_license", { require_selfie: true }));
  });

  test("a sharp PNG and a sharp JPEG → 200 { side, accepted, width, height }", async () => {
    const front = await upload(host, token, "front", photos.front, { filename: "front.png", contentType: "image/png" });
    assert.equal(front.status, 200, front.text);
    assert.deepEqual(front.body, { side: "front", accepted: true, width: 1200, height: 800 });
    const selfie = await upload(host, token, "selfie", photos.selfie);
    assert.deepEqual(selfie.body, { side: "selfie", accepted: true, width: 640, height: 640 });
  });

  test("the type comes from the bytes: a PNG called notes.txt (text/plain) is accepted, text called photo.jpg (image/jpeg) is not", async () => {
    const named = await upload(host, token, "back", photos.front, { filename: "notes.txt", contentType: "text/plain" });
    assert.equal(named.status, 200, named.text);
    const text = Buffer.from("This is not a photo of a document, whatever its name says.\n".repeat(200));
    expectError(await upload(host, token, "back", text, { filename: "photo.jpg", contentType: "image/jpeg" }), 415, "unsupported_file_type", { param: "file" });
    const gif = Buffer.concat([Buffer.from("GIF89a"), Buffer.alloc(2000)]);
    expectError(await upload(host, token, "back", gif, { filename: "back.gif", contentType: "image/gif" }), 415, "unsupported_file_type", { param: "file" });
  });

  test("JPEG or PNG magic followed by garbage → 415 unsupported_file_type", async () => {
    const fakeJpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from("garbage".repeat(500))]);
    expectError(await upload(host, token, "back", fakeJpeg), 415, "unsupported_file_type", { param: "file" });
    const truncated = photos.front.subarray(0, Math.floor(photos.front.length / 3));
    expectError(await upload(host, token, "back", truncated, { filename: "back.png" }), 415, "unsupported_file_type", { param: "file" });
  });

  test("0 bytes → 400 empty_file", async () => {
    expectError(await upload(host, token, "front", Buffer.alloc(0)), 400, "empty_file", { param: "file" });
  });

  test("10 × 10, and a document under 600 × 400 → 400 image_too_small; either orientation counts", async () => {
    expectError(await upload(host, token, "front", png(drawDocument(10, 10))), 400, "image_too_small", { param: "file" });
    expectError(await upload(host, token, "front", jpg(drawDocument(599, 400))), 400, "image_too_small", { param: "file" });
    expectError(await upload(host, token, "selfie", jpg(drawDocument(319, 400))), 400, "image_too_small", { param: "file" });
    const portrait = await upload(host, token, "back", jpg(drawDocument(400, 600)));
    assert.equal(portrait.status, 200, portrait.text);
    assert.deepEqual([portrait.body.width, portrait.body.height], [400, 600]);
    assert.equal((await upload(host, token, "selfie", jpg(drawDocument(320, 320)))).status, 200, "the selfie minimum is 320 × 320");
  });

  test("the same document through a blur → 400 image_blurry (PNG and JPEG, document and selfie)", async () => {
    const smeared = boxBlur(drawDocument(1200, 800, 7), 6);
    expectError(await upload(host, token, "front", png(smeared)), 400, "image_blurry", { param: "file" });
    expectError(await upload(host, token, "back", jpg(smeared)), 400, "image_blurry", { param: "file" });
    expectError(await upload(host, token, "selfie", jpg(boxBlur(drawDocument(640, 640, 8), 8))), 400, "image_blurry", { param: "file" });
  });

  test("a PNG header claiming 100000 × 100000 (and a JPEG claiming 60000 × 60000) → 413 file_too_large, without decoding", async () => {
    const started = Date.now();
    expectError(await upload(host, token, "front", pngClaiming(100_000, 100_000), { filename: "front.png" }), 413, "file_too_large", { param: "file" });
    expectError(await upload(host, token, "front", jpegClaiming(60_000, 60_000)), 413, "file_too_large", { param: "file" });
    assert.ok(Date.now() - started < 5000, "refused from the header, at once");
  });

  test("a file over 10 MB inside a request under the limit → 413 file_too_large", async () => {
    const big = Buffer.concat([photos.front, Buffer.alloc(IMAGE_LIMITS.maxBytes + 1 - photos.front.length)]);
    expectError(await upload(host, token, "front", big), 413, "file_too_large", { param: "file" });
  });

  test("a 30 MB body → 413 file_too_large: by its Content-Length, and while streaming without one", async () => {
    const form = multipart([
      { name: "side", value: "front" },
      { name: "file", filename: "front.jpg", contentType: "image/jpeg", bytes: Buffer.concat([photos.front, Buffer.alloc(30 * 1024 * 1024)]) },
    ]);
    const headers = {
      Authorization: `Bearer ${token}`,
      "Enclave-Publishable-Key": host.publishableKey,
      "Enclave-Parent-Origin": SHOP_ORIGIN,
      "Content-Type": form.contentType,
    };
    // Each request carries a proof of its own: a proof is good for one call.
    const proof = () => dpopHeader("POST", `${host.url}/v1/frame/identity/files`, token);
    const declared = await rawRequest(host, {
      method: "POST",
      path: "/v1/frame/identity/files",
      headers: { ...headers, ...(await proof()), "Content-Length": form.body.length },
      body: form.body,
    });
    expectError(asApiResponse(declared), 413, "file_too_large");
    const streamed = await streamChunked(host, "/v1/frame/identity/files", { ...headers, ...(await proof()) }, form.body);
    expectError(streamed, 413, "file_too_large");
    assert.ok(UPLOAD_LIMITS.maxRequestBytes < 11 * 1024 * 1024);
    // The host is fine afterwards.
    assert.equal((await identityFrame(host, "GET", "/status", token)).status, 200);
  });

  test("a side the document does not have, or a selfie the session does not ask for → 400 parameter_invalid (side)", async () => {
    const passport = await withDocument("passport", { require_selfie: false });
    expectError(await upload(host, passport.token, "back", photos.back), 400, "parameter_invalid", { param: "side" });
    expectError(await upload(host, passport.token, "selfie", photos.selfie), 400, "parameter_invalid", { param: "side" });
    expectError(await upload(host, passport.token, "left", photos.front), 400, "parameter_invalid", { param: "side" });
    expectError(await upload(host, passport.token, "", photos.front), 400, "parameter_invalid", { param: "side" });
  });

  test("uploading before choosing a document → 409 document_incomplete", async () => {
    const session = await createIdentitySession(host, {});
    expectError(await upload(host, session.client_token, "front", photos.front), 409, "document_incomplete");
  });

  test("bad forms: no file, no side, an unknown field, the file as text, a side twice, JSON, a broken body", async () => {
    const file = { name: "file", filename: "front.png", contentType: "image/png", bytes: photos.front };
    const form = (parts: Parameters<typeof multipart>[0]) => upload(host, token, "", Buffer.alloc(0), { parts });
    expectError(await form([{ name: "side", value: "front" }]), 400, "parameter_missing", { param: "file" });
    expectError(await form([file]), 400, "parameter_missing", { param: "side" });
    expectError(await form([{ name: "side", value: "front" }, file, { name: "note", value: "hi" }]), 400, "parameter_unknown", { param: "note" });
    expectError(
      await form([
        { name: "side", value: "front" },
        { name: "file", value: "iVBORw0KGgo=" },
      ]),
      400,
      "parameter_invalid",
      { param: "file" },
    );
    expectError(await form([{ name: "side", value: "front" }, { name: "side", value: "back" }, file]), 400, "parameter_invalid", { param: "side" });
    expectError(await form([]), 400, "parameter_missing");
    const json = await identityFrame(host, "POST", "/files", token, { body: { side: "front", file: photos.front.toString("base64").slice(0, 100) } });
    expectError(json, 415, "unsupported_media_type");
    const broken = await fetch(`${host.url}/v1/frame/identity/files`, {
      method: "POST",
      headers: {
        Authorization: `Bearer ${token}`,
        ...(await dpopHeader("POST", `${host.url}/v1/frame/identity/files`, token)),
        "Enclave-Publishable-Key": host.publishableKey,
        "Enclave-Parent-Origin": SHOP_ORIGIN,
        "Content-Type": "multipart/form-data; boundary=abc",
      },
      body: '--xyz\r\nContent-Disposition: form-data; name="side"\r\n\r\nfront\r\n--xyz--\r\n',
    });
    expectError(await toApiResponse(broken), 400, "invalid_request");
  });

  test("a new upload of a side replaces the old one; a new document choice starts the photos over", async () => {
    const { token: fresh } = await withDocument("driving_license", { require_selfie: false });
    assert.equal((await upload(host, fresh, "front", photos.front)).status, 200);
    assert.equal((await upload(host, fresh, "front", jpg(drawDocument(1000, 700, 9)))).status, 200);
    assert.deepEqual((await identityFrame(host, "GET", "/status", fresh)).body.session.uploaded, ["front"]);
    assert.equal((await upload(host, fresh, "back", photos.back)).status, 200);
    const rechosen = await chooseDocument(host, fresh, "id_card", "CA");
    assert.equal(rechosen.status, 200, rechosen.text);
    assert.deepEqual(rechosen.body.session.uploaded, []);
    assert.deepEqual(rechosen.body.session.document, { type: "id_card", issuing_country: "CA" });
  });

  test("no route serves an image back", async () => {
    for (const path of ["/files", "/files/front", "/files?side=front", "/front", "/images/front"]) {
      const response = await identityFrame(host, "GET", path, token);
      assert.ok(response.status === 404 || response.status === 405, `${path}: ${response.status}`);
      assert.match(response.headers.get("content-type") ?? "", /^application\/json/);
    }
    // Nothing any answer said holds a run of a photo's bytes (raw, base64 or hex).
    for (const [side, bytes] of Object.entries(photos) as [string, Buffer][]) {
      const run = bytes.subarray(Math.floor(bytes.length / 2), Math.floor(bytes.length / 2) + 48);
      for (const text of identityTranscript) {
        assert.ok(!text.includes(run.toString("base64")) && !text.includes(run.toString("hex")) && !text.includes(run.toString("latin1")), `an answer holds the ${side} photo`);
      }
    }
  });
});

describe("the document choice", () => {
  test("bad bodies → parameter_unknown, parameter_invalid, parameter_missing", async () => {
    const { client_token: token } = await createIdentitySession(host, {});
    expectError(await identityFrame(host, "POST", "/document", token, { body: { type: "passport", issuing_country: "US", number: "X123" } }), 400, "parameter_unknown", {
      param: "number",
    });
    expectError(await identityFrame(host, "POST", "/document", token, { body: { type: "visa", issuing_country: "US" } }), 400, "parameter_invalid", { param: "type" });
    expectError(await identityFrame(host, "POST", "/document", token, { body: { type: "passport", issuing_country: "us" } }), 400, "parameter_invalid", {
      param: "issuing_country",
    });
    expectError(await identityFrame(host, "POST", "/document", token, { body: { type: "passport", issuing_country: 840 } }), 400, "parameter_invalid", {
      param: "issuing_country",
    });
    expectError(await identityFrame(host, "POST", "/document", token, { body: { issuing_country: "US" } }), 400, "parameter_missing", { param: "type" });
    expectError(await identityFrame(host, "POST", "/submit", token, { body: { now: true } }), 400, "parameter_unknown", { param: "now" });
    expectError(await identityFrame(host, "POST", "/handoff", token, { body: { phone: "+15555550100" } }), 400, "parameter_unknown", { param: "phone" });
  });
});

describe("tokens of other flows, and the frame's checks", () => {
  test("a payment or bank-link token on the identity routes → 409 session_not_open, and an identity token elsewhere too", async () => {
    const intent = await createIntent(host);
    const bank = await createSession(host, { products: ["transactions"] });
    for (const token of [intent.client_token, bank.client_token]) {
      expectError(await identityFrame(host, "GET", "/status", token), 409, "session_not_open");
      expectError(await chooseDocument(host, token, "passport"), 409, "session_not_open");
      expectError(await upload(host, token, "front", photos.front), 409, "session_not_open");
      expectError(await identityFrame(host, "POST", "/submit", token), 409, "session_not_open");
      expectError(await identityFrame(host, "POST", "/handoff", token), 409, "session_not_open");
    }
    const identity = await createIdentitySession(host, {});
    expectError(await confirm(host, identity.client_token, card(cards.visa)), 409, "session_not_open");
    expectError(await bankFrame(host, "GET", "/institutions", identity.client_token), 409, "session_not_open");
  });

  test("no token, a foreign parent origin, a foreign page, a bad publishable key", async () => {
    const { client_token: token } = await createIdentitySession(host, {});
    expectError(await frameCall(host, "GET", "/identity/status", { token: null }), 401, "client_token_invalid");
    expectError(await identityFrame(host, "GET", "/status", token, { parentOrigin: "https://evil.example.com" }), 403, "origin_not_allowed");
    expectError(await upload(host, token, "front", photos.front, { parentOrigin: "https://evil.example.com" }), 403, "origin_not_allowed");
    expectError(await identityFrame(host, "GET", "/status", token, { headers: { Origin: "https://evil.example.com" } }), 403, "origin_not_allowed");
    expectError(await identityFrame(host, "GET", "/status", token, { publishableKey: null }), 401, "invalid_publishable_key");
    expectError(await identityFrame(host, "GET", "/nothing", token), 404, "route_not_found");
  });
});

describe("the frame and the server judge blur alike", () => {
  test("one set of numbers: the protocol's BLUR_CHECK is the frame's", () => {
    assert.equal(BLUR_CHECK.sampleSize, BLUR_SAMPLE_SIZE);
    assert.deepEqual({ ...BLUR_CHECK.thresholds }, { ...BLUR_THRESHOLDS });
  });

  test("the same smoothing and Laplacian give the same sharpness on the same pixels", () => {
    const { width, height, data } = drawDocument(512, 341, 11);
    const gray = new Float32Array(width * height);
    for (let index = 0; index < gray.length; index++) gray[index] = 0.299 * (data[index * 4] ?? 0) + 0.587 * (data[index * 4 + 1] ?? 0) + 0.114 * (data[index * 4 + 2] ?? 0);
    const server = laplacianVariance(smoothBinomial(gray, width, height), width, height);
    const frame = frameLaplacian(frameSmooth(gray, width, height), width, height);
    assert.ok(Math.abs(server - frame) < 1e-6 * Math.max(1, frame), `${server} vs ${frame}`);
  });

  test("what the frame's thresholds call sharp and blurry, the server does too (sides of the line)", async () => {
    const { token } = await withDocument("driving_license", { require_selfie: false });
    assert.equal((await upload(host, token, "front", jpg(boxBlur(drawDocument(1200, 800, 12), 3)))).status, 200, "soft but readable passes");
    expectError(await upload(host, token, "front", jpg(boxBlur(drawDocument(1200, 800, 12), 10))), 400, "image_blurry");
  });
});
