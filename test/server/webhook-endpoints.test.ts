/**
 * A rotated-out webhook secret over time, on a real widget host process: it signs beside
 * the new one (a second `v1=`) until 24 hours after the rotation, then stops, and the SDK's
 * verifier then refuses it. The host has no clock to move, so the test moves the rotation's
 * end instead: with the host stopped, `previous_secret_expires_at` is set to what it would be
 * 23 hours, then 24 hours and a second, after the rotation (the dispatcher compares it with
 * the database's clock).
 */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { verifyWebhookSignature, WebhookSignatureError } from "../../src/sdk/webhooks.js";
import { paidIntent, post, SHOP_ORIGIN, waitFor } from "./support/api.js";
import { queryStore } from "./support/identity.js";
import { startWebhookReceiver, type Delivery, type WebhookReceiver } from "./support/webhook-receiver.js";
import { createStore, randomKeys, removeStore, startWidgetHost, type StoreLocation, type WidgetHostProcess } from "./support/widget-host.js";

const env = { ENCLAVE_ALLOWED_ORIGINS: SHOP_ORIGIN, ENCLAVE_WEBHOOK_ALLOW_PRIVATE: "1" };
const seed = randomKeys();
let store: StoreLocation;
let host: WidgetHostProcess | undefined;
let receiver: WebhookReceiver;

before(async () => {
  store = await createStore();
  receiver = await startWebhookReceiver();
});

after(async () => {
  await host?.stop();
  await receiver?.close();
  if (store) await removeStore(store);
});

/** Restarts the host with the previous secret's end moved to `expiresIn` (SQL interval) from now. */
async function restartWithPreviousSecretEnding(endpointId: string, expiresIn: string): Promise<WidgetHostProcess> {
  await host?.stop();
  await queryStore(store, `UPDATE webhook_endpoints SET previous_secret_expires_at = now() + interval '${expiresIn}' WHERE id = $1`, [endpointId]);
  host = await startWidgetHost({ store, seed, env });
  return host;
}

async function paymentDelivery(on: WidgetHostProcess): Promise<Delivery> {
  const intent = await paidIntent(on);
  return waitFor(() => receiver.deliveriesFor("payment_intent.succeeded", intent.id)[0], 15_000, "the delivery");
}

function signatureCount(delivery: Delivery): number {
  return [...(delivery.signature ?? "").matchAll(/v1=/g)].length;
}

test("the old secret still signs 23 hours after a rotation and stops at 24: one v1= then, and the SDK refuses the old secret", async () => {
  host = await startWidgetHost({ store, seed, env });
  const created = await post(host, "/v1/webhook_endpoints", { url: receiver.url, events: ["payment_intent.succeeded"] });
  assert.equal(created.status, 200, created.text);
  const { id, secret: old } = created.body as { id: string; secret: string };
  const rotated = await post(host, `/v1/webhook_endpoints/${id}/rotate_secret`, {});
  assert.equal(rotated.status, 200, rotated.text);
  const current = rotated.body.secret as string;

  // 23 hours after the rotation: an hour left.
  const during = await paymentDelivery(await restartWithPreviousSecretEnding(id, "1 hour"));
  assert.equal(signatureCount(during), 2);
  verifyWebhookSignature(during.body, during.signature, current);
  verifyWebhookSignature(during.body, during.signature, old);

  // 24 hours and a second after it.
  const later = await paymentDelivery(await restartWithPreviousSecretEnding(id, "-1 second"));
  assert.equal(signatureCount(later), 1, later.signature);
  assert.equal(verifyWebhookSignature(later.body, later.signature, current).type, "payment_intent.succeeded");
  assert.throws(
    () => verifyWebhookSignature(later.body, later.signature, old),
    (error: unknown) => error instanceof WebhookSignatureError && error.code === "signature_invalid",
  );
});
