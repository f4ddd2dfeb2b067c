/**
 * The checkout frame's API (`/v1/frame/payment_intents/…`, mounted inside the frame API, so
 * the client token of a `pi_` session, the publishable key and the parent origin are
 * already checked), and `/v1/frame/session` for such a token. Card numbers arrive here and
 * go no further than the sandbox processor: only brand, last 4, expiry and a keyed
 * fingerprint are stored, and nothing is logged.
 */
import { Hono } from "hono";
import { EmptyBody, FrameConfirmBody, type FramePaymentIntent, type FrameSessionResponse } from "../../protocol/api.js";
import { ErrorCode, ErrorType } from "../../protocol/errors.js";
import { ApiError, invalidRequest } from "../http/api-error.js";
import { readJsonBody } from "../http/body.js";
import type { FrameEnv } from "../http/frame-auth.js";
import { sessionKind } from "../ids.js";
import { authorize, checkCard } from "../sandbox/card-processor.js";
import type { Store } from "../store/database.js";
import type { Decision } from "../store/locked-row.js";
import { nextStatus, requireNextStatus } from "../store/payment-intent-transitions.js";
import { findPaymentIntent, withLockedPaymentIntent, type PaymentError, type PaymentIntentUpdate, type StoredPaymentIntent } from "../store/payment-intents.js";
import { abandonChallenge, openChallenge, settleChallenge } from "../store/three-d-secure.js";
import { challengePagePath } from "./three-d-secure-pages.js";
import type { Context } from "hono";
import type { RouteDeps } from "./route-deps.js";

/** `challengeUrl`: the host's 3-D Secure page, when this answer just opened a challenge. */
function framePaymentIntent(intent: StoredPaymentIntent, challengeUrl?: string): FramePaymentIntent {
  return {
    id: intent.id,
    status: intent.status,
    amount: intent.amount,
    currency: intent.currency,
    next_action: intent.nextAction && challengeUrl ? { ...intent.nextAction, url: challengeUrl } : intent.nextAction,
    last_payment_error: intent.last_payment_error,
  };
}

/** A payment failure the customer can fix: 402, with the decline code when there is one. */
function paymentFailed(error: PaymentError & { param?: string }): ApiError {
  return new ApiError(402, ErrorType.card, error.code, error.message, {
    ...(error.decline_code ? { decline_code: error.decline_code } : {}),
    ...(error.param ? { param: error.param } : {}),
  });
}

async function currentIntent(db: Store, context: Context<FrameEnv>): Promise<StoredPaymentIntent> {
  const sessionId = context.get("sessionId");
  const intent = sessionKind(sessionId) === "checkout" ? await findPaymentIntent(db, context.get("merchant").id, sessionId) : undefined;
  if (!intent) throw invalidRequest(ErrorCode.sessionNotOpen, "This payment session no longer exists.", undefined, 409);
  return intent;
}

/**
 * Confirm's answer while the intent waits for 3-D Secure (now, or since an earlier confirm):
 * a fresh one-time challenge and the URL of its page, the only place its id exists in clear.
 * An older challenge of the intent stops working.
 */
async function challengeAnswer(db: Store, context: Context<FrameEnv>, intent: StoredPaymentIntent, ttlSeconds: number): Promise<FramePaymentIntent> {
  const opened = await openChallenge(db, intent, ttlSeconds);
  if (!opened) return framePaymentIntent(await currentIntent(db, context));
  return framePaymentIntent(opened.intent, new URL(challengePagePath(opened.id), context.req.url).href);
}

/** `GET /v1/frame/session` for a checkout session (and for a token of no known session: refused). */
export async function frameCheckoutSession(db: Store, context: Context<FrameEnv>): Promise<FrameSessionResponse> {
  const intent = await currentIntent(db, context);
  if (intent.status === "canceled" || intent.status === "succeeded") {
    throw invalidRequest(ErrorCode.sessionNotOpen, `This payment is ${intent.status === "canceled" ? "canceled" : "already complete"}.`, undefined, 409);
  }
  return {
    session: { id: intent.id, object: "payment_intent", status: intent.status, amount: intent.amount, currency: intent.currency },
    merchant: { name: context.get("merchant").name },
  };
}

