/**
 * Payment intents and refunds. Every state change runs through withLockedPaymentIntent
 * (locked-row.ts): one transaction that locks the intent's row (`FOR UPDATE`), so two
 * tabs, a double click or twenty concurrent confirms see one another and the card is
 * charged once, and writes the webhook delivery in the same transaction (an outbox). Which
 * status follows which is payment-intent-transitions.ts.
 */
import { sql, type Selectable, type Transaction } from "kysely";
import type { PaymentIntent, PaymentIntentStatus, Refund, WebhookEventType } from "../../protocol/api.js";
import { newSessionId, randomId } from "../ids.js";
import { mintClientToken, type IssuedClientToken } from "./client-tokens.js";
import { runPrepared, type Database, type PaymentIntentsTable, type Store } from "./database.js";
import { completeIdempotencyKeyQuery, type StoredReply } from "./idempotency.js";
import { unixSeconds } from "./merchants.js";
import { newestFirstPage, type Page, type PageRequest } from "./lists.js";
import { withLockedRow, type Decide, type Locked, type LockedTable } from "./locked-row.js";
import { nextStatus } from "./payment-intent-transitions.js";
import { enqueueWebhookEvent } from "./webhooks.js";

export interface CardOnFile {
  brand: string;
  last4: string;
  exp_month: number;
  exp_year: number;
  fingerprint: string;
}

export interface PaymentError {
  code: string;
  decline_code?: string;
  message: string;
}

/** What the customer must do before the payment can go on: only 3-D Secure here. */
export type NextAction = { type: "three_d_secure" };

export interface StoredPaymentIntent extends PaymentIntent {
  merchantId: string;
  nextAction: NextAction | null;
  confirmCount: number;
}

/** The row as Kysely types it (database.ts): JSON columns arrive parsed, statuses typed. */
function fromRow(row: Selectable<PaymentIntentsTable>): StoredPaymentIntent {
  return {
    id: row.id,
    object: "payment_intent",
    status: row.status,
    amount: Number(row.amount),
    amount_refunded: Number(row.amount_refunded),
    currency: row.currency,
    description: row.description ?? null,
    metadata: row.metadata ?? {},
    payment_method: row.payment_method ?? null,
    last_payment_error: row.last_payment_error ?? null,
    created: unixSeconds(row.created_at),
    merchantId: row.merchant_id,
    nextAction: row.next_action ?? null,
    confirmCount: Number(row.confirm_count),
  };
}

/** The merchant-facing shape, without internals. */
export function publicPaymentIntent(intent: StoredPaymentIntent): PaymentIntent {
  const { merchantId: _merchant, nextAction: _next, confirmCount: _count, ...shape } = intent;
  return shape;
}

/** What the idempotency middleware keeps of this call's answer, written in the same statement (see createPaymentIntentWithToken). */
export interface KeepReply {
  key: string;
  status: number;
  reply(intent: StoredPaymentIntent, token: IssuedClientToken): Promise<StoredReply>;
}

/**
 * A new payment intent and its first client token, in one statement (the token's row
 * refers to the intent's): `POST /v1/payment_intents` makes both, and a round trip saved
 * is a tenth of that call's time on a busy machine (bench/http.ts).
 *
 * With `keep` (a claimed Idempotency-Key), the same statement also keeps the key's reply:
 * the intent and the reply commit together or not at all, so a host that dies in between
 * cannot leave an intent its key does not name (a retry after the claim's minute would
 * make a second one). The intent is made here, id and creation time included, so the kept
 * reply is known before the statement runs; the answer is that same intent, as written.
 */
