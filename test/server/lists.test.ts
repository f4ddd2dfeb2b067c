/**
 * The v1.1 lists on a real widget host process (PGlite, or PostgreSQL with
 * ENCLAVE_TEST_DATABASE_URL): payment intents (with `status` and `customer`), refunds,
 * events, webhook endpoints, identity sessions and customers answer
 * `{ object: "list", data, has_more }`, newest first, paged by `limit` and `starting_after`
 * without a gap or a repeat (also while new rows arrive), scoped to the merchant: another
 * merchant's ids never appear and never work as cursors or filters. Hostile queries
 * (limit 0, 101, "abc"; an unknown status; a malformed or foreign id) answer 400 naming
 * the parameter.
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { card, cards, confirm, createIntent, expectError, get, post, SHOP_ORIGIN, type ApiResponse, type CallOptions } from "./support/api.js";
import { queryStore } from "./support/identity.js";
import { createStore, randomKeys, removeStore, startWidgetHost, type StoreLocation, type WidgetHostProcess } from "./support/widget-host.js";

const keysA = randomKeys();
const keysB = randomKeys();
const asA: CallOptions = { key: keysA.secretKey };
const asB: CallOptions = { key: keysB.secretKey };
let store: StoreLocation;
let host: WidgetHostProcess;

/** What merchant A made, oldest first, per list. */
const madeByA: Record<string, string[]> = { payment_intents: [], refunds: [], identity_sessions: [], customers: [], webhook_endpoints: [] };
const madeByB: Record<string, string[]> = { payment_intents: [], customers: [] };
let customerA = "";
let paidA: string[] = [];

async function ok(response: Promise<ApiResponse>): Promise<ApiResponse> {
  const answered = await response;
  assert.equal(answered.status, 200, answered.text);
  return answered;
}

/** Merchant A's rows of every list, then merchant B's few: two merchants on one store. */
before(async () => {
  store = await createStore();
  const first = await startWidgetHost({ store, seed: keysA, env: { ENCLAVE_WEBHOOK_ALLOW_PRIVATE: "1", ENCLAVE_ALLOWED_ORIGINS: SHOP_ORIGIN } });
  try {
    for (let index = 0; index < 12; index++)
      madeByA["customers"]?.push((await ok(post(first, "/v1/customers", { email: `c${index}@example.com`, name: `Customer ${index}` }))).body.id);
    customerA = madeByA["customers"]?.[0] ?? "";
    for (let index = 0; index < 12; index++) madeByA["payment_intents"]?.push((await createIntent(first, { amount: 1000 + index, currency: "usd" })).id);
    // The first three are paid and refunded; the fourth is canceled.
    paidA = madeByA["payment_intents"]?.slice(0, 3) ?? [];
    for (const id of paidA) {
      const token = (await ok(post(first, "/v1/client_tokens", { session: id }))).body.client_token as string;
      assert.equal((await confirm(first, token, card(cards.visa))).status, 200);
      madeByA["refunds"]?.push((await ok(post(first, "/v1/refunds", { payment_intent: id, amount: 100 }))).body.id);
    }
    await ok(post(first, `/v1/payment_intents/${madeByA["payment_intents"]?.[3] ?? ""}/cancel`, {}));
    for (let index = 0; index < 3; index++) madeByA["identity_sessions"]?.push((await ok(post(first, "/v1/identity_sessions", { type: "document" }))).body.id);
    for (let index = 0; index < 3; index++) {
      madeByA["webhook_endpoints"]?.push(
        (await ok(post(first, "/v1/webhook_endpoints", { url: `http://127.0.0.1:9/hooks?n=${index}`, events: ["identity_session.verified"] }))).body.id,
      );
    }
  } finally {
    await first.stop();
  }
  // Creating an intent with a customer is the returning-customers part; here the link is made in the store.
  await queryStore(store, "UPDATE payment_intents SET customer_id = $1 WHERE id = ANY($2)", [customerA, madeByA["payment_intents"]?.slice(4, 7)]);
  host = await startWidgetHost({ store, seed: keysB, env: { ENCLAVE_WEBHOOK_ALLOW_PRIVATE: "1", ENCLAVE_ALLOWED_ORIGINS: SHOP_ORIGIN } });
  for (let index = 0; index < 2; index++) madeByB["customers"]?.push((await ok(post(host, "/v1/customers", { name: `B ${index}` }, asB))).body.id);
  for (let index = 0; index < 2; index++) madeByB["payment_intents"]?.push((await createIntent(host, { amount: 5000, currency: "eur" })).id);
});

after(async () => {
  await host?.stop();
  if (store) await removeStore(store);
});

