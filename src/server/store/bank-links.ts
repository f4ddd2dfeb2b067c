/**
 * Bank linking in the store: link sessions (`bls_…`), items (one linked login and the
 * accounts the customer chose), and the two tokens of Plaid's hand-off.
 *
 * - A session's `link_state` says where the customer's sign-in stands — `mfa` (with the
 *   attempts left), `oauth` (pending or denied; only the SHA-256 of the OAuth `state` is
 *   kept, in `oauth_state_hash`), or `connected` (with the seed of the accounts on offer).
 *   It never holds a username, a password or a code. Every step runs in a transaction
 *   that locks the session's row (withLockedBankLinkSession), so concurrent calls see one another.
 * - `public-sandbox-…` tokens: 256 random bits, stored as SHA-256, single use (claimed by
 *   one conditional UPDATE, so of two concurrent exchanges one wins), 30 minutes by default.
 * - `access-sandbox-…` tokens: 256 random bits, stored as SHA-256 on the item; removing the
 *   item revokes it at once (every read checks `removed_at`).
 */
import type { Selectable, Transaction } from "kysely";
import { bankLinkProducts, type BankLinkProduct, type BankLinkSession, type BankLinkSessionDetails } from "../../protocol/bank-link-api.js";
import { newSessionId, randomDashedSecret, randomId, sha256 } from "../ids.js";
import type { BankItemsTable, BankLinkSessionsTable, Database, Store } from "./database.js";
import { withLockedRow, type Decide, type Locked, type LockedTable } from "./locked-row.js";
import { unixSeconds } from "./merchants.js";

export type LinkState =
  | { step: "mfa"; institution_id: string; attempts_left: number }
  | { step: "oauth"; institution_id: string; decision: "pending" | "denied" }
  | { step: "connected"; institution_id: string; seed: string };

export type BankLinkSessionStatus = BankLinkSession["status"];

export interface StoredBankLinkSession {
  id: string;
  merchantId: string;
  products: BankLinkProduct[];
  customerRef: string | null;
  status: BankLinkSessionStatus;
  linkState: LinkState | null;
  itemId: string | null;
  created: number;
}

/** The row as Kysely types it (database.ts): JSON columns arrive parsed. */
function sessionFromRow(row: Selectable<BankLinkSessionsTable>): StoredBankLinkSession {
  return {
    id: row.id,
    merchantId: row.merchant_id,
    products: row.products,
    customerRef: row.customer_ref ?? null,
    status: row.status,
    linkState: row.link_state ?? null,
    itemId: row.item_id ?? null,
    created: unixSeconds(row.created_at),
  };
}

export function bankLinkSessionDetails(session: StoredBankLinkSession): BankLinkSessionDetails {
  return {
    id: session.id,
    object: "bank_link_session",
    status: session.status,
    products: session.products,
    customer_ref: session.customerRef,
    created: session.created,
  };
}

/** `accounts` is always granted; duplicates collapse; the order is the catalog's. */
export function normalizeProducts(products: readonly BankLinkProduct[]): BankLinkProduct[] {
  const wanted = new Set<BankLinkProduct>([...products, "accounts"]);
  return bankLinkProducts.filter((product) => wanted.has(product));
}

