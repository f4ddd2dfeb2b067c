/**
 * The merchant's bank-link calls (`/v1`, Bearer sk_…, mounted inside the merchant API so
 * its authentication and idempotency apply): link sessions, the public-token exchange,
 * accounts and transactions (with the item's access token in `Enclave-Access-Token`),
 * and removing an item.
 */
import { timingSafeEqual } from "node:crypto";
import { Hono, type Context } from "hono";
import { EmptyBody } from "../../protocol/api.js";
import {
  CreateBankLinkSessionBody,
  ExchangePublicTokenBody,
  TransactionsQuery,
  type AccountsResponse,
  type BankAccount,
  type BankLinkSession,
  type ExchangePublicTokenResponse,
  type RemovedItem,
  type TransactionsResponse,
} from "../../protocol/bank-link-api.js";
import { ErrorCode, ErrorType } from "../../protocol/errors.js";
import { ApiError, authenticationError, invalidRequest, notFound } from "../http/api-error.js";
import { parseWith, readJsonBody } from "../http/body.js";
import type { MerchantEnv } from "../http/merchant-auth.js";
import { hmacSha256, sessionKind } from "../ids.js";
import { historyStart, isRealDate, sandboxAccounts, todayUtc } from "../sandbox/bank-data.js";
import { ensureStoredTransactions, storedTransactionsPage } from "../store/bank-transactions.js";
import { findInstitution } from "../sandbox/institutions.js";
import {
  bankLinkSessionDetails,
  createBankLinkSession,
  exchangePublicToken,
  findBankLinkSession,
  findItemByAccessToken,
  removeItem,
  type StoredItem,
} from "../store/bank-links.js";
import { issueClientToken } from "../store/client-tokens.js";
import type { Store } from "../store/database.js";
import type { Merchant } from "../store/merchants.js";
import { unixSeconds } from "../store/merchants.js";
import type { RouteDeps } from "./route-deps.js";

const itemIdPattern = /^item_[A-Za-z0-9]{8,64}$/;
const DEFAULT_TRANSACTIONS_LIMIT = 100;

export function bankLinkMerchantApi({ db, clientTokenTtlSeconds }: RouteDeps): Hono<MerchantEnv> {
  const api = new Hono<MerchantEnv>();

  api.post("/bank_link_sessions", async (context) => {
    const body = await readJsonBody(context, CreateBankLinkSessionBody);
    const merchant = context.get("merchant");
    const session = await createBankLinkSession(db, merchant.id, { products: body.products, customerRef: body.customer_ref });
    const token = await issueClientToken(db, merchant.id, session.id, clientTokenTtlSeconds);
    const response: BankLinkSession = { ...bankLinkSessionDetails(session), client_token: token.token, expires_at: unixSeconds(token.expiresAt) };
    return context.json(response);
  });

  api.get("/bank_link_sessions/:id", async (context) => {
    const id = context.req.param("id");
    const session = sessionKind(id) === "bank_link" ? await findBankLinkSession(db, context.get("merchant").id, id) : undefined;
    if (!session) throw notFound("bank link session", id);
    return context.json(bankLinkSessionDetails(session));
  });

  api.post("/bank_links/exchange", async (context) => {
    const { public_token } = await readJsonBody(context, ExchangePublicTokenBody);
    // The answer is the item's long-lived access token: kept only sealed for replays.
    context.set("sealResponse", true);
    const outcome = await exchangePublicToken(db, context.get("merchant").id, public_token);
    if ("error" in outcome) {
      const refusals = {
        invalid: [ErrorCode.publicTokenInvalid, "The public token is not valid. Use the public_token from the bank link's success event, exactly as received."],
        expired: [ErrorCode.publicTokenExpired, "The public token has expired (it lives 30 minutes). Ask the customer to link their bank again."],
        used: [ErrorCode.publicTokenUsed, "The public token was already exchanged; a public token works once. Use the access token that exchange returned."],
      } as const;
      const [code, message] = refusals[outcome.error];
      throw invalidRequest(code, message, "public_token");
    }
    const response: ExchangePublicTokenResponse = { access_token: outcome.accessToken, item_id: outcome.itemId };
    return context.json(response);
  });

  api.get("/accounts", async (context) => {
    parseWith(EmptyBody, context.req.query());
    const item = await itemOf(db, context);
    const institution = findInstitution(item.institutionId);
    const response: AccountsResponse = {
      item: { id: item.id, institution: { id: item.institutionId, name: institution?.name ?? item.institutionId } },
      accounts: accountsOf(item),
    };
    return context.json(response);
  });

  api.get("/transactions", async (context) => {
    const query = parseWith(TransactionsQuery, context.req.query());
    const merchant = context.get("merchant");
    const item = await itemOf(db, context);
    if (!item.products.includes("transactions")) {
      throw invalidRequest(
        ErrorCode.productNotEnabled,
        'This item was linked without the "transactions" product. Create the bank link session with products: ["transactions"].',
        undefined,
        403,
      );
    }
    const today = todayUtc();
    const accounts = accountsOf(item);
    let range: TransactionRange;
    if (query.cursor !== undefined) {
      range = readCursor(merchant, item, query.cursor);
      const differs = (given: string | undefined, pinned: string | null): boolean => given !== undefined && given !== pinned;
      if (differs(query.start_date, range.start) || differs(query.end_date, range.end) || differs(query.account_id, range.accountId)) {
        throw invalidRequest(ErrorCode.parameterInvalid, "A cursor continues the listing it came from: send it without other filters, or with the same ones.", "cursor");
      }
    } else {
      for (const param of ["start_date", "end_date"] as const) {
        const date = query[param];
        if (date !== undefined && !isRealDate(date)) throw invalidRequest(ErrorCode.parameterInvalid, `Invalid ${param}: ${date} is not a calendar date.`, param);
      }
      // Pinned now, so that the cursor's later pages keep this range even past midnight.
      range = { start: query.start_date ?? historyStart(today), end: query.end_date ?? today, accountId: query.account_id ?? null, offset: 0 };
      if (range.start > range.end) throw invalidRequest(ErrorCode.parameterInvalid, "start_date must not be after end_date.", "start_date");
      if (range.accountId !== null && !accounts.some((account) => account.id === range.accountId)) {
        throw invalidRequest(ErrorCode.parameterInvalid, `No such account in this item: '${range.accountId}'.`, "account_id");
      }
    }
    // Stored once per item and day, then read a page at a time (src/server/store/bank-transactions.ts).
    await ensureStoredTransactions(
      db,
      item.id,
      accounts.map((account, index) => ({ account, index })),
      today,
    );
    const listed = accounts.filter((account) => range.accountId === null || account.id === range.accountId).map((account) => account.id);
    const start = range.start > historyStart(today) ? range.start : historyStart(today);
    const last = range.end < today ? range.end : today;
    const limit = query.limit ?? DEFAULT_TRANSACTIONS_LIMIT;
    const page = await storedTransactionsPage(db, item.id, { start, end: last, accountIds: listed }, range.offset, limit);
    const end = range.offset + limit;
    const response: TransactionsResponse = {
      transactions: page.transactions,
      next_cursor: end < page.total ? writeCursor(merchant, item, { ...range, offset: end }) : null,
      total: page.total,
    };
    return context.json(response);
  });

  api.post("/items/:id/remove", async (context) => {
    const id = context.req.param("id");
    await readJsonBody(context, EmptyBody);
    const item = itemIdPattern.test(id) ? await removeItem(db, context.get("merchant").id, id) : undefined;
    if (!item) throw notFound("item", id);
    const response: RemovedItem = { id: item.id, object: "item", removed: true };
    return context.json(response);
  });

  return api;
}

