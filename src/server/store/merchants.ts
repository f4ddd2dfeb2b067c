/**
 * Merchants, their keys and the origins where their frames may be embedded. Secret keys are
 * kept as SHA-256 only (a sandbox key also readable, for `enclave keys`); a rolled key
 * (`enclave keys --roll`) keeps working until its overlap ends, from `rolled_secret_keys`.
 */
import { randomBytes } from "node:crypto";
import { ConfigError } from "../config.js";
import { randomId, sha256 } from "../ids.js";
import { sql } from "kysely";
import type { Store } from "./database.js";
import { log } from "../observability/log.js";

// An arbitrary constant (not the migrations' one): the advisory lock that serializes seeding.
const SANDBOX_SEED_LOCK = 7_104_202_612;

export interface Merchant {
  id: string;
  name: string;
  publishableKey: string;
  fingerprintKey: string;
}

export interface SandboxSeed {
  name: string;
  publishableKey?: string;
  secretKey?: string;
  allowedOrigins: string[];
}

export interface SandboxKeys {
  publishableKey: string;
  secretKey: string;
}

const keyBody = (): string => randomId("k", 32).slice(2);

/**
 * The first start creates one sandbox merchant (from the seed's keys when given); later
 * starts reuse it, adding seeded origins. A seed whose keys differ from the stored ones
 * adds that merchant too, so `ENCLAVE_*_KEY` always names a working merchant.
 */
export async function ensureSandboxMerchant(db: Store, seed: SandboxSeed): Promise<SandboxKeys & { merchantId: string }> {
  return db.transaction().execute(async (tx) => {
    // Hosts starting together on a fresh store would each find no merchant and each make
    // one (or collide on the seeded key): one at a time.
    await sql`SELECT pg_advisory_xact_lock(${SANDBOX_SEED_LOCK})`.execute(tx);
    let row = seed.publishableKey
      ? await tx.selectFrom("merchants").selectAll().where("publishable_key", "=", seed.publishableKey).executeTakeFirst()
      : await tx.selectFrom("merchants").selectAll().where("sandbox_secret_key", "is not", null).orderBy("created_at").executeTakeFirst();
    // A seeded key that was since rolled stays rolled: the seed no longer names the current key.
    const seedRolled =
      row && seed.secretKey
        ? await tx.selectFrom("rolled_secret_keys").select("key_hash").where("key_hash", "=", sha256(seed.secretKey)).where("merchant_id", "=", row.id).executeTakeFirst()
        : undefined;
    if (seedRolled) {
      log.warn("ENCLAVE_SECRET_KEY was rolled (enclave keys --roll): the merchant's current secret key is the new one. Update or remove ENCLAVE_SECRET_KEY.");
    }
    if (row && seed.secretKey && !seedRolled && row.secret_key_hash !== sha256(seed.secretKey)) {
      await tx
        .updateTable("merchants")
        .set({ secret_key_hash: sha256(seed.secretKey), sandbox_secret_key: seed.secretKey })
        .where("id", "=", row.id)
        .execute();
      row = { ...row, secret_key_hash: sha256(seed.secretKey), sandbox_secret_key: seed.secretKey };
    }
    if (!row && seed.secretKey) {
      const owner = await tx.selectFrom("merchants").select("publishable_key").where("secret_key_hash", "=", sha256(seed.secretKey)).executeTakeFirst();
      if (owner) {
        throw new ConfigError(
          `ENCLAVE_SECRET_KEY already belongs to the merchant whose publishable key is ${owner.publishable_key}; set ENCLAVE_PUBLISHABLE_KEY to that key, or use a new secret key.`,
        );
      }
    }
    if (!row) {
      const secretKey = seed.secretKey ?? `sk_test_${keyBody()}`;
      row = await tx
        .insertInto("merchants")
        .values({
          id: randomId("acct", 16),
          name: seed.name,
          publishable_key: seed.publishableKey ?? `pk_test_${keyBody()}`,
          secret_key_hash: sha256(secretKey),
          sandbox_secret_key: secretKey,
          fingerprint_key: randomBytes(32).toString("hex"),
        })
        .returningAll()
        .executeTakeFirstOrThrow();
    }
    if (row.name !== seed.name) await tx.updateTable("merchants").set({ name: seed.name }).where("id", "=", row.id).execute();
    for (const origin of seed.allowedOrigins) {
      await tx
        .insertInto("allowed_origins")
        .values({ merchant_id: row.id, origin })
        .onConflict((conflict) => conflict.doNothing())
        .execute();
    }
    return { merchantId: row.id, publishableKey: row.publishable_key, secretKey: row.sandbox_secret_key ?? "" };
  });
}

