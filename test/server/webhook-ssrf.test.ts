/**
 * The SSRF guard at registration, on a real widget host: every spelling of loopback,
 * private, link-local (metadata), CGNAT, multicast and unspecified addresses, `localhost`,
 * the host's own API and URLs with credentials are refused with 400 url_not_allowed
 * (param url) and nothing is stored; control characters in the URL are 400
 * parameter_invalid. With ENCLAVE_WEBHOOK_ALLOW_PRIVATE=1 a receiver on 127.0.0.1 works,
 * while metadata, unspecified and the host's own origin stay refused.
 *
 * No name here needs a DNS server: refused names are IP literals, `localhost` (refused by
 * name) or the host's public URL (refused by origin).
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { verifyWebhookSignature } from "../../src/sdk/webhooks.js";
import { expectError, get, paidIntent, post, SHOP_ORIGIN, waitFor } from "./support/api.js";
import { startWebhookReceiver, type WebhookReceiver } from "./support/webhook-receiver.js";
import { startWidgetHost, type WidgetHostProcess } from "./support/widget-host.js";

const PUBLIC_URL = "https://enclave.widgets.example";
const events = ["payment_intent.succeeded"];
let strict: WidgetHostProcess;
let relaxed: WidgetHostProcess;
let receiver: WebhookReceiver;

before(async () => {
  receiver = await startWebhookReceiver();
  [strict, relaxed] = await Promise.all([
    startWidgetHost({ env: { ENCLAVE_ALLOWED_ORIGINS: SHOP_ORIGIN, ENCLAVE_PUBLIC_URL: PUBLIC_URL } }),
    startWidgetHost({ env: { ENCLAVE_ALLOWED_ORIGINS: SHOP_ORIGIN, ENCLAVE_WEBHOOK_ALLOW_PRIVATE: "1" } }),
  ]);
});

after(async () => {
  await Promise.all([strict?.dispose(), relaxed?.dispose()]);
  await receiver?.close();
});

/** Every spelling the review used, and more. */
const internalTargets = [
  "http://127.0.0.1/hooks",
  "http://127.0.0.1:8080/hooks",
  "https://127.0.0.1/hooks",
  "http://localhost/hooks",
  "http://localhost.:3000/hooks",
  "http://LOCALHOST/hooks",
  "http://api.localhost/hooks",
  "http://127.1/hooks",
  "http://2130706433/hooks",
  "http://0x7f000001/hooks",
  "http://0x7f.0.0.1/hooks",
  "http://0177.0.0.1/hooks",
  "http://127.000.000.001/hooks",
  "http://[::1]/hooks",
  "http://[0:0:0:0:0:0:0:1]/hooks",
  "http://[::ffff:127.0.0.1]/hooks",
  "http://[::ffff:7f00:1]/hooks",
  "http://[::127.0.0.1]/hooks",
  "http://0.0.0.0/hooks",
  "http://0/hooks",
  "http://[::]/hooks",
  "http://169.254.169.254/latest/meta-data/",
  "http://[::ffff:169.254.169.254]/latest/meta-data/",
  "http://2852039166/latest/meta-data/",
  "http://[fd00:ec2::254]/latest/meta-data/",
  "http://10.0.0.1/hooks",
  "http://172.16.0.1/hooks",
  "http://172.31.255.254/hooks",
  "http://192.168.1.1/hooks",
  "http://100.64.0.1/hooks",
  "http://[fe80::1]/hooks",
  "http://[fc00::1]/hooks",
  "http://[fd12:3456:789a::1]/hooks",
  "http://224.0.0.1/hooks",
  "http://255.255.255.255/hooks",
  "http://[ff02::1]/hooks",
  "http://[64:ff9b::7f00:1]/hooks",
  "http://[2002:7f00:1::1]/hooks",
];