export async function createPaymentIntentWithToken(
  db: Store,
  merchantId: string,
  input: NewPaymentIntent,
  clientTokenTtlSeconds: number,
  keep?: KeepReply,
): Promise<{ intent: StoredPaymentIntent; token: IssuedClientToken }> {
  const minted = mintClientToken(clientTokenTtlSeconds);
  const createdAt = new Date();
  const intent = newIntent(merchantId, input, createdAt);
  const token: IssuedClientToken = { token: minted.token, expiresAt: minted.expiresAt };
  const kept = keep && { key: keep.key, status: keep.status, reply: await keep.reply(intent, token) };
  // Written as SQL, not built with Kysely's query builder: building and compiling this CTE was
  // a tenth of the call's CPU on the host (bench/http.ts, --cpu-prof). The key's reply is the
  // same statement completeIdempotencyKey runs (built on the store: it names no other CTE).
  const keptReply = kept ? sql`, kept AS (${completeIdempotencyKeyQuery(db, merchantId, kept.key, kept.status, kept.reply)})` : sql``;
  const statement = sql<{ id: string }>`
    WITH intent AS (
      INSERT INTO payment_intents (id, merchant_id, amount, currency, description, metadata, status, created_at, updated_at)
      VALUES (${intent.id}, ${merchantId}, ${intent.amount}, ${intent.currency}, ${intent.description}, ${JSON.stringify(intent.metadata)}, ${intent.status}, ${createdAt}, ${createdAt})
      RETURNING id),
    token AS (
      INSERT INTO client_tokens (token_hash, merchant_id, session_id, expires_at, handoff)
      SELECT ${minted.tokenHash}, ${merchantId}, intent.id, ${minted.expiresAt}, false FROM intent)${keptReply}
    SELECT id FROM intent`;
  if ((await runPrepared(db, statement)).rows.length === 0) throw new Error(`payment intent ${intent.id} was not written`);
  return { intent, token };
}

type NewPaymentIntent = { amount: number; currency: string; description?: string | undefined; metadata?: Record<string, string> | undefined };

function newIntent(merchantId: string, input: NewPaymentIntent, createdAt: Date): StoredPaymentIntent {
  return {
    id: newSessionId("checkout"),
    object: "payment_intent",
    status: "requires_payment_method",
    amount: input.amount,
    amount_refunded: 0,
    currency: input.currency,
    description: input.description ?? null,
    metadata: input.metadata ?? {},
    payment_method: null,
    last_payment_error: null,
    created: unixSeconds(createdAt),
    merchantId,
    nextAction: null,
    confirmCount: 0,
  };
}

/**
 * Named, not `*`: a prepared statement (runPrepared) whose result columns change under it
 * (another host's migration adding one) would fail with "cached plan must not change result type".
 */
const paymentIntentColumns = [
  "id",
  "merchant_id",
  "amount",
  "amount_refunded",
  "currency",
  "description",
  "metadata",
  "status",
  "payment_method",
  "last_payment_error",
  "next_action",
  "confirm_count",
  "created_at",
  "updated_at",
] as const satisfies readonly (keyof PaymentIntentsTable)[];

/** The column list, made once: the read below runs on every GET. */
const paymentIntentColumnList = sql.raw(paymentIntentColumns.join(", "));

export async function findPaymentIntent(db: Store | Transaction<Database>, merchantId: string, id: string): Promise<StoredPaymentIntent | undefined> {
  // The merchant API's read (GET /v1/payment_intents/:id): a hot path, prepared, and written
  // as SQL (Kysely's builder cost more CPU than the rest of the read, bench/http.ts).
  const query = sql<Selectable<PaymentIntentsTable>>`SELECT ${paymentIntentColumnList} FROM payment_intents WHERE id = ${id} AND merchant_id = ${merchantId}`;
  const row = (await runPrepared(db, query)).rows[0];
  return row && fromRow(row);
}

/** What a state change writes, decided on the intent as it is under the lock (its status from payment-intent-transitions.ts). */
export interface PaymentIntentUpdate {
  status: PaymentIntentStatus;
  paymentMethod?: CardOnFile | null;
  lastPaymentError?: PaymentError | null;
  nextAction?: NextAction | null;
  /** Counts a charge attempt at the processor. */
  charged?: boolean;
  /** The merchant's changes before the customer pays (POST /v1/payment_intents/:id). */
  details?: { amount?: number | undefined; description?: string | undefined; metadata?: Record<string, string> | undefined };
  event?: WebhookEventType;
}

