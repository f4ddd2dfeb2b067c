/**
 * The dispatcher in process, on a real store (PGlite, or PostgreSQL with
 * ENCLAVE_TEST_DATABASE_URL), with a resolver the test controls: a delivery whose name now
 * points inside is not sent but recorded as a failed attempt with a clear last_error and
 * retried; a deleted endpoint's pending delivery is canceled; the secret is stored sealed.
 */
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, test } from "node:test";
import { sealingKey } from "../../src/server/identity/sealing.js";
import { openStore, type Store } from "../../src/server/store/database.js";
import { ensureSandboxMerchant } from "../../src/server/store/merchants.js";
import { createWebhookEndpoint, deleteWebhookEndpoint, enqueueWebhookEvent, leaseDueDeliveries, sealPlaintextWebhookSecrets } from "../../src/server/store/webhooks.js";
import { openWebhookSecret } from "../../src/server/webhooks/secrets.js";
import { WebhookDispatcher } from "../../src/server/webhook-dispatcher.js";
import { WebhookTargetGuard, type ResolvedAddress } from "../../src/server/webhooks/ssrf-guard.js";
import { waitFor } from "./support/api.js";
import { createStore, removeStore, type StoreLocation } from "./support/widget-host.js";

const key = sealingKey(randomBytes(32));
let location: StoreLocation;
let db: Store;
let merchantId: string;
let server: Server;
let port: number;
let received = 0;

before(async () => {
  location = await createStore();
  db = await openStore({ dataDir: location.dataDir, ...(location.databaseUrl ? { databaseUrl: location.databaseUrl } : {}) });
  merchantId = (await ensureSandboxMerchant(db, { name: "Dispatcher test", allowedOrigins: [] })).merchantId;
  server = createServer((request, response) => {
    request.resume();
    request.on("end", () => {
      received++;
      response.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});

after(async () => {
  server?.closeAllConnections();
  server?.close();
  await db?.destroy();
  if (location) await removeStore(location);
});

async function deliveryOf(endpointId: string) {
  return db.selectFrom("webhook_deliveries").selectAll().where("endpoint_id", "=", endpointId).executeTakeFirstOrThrow();
}

describe("the dispatcher and the guard", () => {
  test("a name that was public at registration and is loopback at delivery: not sent, a failed attempt with a clear last_error, retried", async () => {
    const answers: ResolvedAddress[][] = [[{ address: "93.184.215.14", family: 4 }], [{ address: "127.0.0.1", family: 4 }]];
    let lookups = 0;
    const guard = new WebhookTargetGuard({ allowPrivate: false, resolve: async () => answers[Math.min(lookups++, 1)] ?? [] });
    const url = `http://hooks.rebind.test:${port}/in`;
    await guard.checkForRegistration(url);
    const endpoint = await createWebhookEndpoint(db, key, merchantId, url, ["refund.created"]);
    await db.transaction().execute((tx) => enqueueWebhookEvent(tx, merchantId, "refund.created", { object: { id: "re_test" } }));

    const dispatcher = new WebhookDispatcher(db, { key, guard, timeoutMs: 1000 });
    dispatcher.start();
    try {
      const row = await waitFor(
        async () => {
          const current = await deliveryOf(endpoint.id);
          return current.attempts >= 1 && current;
        },
        10_000,
        "the first attempt",
      );
      assert.equal(row.state, "pending", "retried later: DNS may change back");
      assert.match(row.last_error ?? "", /^not sent: .*resolves to a loopback address/);
      assert.ok(new Date(row.next_attempt_at).getTime() > Date.now(), "with backoff");
      assert.equal(received, 0, "nothing reached the loopback receiver");
    } finally {
      await dispatcher.stop();
    }

    // Deleting the endpoint cancels what was still pending.
    assert.equal(await deleteWebhookEndpoint(db, merchantId, endpoint.id), true);
    const canceled = await deliveryOf(endpoint.id);
    assert.equal(canceled.state, "canceled");
    assert.equal(await deleteWebhookEndpoint(db, merchantId, endpoint.id), false, "a second delete finds nothing");
  });

  test("the secret is stored sealed, not in clear", async () => {
    const endpoint = await createWebhookEndpoint(db, key, merchantId, "https://hooks.example.com/in", ["refund.created"]);
    const row = await db.selectFrom("webhook_endpoints").selectAll().where("id", "=", endpoint.id).executeTakeFirstOrThrow();
    assert.equal(row.secret, null);
    assert.ok(row.secret_sealed && row.secret_sealed.length > 0);
    assert.ok(!Buffer.from(row.secret_sealed).includes(endpoint.secret));
  });

  test("a secret kept in clear by a store from before migration 0005 is sealed at start, and still signs", async () => {
    const legacy = "whsec_legacyLegacyLegacyLegacyLegacyLegacy00";
    await db
      .insertInto("webhook_endpoints")
      .values({ id: "we_legacyEndpoint0001", merchant_id: merchantId, url: "https://hooks.example.com/old", events: JSON.stringify(["refund.created"]), secret: legacy })
      .execute();
    assert.ok((await sealPlaintextWebhookSecrets(db, key)) >= 1);
    const row = await db.selectFrom("webhook_endpoints").selectAll().where("id", "=", "we_legacyEndpoint0001").executeTakeFirstOrThrow();
    assert.equal(row.secret, null, "the clear column is emptied");
    assert.ok(row.secret_sealed);
    assert.equal(openWebhookSecret(key, row.id, row.secret_sealed), legacy);
    assert.equal(await sealPlaintextWebhookSecrets(db, key), 0, "nothing left on the next start");
    await db.transaction().execute((tx) => enqueueWebhookEvent(tx, merchantId, "refund.created", { object: { id: "re_legacy" } }));
    const leased = (await leaseDueDeliveries(db, 100, 60_000)).find((each) => each.endpointId === row.id);
    assert.ok(leased?.secretSealed && openWebhookSecret(key, row.id, leased.secretSealed) === legacy);
  });
});
