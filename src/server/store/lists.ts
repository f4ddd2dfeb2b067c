/**
 * The one way every merchant list is paged (payment intents, refunds, events, webhook
 * endpoints, identity sessions, customers): the merchant's rows, newest first, `id` breaking
 * ties of one `created_at`, `limit + 1` rows read to tell `has_more`. `starting_after` is
 * a row of the same merchant's list; the next page is compared with it in the database at
 * the timestamps' full precision, so pages neither skip nor repeat rows however many
 * arrive meanwhile (new rows are newer than any cursor). Each listed table has an index on
 * (merchant_id, created_at DESC, id DESC) (migration 0013), so a page is one index range.
 */
import { sql, type SelectQueryBuilder } from "kysely";
import type { Database, Store } from "./database.js";

export type ListedTable = "payment_intents" | "refunds" | "events" | "webhook_endpoints" | "identity_sessions" | "customers";

export interface PageRequest {
  limit: number;
  startingAfter?: string | undefined;
}

export interface Page<Row> {
  data: Row[];
  hasMore: boolean;
}

/**
 * A page of `query` (the caller's selection and filters on `table`), scoped to the
 * merchant. Undefined when `startingAfter` is not an id of this merchant's `table`.
 */
export async function newestFirstPage<Table extends ListedTable, Row>(
  db: Store,
  table: Table,
  merchantId: string,
  query: SelectQueryBuilder<Database, Table, Row>,
  page: PageRequest,
): Promise<Page<Row> | undefined> {
  const createdAt = sql.ref(`${table}.created_at`);
  const id = sql.ref(`${table}.id`);
  let scoped = query.where(sql<boolean>`${sql.ref(`${table}.merchant_id`)} = ${merchantId}`);
  if (page.startingAfter !== undefined) {
    const cursor = await sql<{ found: number }>`SELECT 1 AS found FROM ${sql.table(table)} WHERE id = ${page.startingAfter} AND merchant_id = ${merchantId}`.execute(db);
    if (cursor.rows.length === 0) return undefined;
    // Compared with the stored timestamp (a subquery), never a value that went through a JS Date (milliseconds).
    scoped = scoped.where(sql<boolean>`(${createdAt}, ${id}) < (SELECT created_at, id FROM ${sql.table(table)} WHERE id = ${page.startingAfter} AND merchant_id = ${merchantId})`);
  }
  const rows = await scoped
    .orderBy(sql`${createdAt} desc`)
    .orderBy(sql`${id} desc`)
    .limit(page.limit + 1)
    .execute();
  return { data: rows.slice(0, page.limit), hasMore: rows.length > page.limit };
}
