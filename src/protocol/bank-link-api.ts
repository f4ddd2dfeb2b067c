/**
 * The bank-link shapes of the widget host's API: the merchant calls (sessions, the
 * public-token exchange, accounts, transactions, items) and the frame calls (institution
 * search, credentials, MFA, the OAuth hand-off, account selection). Credentials and
 * verification codes appear only in frame request bodies; no response ever echoes them.
 */
import * as z from "zod";

export const bankLinkProducts = ["accounts", "balances", "transactions"] as const;
export type BankLinkProduct = (typeof bankLinkProducts)[number];

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date as YYYY-MM-DD");

// ---- merchant API ------------------------------------------------------------------

export const CreateBankLinkSessionBody = z.strictObject({
  /** What the merchant may read after the exchange; `accounts` is always included. */
  products: z.array(z.enum(bankLinkProducts)).min(1).max(bankLinkProducts.length),
  customer_ref: z.string().min(1).max(100).optional(),
});

export const BankLinkSession = z.object({
  id: z.string(),
  object: z.literal("bank_link_session"),
  status: z.enum(["open", "linked", "exited"]),
  products: z.array(z.enum(bankLinkProducts)),
  customer_ref: z.string().nullable(),
  client_token: z.string(),
  expires_at: z.number().int(),
  created: z.number().int(),
});

/** A bank link session as `GET /v1/bank_link_sessions/:id` answers it: without a client token (only its hash is kept; mint one with `POST /v1/client_tokens`). */
export const BankLinkSessionDetails = BankLinkSession.omit({ client_token: true, expires_at: true });

export const ExchangePublicTokenBody = z.strictObject({
  public_token: z.string().min(1).max(200),
});

export const ExchangePublicTokenResponse = z.object({ access_token: z.string(), item_id: z.string() });

export const AccountType = z.enum(["depository", "credit"]);
export const AccountSubtype = z.enum(["checking", "savings", "credit card"]);

export const BankAccount = z.object({
  id: z.string(),
  name: z.string(),
  mask: z.string(),
  type: AccountType,
  subtype: AccountSubtype,
  /** Present only when the session asked for `balances`. */
  balances: z.object({ available: z.number().nullable(), current: z.number(), currency: z.string() }).optional(),
});

export const AccountsResponse = z.object({
  item: z.object({ id: z.string(), institution: z.object({ id: z.string(), name: z.string() }) }),
  accounts: z.array(BankAccount),
});

export const TransactionsQuery = z.strictObject({
  start_date: isoDate.optional(),
  end_date: isoDate.optional(),
  account_id: z.string().max(100).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(500).optional(),
});

export const BankTransaction = z.object({
  id: z.string(),
  account_id: z.string(),
  date: isoDate,
  name: z.string(),
  /** Positive: money out of the account; negative: money in (Plaid's convention). */
  amount: z.number(),
  currency: z.string(),
  category: z.string(),
  pending: z.boolean(),
});

export const TransactionsResponse = z.object({
  transactions: z.array(BankTransaction),
  next_cursor: z.string().nullable(),
  total: z.number().int(),
});

export const RemovedItem = z.object({ id: z.string(), object: z.literal("item"), removed: z.literal(true) });

// ---- frame API (Bearer ct_… of a bls_ session) --------------------------------------

export const Institution = z.object({
  id: z.string(),
  name: z.string(),
  /** How the customer signs in: our credential form, or a hand-off to the bank's own page. */
  auth: z.enum(["credentials", "oauth"]),
  popular: z.boolean(),
  /** A brand colour (#rrggbb) and initials, drawn by the frame as the institution's logo. */
  logo: z.object({ color: z.string(), initials: z.string() }),
});

export const InstitutionSearchQuery = z.strictObject({
  query: z.string().max(100).optional(),
  popular: z.enum(["true", "false"]).optional(),
  limit: z.coerce.number().int().min(1).max(50).optional(),
});

export const InstitutionSearchResponse = z.object({ institutions: z.array(Institution) });

export const FrameBankLinkSession = z.object({
  session: z.object({ id: z.string(), object: z.literal("bank_link_session"), status: z.enum(["open", "linked", "exited"]), products: z.array(z.enum(bankLinkProducts)) }),
  merchant: z.object({ name: z.string() }),
});

export const CredentialsBody = z.strictObject({
  institution_id: z.string().min(1).max(100),
  username: z.string().min(1).max(200),
  password: z.string().min(1).max(200),
});

export const MfaBody = z.strictObject({ code: z.string().min(1).max(20) });

export const OAuthStartBody = z.strictObject({ institution_id: z.string().min(1).max(100) });

/** A selectable account, before the merchant has anything. */
export const LinkableAccount = z.object({
  id: z.string(),
  name: z.string(),
  mask: z.string(),
  type: AccountType,
  subtype: AccountSubtype,
  balances: z.object({ available: z.number().nullable(), current: z.number(), currency: z.string() }),
});

/**
 * Where the sign-in stands. `mfa_required`: ask for a verification code. `oauth_pending`:
 * the customer is on the bank's page (poll `GET …/oauth/status`). `connected`: choose accounts.
 */
export const LinkStepResponse = z.discriminatedUnion("status", [
  z.object({ status: z.literal("mfa_required"), mfa: z.object({ message: z.string(), attempts_left: z.number().int() }) }),
  z.object({ status: z.literal("oauth_pending"), authorization_url: z.string() }),
  z.object({ status: z.literal("oauth_denied") }),
  z.object({ status: z.literal("connected"), institution: z.object({ id: z.string(), name: z.string() }), accounts: z.array(LinkableAccount) }),
]);

export const SelectAccountsBody = z.strictObject({ account_ids: z.array(z.string().min(1).max(100)).min(1).max(20) });

/** The result the frame hands to the page as `enclave-success`. */
export const LinkSuccessResponse = z.object({
  public_token: z.string(),
  institution: z.object({ id: z.string(), name: z.string() }),
  accounts: z.array(z.object({ id: z.string(), name: z.string(), mask: z.string(), type: z.string(), subtype: z.string() })),
});

export type CreateBankLinkSessionBody = z.infer<typeof CreateBankLinkSessionBody>;
export type BankLinkSession = z.infer<typeof BankLinkSession>;
export type BankLinkSessionDetails = z.infer<typeof BankLinkSessionDetails>;
export type ExchangePublicTokenResponse = z.infer<typeof ExchangePublicTokenResponse>;
export type BankAccount = z.infer<typeof BankAccount>;
export type AccountsResponse = z.infer<typeof AccountsResponse>;
export type TransactionsQuery = z.infer<typeof TransactionsQuery>;
export type BankTransaction = z.infer<typeof BankTransaction>;
export type TransactionsResponse = z.infer<typeof TransactionsResponse>;
export type RemovedItem = z.infer<typeof RemovedItem>;
export type Institution = z.infer<typeof Institution>;
export type InstitutionSearchResponse = z.infer<typeof InstitutionSearchResponse>;
export type FrameBankLinkSession = z.infer<typeof FrameBankLinkSession>;
export type LinkableAccount = z.infer<typeof LinkableAccount>;
export type LinkStepResponse = z.infer<typeof LinkStepResponse>;
export type LinkSuccessResponse = z.infer<typeof LinkSuccessResponse>;
