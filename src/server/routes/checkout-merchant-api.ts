/**
 * The merchant's checkout calls (`/v1`, Bearer sk_…, mounted inside the merchant API so its
 * authentication and idempotency apply): payment intents (create, retrieve, list, cancel)
 * and refunds (created here; listed by lists-api.ts).
 */
import { Hono, type Context } from "hono";
import { CreatePaymentIntentBody, CreateRefundBody, EmptyBody, UpdatePaymentIntentBody, type PaymentIntentWithToken } from "../../protocol/api.js";
import { ErrorCode } from "../../protocol/errors.js";
import { invalidRequest, notFound } from "../http/api-error.js";
import { parseWith, readJsonBody } from "../http/body.js";
import type { MerchantEnv } from "../http/merchant-auth.js";
import { sessionKind } from "../ids.js";
import { unixSeconds } from "../store/merchants.js";
import { PaymentIntentListQuery, type PaymentIntentList } from "../../protocol/lists-api.js";
import { findCustomer } from "../store/customers.js";
import type { IssuedClientToken } from "../store/client-tokens.js";
import {
  createPaymentIntentWithToken,
  findPaymentIntent,
  listPaymentIntents,
  publicPaymentIntent,
  refundPaymentIntent,
  withLockedPaymentIntent,
  type KeepReply,
  type StoredPaymentIntent,
} from "../store/payment-intents.js";
import { nextStatus } from "../store/payment-intent-transitions.js";
import { listAnswer, pageRequest } from "./lists-page.js";
import type { RouteDeps } from "./route-deps.js";

export function checkoutMerchantApi({ db, limits, clientTokenTtlSeconds }: RouteDeps): Hono<MerchantEnv> {
  const api = new Hono<MerchantEnv>();
  const perMerchant = (context: Context<MerchantEnv>): string => context.get("merchant").id;

  // After idempotency: a replayed creation spends nothing.
  api.post("/payment_intents", limits.spend("payment_intents_create", perMerchant), async (context) => {
    const body = await readJsonBody(context, CreatePaymentIntentBody);
    const merchant = context.get("merchant");
    const answer = (intent: StoredPaymentIntent, token: IssuedClientToken): PaymentIntentWithToken => ({
      ...publicPaymentIntent(intent),
      client_token: token.token,
      client_token_expires_at: unixSeconds(token.expiresAt),
    });
    // With an Idempotency-Key, its reply is kept in the statement that makes the intent (one commit).
    const claimed = context.get("claimedKey");
    const keep: KeepReply | undefined = claimed && {
      key: claimed.key,
      status: 200,
      reply: (intent, token) => claimed.keep(answer(intent, token), { merchantId: merchant.id, sessionId: intent.id, expiresAt: token.expiresAt, handoff: false }),
    };
    const { intent, token } = await createPaymentIntentWithToken(db, merchant.id, body, clientTokenTtlSeconds, keep);
    if (keep) context.set("replyKept", true);
    return context.json(answer(intent, token));
  });

  api.get("/payment_intents", async (context) => {
    const query = parseWith(PaymentIntentListQuery, context.req.query());
    const merchantId = context.get("merchant").id;
    if (query.customer !== undefined && !(await findCustomer(db, merchantId, query.customer))) {
      throw invalidRequest(ErrorCode.resourceMissing, `No such customer: '${query.customer}'.`, "customer");
    }
    const page = await listPaymentIntents(db, merchantId, { status: query.status, customerId: query.customer }, pageRequest(query));
    const list: PaymentIntentList = listAnswer(page, "payment intent", query);
    return context.json(list);
  });

  api.get("/payment_intents/:id", async (context) => {
    const id = context.req.param("id");
    const intent = sessionKind(id) === "checkout" ? await findPaymentIntent(db, context.get("merchant").id, id) : undefined;
    if (!intent) throw notFound("payment intent", id);
    return context.json(publicPaymentIntent(intent));
  });

  // Live amounts: a coupon or shipping changes the total while the customer is on the form;
  // the page then calls `element.refresh()`. Once the customer is paying, the total is theirs.
  api.post("/payment_intents/:id", async (context) => {
    const id = context.req.param("id");
    const details = await readJsonBody(context, UpdatePaymentIntentBody);
    const locked =
      sessionKind(id) === "checkout"
        ? await withLockedPaymentIntent(db, context.get("merchant").id, id, (current) => {
            if (current.status !== "requires_payment_method") {
              throw invalidRequest(ErrorCode.unexpectedState, `This payment intent is ${current.status}; only one waiting for a payment method can be updated.`, undefined, 409);
            }
            return { update: { status: current.status, details }, result: undefined };
          })
        : undefined;
    if (!locked) throw notFound("payment intent", id);
    return context.json(publicPaymentIntent(locked.row));
  });

  api.post("/payment_intents/:id/cancel", async (context) => {
    const id = context.req.param("id");
    await readJsonBody(context, EmptyBody);
    const locked =
      sessionKind(id) === "checkout"
        ? await withLockedPaymentIntent(db, context.get("merchant").id, id, (current) => {
            const next = nextStatus(current.status, "cancel");
            if ("error" in next) throw invalidRequest(next.error, `This payment intent is ${current.status} and can no longer be canceled.`, undefined, 409);
            return { update: next.status === current.status ? undefined : { status: next.status, nextAction: null, event: "payment_intent.canceled" }, result: undefined };
          })
        : undefined;
    if (!locked) throw notFound("payment intent", id);
    return context.json(publicPaymentIntent(locked.row));
  });

  api.post("/refunds", async (context) => {
    const body = await readJsonBody(context, CreateRefundBody);
    const outcome = await refundPaymentIntent(db, context.get("merchant").id, body.payment_intent, body.amount);
    if (!outcome) throw notFound("payment intent", body.payment_intent);
    if ("error" in outcome) {
      const { intent } = outcome;
      if (outcome.error === "not_refundable") {
        throw invalidRequest(ErrorCode.unexpectedState, `Only a succeeded payment can be refunded; this one is ${intent.status}.`, "payment_intent", 409);
      }
      const left = intent.amount - intent.amount_refunded;
      throw invalidRequest(ErrorCode.refundExceedsAmount, `The refund is larger than what is left to refund (${left} of ${intent.amount}).`, "amount");
    }
    return context.json(outcome.refund);
  });

  return api;
}