export async function createBankLinkSession(
  db: Store,
  merchantId: string,
  input: { products: readonly BankLinkProduct[]; customerRef?: string | undefined },
): Promise<StoredBankLinkSession> {
  const row = await db
    .insertInto("bank_link_sessions")
    .values({
      id: newSessionId("bank_link"),
      merchant_id: merchantId,
      products: JSON.stringify(normalizeProducts(input.products)),
      customer_ref: input.customerRef ?? null,
      status: "open",
      link_state: null,
      oauth_state_hash: null,
      item_id: null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return sessionFromRow(row);
}

export async function findBankLinkSession(db: Store, merchantId: string, id: string): Promise<StoredBankLinkSession | undefined> {
  const row = await db.selectFrom("bank_link_sessions").selectAll().where("id", "=", id).where("merchant_id", "=", merchantId).executeTakeFirst();
  return row && sessionFromRow(row);
}

export interface BankLinkSessionUpdate {
  status?: BankLinkSessionStatus;
  linkState?: LinkState | null;
  /** The SHA-256 of a new OAuth state, or null to forget the pending one. */
  oauthStateHash?: string | null;
  itemId?: string;
}

/** Bank link sessions under withLockedRow (locked-row.ts); no step of a link announces a webhook. */
const bankLinkSessionRows: LockedTable<StoredBankLinkSession, BankLinkSessionUpdate> = {
  async lock(tx, merchantId, id) {
    const row = await tx.selectFrom("bank_link_sessions").selectAll().where("id", "=", id).where("merchant_id", "=", merchantId).forUpdate().executeTakeFirst();
    return row && sessionFromRow(row);
  },
  async write(tx, current, update) {
    const updated = await tx
      .updateTable("bank_link_sessions")
      .set({
        ...(update.status !== undefined ? { status: update.status } : {}),
        ...(update.linkState !== undefined ? { link_state: update.linkState === null ? null : JSON.stringify(update.linkState) } : {}),
        ...(update.oauthStateHash !== undefined ? { oauth_state_hash: update.oauthStateHash } : {}),
        ...(update.itemId !== undefined ? { item_id: update.itemId } : {}),
        updated_at: new Date(),
      })
      .where("id", "=", current.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    return sessionFromRow(updated);
  },
};

/**
 * Locks the session's row, lets `decide` look at it (it may write in `tx`, e.g. an item)
 * and applies the update it returns, in one transaction (locked-row.ts). Undefined when
 * the merchant has no such session.
 */
export function withLockedBankLinkSession<T>(
  db: Store,
  merchantId: string,
  id: string,
  decide: Decide<StoredBankLinkSession, BankLinkSessionUpdate, T>,
): Promise<Locked<StoredBankLinkSession, T> | undefined> {
  return withLockedRow(db, bankLinkSessionRows, merchantId, id, decide);
}

// ---- the OAuth hand-off --------------------------------------------------------------

export interface OAuthConsent {
  session: StoredBankLinkSession;
  merchantName: string;
  institutionId: string;
}

/** The session waiting at the bank's page with this state, if any. */
export async function findPendingOAuth(db: Store, state: string): Promise<OAuthConsent | undefined> {
  const row = await db
    .selectFrom("bank_link_sessions as session")
    .innerJoin("merchants as merchant", "merchant.id", "session.merchant_id")
    .selectAll("session")
    .select("merchant.name as merchant_name")
    .where("session.oauth_state_hash", "=", sha256(state))
    .executeTakeFirst();
  if (!row) return undefined;
  const session = sessionFromRow(row);
  if (session.status !== "open" || session.linkState?.step !== "oauth" || session.linkState.decision !== "pending") return undefined;
  return { session, merchantName: row.merchant_name, institutionId: session.linkState.institution_id };
}

/**
 * Records the customer's answer at the bank's page, once: the state is forgotten in the
 * same transaction, so a second submit (or a replayed form) finds nothing.
 */
export async function decideOAuth(db: Store, state: string, decision: "allow" | "deny", seed: string): Promise<OAuthConsent | undefined> {
  return db.transaction().execute(async (tx) => {
    const row = await tx.selectFrom("bank_link_sessions").selectAll().where("oauth_state_hash", "=", sha256(state)).forUpdate().executeTakeFirst();
    if (!row) return undefined;
    const session = sessionFromRow(row);
    const pending = session.linkState;
    if (session.status !== "open" || pending?.step !== "oauth" || pending.decision !== "pending") return undefined;
    const linkState: LinkState =
      decision === "allow" ? { step: "connected", institution_id: pending.institution_id, seed } : { step: "oauth", institution_id: pending.institution_id, decision: "denied" };
    await tx
      .updateTable("bank_link_sessions")
      .set({ link_state: JSON.stringify(linkState), oauth_state_hash: null, updated_at: new Date() })
      .where("id", "=", session.id)
      .execute();
    const merchant = await tx.selectFrom("merchants").select("name").where("id", "=", session.merchantId).executeTakeFirstOrThrow();
    return { session: { ...session, linkState }, merchantName: merchant.name, institutionId: pending.institution_id };
  });
}

// ---- items and tokens ----------------------------------------------------------------

export interface StoredItem {
  id: string;
  merchantId: string;
  institutionId: string;
  seed: string;
  accountIds: string[];
  products: BankLinkProduct[];
  removed: boolean;
}

function itemFromRow(row: Selectable<BankItemsTable>): StoredItem {
  return {
    id: row.id,
    merchantId: row.merchant_id,
    institutionId: row.institution_id,
    seed: row.seed,
    accountIds: row.account_ids,
    products: row.products,
    removed: row.removed_at !== null && row.removed_at !== undefined,
  };
}

/** Creates the item and its single-use public token, inside the caller's transaction. */
export async function createItem(
  tx: Transaction<Database>,
  input: { merchantId: string; sessionId: string; institutionId: string; seed: string; accountIds: string[]; products: BankLinkProduct[] },
  publicTokenTtlSeconds: number,
): Promise<{ item: StoredItem; publicToken: string }> {
  const row = await tx
    .insertInto("bank_items")
    .values({
      id: randomId("item"),
      merchant_id: input.merchantId,
      session_id: input.sessionId,
      institution_id: input.institutionId,
      seed: input.seed,
      account_ids: JSON.stringify(input.accountIds),
      products: JSON.stringify(input.products),
      access_token_hash: null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  const publicToken = randomDashedSecret("public-sandbox-");
  await tx
    .insertInto("bank_public_tokens")
    .values({ token_hash: sha256(publicToken), merchant_id: input.merchantId, item_id: row.id, expires_at: new Date(Date.now() + publicTokenTtlSeconds * 1000), used_at: null })
    .execute();
  return { item: itemFromRow(row), publicToken };
}

export const publicTokenPattern = /^public-sandbox-[A-Za-z0-9_-]{43}$/;
export const accessTokenPattern = /^access-sandbox-[A-Za-z0-9_-]{43}$/;

export type ExchangeOutcome = { accessToken: string; itemId: string } | { error: "invalid" | "expired" | "used" };

/**
 * Trades a public token for the item's access token. The claim is one conditional
 * UPDATE (`used_at IS NULL AND expires_at > now`): of two concurrent exchanges, the second
 * waits for the first's row lock, then finds the token used.
 */
export async function exchangePublicToken(db: Store, merchantId: string, publicToken: string): Promise<ExchangeOutcome> {
  if (!publicTokenPattern.test(publicToken)) return { error: "invalid" };
  const hash = sha256(publicToken);
  return db.transaction().execute(async (tx): Promise<ExchangeOutcome> => {
    const now = new Date();
    const claimed = await tx
      .updateTable("bank_public_tokens")
      .set({ used_at: now })
      .where("token_hash", "=", hash)
      .where("merchant_id", "=", merchantId)
      .where("used_at", "is", null)
      .where("expires_at", ">", now)
      .returning("item_id")
      .executeTakeFirst();
    if (!claimed) {
      const row = await tx.selectFrom("bank_public_tokens").select(["used_at"]).where("token_hash", "=", hash).where("merchant_id", "=", merchantId).executeTakeFirst();
      if (!row) return { error: "invalid" };
      return { error: row.used_at ? "used" : "expired" };
    }
    const accessToken = randomDashedSecret("access-sandbox-");
    const updated = await tx
      .updateTable("bank_items")
      .set({ access_token_hash: sha256(accessToken) })
      .where("id", "=", claimed.item_id)
      .where("removed_at", "is", null)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) return { error: "invalid" };
    return { accessToken, itemId: claimed.item_id };
  });
}

export type ItemLookup = { item: StoredItem } | { error: "invalid" | "revoked" };

export async function findItemByAccessToken(db: Store, merchantId: string, accessToken: string): Promise<ItemLookup> {
  if (!accessTokenPattern.test(accessToken)) return { error: "invalid" };
  const row = await db.selectFrom("bank_items").selectAll().where("access_token_hash", "=", sha256(accessToken)).executeTakeFirst();
  // Another merchant's token is as unknown here as a made-up one.
  if (!row || row.merchant_id !== merchantId) return { error: "invalid" };
  const item = itemFromRow(row);
  return item.removed ? { error: "revoked" } : { item };
}

/** Removes an item: its access token stops working at once, and an unexchanged public token with it. */
export async function removeItem(db: Store, merchantId: string, id: string): Promise<StoredItem | undefined> {
  return db.transaction().execute(async (tx) => {
    const row = await tx.selectFrom("bank_items").selectAll().where("id", "=", id).where("merchant_id", "=", merchantId).forUpdate().executeTakeFirst();
    if (!row) return undefined;
    if (row.removed_at === null) {
      const now = new Date();
      await tx.updateTable("bank_items").set({ removed_at: now }).where("id", "=", id).execute();
      await tx.updateTable("bank_public_tokens").set({ expires_at: now }).where("item_id", "=", id).where("used_at", "is", null).execute();
      return { ...itemFromRow(row), removed: true };
    }
    return itemFromRow(row);
  });
}