describe("registration refuses internal targets (default)", () => {
  test("every spelling of loopback, private, link-local, metadata, CGNAT, multicast and unspecified → 400 url_not_allowed", async () => {
    for (const url of internalTargets) {
      const response = await post(strict, "/v1/webhook_endpoints", { url, events });
      const error = expectError(response, 400, "url_not_allowed", { param: "url" });
      assert.doesNotMatch(error.message, /whsec_/);
    }
    const list = await get(strict, "/v1/webhook_endpoints");
    assert.equal(list.status, 200, list.text);
    assert.deepEqual(list.body.data, [], "nothing was stored");
  });

  test("the host's own API is refused: its listener and ENCLAVE_PUBLIC_URL", async () => {
    for (const url of [`${strict.url}/v1/payment_intents`, `http://localhost:${strict.port}/v1/refunds`, `${PUBLIC_URL}/v1/refunds`, `${PUBLIC_URL}:443/hooks`]) {
      expectError(await post(strict, "/v1/webhook_endpoints", { url, events }), 400, "url_not_allowed", { param: "url" });
    }
  });

  test("a user name or password in the URL → 400 url_not_allowed", async () => {
    for (const url of ["http://user:pass@hooks.example.com/in", "https://user@hooks.example.com/in"]) {
      const error = expectError(await post(strict, "/v1/webhook_endpoints", { url, events }), 400, "url_not_allowed", { param: "url" });
      assert.match(error.message, /user name or password/);
    }
  });

  test("a NUL byte or another control character in the URL → 400 parameter_invalid naming url (not 500)", async () => {
    for (const url of [
      "https://hooks.example.com/in\u0000x",
      "https://hooks.example.com/\u0000",
      "https://hooks.example.com/a\nb",
      "https://hooks.example.com/\u007f",
      "\u0001https://hooks.example.com/",
    ]) {
      const error = expectError(await post(strict, "/v1/webhook_endpoints", { url, events }), 400, "parameter_invalid", { param: "url" });
      assert.match(error.message, /control characters/);
    }
  });

  test("the reason names what to do, and the setting for development", async () => {
    const error = expectError(await post(strict, "/v1/webhook_endpoints", { url: "http://127.1:9/hooks", events }), 400, "url_not_allowed", { param: "url" });
    assert.match(error.message, /loopback/);
    assert.match(error.message, /ENCLAVE_WEBHOOK_ALLOW_PRIVATE=1/);
  });
});

describe("ENCLAVE_WEBHOOK_ALLOW_PRIVATE=1", () => {
  test("a receiver on 127.0.0.1 can be registered and gets signed deliveries", async () => {
    const created = await post(relaxed, "/v1/webhook_endpoints", { url: receiver.url, events });
    assert.equal(created.status, 200, created.text);
    const intent = await paidIntent(relaxed);
    const delivery = await waitFor(() => receiver.deliveriesFor("payment_intent.succeeded", intent.id)[0], 15_000, "the delivery to 127.0.0.1");
    assert.equal(verifyWebhookSignature(delivery.body, delivery.signature, created.body.secret).data.object["id"], intent.id);
  });

  test("the spellings of 127.0.0.1 are stored as parsed", async () => {
    const created = await post(relaxed, "/v1/webhook_endpoints", { url: `http://2130706433:${receiver.port}/webhooks`, events: ["refund.created"] });
    assert.equal(created.status, 200, created.text);
    assert.equal(created.body.url, `http://127.0.0.1:${receiver.port}/webhooks`);
  });

  test("the host's own API is still refused, in every spelling", async () => {
    for (const url of [
      `${relaxed.url}/v1/payment_intents`,
      `http://localhost:${relaxed.port}/v1/payment_intents`,
      `http://127.1:${relaxed.port}/v1/payment_intents`,
      `http://2130706433:${relaxed.port}/v1/payment_intents`,
      `http://[::ffff:127.0.0.1]:${relaxed.port}/v1/payment_intents`,
      `http://[::1]:${relaxed.port}/v1/payment_intents`,
    ]) {
      expectError(await post(relaxed, "/v1/webhook_endpoints", { url, events }), 400, "url_not_allowed", { param: "url" });
    }
  });

  test("metadata, link-local, multicast and unspecified addresses are still refused", async () => {
    for (const url of [
      "http://169.254.169.254/latest/meta-data/",
      "http://[::ffff:169.254.169.254]/",
      "http://[fe80::1]/hooks",
      "http://0.0.0.0:9/hooks",
      "http://[::]:9/hooks",
      "http://224.0.0.1/hooks",
    ]) {
      expectError(await post(relaxed, "/v1/webhook_endpoints", { url, events }), 400, "url_not_allowed", { param: "url" });
    }
  });
});
