/**
 * Identity verification in the store: sessions (`ids_…`), their images, and the phone
 * hand-off links.
 *
 * - A session moves requires_input → processing (submitted; `verify_after` set) →
 *   verified, or back to requires_input with `last_error` (the attempt's images deleted).
 *   `canceled` and `redacted` are final. Every change runs in a transaction that locks the
 *   session's row, and the webhook it causes is queued in the same transaction (locked-row.ts).
 * - Images (`identity_files`, one row a side, replaced on a new upload) and the verified
 *   outputs are stored sealed (AES-256-GCM, src/server/identity/sealing.ts); this file
 *   moves sealed bytes and never sees a key.
 * - Redaction — by the merchant, or by the retention sweep — deletes the images, the
 *   hand-off links, the document choice and the outputs in one transaction.
 * - Hand-off links: 256 random bits, stored as SHA-256, claimed once by a conditional
 *   UPDATE (of two concurrent claims, one wins).
 */
import type { Selectable, Transaction } from "kysely";
import {
  imageSides,
  neededSides,
  type DocumentType,
  type FrameIdentitySession,
  type IdentitySession,
  type IdentitySessionEventObject,
  type IdentityStatus,
  type ImageSide,
} from "../../protocol/identity-api.js";
import type { WebhookEventType } from "../../protocol/api.js";
import type { Sealed } from "../identity/sealing.js";
import { newSessionId, sha256 } from "../ids.js";
import type { Database, IdentitySessionsTable, Store } from "./database.js";
import { applyUpdate, withLockedRow, type Decide, type Locked, type LockedTable } from "./locked-row.js";
import { unixSeconds } from "./merchants.js";

export type SandboxOutcome = IdentitySession["options"]["sandbox_outcome"];
export type IdentityLastError = NonNullable<IdentitySession["last_error"]>;
export type HandoffState = FrameIdentitySession["session"]["handoff"];

export interface StoredIdentitySession {
  id: string;
  merchantId: string;
  status: IdentityStatus;
  requireSelfie: boolean;
  sandboxOutcome: SandboxOutcome;
  customerRef: string | null;
  document: { type: DocumentType; issuing_country: string } | null;
  lastError: IdentityLastError | null;
  /** Sealed (`pack`ed) verified outputs; opened only for the merchant API. */
  sealedOutputs: Uint8Array | null;
  handoff: HandoffState;
  verifyAfter: Date | null;
  redacted: boolean;
  created: number;
}

/** The row as Kysely types it (database.ts): JSON columns arrive parsed, statuses typed. */
export function sessionFromRow(row: Selectable<IdentitySessionsTable>): StoredIdentitySession {
  const documentType = row.document_type ?? null;
  const verifyAfter = row.verify_after;
  return {
    id: row.id,
    merchantId: row.merchant_id,
    status: row.status,
    requireSelfie: row.require_selfie === true,
    sandboxOutcome: row.sandbox_outcome,
    customerRef: row.customer_ref ?? null,
    // A document is chosen with its country (both written together, both cleared together).
    document: documentType ? { type: documentType, issuing_country: row.issuing_country ?? "" } : null,
    lastError: row.last_error ?? null,
    sealedOutputs: row.verified_outputs ?? null,
    handoff: row.handoff ?? "none",
    verifyAfter: verifyAfter ? new Date(verifyAfter) : null,
    redacted: row.redacted_at !== null && row.redacted_at !== undefined,
    created: unixSeconds(row.created_at),
  };
}

/** The sides a session needs before it can be submitted (protocol's `neededSides`, shared with the frame). */
export function sessionSides(session: Pick<StoredIdentitySession, "document" | "requireSelfie">): ImageSide[] {
  return neededSides(session.document?.type, session.requireSelfie);
}

/** The merchant's view, without outputs (add them with `verified_outputs` for GET). */
export function publicIdentitySession(session: StoredIdentitySession): IdentitySession {
  return {
    id: session.id,
    object: "identity_session",
    type: "document",
    status: session.status,
    options: { require_selfie: session.requireSelfie, sandbox_outcome: session.sandboxOutcome },
    customer_ref: session.customerRef,
    last_error: session.lastError,
    redacted: session.redacted,
    created: session.created,
  };
}

/** The webhook's `data.object`: no personal data, no outputs. */
export function identityEventObject(session: Pick<StoredIdentitySession, "id" | "status" | "lastError">): IdentitySessionEventObject {
  return { id: session.id, status: session.status, last_error: session.lastError };
}

