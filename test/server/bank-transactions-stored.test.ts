/**
 * GET /v1/transactions from stored rows (migration 0010_bank_transactions): every page is
 * byte for byte what the sandbox generator gives for the same item (the pre-storage
 * behaviour), with filters and cursors; the rows are stored once, however many pages are
 * read and however many first reads race; an item linked with some accounts stores only
 * theirs. The generator's output is computed here from the item's seed, read from the
 * store once the host has stopped (PGlite is single-user).
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { sandboxAccounts, sandboxTransactions } from "../../src/server/sandbox/bank-data.js";
import { SHOP_ORIGIN, type Json } from "./support/api.js";
import { daysAgo, linkedItem, todayUtc, transactions, type LinkedItem } from "./support/bank-link.js";
import { queryStore } from "./support/identity.js";
import { startWidgetHost, type WidgetHostProcess } from "./support/widget-host.js";

let host: WidgetHostProcess;
let full: LinkedItem;
let partial: LinkedItem;
let raced: LinkedItem;

/** Every page of one listing, as the API sent them (raw text), following next_cursor. */
async function allPages(item: LinkedItem, query: Record<string, string | number>): Promise<{ texts: string[]; transactions: Json[]; total: number }> {
  const texts: string[] = [];
  const listed: Json[] = [];
  let response = await transactions(host, item.accessToken, query);
  for (;;) {
    assert.equal(response.status, 200, response.text);
    texts.push(response.text);
    listed.push(...response.body.transactions);
    if (!response.body.next_cursor) break;
    // The page size is not part of the cursor: sent again with it.
    const limit = query["limit"];
    response = await transactions(host, item.accessToken, { cursor: response.body.next_cursor, ...(limit === undefined ? {} : { limit }) });
  }
  return { texts, transactions: listed, total: JSON.parse(texts[0] ?? "{}").total };
}

const listings: { item: () => LinkedItem; query: Record<string, string | number>; pages?: Awaited<ReturnType<typeof allPages>> }[] = [
  { item: () => full, query: { limit: 37 } },
  { item: () => full, query: {} },
  { item: () => full, query: { limit: 11, start_date: daysAgo(20), end_date: daysAgo(3) } },
  { item: () => full, query: { limit: 500, start_date: daysAgo(400), end_date: daysAgo(0) } },
  { item: () => partial, query: { limit: 25 } },
];
let accountIdsOf: (item: LinkedItem) => string[];

before(async () => {
  host = await startWidgetHost({ env: { ENCLAVE_ALLOWED_ORIGINS: SHOP_ORIGIN } });
  full = await linkedItem(host, { products: ["balances", "transactions"] });
  partial = await linkedItem(host, { products: ["transactions"], choose: [0, 2] });
  raced = await linkedItem(host, { products: ["transactions"] });
  accountIdsOf = (item) => item.success.accounts.map((account: Json) => account.id);
  const checking = accountIdsOf(full)[0] as string;
  listings.push({ item: () => full, query: { limit: 9, account_id: checking } });
  for (const listing of listings) listing.pages = await allPages(listing.item(), listing.query);
});

after(async () => {
  await host?.dispose();
});

describe("transactions from stored rows", () => {
  test("twenty first reads of a fresh item at once: the same page for all, each transaction stored once", async () => {
    const responses = await Promise.all(Array.from({ length: 20 }, () => transactions(host, raced.accessToken, { limit: 50 })));
    for (const response of responses) assert.equal(response.status, 200, response.text);
    assert.equal(new Set(responses.map((response) => response.text.replace(/"next_cursor":"[^"]*"/, ""))).size, 1);
    assert.ok(responses[0]?.body.total > 50);
  });

  test("pages, filters and cursors are exactly the generator's output for the item (stored: byte-identical answers)", async () => {
    await host.stop();
    const today = todayUtc();
    for (const listing of listings) {
      const item = listing.item();
      const [row] = await queryStore<{ seed: string; account_ids: string[] | string }>(host.store, "SELECT seed, account_ids FROM bank_items WHERE id = $1", [item.itemId]);
      assert.ok(row);
      const chosen: string[] = typeof row.account_ids === "string" ? JSON.parse(row.account_ids) : row.account_ids;
      const accounts = sandboxAccounts(row.seed)
        .filter((account) => chosen.includes(account.id))
        .map((account, index) => ({ account, index }))
        .filter(({ account }) => listing.query["account_id"] === undefined || account.id === listing.query["account_id"]);
      const start = String(listing.query["start_date"] ?? daysAgo(89));
      const end = String(listing.query["end_date"] ?? today);
      const expected = sandboxTransactions(accounts, { start, end }, today);
      const pages = listing.pages;
      assert.ok(pages);
      assert.equal(pages.total, expected.length, JSON.stringify(listing.query));
      // Byte-identical: the same JSON text for every transaction, in the same order.
      assert.equal(JSON.stringify(pages.transactions), JSON.stringify(expected), JSON.stringify(listing.query));
      const limit = Number(listing.query["limit"] ?? 100);
      assert.equal(pages.texts.length, Math.max(1, Math.ceil(expected.length / limit)));
    }
  });

  test("each item's rows are stored once, only for its chosen accounts, with stable ids and bookkeeping", async () => {
    const today = todayUtc();
    for (const item of [full, partial, raced]) {
      const rows = await queryStore<{ id: string; account_id: string; created_at: Date; modified_at: Date }>(
        host.store,
        "SELECT id, account_id, created_at, modified_at FROM bank_transactions WHERE item_id = $1",
        [item.itemId],
      );
      const ids = new Set(rows.map((row) => row.id));
      assert.equal(ids.size, rows.length);
      const chosen = new Set(accountIdsOf(item));
      assert.ok(rows.every((row) => chosen.has(row.account_id)));
      assert.ok(rows.every((row) => row.created_at instanceof Date && row.modified_at instanceof Date));
      const [days] = await queryStore<{ through_date: string }>(host.store, "SELECT through_date FROM bank_transaction_days WHERE item_id = $1", [item.itemId]);
      assert.equal(days?.through_date, today);
    }
    const fullRows = await queryStore<{ count: string | number }>(host.store, "SELECT count(*) AS count FROM bank_transactions WHERE item_id = $1", [full.itemId]);
    const listing = listings[1]?.pages;
    assert.equal(Number(fullRows[0]?.count), listing?.total, "every stored row of the full item is in its default 90-day listing");
    assert.equal(accountIdsOf(partial).length, 2);
  });
});