/** Every row of a list, walked a page of `limit` at a time, with the pages' has_more. */
async function walk(path: string, limit: number, options: CallOptions, startingAfter?: string): Promise<{ ids: string[]; pages: { ids: string[]; has_more: boolean }[] }> {
  const pages: { ids: string[]; has_more: boolean }[] = [];
  const separator = path.includes("?") ? "&" : "?";
  let cursor = startingAfter;
  for (;;) {
    const page = await ok(get(host, `${path}${separator}limit=${limit}${cursor ? `&starting_after=${cursor}` : ""}`, options));
    assert.equal(page.body.object, "list");
    assert.deepEqual(Object.keys(page.body).sort(), ["data", "has_more", "object"]);
    const ids = page.body.data.map((row: { id: string }) => row.id) as string[];
    pages.push({ ids, has_more: page.body.has_more });
    if (!page.body.has_more) break;
    assert.equal(ids.length, limit, "a page with more after it is full");
    cursor = ids.at(-1);
    assert.ok(pages.length < 100, "the walk ends");
  }
  return { ids: pages.flatMap((page) => page.ids), pages };
}

const lists = ["payment_intents", "refunds", "events", "webhook_endpoints", "identity_sessions", "customers"] as const;

describe("every list", () => {
  test("newest first; pages of any size cover every row once; has_more only while rows remain; 10 by default", async () => {
    for (const list of lists) {
      const whole = await walk(`/v1/${list}`, 100, asA);
      assert.equal(whole.pages.length, 1);
      const made = list === "events" ? undefined : madeByA[list];
      if (made) assert.deepEqual(whole.ids, [...made].reverse(), `${list}: exactly merchant A's rows, newest first`);
      else assert.equal(whole.ids.length, 7, "events: three successes, three refunds and a cancel, one each");
      assert.equal(new Set(whole.ids).size, whole.ids.length, `${list}: no row twice`);
      for (const limit of [1, 2, 5]) {
        const paged = await walk(`/v1/${list}`, limit, asA);
        assert.deepEqual(paged.ids, whole.ids, `${list}: pages of ${limit} are the whole list, in order`);
        assert.equal(paged.pages.at(-1)?.has_more, false);
      }
      const byDefault = await ok(get(host, `/v1/${list}`, asA));
      assert.equal(byDefault.body.data.length, Math.min(10, whole.ids.length), `${list}: 10 rows without a limit`);
      assert.equal(byDefault.body.has_more, whole.ids.length > 10);
      const created = byDefault.body.data.map((row: { created: number }) => row.created) as number[];
      assert.deepEqual(
        created,
        [...created].sort((a, b) => b - a),
        `${list}: created never rises down the page`,
      );
    }
  });

  test("each row is the resource as retrieve shows it (no secret, no verified outputs)", async () => {
    const intents = (await ok(get(host, "/v1/payment_intents?limit=100", asA))).body.data as { id: string }[];
    for (const intent of intents.slice(0, 4)) assert.deepEqual(intent, (await ok(get(host, `/v1/payment_intents/${intent.id}`, asA))).body);
    const customers = (await ok(get(host, "/v1/customers?limit=1", asA))).body.data as { id: string }[];
    assert.deepEqual(customers[0], (await ok(get(host, `/v1/customers/${customers[0]?.id ?? ""}`, asA))).body);
    assert.deepEqual(Object.keys(customers[0] ?? {}).sort(), ["created", "email", "id", "name", "object"]);
    const refunds = (await ok(get(host, "/v1/refunds", asA))).body.data as { payment_intent: string; amount: number; object: string }[];
    assert.deepEqual(refunds.map((refund) => refund.payment_intent).sort(), [...paidA].sort());
    assert.ok(refunds.every((refund) => refund.amount === 100 && refund.object === "refund"));
    const sessions = await ok(get(host, "/v1/identity_sessions", asA));
    assert.ok(!("verified_outputs" in (sessions.body.data[0] ?? {})), "a list never carries verified outputs");
    assert.doesNotMatch((await ok(get(host, "/v1/webhook_endpoints?limit=100", asA))).text, /whsec_|"secret"/);
  });

  test("pages stay stable while new rows arrive: the next page goes on where the last one ended", async () => {
    const before = (await walk("/v1/payment_intents", 100, asA)).ids;
    const first = await ok(get(host, "/v1/payment_intents?limit=4", asA));
    const last = first.body.data.at(-1).id as string;
    const arrived: string[] = [];
    for (let index = 0; index < 3; index++) arrived.push((await createIntent(host, { amount: 777, currency: "usd" })).id);
    madeByB["payment_intents"]?.push(...arrived);
    const rest = await walk("/v1/payment_intents", 3, asA, last);
    assert.deepEqual([...first.body.data.map((row: { id: string }) => row.id), ...rest.ids], before, "no row skipped, none repeated");
    assert.ok(!rest.ids.some((id) => arrived.includes(id)));
  });
});

describe("payment intent filters", () => {
  test("status: only intents in that status, still paged", async () => {
    const succeeded = await walk("/v1/payment_intents?status=succeeded", 2, asA);
    assert.deepEqual(succeeded.ids, [...paidA].reverse());
    const canceled = await ok(get(host, "/v1/payment_intents?status=canceled", asA));
    assert.deepEqual(
      canceled.body.data.map((row: { id: string; status: string }) => [row.id, row.status]),
      [[madeByA["payment_intents"]?.[3], "canceled"]],
    );
    const open = await ok(get(host, "/v1/payment_intents?status=requires_payment_method&limit=100", asA));
    assert.equal(open.body.data.length, 8);
    assert.equal((await ok(get(host, "/v1/payment_intents?status=requires_action", asA))).body.data.length, 0);
  });

  test("customer: only that customer's intents; with status too", async () => {
    const mine = await walk(`/v1/payment_intents?customer=${customerA}`, 2, asA);
    assert.deepEqual(mine.ids, madeByA["payment_intents"]?.slice(4, 7).reverse());
    assert.equal((await ok(get(host, `/v1/payment_intents?customer=${customerA}&status=succeeded`, asA))).body.data.length, 0);
    const other = madeByA["customers"]?.[1] ?? "";
    assert.deepEqual((await ok(get(host, `/v1/payment_intents?customer=${other}`, asA))).body, { object: "list", data: [], has_more: false });
  });
});

