/**
 * `enclave-kit/server` covers the whole merchant API: every operation that
 * `/v1/openapi.json` lists for a secret key has an SDK method that calls it, and every
 * SDK call names a documented operation. The SDK runs against a recording fetch, so this
 * checks the requests it makes, not its source.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { EnclaveClient } from "../../src/sdk/index.js";
import { openApiDocument } from "../../src/server/routes/openapi.js";

type Paths = Record<string, Record<string, { security: Record<string, unknown>[] }>>;

function merchantOperations(): Set<string> {
  const { paths } = openApiDocument("test") as { paths: Paths };
  const operations = new Set<string>();
  for (const [path, methods] of Object.entries(paths)) {
    for (const [method, operation] of Object.entries(methods)) {
      if (operation.security.some((requirement) => "secret_key" in requirement)) operations.add(`${method.toUpperCase()} ${path}`);
    }
  }
  return operations;
}

/** Calls every method the client offers and returns the operations its requests named ("GET /v1/payment_intents/{id}"). */
async function sdkOperations(): Promise<Set<string>> {
  const seen = new Set<string>();
  const recordingFetch = (async (input: string | URL | Request, init?: RequestInit) => {
    const url = new URL(String(input));
    const template = url.pathname.replace(/\/(id_[a-z]+)(?=\/|$)/, "/{id}");
    seen.add(`${init?.method ?? "GET"} ${template}`);
    return new Response("{}", { status: 200, headers: { "Content-Type": "application/json" } });
  }) as typeof fetch;
  const client = new EnclaveClient("sk_test_coverage0000", { host: "http://sdk.invalid", fetch: recordingFetch, maxRetries: 0 });
  const id = "id_sample";
  await client.paymentIntents.create({ amount: 100, currency: "usd" });
  await client.paymentIntents.retrieve(id);
  await client.paymentIntents.update(id, { amount: 5000 });
  await client.paymentIntents.list({ status: "succeeded", limit: 3 });
  await client.paymentIntents.cancel(id);
  await client.refunds.create({ payment_intent: id });
  await client.refunds.list();
  await client.events.list({ limit: 5 });
  await client.events.retrieve(id);
  await client.customers.create({ email: "ada@example.com" });
  await client.customers.retrieve(id);
  await client.customers.list();
  await client.clientTokens.create({ session: id });
  await client.allowedOrigins.create({ origin: "https://shop.example" });
  await client.allowedOrigins.list();
  await client.webhookEndpoints.create({ url: "https://shop.example/hooks", events: ["payment_intent.succeeded"] });
  await client.webhookEndpoints.list({ limit: 5 });
  await client.webhookEndpoints.retrieve(id);
  await client.webhookEndpoints.delete(id);
  await client.webhookEndpoints.rotateSecret(id);
  await client.bankLinkSessions.create({ products: ["accounts"] });
  await client.bankLinkSessions.retrieve(id);
  await client.bankLinks.exchange({ public_token: "public-sandbox-x" });
  await client.accounts.list("access-sandbox-x");
  await client.transactions.list("access-sandbox-x", { start_date: "2026-10-01" });
  await client.items.remove(id);
  await client.identitySessions.create({ type: "document" });
  await client.identitySessions.retrieve(id);
  await client.identitySessions.list({ starting_after: "ids_sample000" });
  await client.identitySessions.cancel(id);
  await client.identitySessions.redact(id);
  return seen;
}

describe("server SDK coverage", () => {
  it("has a method for every merchant operation in /v1/openapi.json, and calls nothing else", async () => {
    assert.deepEqual([...(await sdkOperations())].sort(), [...merchantOperations()].sort());
  });
});
