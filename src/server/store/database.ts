/**
 * The one way into the store: a Kysely instance on PGlite (a data directory, zero set-up)
 * or on PostgreSQL (`DATABASE_URL`). Both speak the same SQL, so every query in this
 * folder runs unchanged on either.
 */
import {
  Kysely,
  PostgresDialect,
  type ColumnType,
  type Compilable,
  type Generated,
  type PostgresCursor,
  type PostgresPool,
  type PostgresPoolClient,
  type PostgresQueryResult,
  type QueryResult,
  type RawBuilder,
} from "kysely";
import pg from "pg";
import { migrate } from "./migrations.js";
import { log } from "../observability/log.js";
import { openPGlite } from "./pglite.js";
// Row types only (the columns' values as the flows' store modules read and write them).
import type { PaymentIntentStatus, WebhookEventType } from "../../protocol/api.js";
import type { BankLinkProduct } from "../../protocol/bank-link-api.js";
import type { DocumentType, IdentityStatus, ImageSide } from "../../protocol/identity-api.js";
import type { LinkState } from "./bank-links.js";
import type { HandoffState, IdentityLastError, SandboxOutcome } from "./identity.js";
import type { CardOnFile, NextAction, PaymentError } from "./payment-intents.js";

type Json<T> = ColumnType<T, string, string>;
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface MerchantsTable {
  id: string;
  name: string;
  publishable_key: string;
  secret_key_hash: string;
  /** Only sandbox (sk_test_) keys are kept readable, so `enclave keys` can print them. */
  sandbox_secret_key: string | null;
  fingerprint_key: string;
  created_at: Timestamp;
}

export interface AllowedOriginsTable {
  merchant_id: string;
  origin: string;
  created_at: Timestamp;
}

export interface ClientTokensTable {
  token_hash: string;
  merchant_id: string;
  session_id: string;
  expires_at: Date;
  /** Minted by an identity phone hand-off claim: the frame runs top-level on the widget host's own origin. */
  handoff: Generated<boolean>;
  /** RFC 7638 thumbprint of the frame key the token was bound to at its first use (src/server/http/dpop.ts). */
  dpop_jkt: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: Timestamp;
}

export interface IdempotencyKeysTable {
  merchant_id: string;
  key: string;
  request_hash: string;
  state: "in_progress" | "done";
  response_status: number | null;
  /** The reply as JSON, its client token taken out (migration 0006); null when sealed. */
  response_body: string | null;
  /** A reply holding a long-lived secret, sealed (src/server/identity/sealing.ts `pack`). */
  response_sealed: ColumnType<Uint8Array | null, Uint8Array | null | undefined, Uint8Array | null>;
  /** How a replay mints a fresh client token (src/server/store/idempotency.ts `ReplayToken`). */
  replay_token: ColumnType<unknown, string | null | undefined, string | null>;
  created_at: Timestamp;
}

/** A secret key replaced by `enclave keys --roll`: it authenticates until `expires_at`, then answers 401 saying so. */
export interface RolledSecretKeysTable {
  key_hash: string;
  merchant_id: string;
  expires_at: Date;
  created_at: Timestamp;
}