export function checkoutFrameApi({ db, limits, threeDSecureTtlSeconds }: RouteDeps): Hono<FrameEnv> {
  const api = new Hono<FrameEnv>();

  api.post("/payment_intents/confirm", async (context) => {
    const { card, amount: amountShown } = await readJsonBody(context, FrameConfirmBody);
    const merchant = context.get("merchant");
    const checked = checkCard(card, merchant.fingerprintKey);
    if (!checked.ok) throw paymentFailed(checked.error);
    const locked = await withLockedPaymentIntent(
      db,
      merchant.id,
      context.get("sessionId"),
      async (current, tx): Promise<Decision<PaymentIntentUpdate, PaymentError | undefined>> => {
        // Exactly once: a second confirm (double click, another tab) sees the first one's result.
        const gate = nextStatus(current.status, "confirm");
        if ("error" in gate) throw invalidRequest(ErrorCode.sessionNotOpen, "This payment was canceled.", undefined, 409);
        if (gate.status === current.status) return { result: undefined };
        // The merchant changed the total after the customer saw it: charge nothing; the frame shows the new one.
        if (amountShown !== undefined && amountShown !== current.amount) {
          throw invalidRequest(ErrorCode.amountChanged, `The amount changed to ${current.amount} after the customer saw ${amountShown}; nothing was charged.`, "amount", 409);
        }
        // Card testing: declines are bounded per payment and per card, even when sent at once.
        // Spent here, under the payment's lock and in its transaction, so only a confirm that
        // really reaches the processor counts (twenty concurrent confirms of one good card are
        // one attempt), and the card's counter row stays locked until the outcome is written.
        const attempt = await limits.attempt(
          [
            ["card_declines_intent", current.id],
            ["card_declines_fingerprint", checked.card.fingerprint],
          ],
          tx,
        );
        const answer = authorize(card.number);
        if (answer.outcome !== "declined") await attempt.refund();
        if (answer.outcome === "declined") {
          const update: PaymentIntentUpdate = {
            status: requireNextStatus(gate.status, "declined"),
            paymentMethod: checked.card,
            lastPaymentError: answer.error,
            charged: true,
            event: "payment_intent.payment_failed",
          };
          return { update, result: answer.error };
        }
        if (answer.outcome === "requires_action") {
          return {
            update: { status: requireNextStatus(gate.status, "action_required"), paymentMethod: checked.card, lastPaymentError: null, nextAction: { type: "three_d_secure" } },
            result: undefined,
          };
        }
        const update: PaymentIntentUpdate = {
          status: requireNextStatus(gate.status, "approved"),
          paymentMethod: checked.card,
          lastPaymentError: null,
          nextAction: null,
          charged: true,
          event: "payment_intent.succeeded",
        };
        return { update, result: undefined };
      },
    );
    if (!locked) throw invalidRequest(ErrorCode.sessionNotOpen, "This payment session no longer exists.", undefined, 409);
    const { row: intent, result: declined } = locked;
    if (declined) throw paymentFailed(declined);
    if (intent.status === "requires_action") return context.json(await challengeAnswer(db, context, intent, threeDSecureTtlSeconds));
    return context.json(framePaymentIntent(intent));
  });

  // 3-D Secure is answered on the host's page (three-d-secure-pages.ts), never here: the
  // frame only learns where it stands, and may give up (which fails it, never succeeds it).
  api.get("/payment_intents/three_d_secure", async (context) => {
    await currentIntent(db, context);
    const intent = await settleChallenge(db, context.get("merchant").id, context.get("sessionId"));
    if (!intent) throw invalidRequest(ErrorCode.sessionNotOpen, "This payment session no longer exists.", undefined, 409);
    return context.json(framePaymentIntent(intent));
  });

  api.post("/payment_intents/three_d_secure/abandon", async (context) => {
    await readJsonBody(context, EmptyBody);
    await currentIntent(db, context);
    const intent = await abandonChallenge(db, context.get("merchant").id, context.get("sessionId"));
    if (!intent) throw invalidRequest(ErrorCode.sessionNotOpen, "This payment session no longer exists.", undefined, 409);
    return context.json(framePaymentIntent(intent));
  });

  return api;
}
