/**
 * Every sealed column of the store, in one list, so that `enclave rotate-keys` re-seals them
 * all (src/server/key-rotation.ts) and the start-up check finds values sealed under a key
 * this process does not hold (src/server/app.ts). A new sealed column is one entry in
 * `sealedColumns`: its table, primary key, layout and associated data.
 *
 * Re-sealing walks a table in primary-key order, in batches; each row is re-read under its
 * row lock, opened with the ring and sealed again under the current key in its own
 * transaction. A row already under the current key is left alone, so an interrupted run
 * simply runs again.
 */
import { sql, type RawBuilder } from "kysely";
import { associatedData, open, pack, ringKeyIds, seal, SealingError, unpack, type Sealed, type SealingKey } from "../identity/sealing.js";
import { OUTPUTS_PURPOSE } from "../sandbox/identity-verifier.js";
import type { Store } from "./database.js";
import { replyAssociatedData } from "./idempotency.js";
import { webhookSecretAssociatedData } from "../webhooks/secrets.js";

type Row = Record<string, unknown>;

export interface SealedColumn {
  /** What the column holds, in rotate-keys' report. */
  label: string;
  table: string;
  /** The primary key's columns: batches are walked in this order, and each row updated by it. */
  key: readonly string[];
  /** `packed`: one bytea column holding `pack(sealed)`; `split`: the columns key_id, nonce, auth_tag, ciphertext. */
  layout: { kind: "packed"; column: string } | { kind: "split"; column: "ciphertext" };
  /** The associated data the value was sealed with, from its row. */
  aad(row: Row): Buffer;
}

const text = (value: unknown): string => String(value);

export const sealedColumns: SealedColumn[] = [
  {
    label: "identity images",
    table: "identity_files",
    key: ["session_id", "side"],
    layout: { kind: "split", column: "ciphertext" },
    aad: (row) => associatedData(text(row["session_id"]), text(row["side"])),
  },
  {
    label: "verified outputs",
    table: "identity_sessions",
    key: ["id"],
    layout: { kind: "packed", column: "verified_outputs" },
    aad: (row) => associatedData(text(row["id"]), OUTPUTS_PURPOSE),
  },
  {
    label: "idempotent replies",
    table: "idempotency_keys",
    key: ["merchant_id", "key"],
    layout: { kind: "packed", column: "response_sealed" },
    aad: (row) => replyAssociatedData(text(row["merchant_id"]), text(row["key"]), text(row["request_hash"])),
  },
  {
    label: "webhook secrets",
    table: "webhook_endpoints",
    key: ["id"],
    layout: { kind: "packed", column: "secret_sealed" },
    aad: (row) => webhookSecretAssociatedData(text(row["id"])),
  },
  {
    label: "previous webhook secrets",
    table: "webhook_endpoints",
    key: ["id"],
    layout: { kind: "packed", column: "previous_secret_sealed" },
    aad: (row) => webhookSecretAssociatedData(text(row["id"])),
  },
];

function keyIdOf(column: SealedColumn): RawBuilder<string> {
  return column.layout.kind === "split" ? sql<string>`${sql.ref("key_id")}` : sql<string>`encode(substring(${sql.ref(column.layout.column)} from 2 for 8), 'hex')`;
}

function sealedOf(column: SealedColumn, row: Row): Sealed {
  if (column.layout.kind === "packed") return unpack(row[column.layout.column] as Uint8Array);
  const bytes = (name: string): Buffer => Buffer.from(row[name] as Uint8Array);
  return { keyId: text(row["key_id"]), nonce: bytes("nonce"), authTag: bytes("auth_tag"), ciphertext: bytes("ciphertext") };
}

function assignments(column: SealedColumn, sealed: Sealed): RawBuilder<unknown> {
  if (column.layout.kind === "packed") return sql`${sql.ref(column.layout.column)} = ${pack(sealed)}`;
  return sql`key_id = ${sealed.keyId}, nonce = ${sealed.nonce}, auth_tag = ${sealed.authTag}, ciphertext = ${sealed.ciphertext}`;
}

const rowIs = (column: SealedColumn, row: Row): RawBuilder<unknown> =>
  sql.join(
    column.key.map((name) => sql`${sql.ref(name)} = ${row[name]}`),
    sql` AND `,
  );

export interface ResealReport {
  label: string;
  /** Re-sealed under the current key by this run. */
  resealed: number;
  /** Sealed under an older key of the ring and not re-sealed (a value that failed authentication). */
  failed: number;
}

/** Re-seals every value of one column that an older key of the ring sealed. */
export async function resealColumn(db: Store, ring: SealingKey, column: SealedColumn, batchSize = 100): Promise<ResealReport> {
  const report: ResealReport = { label: column.label, resealed: 0, failed: 0 };
  const older = ring.previous.map((material) => material.id);
  if (older.length === 0) return report;
  const keyColumns = sql.join(column.key.map((name) => sql.ref(name)));
  const underOlder = sql`${sql.ref(column.layout.column)} IS NOT NULL AND ${keyIdOf(column)} IN (${sql.join(older)})`;
  let after: Row | undefined;
  for (;;) {
    const page = after ? sql`AND (${keyColumns}) > (${sql.join(column.key.map((name) => (after as Row)[name]))})` : sql``;
    const batch = await sql<Row>`SELECT ${keyColumns} FROM ${sql.table(column.table)} WHERE ${underOlder} ${page} ORDER BY ${keyColumns} LIMIT ${batchSize}`.execute(db);
    if (batch.rows.length === 0) return report;
    for (const candidate of batch.rows) {
      const done = await db.transaction().execute(async (tx) => {
        const locked = await sql<Row>`SELECT * FROM ${sql.table(column.table)} WHERE ${rowIs(column, candidate)} AND ${underOlder} FOR UPDATE`.execute(tx);
        const row = locked.rows[0];
        if (!row) return undefined; // re-sealed, replaced or deleted meanwhile
        const aad = column.aad(row);
        let plain: Buffer;
        try {
          plain = open(ring, sealedOf(column, row), aad);
        } catch (error) {
          if (error instanceof SealingError) return false;
          throw error;
        }
        await sql`UPDATE ${sql.table(column.table)} SET ${assignments(column, seal(ring, plain, aad))} WHERE ${rowIs(column, row)}`.execute(tx);
        return true;
      });
      if (done === true) report.resealed++;
      else if (done === false) report.failed++;
    }
    after = batch.rows[batch.rows.length - 1];
  }
}

/** How many values of each column each key id sealed (columns with none are left out). */
export async function sealedKeyIds(db: Store): Promise<{ label: string; keyId: string; count: number }[]> {
  const found: { label: string; keyId: string; count: number }[] = [];
  for (const column of sealedColumns) {
    const rows = await sql<{ key_id: string; count: string | number }>`
      SELECT ${keyIdOf(column)} AS key_id, count(*) AS count FROM ${sql.table(column.table)}
      WHERE ${sql.ref(column.layout.column)} IS NOT NULL GROUP BY 1`.execute(db);
    for (const row of rows.rows) found.push({ label: column.label, keyId: row.key_id, count: Number(row.count) });
  }
  return found;
}

/** Key ids in the store that the ring cannot open (at most a few): a process started with the wrong key. */
export async function foreignKeyIds(db: Store, ring: SealingKey): Promise<string[]> {
  const known = new Set(ringKeyIds(ring));
  return [...new Set((await sealedKeyIds(db)).map((entry) => entry.keyId).filter((id) => !known.has(id)))].slice(0, 3);
}
