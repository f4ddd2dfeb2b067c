/**
 * "Lock the row, decide, apply, enqueue the event": the one shape of every state change of
 * a flow's session (payment intents, bank link sessions, identity sessions). In one
 * transaction the row is read `FOR UPDATE` (so two tabs, a double click or twenty
 * concurrent calls see one another), `decide` looks at it and says what changes and what
 * to hand back, the change is written, and the webhook event it causes is queued in the
 * same transaction (an outbox: an event is never lost to a crash in between).
 *
 * `decide` may write other rows in `tx` (an item, files, a limit's counter): they commit or
 * roll back with the change. A refusal that must still change state (a wrong MFA code
 * counts down) is returned as the result, not thrown: a throw rolls everything back.
 */
import { Transaction } from "kysely";
import type { WebhookEventType } from "../../protocol/api.js";
import type { Database, Store } from "./database.js";
import { enqueueWebhookEvent } from "./webhooks.js";

/** How one table's rows are locked, changed and announced. */
export interface LockedTable<Row, Update> {
  /** Reads the merchant's row `FOR UPDATE` (undefined: there is none). */
  lock(tx: Transaction<Database>, merchantId: string, id: string): Promise<Row | undefined>;
  /** Writes the update and returns the row as it now is. */
  write(tx: Transaction<Database>, current: Row, update: Update): Promise<Row>;
  /** The webhook event an applied update causes, if any. */
  event?(next: Row, update: Update): RowEvent | undefined;
}

export interface RowEvent {
  merchantId: string;
  type: WebhookEventType;
  /** The event's `data.object`. */
  object: unknown;
}

/** What `decide` says: the update to apply (none: the row stays as it is) and what to hand back after the commit. */
export interface Decision<Update, T> {
  update?: Update | undefined;
  result: T;
}

export type Decide<Row, Update, T> = (current: Row, tx: Transaction<Database>) => Decision<Update, T> | Promise<Decision<Update, T>>;

/** The row as the transaction left it, and what `decide` handed back. */
export interface Locked<Row, T> {
  row: Row;
  result: T;
}

/** Writes an update of a row the caller holds locked, and queues the event it causes. */
export async function applyUpdate<Row, Update>(tx: Transaction<Database>, table: LockedTable<Row, Update>, current: Row, update: Update): Promise<Row> {
  const next = await table.write(tx, current, update);
  const event = table.event?.(next, update);
  if (event) await enqueueWebhookEvent(tx, event.merchantId, event.type, { object: event.object });
  return next;
}

/**
 * Locks the row, lets `decide` look at it, applies its update and queues the event: in a
 * transaction of its own, or in the caller's when `db` is one (to lock other rows first,
 * in the order every writer keeps). Undefined when the merchant has no such row.
 */
export async function withLockedRow<Row, Update, T>(
  db: Store | Transaction<Database>,
  table: LockedTable<Row, Update>,
  merchantId: string,
  id: string,
  decide: Decide<Row, Update, T>,
): Promise<Locked<Row, T> | undefined> {
  const run = async (tx: Transaction<Database>): Promise<Locked<Row, T> | undefined> => {
    const current = await table.lock(tx, merchantId, id);
    if (current === undefined) return undefined;
    const { update, result } = await decide(current, tx);
    return { row: update === undefined ? current : await applyUpdate(tx, table, current, update), result };
  };
  return db instanceof Transaction ? run(db) : db.transaction().execute(run);
}