function toMerchant(row: { id: string; name: string; publishable_key: string; fingerprint_key: string }): Merchant {
  return { id: row.id, name: row.name, publishableKey: row.publishable_key, fingerprintKey: row.fingerprint_key };
}

/** A secret key as the merchant API sees it: the current key, a rolled one still in its overlap, or a rolled one past it. */
export type SecretKeyLookup = { kind: "valid"; merchant: Merchant } | { kind: "expired"; expiredAt: Date } | { kind: "unknown" };

/** A secret key's lookup and, read in the same statement, a rate_limits row (the caller's failed-authentication count). */
export interface GuardedSecretKeyLookup {
  lookup: SecretKeyLookup;
  /** The row's count while its window is open, else 0. */
  limitCount: number;
  limitRetryAfterSeconds: number;
  /** When the key is a rolled one (valid or not): its end. */
  rolledExpiresAt: Date | undefined;
}

/**
 * A secret key's lookup and a read of the `rate_limits` row `limitKeyHash` in one round
 * trip: the merchant API's authentication asks both on every request
 * (src/server/http/merchant-auth.ts). The current key; else a rolled one before its end (by
 * this host's clock), whose merchant still exists; a rolled one past its end is `expired`.
 */
export async function lookUpSecretKeyGuarded(db: Store, secretKey: string, limitKeyHash: string): Promise<GuardedSecretKeyLookup> {
  const keyHash = sha256(secretKey);
  const result = await sql<{
    id: string | null;
    name: string | null;
    publishable_key: string | null;
    fingerprint_key: string | null;
    current: boolean | null;
    rolled_expires_at: Date | string | null;
    limit_count: number | null;
    limit_retry_after: number | null;
  }>`
    SELECT m.id, m.name, m.publishable_key, m.fingerprint_key, m.secret_key_hash = ${keyHash} AS current,
      (SELECT expires_at FROM rolled_secret_keys WHERE key_hash = ${keyHash}) AS rolled_expires_at,
      l.count AS limit_count, CEIL(EXTRACT(EPOCH FROM l.expires_at - now()))::integer AS limit_retry_after
    FROM (SELECT 1) AS one
    LEFT JOIN merchants m ON m.secret_key_hash = ${keyHash} OR m.id = (SELECT merchant_id FROM rolled_secret_keys WHERE key_hash = ${keyHash})
    LEFT JOIN rate_limits l ON l.key_hash = ${limitKeyHash} AND l.expires_at > now()
    ORDER BY current DESC NULLS LAST
    LIMIT 1`.execute(db);
  const row = result.rows[0];
  const limitCount = Number(row?.limit_count ?? 0);
  const limitRetryAfterSeconds = Number(row?.limit_retry_after ?? 0);
  const merchant =
    row?.id && row.name !== null && row.publishable_key !== null && row.fingerprint_key !== null
      ? toMerchant({ id: row.id, name: row.name, publishable_key: row.publishable_key, fingerprint_key: row.fingerprint_key })
      : undefined;
  let lookup: SecretKeyLookup;
  if (merchant && row?.current) {
    lookup = { kind: "valid", merchant };
  } else if (!row || row.rolled_expires_at === null) {
    lookup = { kind: "unknown" };
  } else {
    const expiresAt = new Date(row.rolled_expires_at);
    lookup = expiresAt.getTime() <= Date.now() ? { kind: "expired", expiredAt: expiresAt } : merchant ? { kind: "valid", merchant } : { kind: "unknown" };
  }
  const rolledExpiresAt = row && row.rolled_expires_at !== null && !row.current ? new Date(row.rolled_expires_at) : undefined;
  return { lookup, limitCount, limitRetryAfterSeconds, rolledExpiresAt };
}

