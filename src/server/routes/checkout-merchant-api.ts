/**
 * The merchant API (`/v1`, `Authorization: Bearer sk_…`): allowed origins, payment
 * intents, refunds, client tokens and webhook endpoints; the bank-link calls are in
 * bank-link-merchant-api.ts and the identity calls in identity-merchant-api.ts, mounted
 * here so that the same authentication and idempotency apply. Every body is parsed by its
 * schema from src/protocol/; every POST is idempotent with `Idempotency-Key`.
 */
import { Hono, type Context } from "hono";
import {
  CreateAllowedOriginBody,
  CreateClientTokenBody,
  CreatePaymentIntentBody,
  CreateRefundBody,
  EmptyBody,
  type AllowedOriginList,
  type ClientToken,
  type PaymentIntentWithToken,
} from "../../protocol/api.js";
import { ErrorCode } from "../../protocol/errors.js";
import { invalidRequest, notFound } from "../http/api-error.js";
import { readJsonBody } from "../http/body.js";
import { idempotency } from "../http/idempotency.js";
import { merchantAuth, type MerchantEnv } from "../http/merchant-auth.js";
import { issueClientToken } from "../store/client-tokens.js";
import type { Store } from "../store/database.js";
import { addAllowedOrigin, listAllowedOrigins, unixSeconds } from "../store/merchants.js";
import {
  createPaymentIntentWithToken,
  findPaymentIntent,
  publicPaymentIntent,
  refundPaymentIntent,
  transitionPaymentIntent,
} from "../store/payment-intents.js";
import { webhookEndpointsApi, type WebhookServices } from "./webhook-endpoints-api.js";
import { findBankLinkSession } from "../store/bank-links.js";
import { bankLinkMerchantApi } from "./bank-link-merchant-api.js";
import { findIdentitySession } from "../store/identity.js";
import type { IdentityServices } from "../identity/services.js";
import { identityMerchantApi } from "./identity-merchant-api.js";
import type { Limits } from "../limits/index.js";

export interface MerchantApiOptions {
  db: Store;
  clientTokenTtlSeconds: number;
  identity: IdentityServices;
  limits: Limits;
  webhooks: WebhookServices;
}

const sessionIdPattern = /^pi_[A-Za-z0-9]{8,64}$/;

export function merchantApi({ db, clientTokenTtlSeconds, identity, limits, webhooks }: MerchantApiOptions): Hono<MerchantEnv> {
  const api = new Hono<MerchantEnv>();
  const perMerchant = (context: Context<MerchantEnv>): string => context.get("merchant").id;
  api.use("*", merchantAuth(db, limits), limits.spend("api_requests", perMerchant), idempotency(db, identity.key));

  api.get("/allowed_origins", async (context) => {
    const origins = await listAllowedOrigins(db, context.get("merchant").id);
    const list: AllowedOriginList = { object: "list", data: origins.map((origin) => ({ object: "allowed_origin", ...origin })) };
    return context.json(list);
  });

  api.post("/allowed_origins", async (context) => {
    const { origin } = await readJsonBody(context, CreateAllowedOriginBody);
    return context.json({ object: "allowed_origin", ...(await addAllowedOrigin(db, context.get("merchant").id, origin)) });
  });

  // After idempotency: a replayed creation spends nothing.
  api.post("/payment_intents", limits.spend("payment_intents_create", perMerchant), async (context) => {
    const body = await readJsonBody(context, CreatePaymentIntentBody);
    const merchant = context.get("merchant");
    const { intent, token } = await createPaymentIntentWithToken(db, merchant.id, body, clientTokenTtlSeconds);
    const response: PaymentIntentWithToken = {
      ...publicPaymentIntent(intent),
      client_token: token.token,
      client_token_expires_at: unixSeconds(token.expiresAt),
    };
    return context.json(response);
  });

  api.get("/payment_intents/:id", async (context) => {
    const id = context.req.param("id");
    const intent = sessionIdPattern.test(id) ? await findPaymentIntent(db, context.get("merchant").id, id) : undefined;
    if (!intent) throw notFound("payment intent", id);
    return context.json(publicPaymentIntent(intent));
  });

  api.post("/payment_intents/:id/cancel", async (context) => {
    const id = context.req.param("id");
    await readJsonBody(context, EmptyBody);
    const intent = sessionIdPattern.test(id)
      ? await transitionPaymentIntent(db, context.get("merchant").id, id, (current) => {
          if (current.status === "requires_payment_method" || current.status === "requires_action") return { status: "canceled", nextAction: null };
          if (current.status === "canceled") return undefined;
          throw invalidRequest(ErrorCode.unexpectedState, `This payment intent is ${current.status} and can no longer be canceled.`, undefined, 409);
        })
      : undefined;
    if (!intent) throw notFound("payment intent", id);
    return context.json(publicPaymentIntent(intent));
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

  api.post("/client_tokens", async (context) => {
    const { session } = await readJsonBody(context, CreateClientTokenBody);
    const merchant = context.get("merchant");
    const status = session.startsWith("bls_")
      ? (await findBankLinkSession(db, merchant.id, session))?.status
      : session.startsWith("pi_")
        ? (await findPaymentIntent(db, merchant.id, session))?.status
        : session.startsWith("ids_")
          ? (await findIdentitySession(db, merchant.id, session))?.status
          : undefined;
    if (!status) throw notFound("session", session);
    // An identity session is open while it waits for photos or for its result (the frame polls it).
    if (status === "succeeded" || status === "canceled" || status === "linked" || status === "exited" || status === "verified" || status === "redacted") {
      throw invalidRequest(ErrorCode.sessionNotOpen, `This session is ${status}; a client token is only issued for an open session.`, "session", 409);
    }
    const token = await issueClientToken(db, merchant.id, session, clientTokenTtlSeconds);
    const response: ClientToken = { object: "client_token", client_token: token.token, session, expires_at: unixSeconds(token.expiresAt) };
    return context.json(response);
  });

  api.route("/", webhookEndpointsApi(db, webhooks));
  api.route("/", bankLinkMerchantApi({ db, clientTokenTtlSeconds }));
  api.route("/", identityMerchantApi(db, identity));

  return api;
}
