/**
 * `verifyWebhookSignature` (enclave-kit/server) on its own: an empty or blank secret is
 * refused before anything else (an unset variable defaulting to "" must not let a forged
 * event through), and a header with several `v1=` (during a secret rotation) verifies
 * with any one of the secrets.
 */
import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import { describe, test } from "node:test";
import { EnclaveClient, verifyWebhookSignature, WebhookSignatureError } from "../../src/sdk/index.js";

const body = JSON.stringify({ id: "evt_test", object: "event", type: "payment_intent.succeeded", created: 1, data: { object: { id: "pi_test" } } });
const now = Date.now();
const t = Math.floor(now / 1000);
const sign = (secret: string, timestamp = t, payload = body): string => createHmac("sha256", secret).update(`${timestamp}.${payload}`).digest("hex");

function expectCode(run: () => unknown, code: WebhookSignatureError["code"]): WebhookSignatureError {
  let caught: unknown;
  assert.throws(run, (error: unknown) => {
    caught = error;
    return error instanceof WebhookSignatureError && error.code === code;
  });
  return caught as WebhookSignatureError;
}

describe("an empty webhook secret", () => {
  test("'' and blank secrets are refused with webhook_secret_missing, even with a header forged with the empty key", () => {
    const forged = `t=${t},v1=${sign("")}`;
    for (const secret of ["", " ", "\t\n"]) {
      const error = expectCode(() => verifyWebhookSignature(body, forged, secret, 300, now), "webhook_secret_missing");
      assert.match(error.message, /secret/);
    }
  });

  test("it is refused before the header is looked at, and through constructEvent too", () => {
    expectCode(() => verifyWebhookSignature(body, undefined, ""), "webhook_secret_missing");
    expectCode(() => verifyWebhookSignature(body, undefined, undefined as unknown as string), "webhook_secret_missing");
    const client = new EnclaveClient("sk_test_signature00", { fetch: (async () => new Response("{}")) as typeof fetch });
    expectCode(() => client.webhooks.constructEvent(body, `t=${t},v1=${sign("")}`, process.env["ENCLAVE_UNSET_WEBHOOK_SECRET_FOR_TEST"] ?? ""), "webhook_secret_missing");
  });
});

describe("several v1= values", () => {
  const newSecret = "whsec_new";
  const oldSecret = "whsec_old";
  const header = `t=${t},v1=${sign(newSecret)},v1=${sign(oldSecret)}`;

  test("either secret verifies, whichever comes first", () => {
    assert.equal(verifyWebhookSignature(body, header, newSecret, 300, now).id, "evt_test");
    assert.equal(verifyWebhookSignature(body, header, oldSecret, 300, now).id, "evt_test");
    assert.equal(verifyWebhookSignature(body, `t=${t},v1=${sign(oldSecret)},v1=${sign(newSecret)}`, newSecret, 300, now).id, "evt_test");
  });

  test("another secret, a tampered body or a malformed value still fail", () => {
    expectCode(() => verifyWebhookSignature(body, header, "whsec_other", 300, now), "signature_invalid");
    expectCode(() => verifyWebhookSignature(`${body} `, header, newSecret, 300, now), "signature_invalid");
    expectCode(() => verifyWebhookSignature(body, `${header},v1=zz`, newSecret, 300, now), "signature_invalid");
    expectCode(() => verifyWebhookSignature(body, `t=${t},t=${t + 1},v1=${sign(newSecret)}`, newSecret, 300, now), "signature_invalid");
    expectCode(() => verifyWebhookSignature(body, `t=${t}`, newSecret, 300, now), "signature_invalid");
    const many = [`t=${t}`, ...Array.from({ length: 9 }, (_, index) => `v1=${sign(`whsec_${index}`)}`), `v1=${sign(newSecret)}`].join(",");
    expectCode(() => verifyWebhookSignature(body, many, newSecret, 300, now), "signature_invalid");
  });

  test("the timestamp tolerance still applies", () => {
    expectCode(() => verifyWebhookSignature(body, header, oldSecret, 300, now + 3600_000), "signature_expired");
  });
});