/** The item of the `Enclave-Access-Token` header, for this merchant. */
async function itemOf(db: Store, context: Context<MerchantEnv>): Promise<StoredItem> {
  const token = context.req.header("enclave-access-token");
  if (!token) throw authenticationError(401, ErrorCode.accessTokenInvalid, "Send the item's access token in the Enclave-Access-Token header.");
  const lookup = await findItemByAccessToken(db, context.get("merchant").id, token);
  if ("error" in lookup) {
    throw lookup.error === "revoked"
      ? authenticationError(401, ErrorCode.accessTokenRevoked, "This access token was revoked: its item was removed. Link the bank again for a new one.")
      : authenticationError(401, ErrorCode.accessTokenInvalid, "The access token is not valid.");
  }
  return lookup.item;
}

/** The chosen accounts, with balances only when the session asked for them. */
function accountsOf(item: StoredItem): BankAccount[] {
  const withBalances = item.products.includes("balances");
  return sandboxAccounts(item.seed)
    .filter((account) => item.accountIds.includes(account.id))
    .map(({ balances, ...account }) => (withBalances ? { ...account, balances } : account));
}

// ---- cursors -------------------------------------------------------------------------

interface TransactionRange {
  start: string;
  end: string;
  accountId: string | null;
  offset: number;
}

/**
 * `base64url(start|end|account|offset)` + "." + a MAC over it and the item, keyed with the
 * merchant's own key: opaque to the merchant, useless on another item, and any change to
 * it (a bigger offset, another range) is refused.
 */
function cursorMac(merchant: Merchant, item: StoredItem, payload: string): string {
  return hmacSha256(merchant.fingerprintKey, `transactions-cursor|${item.id}|${payload}`).slice(0, 32);
}

function writeCursor(merchant: Merchant, item: StoredItem, range: TransactionRange): string {
  const payload = Buffer.from([range.start, range.end, range.accountId ?? "", range.offset].join("|")).toString("base64url");
  return `${payload}.${cursorMac(merchant, item, payload)}`;
}

function readCursor(merchant: Merchant, item: StoredItem, cursor: string): TransactionRange {
  const invalid = (): ApiError =>
    new ApiError(400, ErrorType.invalidRequest, ErrorCode.parameterInvalid, "The cursor is not valid: pass next_cursor exactly as a previous page returned it.", {
      param: "cursor",
    });
  const [payload = "", mac = "", ...rest] = cursor.split(".");
  const expected = Buffer.from(cursorMac(merchant, item, payload));
  const given = Buffer.from(mac);
  if (rest.length > 0 || !/^[A-Za-z0-9_-]+$/.test(payload) || given.length !== expected.length || !timingSafeEqual(given, expected)) throw invalid();
  const [start = "", end = "", accountId = "", offset = ""] = Buffer.from(payload, "base64url").toString("utf8").split("|");
  if (!isRealDate(start) || !isRealDate(end) || !/^\d{1,6}$/.test(offset)) throw invalid();
  return { start, end, accountId: accountId === "" ? null : accountId, offset: Number(offset) };
}