describe("scoped to the merchant", () => {
  test("another merchant's rows never appear in a list", async () => {
    for (const list of lists) {
      const ofB = await walk(`/v1/${list}`, 100, asB);
      const ofA = await walk(`/v1/${list}`, 100, asA);
      assert.ok(!ofB.ids.some((id) => ofA.ids.includes(id)), `${list}: B sees none of A's rows`);
    }
    assert.deepEqual((await walk("/v1/customers", 100, asB)).ids, [...(madeByB["customers"] ?? [])].reverse());
    assert.deepEqual((await walk("/v1/payment_intents", 100, asB)).ids, [...(madeByB["payment_intents"] ?? [])].reverse());
  });

  test("another merchant's id is no cursor and no filter: 400 naming the parameter", async () => {
    for (const list of lists) {
      const idOfA = (await ok(get(host, `/v1/${list}?limit=1`, asA))).body.data[0].id as string;
      expectError(await get(host, `/v1/${list}?starting_after=${idOfA}`, asB), 400, "resource_missing", { param: "starting_after" });
    }
    expectError(await get(host, `/v1/payment_intents?customer=${customerA}`, asB), 400, "resource_missing", { param: "customer" });
    expectError(await get(host, `/v1/customers/${customerA}`, asB), 404, "resource_missing");
  });
});

describe("hostile queries", () => {
  test("limit 0, 101, abc, 1.5 or empty; a malformed, unknown or other list's id; an unknown status or parameter", async () => {
    for (const list of lists) {
      for (const limit of ["0", "101", "abc", "1.5", "", "-1", "1e3"]) {
        expectError(await get(host, `/v1/${list}?limit=${limit}`, asA), 400, "parameter_invalid", { param: "limit" });
      }
      expectError(await get(host, `/v1/${list}?starting_after=x'%20OR%201=1--`, asA), 400, "parameter_invalid", { param: "starting_after" });
      expectError(await get(host, `/v1/${list}?expand=data`, asA), 400, "parameter_unknown", { param: "expand" });
    }
    expectError(await get(host, "/v1/payment_intents?starting_after=pi_doesnotexist0000", asA), 400, "resource_missing", { param: "starting_after" });
    expectError(await get(host, `/v1/payment_intents?starting_after=${customerA}`, asA), 400, "parameter_invalid", { param: "starting_after" });
    expectError(await get(host, `/v1/refunds?starting_after=${paidA[0] ?? ""}`, asA), 400, "parameter_invalid", { param: "starting_after" });
    expectError(await get(host, "/v1/payment_intents?status=paid", asA), 400, "parameter_invalid", { param: "status" });
    expectError(await get(host, "/v1/payment_intents?customer=bob", asA), 400, "parameter_invalid", { param: "customer" });
    expectError(await get(host, "/v1/payment_intents?customer=cus_doesnotexist000", asA), 400, "resource_missing", { param: "customer" });
    expectError(await get(host, "/v1/events", { key: null }), 401, "authentication_required");
  });
});

describe("customers", () => {
  test("create with an email and a name, or neither; retrieve; bad bodies are refused", async () => {
    const made = await ok(post(host, "/v1/customers", { email: "grace@example.com", name: "Grace Hopper" }, asB));
    assert.match(made.body.id, /^cus_[A-Za-z0-9]{24}$/);
    assert.deepEqual({ ...made.body, created: 0 }, { id: made.body.id, object: "customer", email: "grace@example.com", name: "Grace Hopper", created: 0 });
    assert.deepEqual((await ok(get(host, `/v1/customers/${made.body.id}`, asB))).body, made.body);
    const bare = await ok(post(host, "/v1/customers", {}, asB));
    assert.equal(bare.body.email, null);
    assert.equal(bare.body.name, null);
    expectError(await post(host, "/v1/customers", { email: "not an email" }, asB), 400, "parameter_invalid", { param: "email" });
    expectError(await post(host, "/v1/customers", { phone: "1" }, asB), 400, "parameter_unknown", { param: "phone" });
    expectError(await get(host, "/v1/customers/cus_doesnotexist000", asB), 404, "resource_missing");
    const replay = { headers: { "Idempotency-Key": "one-customer" }, ...asB };
    const once = await ok(post(host, "/v1/customers", { name: "Once" }, replay));
    assert.equal((await ok(post(host, "/v1/customers", { name: "Once" }, replay))).body.id, once.body.id, "an idempotent retry makes no second customer");
  });
});