/** Payment intents under withLockedRow (locked-row.ts). */
const paymentIntentRows: LockedTable<StoredPaymentIntent, PaymentIntentUpdate> = {
  async lock(tx, merchantId, id) {
    const row = await tx.selectFrom("payment_intents").selectAll().where("id", "=", id).where("merchant_id", "=", merchantId).forUpdate().executeTakeFirst();
    return row && fromRow(row);
  },
  async write(tx, current, change) {
    const updated = await tx
      .updateTable("payment_intents")
      .set({
        status: change.status,
        ...(change.paymentMethod !== undefined ? { payment_method: change.paymentMethod === null ? null : JSON.stringify(change.paymentMethod) } : {}),
        ...(change.lastPaymentError !== undefined ? { last_payment_error: change.lastPaymentError === null ? null : JSON.stringify(change.lastPaymentError) } : {}),
        ...(change.nextAction !== undefined ? { next_action: change.nextAction === null ? null : JSON.stringify(change.nextAction) } : {}),
        confirm_count: current.confirmCount + (change.charged ? 1 : 0),
        ...(change.details?.amount !== undefined ? { amount: change.details.amount } : {}),
        ...(change.details?.description !== undefined ? { description: change.details.description } : {}),
        ...(change.details?.metadata !== undefined ? { metadata: JSON.stringify(change.details.metadata) } : {}),
        updated_at: new Date(),
      })
      .where("id", "=", current.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    return fromRow(updated);
  },
  event: (next, change) => (change.event ? { merchantId: next.merchantId, type: change.event, object: publicPaymentIntent(next) } : undefined),
};

/**
 * Locks the intent, lets `decide` look at it, applies the update it returns and queues the
 * webhook event, in one transaction (the caller's, when `db` is one). Undefined when the
 * merchant has no such intent.
 */
export function withLockedPaymentIntent<T>(
  db: Store | Transaction<Database>,
  merchantId: string,
  id: string,
  decide: Decide<StoredPaymentIntent, PaymentIntentUpdate, T>,
): Promise<Locked<StoredPaymentIntent, T> | undefined> {
  return withLockedRow(db, paymentIntentRows, merchantId, id, decide);
}

export type RefundOutcome = { refund: Refund } | { error: "not_refundable" | "exceeds_amount"; intent: StoredPaymentIntent } | undefined;

/** Refunds part or all of a succeeded intent; never more than what is left. */
export async function refundPaymentIntent(db: Store, merchantId: string, id: string, amount: number | undefined): Promise<RefundOutcome> {
  return db.transaction().execute(async (tx) => {
    const intent = await paymentIntentRows.lock(tx, merchantId, id);
    if (!intent) return undefined;
    if ("error" in nextStatus(intent.status, "refund")) return { error: "not_refundable", intent };
    const remaining = intent.amount - intent.amount_refunded;
    const refundAmount = amount ?? remaining;
    if (refundAmount <= 0 || refundAmount > remaining) return { error: "exceeds_amount", intent };
    await tx
      .updateTable("payment_intents")
      .set({ amount_refunded: intent.amount_refunded + refundAmount, updated_at: new Date() })
      .where("id", "=", id)
      .execute();
    const stored = await tx
      .insertInto("refunds")
      .values({ id: randomId("re"), merchant_id: merchantId, payment_intent_id: id, amount: refundAmount, currency: intent.currency })
      .returningAll()
      .executeTakeFirstOrThrow();
    const refund: Refund = {
      id: stored.id,
      object: "refund",
      amount: Number(stored.amount),
      currency: stored.currency,
      payment_intent: id,
      status: "succeeded",
      created: unixSeconds(stored.created_at),
    };
    await enqueueWebhookEvent(tx, merchantId, "refund.created", { object: refund });
    return { refund };
  });
}

// ---- lists (GET /v1/payment_intents, GET /v1/refunds; paged by store/lists.ts) ----------

export interface PaymentIntentFilter {
  status?: PaymentIntentStatus | undefined;
  customerId?: string | undefined;
}

/** A page of the merchant's payment intents, newest first, narrowed by status and customer; undefined when `startingAfter` is not one of theirs. */
export async function listPaymentIntents(db: Store, merchantId: string, filter: PaymentIntentFilter, page: PageRequest): Promise<Page<PaymentIntent> | undefined> {
  let query = db.selectFrom("payment_intents").selectAll();
  if (filter.status !== undefined) query = query.where("status", "=", filter.status);
  if (filter.customerId !== undefined) query = query.where("customer_id", "=", filter.customerId);
  const listed = await newestFirstPage(db, "payment_intents", merchantId, query, page);
  return listed && { data: listed.data.map((row) => publicPaymentIntent(fromRow(row))), hasMore: listed.hasMore };
}

/** A page of the merchant's refunds, newest first; undefined when `startingAfter` is not one of theirs. */
export async function listRefunds(db: Store, merchantId: string, page: PageRequest): Promise<Page<Refund> | undefined> {
  const listed = await newestFirstPage(db, "refunds", merchantId, db.selectFrom("refunds").selectAll(), page);
  return (
    listed && {
      data: listed.data.map((row) => ({
        id: row.id,
        object: "refund",
        amount: Number(row.amount),
        currency: row.currency,
        payment_intent: row.payment_intent_id,
        status: "succeeded",
        created: unixSeconds(row.created_at),
      })),
      hasMore: listed.hasMore,
    }
  );
}