export function frameIdentitySession(session: StoredIdentitySession, uploaded: ImageSide[], merchantName: string): FrameIdentitySession {
  return {
    session: {
      id: session.id,
      object: "identity_session",
      status: session.status,
      require_selfie: session.requireSelfie,
      document: session.document,
      uploaded,
      handoff: session.handoff,
      last_error: session.lastError,
    },
    merchant: { name: merchantName },
  };
}

export async function createIdentitySession(
  db: Store,
  merchantId: string,
  input: { requireSelfie: boolean; sandboxOutcome: SandboxOutcome; customerRef: string | null },
): Promise<StoredIdentitySession> {
  const row = await db
    .insertInto("identity_sessions")
    .values({
      id: newSessionId("identity"),
      merchant_id: merchantId,
      status: "requires_input",
      require_selfie: input.requireSelfie,
      sandbox_outcome: input.sandboxOutcome,
      customer_ref: input.customerRef,
      document_type: null,
      issuing_country: null,
      last_error: null,
      verified_outputs: null,
      verify_after: null,
      personal_data_at: null,
      redacted_at: null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return sessionFromRow(row);
}

export async function findIdentitySession(db: Store | Transaction<Database>, merchantId: string, id: string): Promise<StoredIdentitySession | undefined> {
  const row = await db.selectFrom("identity_sessions").selectAll().where("id", "=", id).where("merchant_id", "=", merchantId).executeTakeFirst();
  return row && sessionFromRow(row);
}

/** The sides with an accepted image, in side order. */
export async function uploadedSides(db: Store | Transaction<Database>, sessionId: string): Promise<ImageSide[]> {
  const rows = await db.selectFrom("identity_files").select("side").where("session_id", "=", sessionId).execute();
  const present = new Set(rows.map((row) => row.side));
  return imageSides.filter((side) => present.has(side));
}

export interface IdentityUpdate {
  status?: IdentityStatus;
  document?: { type: DocumentType; issuing_country: string } | null;
  lastError?: IdentityLastError | null;
  sealedOutputs?: Uint8Array | null;
  handoff?: HandoffState;
  verifyAfter?: Date | null;
  /** Personal data was written now (a document choice, verified outputs): restarts its retention clock. */
  personalData?: "written" | "erased";
  redacted?: true;
  /** Queued in the same transaction, with the updated session's event object. */
  event?: Extract<WebhookEventType, `identity_session.${string}`>;
}

/** Identity sessions under withLockedRow (locked-row.ts): an update with an `event` queues it with the updated session. */
const identitySessionRows: LockedTable<StoredIdentitySession, IdentityUpdate> = {
  async lock(tx, merchantId, id) {
    const row = await tx.selectFrom("identity_sessions").selectAll().where("id", "=", id).where("merchant_id", "=", merchantId).forUpdate().executeTakeFirst();
    return row && sessionFromRow(row);
  },
  async write(tx, current, update) {
    const now = new Date();
    const row = await tx
      .updateTable("identity_sessions")
      .set({
        ...(update.status !== undefined ? { status: update.status } : {}),
        ...(update.document !== undefined ? { document_type: update.document?.type ?? null, issuing_country: update.document?.issuing_country ?? null } : {}),
        ...(update.lastError !== undefined ? { last_error: update.lastError === null ? null : JSON.stringify(update.lastError) } : {}),
        ...(update.sealedOutputs !== undefined ? { verified_outputs: update.sealedOutputs } : {}),
        ...(update.handoff !== undefined ? { handoff: update.handoff } : {}),
        ...(update.verifyAfter !== undefined ? { verify_after: update.verifyAfter } : {}),
        ...(update.personalData === "written" ? { personal_data_at: now } : update.personalData === "erased" ? { personal_data_at: null } : {}),
        ...(update.redacted ? { redacted_at: now } : {}),
        updated_at: now,
      })
      .where("id", "=", current.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    return sessionFromRow(row);
  },
  event: (next, update) => (update.event ? { merchantId: next.merchantId, type: update.event, object: identityEventObject(next) } : undefined),
};

/** Applies an update to a session the caller holds locked (the sweeps lock many at once), with its webhook. */
const applyIdentityUpdate = (tx: Transaction<Database>, current: StoredIdentitySession, update: IdentityUpdate): Promise<StoredIdentitySession> =>
  applyUpdate(tx, identitySessionRows, current, update);

/**
 * Locks the session's row, lets `decide` look at it (it may write in `tx`: files, links)
 * and applies the update it returns with its webhook, in one transaction (locked-row.ts).
 * Undefined when the merchant has no such session.
 */
export function withLockedIdentitySession<T>(
  db: Store,
  merchantId: string,
  id: string,
  decide: Decide<StoredIdentitySession, IdentityUpdate, T>,
): Promise<Locked<StoredIdentitySession, T> | undefined> {
  return withLockedRow(db, identitySessionRows, merchantId, id, decide);
}

// ---- images --------------------------------------------------------------------------

export interface StoredFile {
  side: ImageSide;
  sealed: Sealed;
  contentType: string;
  width: number;
  height: number;
}

/** Stores a side's sealed image, replacing the one before (its ciphertext is overwritten in the row). */
export async function putFile(tx: Transaction<Database>, sessionId: string, file: StoredFile): Promise<void> {
  const values = {
    key_id: file.sealed.keyId,
    nonce: file.sealed.nonce,
    auth_tag: file.sealed.authTag,
    ciphertext: file.sealed.ciphertext,
    content_type: file.contentType,
    width: file.width,
    height: file.height,
    created_at: new Date(),
  };
  await tx
    .insertInto("identity_files")
    .values({ session_id: sessionId, side: file.side, ...values })
    .onConflict((conflict) => conflict.columns(["session_id", "side"]).doUpdateSet(values))
    .execute();
}

export async function loadFiles(tx: Transaction<Database>, sessionId: string): Promise<StoredFile[]> {
  const rows = await tx.selectFrom("identity_files").selectAll().where("session_id", "=", sessionId).execute();
  return rows.map((row) => ({
    side: row.side,
    sealed: { keyId: row.key_id, nonce: Buffer.from(row.nonce), authTag: Buffer.from(row.auth_tag), ciphertext: Buffer.from(row.ciphertext) },
    contentType: row.content_type,
    width: Number(row.width),
    height: Number(row.height),
  }));
}

export async function deleteFiles(tx: Transaction<Database>, sessionId: string, sides?: ImageSide[]): Promise<void> {
  let query = tx.deleteFrom("identity_files").where("session_id", "=", sessionId);
  if (sides) query = query.where("side", "in", sides);
  await query.execute();
}

// ---- redaction and retention -----------------------------------------------------------

/**
 * What redaction does to a locked session, in its transaction: the images and hand-off
 * links are deleted here, and the returned update clears the document choice, the outputs
 * and the last error, and closes the session as `redacted`. Redacting again changes nothing.
 */
export async function redaction(tx: Transaction<Database>, session: StoredIdentitySession): Promise<IdentityUpdate | undefined> {
  await deleteFiles(tx, session.id);
  await tx.deleteFrom("identity_handoffs").where("session_id", "=", session.id).execute();
  if (session.redacted) return undefined;
  return {
    status: "redacted",
    document: null,
    lastError: null,
    sealedOutputs: null,
    handoff: "none",
    verifyAfter: null,
    personalData: "erased",
    redacted: true,
  };
}

/**
 * The retention sweep: images older than the retention period are deleted one by one, and
 * a session whose personal data (document choice, outputs) is that old is redacted whole.
 * Sessions locked elsewhere are left for the next sweep. Spent hand-off links go too.
 */
export async function enforceRetention(db: Store, retentionSeconds: number, limit = 50): Promise<{ files: number; sessions: number }> {
  const cutoff = new Date(Date.now() - retentionSeconds * 1000);
  const files = await db.deleteFrom("identity_files").where("created_at", "<", cutoff).executeTakeFirst();
  const sessions = await db.transaction().execute(async (tx) => {
    const rows = await tx
      .selectFrom("identity_sessions")
      .selectAll()
      .where("personal_data_at", "<", cutoff)
      .where("redacted_at", "is", null)
      .orderBy("personal_data_at")
      .limit(limit)
      .forUpdate()
      .skipLocked()
      .execute();
    for (const row of rows) {
      const session = sessionFromRow(row);
      const update = await redaction(tx, session);
      if (update) await applyIdentityUpdate(tx, session, update);
    }
    return rows.length;
  });
  await db
    .deleteFrom("identity_handoffs")
    .where("expires_at", "<", new Date(Date.now() - 24 * 3600 * 1000))
    .execute();
  return { files: Number(files.numDeletedRows), sessions };
}

// ---- verification ----------------------------------------------------------------------

export type VerificationDecision =
  | { outcome: "verified"; sealedOutputs: Uint8Array }
  | { outcome: "requires_input"; lastError: IdentityLastError }
  /** Not now (e.g. this process cannot open the images): looked at again a minute later. */
  | { outcome: "retry_later" };

const RETRY_LATER_MS = 60_000;

/**
 * Verifies the submitted sessions whose time has come, each under its row lock (rows locked
 * by another process are skipped: it is verifying them). `decide` sees the session and its
 * sealed images; the outcome, the webhook, and — on failure — the deletion of the attempt's
 * images are one transaction.
 */
export async function verifyDueSessions(
  db: Store,
  decide: (session: StoredIdentitySession, files: StoredFile[]) => VerificationDecision,
  limit = 10,
): Promise<StoredIdentitySession[]> {
  return db.transaction().execute(async (tx) => {
    const rows = await tx
      .selectFrom("identity_sessions")
      .selectAll()
      .where("status", "=", "processing")
      .where("verify_after", "<=", new Date())
      .orderBy("verify_after")
      .limit(limit)
      .forUpdate()
      .skipLocked()
      .execute();
    const done: StoredIdentitySession[] = [];
    for (const row of rows) {
      const session = sessionFromRow(row);
      const decision = decide(session, await loadFiles(tx, session.id));
      if (decision.outcome === "retry_later") {
        await applyIdentityUpdate(tx, session, { verifyAfter: new Date(Date.now() + RETRY_LATER_MS) });
      } else if (decision.outcome === "verified") {
        done.push(
          await applyIdentityUpdate(tx, session, {
            status: "verified",
            sealedOutputs: decision.sealedOutputs,
            lastError: null,
            verifyAfter: null,
            personalData: "written",
            event: "identity_session.verified",
          }),
        );
      } else {
        // The customer tries again with new photos: this attempt's are of no further use.
        await deleteFiles(tx, session.id);
        done.push(
          await applyIdentityUpdate(tx, session, {
            status: "requires_input",
            lastError: decision.lastError,
            verifyAfter: null,
            handoff: "none",
            event: "identity_session.requires_input",
          }),
        );
      }
    }
    return done;
  });
}

// ---- phone hand-off ------------------------------------------------------------------------

/** Records a new hand-off link for a locked session; earlier unclaimed links of it stop working. */
export async function createHandoffLink(tx: Transaction<Database>, session: StoredIdentitySession, token: string, expiresAt: Date): Promise<void> {
  await tx.deleteFrom("identity_handoffs").where("session_id", "=", session.id).where("claimed_at", "is", null).execute();
  await tx
    .insertInto("identity_handoffs")
    .values({ token_hash: sha256(token), session_id: session.id, merchant_id: session.merchantId, expires_at: expiresAt, claimed_at: null })
    .execute();
}

export interface ClaimedHandoff {
  session: StoredIdentitySession;
  publishableKey: string;
  merchantId: string;
}

/**
 * Claims a hand-off link, once: one conditional UPDATE (`claimed_at IS NULL AND
 * expires_at > now`), then the session must still be waiting for photos. `issue` mints
 * the phone's client token in the same transaction; any refusal rolls the claim back.
 */
export async function claimHandoffLink<T>(
  db: Store,
  token: string,
  issue: (claim: ClaimedHandoff, tx: Transaction<Database>) => Promise<T>,
): Promise<{ claim: ClaimedHandoff; result: T } | undefined> {
  const refused = Symbol("refused");
  try {
    return await db.transaction().execute(async (tx) => {
      const now = new Date();
      const claimed = await tx
        .updateTable("identity_handoffs")
        .set({ claimed_at: now })
        .where("token_hash", "=", sha256(token))
        .where("claimed_at", "is", null)
        .where("expires_at", ">", now)
        .returning(["session_id", "merchant_id"])
        .executeTakeFirst();
      if (!claimed) return undefined;
      const session = await identitySessionRows.lock(tx, claimed.merchant_id, claimed.session_id);
      // eslint-disable-next-line @typescript-eslint/only-throw-error -- a private sentinel that rolls the claim back; the catch below knows it
      if (!session || session.status !== "requires_input") throw refused;
      const merchant = await tx.selectFrom("merchants").select("publishable_key").where("id", "=", claimed.merchant_id).executeTakeFirstOrThrow();
      const opened = await applyIdentityUpdate(tx, session, { handoff: "opened" });
      const claim = { session: opened, publishableKey: merchant.publishable_key, merchantId: claimed.merchant_id };
      return { claim, result: await issue(claim, tx) };
    });
  } catch (error) {
    if (error === refused) return undefined;
    throw error;
  }
}
