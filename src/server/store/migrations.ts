/**
 * Schema migrations, applied in order at start. Each runs once, inside a transaction,
 * under an advisory lock so that several widget-host processes starting together on one
 * PostgreSQL do not race. Append new migrations; never edit an applied one.
 */
import { sql } from "kysely";
import type { Store } from "./database.js";

const migrations: { name: string; up: string }[] = [
  {
    name: "0001_foundation",
    up: `
      CREATE TABLE merchants (
        id text PRIMARY KEY,
        name text NOT NULL,
        publishable_key text NOT NULL UNIQUE,
        secret_key_hash text NOT NULL UNIQUE,
        sandbox_secret_key text,
        fingerprint_key text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE allowed_origins (
        merchant_id text NOT NULL REFERENCES merchants(id),
        origin text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (merchant_id, origin)
      );
      CREATE TABLE client_tokens (
        token_hash text PRIMARY KEY,
        merchant_id text NOT NULL REFERENCES merchants(id),
        session_id text NOT NULL,
        expires_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX client_tokens_expires_at ON client_tokens (expires_at);
      CREATE TABLE idempotency_keys (
        merchant_id text NOT NULL REFERENCES merchants(id),
        key text NOT NULL,
        request_hash text NOT NULL,
        state text NOT NULL,
        response_status integer,
        response_body text,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (merchant_id, key)
      );
      CREATE TABLE payment_intents (
        id text PRIMARY KEY,
        merchant_id text NOT NULL REFERENCES merchants(id),
        amount integer NOT NULL CHECK (amount > 0),
        amount_refunded integer NOT NULL DEFAULT 0 CHECK (amount_refunded >= 0 AND amount_refunded <= amount),
        currency text NOT NULL,
        description text,
        metadata jsonb NOT NULL DEFAULT '{}'::jsonb,
        status text NOT NULL,
        payment_method jsonb,
        last_payment_error jsonb,
        next_action jsonb,
        confirm_count integer NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX payment_intents_merchant ON payment_intents (merchant_id, created_at);
      CREATE TABLE refunds (
        id text PRIMARY KEY,
        merchant_id text NOT NULL REFERENCES merchants(id),
        payment_intent_id text NOT NULL REFERENCES payment_intents(id),
        amount integer NOT NULL CHECK (amount > 0),
        currency text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE webhook_endpoints (
        id text PRIMARY KEY,
        merchant_id text NOT NULL REFERENCES merchants(id),
        url text NOT NULL,
        events jsonb NOT NULL,
        secret text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE webhook_deliveries (
        id text PRIMARY KEY,
        endpoint_id text NOT NULL REFERENCES webhook_endpoints(id),
        event_id text NOT NULL,
        event_type text NOT NULL,
        payload text NOT NULL,
        state text NOT NULL,
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL,
        last_error text,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX webhook_deliveries_due ON webhook_deliveries (state, next_attempt_at);
    `,
  },
  {
    // Bank linking (src/server/store/bank-links.ts). Accounts and transactions are not
    // stored: they are derived from an item's seed when read (src/server/sandbox/bank-data.ts).
    name: "0002_bank_link",
    up: `
      CREATE TABLE bank_link_sessions (
        id text PRIMARY KEY,
        merchant_id text NOT NULL REFERENCES merchants(id),
        products jsonb NOT NULL,
        customer_ref text,
        status text NOT NULL,
        link_state jsonb,
        oauth_state_hash text UNIQUE,
        item_id text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX bank_link_sessions_merchant ON bank_link_sessions (merchant_id, created_at);
      CREATE TABLE bank_items (
        id text PRIMARY KEY,
        merchant_id text NOT NULL REFERENCES merchants(id),
        session_id text NOT NULL REFERENCES bank_link_sessions(id),
        institution_id text NOT NULL,
        seed text NOT NULL,
        account_ids jsonb NOT NULL,
        products jsonb NOT NULL,
        access_token_hash text UNIQUE,
        removed_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE bank_public_tokens (
        token_hash text PRIMARY KEY,
        merchant_id text NOT NULL REFERENCES merchants(id),
        item_id text NOT NULL REFERENCES bank_items(id),
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      );
    `,
  },
  {
    // Identity verification (src/server/store/identity.ts). Images and verified outputs are
    // stored sealed (AES-256-GCM, src/server/identity/sealing.ts), never in clear; hand-off
    // links only as SHA-256. `client_tokens.handoff` marks the tokens a phone hand-off minted.
    name: "0003_identity",
    up: `
      CREATE TABLE identity_sessions (
        id text PRIMARY KEY,
        merchant_id text NOT NULL REFERENCES merchants(id),
        status text NOT NULL,
        require_selfie boolean NOT NULL,
        sandbox_outcome text NOT NULL,
        customer_ref text,
        document_type text,
        issuing_country text,
        last_error jsonb,
        verified_outputs bytea,
        handoff text NOT NULL DEFAULT 'none',
        verify_after timestamptz,
        personal_data_at timestamptz,
        redacted_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX identity_sessions_merchant ON identity_sessions (merchant_id, created_at);
      CREATE INDEX identity_sessions_verify_after ON identity_sessions (verify_after) WHERE verify_after IS NOT NULL;
      CREATE INDEX identity_sessions_personal_data_at ON identity_sessions (personal_data_at) WHERE personal_data_at IS NOT NULL;
      CREATE TABLE identity_files (
        session_id text NOT NULL REFERENCES identity_sessions(id),
        side text NOT NULL,
        key_id text NOT NULL,
        nonce bytea NOT NULL,
        auth_tag bytea NOT NULL,
        ciphertext bytea NOT NULL,
        content_type text NOT NULL,
        width integer NOT NULL,
        height integer NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (session_id, side)
      );
      CREATE INDEX identity_files_created_at ON identity_files (created_at);
      CREATE TABLE identity_handoffs (
        token_hash text PRIMARY KEY,
        session_id text NOT NULL REFERENCES identity_sessions(id),
        merchant_id text NOT NULL REFERENCES merchants(id),
        expires_at timestamptz NOT NULL,
        claimed_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX identity_handoffs_session ON identity_handoffs (session_id);
      ALTER TABLE client_tokens ADD COLUMN handoff boolean NOT NULL DEFAULT false
    `,
  },
  {
    // Limits shared by every host (src/server/limits/limiter.ts): one fixed-window counter
    // per HMAC of (limit, key) — no address, username or token in clear — and the HMAC key.
    name: "0004_rate_limits",
    up: `
      CREATE TABLE rate_limits (
        key_hash text PRIMARY KEY,
        count integer NOT NULL,
        expires_at timestamptz NOT NULL
      );
      CREATE INDEX rate_limits_expires_at ON rate_limits (expires_at);
      CREATE TABLE rate_limit_secret (
        id integer PRIMARY KEY CHECK (id = 1),
        secret text NOT NULL
      )
    `,
  },
  {
    // Webhook endpoints can be listed, deleted (soft: their deliveries keep their history) and
    // have their secret rotated (the previous one signs beside it for a while). Secrets are
    // sealed (src/server/webhooks/secrets.ts); the plaintext column is emptied at start.
    name: "0005_webhook_endpoints",
    up: `
      ALTER TABLE webhook_endpoints ADD COLUMN secret_sealed bytea;
      ALTER TABLE webhook_endpoints ADD COLUMN previous_secret_sealed bytea;
      ALTER TABLE webhook_endpoints ADD COLUMN previous_secret_expires_at timestamptz;
      ALTER TABLE webhook_endpoints ADD COLUMN deleted_at timestamptz;
      ALTER TABLE webhook_endpoints ALTER COLUMN secret DROP NOT NULL;
      CREATE INDEX webhook_endpoints_merchant ON webhook_endpoints (merchant_id, created_at, id)
    `,
  },
  {
    // No secret at rest (docs/decisions/0001, 0007): a kept reply holds no client token
    // (`replay_token` says how to mint a fresh one on replay) and long-lived secrets only
    // sealed under the installation key ring (`response_sealed`). Replies kept the old way
    // (a client token in clear, or sealed under a key derived from the request) are
    // dropped: a retry of such a request runs again. `rolled_secret_keys`: `enclave keys --roll`.
    name: "0006_keys_at_rest",
    up: `
      ALTER TABLE idempotency_keys ADD COLUMN response_sealed bytea;
      ALTER TABLE idempotency_keys ADD COLUMN replay_token jsonb;
      DELETE FROM idempotency_keys WHERE response_body LIKE 'sealed:v1:%' OR response_body LIKE '%"client\\_token":"ct\\_%';
      CREATE TABLE rolled_secret_keys (
        key_hash text PRIMARY KEY,
        merchant_id text NOT NULL REFERENCES merchants(id),
        expires_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX rolled_secret_keys_merchant ON rolled_secret_keys (merchant_id)
    `,
  },
  {
    // Sender-constrained client tokens (DPoP, RFC 9449; src/server/http/dpop.ts): the
    // thumbprint of the frame key a token is bound to at first use, and every proof id seen
    // until its proof would be stale anyway, so a replay is refused on any host.
    name: "0008_dpop",
    up: `
      ALTER TABLE client_tokens ADD COLUMN dpop_jkt text;
      CREATE TABLE dpop_proofs (
        jkt text NOT NULL,
        jti text NOT NULL,
        expires_at timestamptz NOT NULL,
        PRIMARY KEY (jkt, jti)
      );
      CREATE INDEX dpop_proofs_expires_at ON dpop_proofs (expires_at)
    `,
  },
  {
    // 3-D Secure challenges served by the host (src/server/routes/three-d-secure-pages.ts):
    // only the SHA-256 of the one-time id is kept; `outcome` is set once, when it is decided.
    name: "0007_three_d_secure_challenges",
    up: `
      CREATE TABLE three_d_secure_challenges (
        id_hash text PRIMARY KEY,
        payment_intent_id text NOT NULL REFERENCES payment_intents(id),
        merchant_id text NOT NULL REFERENCES merchants(id),
        expires_at timestamptz NOT NULL,
        outcome text,
        decided_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX three_d_secure_challenges_intent ON three_d_secure_challenges (payment_intent_id) WHERE decided_at IS NULL
    `,
  },
  {
    // Kept replies are swept after their 24 hours (src/server/store/idempotency.ts).
    name: "0009_idempotency_created_at",
    up: `
      CREATE INDEX idempotency_keys_created_at ON idempotency_keys (created_at)
    `,
  },
  {
    // GET /v1/transactions from stored rows (src/server/store/bank-transactions.ts); the
    // index is the listing's order, so a page is an index range.
    name: "0010_bank_transactions",
    up: `
      CREATE TABLE bank_transactions (
        item_id text NOT NULL REFERENCES bank_items(id),
        id text NOT NULL,
        account_id text NOT NULL,
        account_index integer NOT NULL,
        date text NOT NULL CHECK (date ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'),
        sequence integer NOT NULL,
        name text NOT NULL,
        amount double precision NOT NULL,
        currency text NOT NULL,
        category text NOT NULL,
        card boolean NOT NULL,
        pending boolean NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        modified_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (item_id, id)
      );
      CREATE INDEX bank_transactions_page ON bank_transactions (item_id, date DESC, account_index, sequence);
      CREATE INDEX bank_transactions_modified ON bank_transactions (item_id, modified_at);
      CREATE TABLE bank_transaction_days (
        item_id text PRIMARY KEY REFERENCES bank_items(id),
        through_date text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )
    `,
  },
  {
    // One housekeeping run at a time across every host of a store (src/server/housekeeping.ts):
    // a host runs only after taking this row's lease (leased_until in the past).
    name: "0012_housekeeping",
    up: `
      CREATE TABLE housekeeping_leases (
        name text PRIMARY KEY,
        holder text,
        leased_until timestamptz NOT NULL,
        runs bigint NOT NULL DEFAULT 0,
        last_run_at timestamptz
      );
      INSERT INTO housekeeping_leases (name, leased_until) VALUES ('housekeeping', 'epoch')
    `,
  },
  {
    // Lists and events (v1.1): every webhook body is an event row, written in the transaction
    // of the change it tells of (store/events.ts), delivered or not; customers; and one index
    // per listed table matching its page order (merchant, newest first, id as the tie-break),
    // so a page is an index range at any size (store/lists.ts). The old (merchant_id,
    // created_at) index of payment intents is replaced by the list's. Events already queued as
    // deliveries are kept as events, once each.
    name: "0013_lists_and_events",
    up: `
      CREATE TABLE events (
        id text PRIMARY KEY,
        merchant_id text NOT NULL REFERENCES merchants(id),
        type text NOT NULL,
        payload text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX events_list ON events (merchant_id, created_at DESC, id DESC);
      INSERT INTO events (id, merchant_id, type, payload, created_at)
        SELECT DISTINCT ON (delivery.event_id) delivery.event_id, endpoint.merchant_id, delivery.event_type, delivery.payload, delivery.created_at
        FROM webhook_deliveries delivery JOIN webhook_endpoints endpoint ON endpoint.id = delivery.endpoint_id
        ORDER BY delivery.event_id, delivery.created_at;
      CREATE TABLE customers (
        id text PRIMARY KEY,
        merchant_id text NOT NULL REFERENCES merchants(id),
        email text,
        name text,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX customers_list ON customers (merchant_id, created_at DESC, id DESC);
      ALTER TABLE payment_intents ADD COLUMN customer_id text REFERENCES customers(id);
      DROP INDEX payment_intents_merchant;
      CREATE INDEX payment_intents_list ON payment_intents (merchant_id, created_at DESC, id DESC);
      CREATE INDEX payment_intents_customer_list ON payment_intents (customer_id, created_at DESC, id DESC) WHERE customer_id IS NOT NULL;
      CREATE INDEX refunds_list ON refunds (merchant_id, created_at DESC, id DESC);
      DROP INDEX identity_sessions_merchant;
      CREATE INDEX identity_sessions_list ON identity_sessions (merchant_id, created_at DESC, id DESC);
      DROP INDEX webhook_endpoints_merchant;
      CREATE INDEX webhook_endpoints_list ON webhook_endpoints (merchant_id, created_at DESC, id DESC)
    `,
  },
];

// An arbitrary constant: the key of the advisory lock that serializes migrations.
const MIGRATION_LOCK = 7_104_202_611;

export async function migrate(db: Store): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await sql`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK})`.execute(tx);
    await sql`CREATE TABLE IF NOT EXISTS enclave_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`.execute(tx);
    const applied = await sql<{ name: string }>`SELECT name FROM enclave_migrations`.execute(tx);
    const done = new Set(applied.rows.map((row) => row.name));
    for (const migration of migrations) {
      if (done.has(migration.name)) continue;
      // One statement per query: PGlite's extended protocol takes a single statement.
      for (const statement of migration.up
        .split(/;\s*\n/)
        .map((text) => text.trim())
        .filter(Boolean)) {
        await sql.raw(statement).execute(tx);
      }
      await sql`INSERT INTO enclave_migrations (name) VALUES (${migration.name})`.execute(tx);
    }
  });
}

/** The newest migration this code knows: a host is ready once the store has it (GET /readyz). */
export function latestMigrationName(): string {
  return migrations.at(-1)?.name ?? "";
}