export interface PaymentIntentsTable {
  id: string;
  merchant_id: string;
  amount: number;
  amount_refunded: Generated<number>;
  currency: string;
  description: string | null;
  metadata: Json<Record<string, string>>;
  status: PaymentIntentStatus;
  payment_method: Json<CardOnFile> | null;
  last_payment_error: Json<PaymentError> | null;
  next_action: Json<NextAction> | null;
  confirm_count: Generated<number>;
  /** The customer the intent is for (migration 0013); null for a guest payment. */
  customer_id: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface RefundsTable {
  id: string;
  merchant_id: string;
  payment_intent_id: string;
  amount: number;
  currency: string;
  created_at: Timestamp;
}

export interface WebhookEndpointsTable {
  id: string;
  merchant_id: string;
  url: string;
  events: Json<WebhookEventType[]>;
  /** Before migration 0005 the secret in clear; emptied at start once sealed (src/server/webhooks/secrets.ts). */
  secret: string | null;
  /** The signing secret, sealed; never in clear. Null once the endpoint is deleted. */
  secret_sealed: Uint8Array | null;
  /** The secret before the last rotation, sealed: it signs beside the new one until it expires. */
  previous_secret_sealed: Uint8Array | null;
  previous_secret_expires_at: Date | null;
  deleted_at: Date | null;
  created_at: Timestamp;
}

/** Every webhook body, stored once whether or not an endpoint receives it (store/events.ts). */
export interface EventsTable {
  id: string;
  merchant_id: string;
  type: WebhookEventType;
  /** The event as JSON, byte for byte the body its deliveries carry. */
  payload: string;
  created_at: Timestamp;
}

export interface CustomersTable {
  id: string;
  merchant_id: string;
  email: string | null;
  name: string | null;
  created_at: Timestamp;
}

export interface WebhookDeliveriesTable {
  id: string;
  endpoint_id: string;
  event_id: string;
  event_type: string;
  payload: string;
  /** `canceled`: its endpoint was deleted before it was delivered. */
  state: "pending" | "delivered" | "failed" | "canceled";
  attempts: Generated<number>;
  next_attempt_at: Date;
  last_error: string | null;
  created_at: Timestamp;
}

export interface BankLinkSessionsTable {
  id: string;
  merchant_id: string;
  products: Json<BankLinkProduct[]>;
  customer_ref: string | null;
  status: "open" | "linked" | "exited";
  /** Where the customer's sign-in stands (src/server/store/bank-links.ts); never a credential. */
  link_state: Json<LinkState> | null;
  /** SHA-256 of the pending OAuth hand-off's `state`; the state itself is never kept. */
  oauth_state_hash: string | null;
  item_id: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface BankItemsTable {
  id: string;
  merchant_id: string;
  session_id: string;
  institution_id: string;
  /** Random; the sandbox derives the item's accounts and transactions from it. */
  seed: string;
  account_ids: Json<string[]>;
  products: Json<BankLinkProduct[]>;
  access_token_hash: string | null;
  removed_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  created_at: Timestamp;
}

export interface BankPublicTokensTable {
  token_hash: string;
  merchant_id: string;
  item_id: string;
  expires_at: Date;
  used_at: Date | null;
  created_at: Timestamp;
}

export interface IdentitySessionsTable {
  id: string;
  merchant_id: string;
  status: IdentityStatus;
  require_selfie: boolean;
  sandbox_outcome: SandboxOutcome;
  customer_ref: string | null;
  /** The customer's document choice (personal data: cleared on redaction). */
  document_type: DocumentType | null;
  issuing_country: string | null;
  last_error: Json<IdentityLastError> | null;
  /** The verified outputs, sealed (src/server/identity/sealing.ts `pack`); never plain text. */
  verified_outputs: Uint8Array | null;
  handoff: Generated<HandoffState>;
  /** A submitted session is verified at this time by the identity sweeper (src/server/identity-sweeper.ts). */
  verify_after: Date | null;
  /** When personal data was last written to the session row; the retention clock of that data. */
  personal_data_at: Date | null;
  redacted_at: Date | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface IdentityFilesTable {
  session_id: string;
  side: ImageSide;
  /** AES-256-GCM: the key's id, the nonce, the tag and the ciphertext; the image is never stored in clear. */
  key_id: string;
  nonce: Uint8Array;
  auth_tag: Uint8Array;
  ciphertext: Uint8Array;
  content_type: string;
  width: number;
  height: number;
  created_at: Timestamp;
}

export interface IdentityHandoffsTable {
  /** SHA-256 of the link's token; the token itself is only in the link. */
  token_hash: string;
  session_id: string;
  merchant_id: string;
  expires_at: Date;
  claimed_at: Date | null;
  created_at: Timestamp;
}

export interface DpopProofsTable {
  /** The proof key's thumbprint and the proof's id: each pair is accepted once. */
  jkt: string;
  jti: string;
  /** After this the proof is stale (its iat is out of the window), so the row can go. */
  expires_at: Date;
}

export interface ThreeDSecureChallengesTable {
  /** SHA-256 of the one-time challenge id; the id itself is only in the challenge page's URL. */
  id_hash: string;
  payment_intent_id: string;
  merchant_id: string;
  expires_at: Date;
  /** How it ended (see ChallengeOutcome in three-d-secure.ts); null while open. */
  outcome: string | null;
  decided_at: Date | null;
  created_at: Timestamp;
}

/** A linked item's sandbox transactions, stored once (src/server/store/bank-transactions.ts). */
export interface BankTransactionsTable {
  item_id: string;
  /** `txn_…`, stable: derived from the account, the date and the place in the day. */
  id: string;
  account_id: string;
  /** The account's place in the item, then `sequence`: the order within a day. */
  account_index: number;
  /** YYYY-MM-DD (UTC), as the API shows it. */
  date: string;
  sequence: number;
  name: string;
  amount: number;
  currency: string;
  category: string;
  /** A card purchase: pending for its first two days. */
  card: boolean;
  pending: boolean;
  created_at: Timestamp;
  /** Set when the row changes (a purchase posts). */
  modified_at: Timestamp;
}

/** How far an item's stored transactions go. */
export interface BankTransactionDaysTable {
  item_id: string;
  /** The last day stored (YYYY-MM-DD); "" before the first. */
  through_date: string;
  updated_at: Timestamp;
}

export interface Database {
  merchants: MerchantsTable;
  allowed_origins: AllowedOriginsTable;
  client_tokens: ClientTokensTable;
  idempotency_keys: IdempotencyKeysTable;
  rolled_secret_keys: RolledSecretKeysTable;
  payment_intents: PaymentIntentsTable;
  refunds: RefundsTable;
  webhook_endpoints: WebhookEndpointsTable;
  webhook_deliveries: WebhookDeliveriesTable;
  events: EventsTable;
  customers: CustomersTable;
  bank_link_sessions: BankLinkSessionsTable;
  bank_items: BankItemsTable;
  bank_transactions: BankTransactionsTable;
  bank_transaction_days: BankTransactionDaysTable;
  bank_public_tokens: BankPublicTokensTable;
  identity_sessions: IdentitySessionsTable;
  identity_files: IdentityFilesTable;
  identity_handoffs: IdentityHandoffsTable;
  rate_limits: RateLimitsTable;
  rate_limit_secret: RateLimitSecretTable;
  dpop_proofs: DpopProofsTable;
  three_d_secure_challenges: ThreeDSecureChallengesTable;
  housekeeping_leases: HousekeepingLeasesTable;
}

/** Who may run the periodic clean-up, until when (src/server/housekeeping.ts). */
export interface HousekeepingLeasesTable {
  name: string;
  /** The host process that took the lease last (host name, pid and a random part). */
  holder: string | null;
  leased_until: Date;
  /** How many runs were leased, all hosts together. */
  runs: ColumnType<number, number | undefined, number>;
  last_run_at: Date | null;
}

/** One limit's counter for one key (src/server/limits/limiter.ts). */
export interface RateLimitsTable {
  /** HMAC-SHA256 of the limit's name and key under rate_limit_secret. */
  key_hash: string;
  count: number;
  expires_at: Date;
}

/** The one row holding the HMAC key of rate_limits (base64), made by the first host. */
export interface RateLimitSecretTable {
  id: number;
  secret: string;
}

export type Store = Kysely<Database>;

export interface StoreOptions {
  /** PostgreSQL connection string; when absent, PGlite under `dataDir`. */
  databaseUrl?: string;
  dataDir: string;
}

/** Opens the store and brings its schema up to date. */
export async function openStore(options: StoreOptions): Promise<Store> {
  let db: Store;
  if (options.databaseUrl) {
    // Return BIGINT/NUMERIC counts as numbers: every amount we store fits in 2^53.
    pg.types.setTypeParser(20, (value) => Number(value));
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 10 });
    // An idle connection that drops (PostgreSQL restarting, a failover) is an 'error' on the
    // pool; unheard, it would end the process. The pool replaces the connection; /readyz tells.
    pool.on("error", (error) => log.warn("database: an idle connection failed", { error: error.message }));
    // A connection that drops while checked out (a query or transaction in flight) emits
    // 'error' on its client, which the pool does not hear then: without this listener that
    // too ended the process. The query in flight has already failed with the same error
    // (its request answers 500, its sweep retries), and the pool discards the client.
    pool.on("connect", (client) => {
      client.on("error", (error) => log.warn("database: a connection in use failed", { error: error.message }));
    });
    db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: preparingPool(pool) }) });
  } else {
    // One process at a time (data-dir-lock.ts); released by db.destroy().
    db = new Kysely<Database>({ dialect: await openPGlite(options.dataDir) });
  }
  try {
    await migrate(db);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return db;
}

