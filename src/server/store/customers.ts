/**
 * Customers (`cus_…`): who a payment intent is for, so a merchant can list one customer's
 * payments (`GET /v1/payment_intents?customer=`). Only an email and a name are kept.
 */
import type { Selectable } from "kysely";
import type { Customer } from "../../protocol/lists-api.js";
import { randomId } from "../ids.js";
import type { CustomersTable, Store } from "./database.js";
import { newestFirstPage, type Page, type PageRequest } from "./lists.js";
import { unixSeconds } from "./merchants.js";

function fromRow(row: Selectable<CustomersTable>): Customer {
  return { id: row.id, object: "customer", email: row.email, name: row.name, created: unixSeconds(row.created_at) };
}

export async function createCustomer(db: Store, merchantId: string, input: { email?: string | undefined; name?: string | undefined }): Promise<Customer> {
  const row = await db
    .insertInto("customers")
    .values({ id: randomId("cus"), merchant_id: merchantId, email: input.email ?? null, name: input.name ?? null })
    .returningAll()
    .executeTakeFirstOrThrow();
  return fromRow(row);
}

export async function findCustomer(db: Store, merchantId: string, id: string): Promise<Customer | undefined> {
  const row = await db.selectFrom("customers").selectAll().where("id", "=", id).where("merchant_id", "=", merchantId).executeTakeFirst();
  return row && fromRow(row);
}

/** Newest first; undefined when `startingAfter` is not one of the merchant's customers. */
export async function listCustomers(db: Store, merchantId: string, page: PageRequest): Promise<Page<Customer> | undefined> {
  const listed = await newestFirstPage(db, "customers", merchantId, db.selectFrom("customers").selectAll(), page);
  return listed && { data: listed.data.map(fromRow), hasMore: listed.hasMore };
}
