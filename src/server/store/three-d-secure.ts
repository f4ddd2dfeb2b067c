/**
 * 3-D Secure challenges, decided on the widget host and nowhere else.
 *
 * A confirm that needs 3-D Secure opens a challenge: a random one-time id, stored only as
 * its SHA-256, bound to one payment intent and its merchant, open for a few minutes. The
 * id is the secret of the challenge page's URL (routes/three-d-secure-pages.ts): whoever
 * holds it can answer the sandbox issuer's question, and only once. The frame learns the
 * result from the intent's state; it can give up (abandon = fail) but never succeed one.
 *
 * Every decision runs in one transaction that locks the challenge's row and then the
 * intent's row (withLockedPaymentIntent in the caller's transaction), so a double submit, a second tab, an abandon
 * racing a Complete, or a newer challenge for the same intent see one another.
 */
import type { Transaction } from "kysely";
import { ErrorCode } from "../../protocol/errors.js";
import { randomSecret, sha256 } from "../ids.js";
import type { Database, Store } from "./database.js";
import { nextStatus } from "./payment-intent-transitions.js";
import { withLockedPaymentIntent, type PaymentError, type PaymentIntentUpdate, type StoredPaymentIntent } from "./payment-intents.js";

/** How a challenge ended. `superseded`: a newer confirm opened another one for the same intent. */
export type ChallengeOutcome = "succeeded" | "failed" | "abandoned" | "expired" | "superseded";

/** What the customer answered on the issuer's page. */
export type ChallengeDecision = "complete" | "fail";

/** The decline an intent carries after a failed, abandoned or expired challenge. */
export const authenticationFailure: PaymentError = {
  code: ErrorCode.authenticationFailed,
  message: "We couldn't authenticate your payment. Try again or use another card.",
};

/**
 * What a challenge's end does to a locked intent: its status from the state machine
 * (nothing once the intent moved on); a success charges the card, a failure declines it.
 */
function authenticationUpdate(current: StoredPaymentIntent, event: "authenticated" | "authentication_failed"): PaymentIntentUpdate | undefined {
  const next = nextStatus(current.status, event);
  if ("error" in next || next.status === current.status) return undefined;
  return event === "authenticated"
    ? { status: next.status, nextAction: null, lastPaymentError: null, charged: true, event: "payment_intent.succeeded" }
    : { status: next.status, nextAction: null, lastPaymentError: authenticationFailure, charged: false, event: "payment_intent.payment_failed" };
}

/** The challenge id's shape: `tds_` and 43 base64url characters (256 random bits). */
export const challengeIdPattern = /^tds_[A-Za-z0-9_-]{43}$/;

async function closeOpenChallenges(tx: Transaction<Database>, paymentIntentId: string, outcome: ChallengeOutcome): Promise<void> {
  await tx
    .updateTable("three_d_secure_challenges")
    .set({ outcome, decided_at: new Date() })
    .where("payment_intent_id", "=", paymentIntentId)
    .where("decided_at", "is", null)
    .execute();
}

/**
 * Opens a challenge for an intent in `requires_action` and returns its id, the only time it
 * exists in clear (undefined when the intent moved on meanwhile). An older open one is superseded.
 */
export async function openChallenge(db: Store, intent: StoredPaymentIntent, ttlSeconds: number): Promise<{ id: string; intent: StoredPaymentIntent } | undefined> {
  return db.transaction().execute(async (tx) => {
    // Locks and re-reads the intent (a transition that changes nothing): still waiting?
    const current = (await withLockedPaymentIntent(tx, intent.merchantId, intent.id, () => ({ result: undefined })))?.row;
    if (current?.status !== "requires_action") return undefined;
    await closeOpenChallenges(tx, intent.id, "superseded");
    const id = randomSecret("tds");
    await tx
      .insertInto("three_d_secure_challenges")
      .values({ id_hash: sha256(id), payment_intent_id: intent.id, merchant_id: intent.merchantId, expires_at: new Date(Date.now() + ttlSeconds * 1000) })
      .execute();
    return { id, intent: current };
  });
}

/** What the challenge page shows. `state` says whether it can still be answered. */
export interface ChallengeView {
  state: "open" | "used" | "expired";
  merchantId: string;
  merchantName: string;
  amount: number;
  currency: string;
}

/** Looks a challenge up by its id (undefined when no challenge ever had it). */
export async function findChallenge(db: Store, id: string): Promise<ChallengeView | undefined> {
  if (!challengeIdPattern.test(id)) return undefined;
  const row = await db
    .selectFrom("three_d_secure_challenges as challenge")
    .innerJoin("payment_intents as intent", "intent.id", "challenge.payment_intent_id")
    .innerJoin("merchants as merchant", "merchant.id", "challenge.merchant_id")
    .select(["challenge.expires_at", "challenge.decided_at", "challenge.merchant_id", "intent.status", "intent.amount", "intent.currency", "merchant.name as merchant_name"])
    .where("challenge.id_hash", "=", sha256(id))
    .executeTakeFirst();
  if (!row) return undefined;
  const state = row.decided_at !== null || row.status !== "requires_action" ? "used" : new Date(row.expires_at).getTime() <= Date.now() ? "expired" : "open";
  return { state, merchantId: row.merchant_id, merchantName: row.merchant_name, amount: Number(row.amount), currency: row.currency };
}