/**
 * The hot statements (a payment intent's create and read: bench/http.ts) run as named
 * statements on PostgreSQL: each connection parses and plans them once, not on every
 * request; the database's CPU is shared with the host on one machine. A statement is named
 * by its text, registered by `runPrepared`; any other statement runs as before. PGlite runs
 * the same query unnamed (one process, no parse over a socket to save).
 */
const preparedNames = new Map<string, string>();
/** Texts are registered by code paths, not by values; this bound only guards against a query whose text varies. */
const MAX_PREPARED = 64;

/** Runs `query` (built, or written with `sql`) through Kysely as every query does, as a named statement on PostgreSQL. */
export async function runPrepared<R>(db: Store, query: Compilable<R> | RawBuilder<R>): Promise<QueryResult<R>> {
  const compiled = "isRawBuilder" in query ? query.compile(db) : query.compile();
  if (!preparedNames.has(compiled.sql) && preparedNames.size < MAX_PREPARED) preparedNames.set(compiled.sql, `enclave_${preparedNames.size}`);
  return db.executeQuery(compiled);
}

/** The pool as Kysely sees it, its clients running registered texts as named statements. */
function preparingPool(pool: pg.Pool): PostgresPool {
  const wrapped = new WeakMap<pg.PoolClient, PostgresPoolClient>();
  const wrap = (client: pg.PoolClient): PostgresPoolClient => {
    function query<R>(sql: string, parameters: ReadonlyArray<unknown>): Promise<PostgresQueryResult<R>>;
    function query<R>(cursor: PostgresCursor<R>): PostgresCursor<R>;
    function query<R>(statement: string | PostgresCursor<R>, parameters: ReadonlyArray<unknown> = []): Promise<PostgresQueryResult<R>> | PostgresCursor<R> {
      // Kysely reads through a cursor only when the dialect has one (streaming); this one has none.
      if (typeof statement !== "string") throw new Error("the store streams no query (no cursor is configured)");
      return run<R>(statement, parameters);
    }
    async function run<R>(text: string, parameters: ReadonlyArray<unknown>): Promise<PostgresQueryResult<R>> {
      const name = preparedNames.get(text);
      const values = [...parameters];
      const result = await client.query<R & pg.QueryResultRow>(name ? { name, text, values } : { text, values });
      return { command: knownCommand(result.command) ? result.command : "SELECT", rowCount: result.rowCount ?? 0, rows: result.rows };
    }
    return { query, release: (destroy) => client.release(destroy) };
  };
  return {
    async connect() {
      const client = await pool.connect();
      let facade = wrapped.get(client);
      if (!facade) wrapped.set(client, (facade = wrap(client)));
      return facade;
    },
    end: () => pool.end(),
  };
}

const commands = new Set<string>(["UPDATE", "DELETE", "INSERT", "SELECT", "MERGE", "COMMIT", "ROLLBACK"]);
/** Kysely counts affected rows by these commands; pg names others too (BEGIN, CREATE …), which count none. */
function knownCommand(command: string): command is PostgresQueryResult<unknown>["command"] {
  return commands.has(command);
}