export interface RolledKey {
  secretKey: string;
  /** When the replaced key stops working. */
  previousExpiresAt: Date;
}

/**
 * Gives the merchant a new secret key; the current one keeps working for `overlapSeconds`
 * (0: stops now). Only the new key's hash is stored (and, for a sandbox merchant, the key
 * itself, for `enclave keys`). Rolling again shortens nothing: each replaced key keeps its own end.
 */
export async function rollSecretKey(db: Store, merchantId: string, overlapSeconds: number): Promise<RolledKey> {
  return db.transaction().execute(async (tx) => {
    const row = await tx.selectFrom("merchants").selectAll().where("id", "=", merchantId).forUpdate().executeTakeFirstOrThrow();
    const live = row.sandbox_secret_key === null;
    const secretKey = `${live ? "sk_live_" : "sk_test_"}${keyBody()}`;
    const previousExpiresAt = new Date(Date.now() + overlapSeconds * 1000);
    await tx
      .insertInto("rolled_secret_keys")
      .values({ key_hash: row.secret_key_hash, merchant_id: row.id, expires_at: previousExpiresAt })
      .onConflict((conflict) => conflict.column("key_hash").doUpdateSet({ expires_at: previousExpiresAt }))
      .execute();
    await tx
      .updateTable("merchants")
      .set({ secret_key_hash: sha256(secretKey), sandbox_secret_key: live ? null : secretKey })
      .where("id", "=", row.id)
      .execute();
    return { secretKey, previousExpiresAt };
  });
}

export async function findMerchantByPublishableKey(db: Store, publishableKey: string): Promise<Merchant | undefined> {
  const row = await db.selectFrom("merchants").selectAll().where("publishable_key", "=", publishableKey).executeTakeFirst();
  return row && toMerchant(row);
}

export async function listAllowedOrigins(db: Store, merchantId: string): Promise<{ origin: string; created: number }[]> {
  const rows = await db.selectFrom("allowed_origins").select(["origin", "created_at"]).where("merchant_id", "=", merchantId).orderBy("created_at").orderBy("origin").execute();
  return rows.map((row) => ({ origin: row.origin, created: unixSeconds(row.created_at) }));
}

/**
 * The allowed origins of the merchant whose publishable key this is (none for an unknown
 * key), in the order listAllowedOrigins gives: one query, as every frame page load needs
 * them for its frame-ancestors before it can answer (routes/static-files.ts).
 */
export async function listAllowedOriginsByPublishableKey(db: Store, publishableKey: string): Promise<string[]> {
  const rows = await db
    .selectFrom("allowed_origins")
    .innerJoin("merchants", "merchants.id", "allowed_origins.merchant_id")
    .select("allowed_origins.origin")
    .where("merchants.publishable_key", "=", publishableKey)
    .orderBy("allowed_origins.created_at")
    .orderBy("allowed_origins.origin")
    .execute();
  return rows.map((row) => row.origin);
}

export async function addAllowedOrigin(db: Store, merchantId: string, origin: string): Promise<{ origin: string; created: number }> {
  await db
    .insertInto("allowed_origins")
    .values({ merchant_id: merchantId, origin })
    .onConflict((conflict) => conflict.doNothing())
    .execute();
  const row = await db.selectFrom("allowed_origins").select(["origin", "created_at"]).where("merchant_id", "=", merchantId).where("origin", "=", origin).executeTakeFirstOrThrow();
  return { origin: row.origin, created: unixSeconds(row.created_at) };
}

export async function isAllowedOrigin(db: Store, merchantId: string, origin: string): Promise<boolean> {
  const row = await db.selectFrom("allowed_origins").select("origin").where("merchant_id", "=", merchantId).where("origin", "=", origin).executeTakeFirst();
  return row !== undefined;
}

export function unixSeconds(value: Date | string): number {
  return Math.floor(new Date(value).getTime() / 1000);
}