export type DecideResult = { ok: true; view: ChallengeView; intent: StoredPaymentIntent } | { ok: false; view: ChallengeView | undefined };

/**
 * Applies the customer's answer, once: the challenge must be open (not decided, not
 * expired) and its intent still waiting for it. Complete charges the card (`succeeded`);
 * fail declines it (`requires_payment_method`, payment_intent_authentication_failure).
 */
export async function decideChallenge(db: Store, id: string, decision: ChallengeDecision): Promise<DecideResult> {
  if (!challengeIdPattern.test(id)) return { ok: false, view: undefined };
  const idHash = sha256(id);
  const binding = await db.selectFrom("three_d_secure_challenges").select(["payment_intent_id", "merchant_id"]).where("id_hash", "=", idHash).executeTakeFirst();
  if (!binding) return { ok: false, view: undefined };
  return db.transaction().execute(async (tx): Promise<DecideResult> => {
    // Locks in the one order every writer keeps: the intent, then its challenges.
    await lockIntent(tx, binding.merchant_id, binding.payment_intent_id);
    const challenge = await tx.selectFrom("three_d_secure_challenges").selectAll().where("id_hash", "=", idHash).forUpdate().executeTakeFirstOrThrow();
    const merchant = await tx.selectFrom("merchants").select("name").where("id", "=", challenge.merchant_id).executeTakeFirstOrThrow();
    const open = challenge.decided_at === null && new Date(challenge.expires_at).getTime() > Date.now();
    const locked = await withLockedPaymentIntent(tx, challenge.merchant_id, challenge.payment_intent_id, (current) => {
      const update = open ? authenticationUpdate(current, decision === "complete" ? "authenticated" : "authentication_failed") : undefined;
      return { update, result: update !== undefined };
    });
    if (!locked) return { ok: false, view: undefined };
    const { row: intent, result: applied } = locked;
    const view: ChallengeView = { state: "used", merchantId: challenge.merchant_id, merchantName: merchant.name, amount: intent.amount, currency: intent.currency };
    if (!applied) return { ok: false, view: { ...view, state: challenge.decided_at === null && intent.status === "requires_action" ? "expired" : "used" } };
    await tx
      .updateTable("three_d_secure_challenges")
      .set({ outcome: decision === "complete" ? "succeeded" : "failed", decided_at: new Date() })
      .where("id_hash", "=", idHash)
      .execute();
    return { ok: true, view, intent };
  });
}

async function lockIntent(tx: Transaction<Database>, merchantId: string, paymentIntentId: string): Promise<void> {
  await tx.selectFrom("payment_intents").select("id").where("id", "=", paymentIntentId).where("merchant_id", "=", merchantId).forUpdate().executeTakeFirst();
}

/**
 * The frame gives up on the challenge (the customer pressed Escape or closed the dialog):
 * the intent fails authentication and every open challenge of it closes. Failing is all the
 * frame can do; an intent that is no longer waiting is returned as it is.
 */
export async function abandonChallenge(db: Store, merchantId: string, paymentIntentId: string): Promise<StoredPaymentIntent | undefined> {
  return db.transaction().execute(async (tx) => {
    const locked = await withLockedPaymentIntent(tx, merchantId, paymentIntentId, (current) => ({
      update: authenticationUpdate(current, "authentication_failed"),
      result: undefined,
    }));
    await closeOpenChallenges(tx, paymentIntentId, "abandoned");
    return locked?.row;
  });
}

/**
 * The intent as the frame should see it while it waits: an intent whose challenges all
 * expired unanswered fails authentication, as a bank's timed-out challenge does, so the
 * frame stops waiting and the customer can try again.
 */
export async function settleChallenge(db: Store, merchantId: string, paymentIntentId: string): Promise<StoredPaymentIntent | undefined> {
  return db.transaction().execute(async (tx) => {
    // The intent first: a confirm that opens a new challenge meanwhile is seen, not failed.
    await lockIntent(tx, merchantId, paymentIntentId);
    const live = await tx
      .selectFrom("three_d_secure_challenges")
      .select("id_hash")
      .where("payment_intent_id", "=", paymentIntentId)
      .where("decided_at", "is", null)
      .where("expires_at", ">", new Date())
      .executeTakeFirst();
    const locked = await withLockedPaymentIntent(tx, merchantId, paymentIntentId, (current) => ({
      update: live ? undefined : authenticationUpdate(current, "authentication_failed"),
      result: undefined,
    }));
    if (!live) await closeOpenChallenges(tx, paymentIntentId, "expired");
    return locked?.row;
  });
}
