/**
 * The merchant API (`/v1`, `Authorization: Bearer sk_…`): the authentication, limits and
 * idempotency every merchant call passes, allowed origins and client tokens (of any
 * flow's session), and each flow's calls: checkout-merchant-api.ts (payment intents,
 * refunds), bank-link-merchant-api.ts, identity-merchant-api.ts, and
 * webhook-endpoints-api.ts. Every body is parsed by its schema from src/protocol/; every
 * POST is idempotent with `Idempotency-Key`.
 */
import { Hono, type Context } from "hono";
import { CreateAllowedOriginBody, CreateClientTokenBody, type AllowedOriginList, type ClientToken } from "../../protocol/api.js";
import { ErrorCode } from "../../protocol/errors.js";
import { invalidRequest, notFound } from "../http/api-error.js";
import { readJsonBody } from "../http/body.js";
import { idempotency } from "../http/idempotency.js";
import { merchantAuth, type MerchantEnv } from "../http/merchant-auth.js";
import { sessionKind, type SessionKind } from "../ids.js";
import { findBankLinkSession } from "../store/bank-links.js";
import { issueClientToken } from "../store/client-tokens.js";
import type { Store } from "../store/database.js";
import { findIdentitySession } from "../store/identity.js";
import { addAllowedOrigin, listAllowedOrigins, unixSeconds } from "../store/merchants.js";
import { findPaymentIntent } from "../store/payment-intents.js";
import { bankLinkMerchantApi } from "./bank-link-merchant-api.js";
import { checkoutMerchantApi } from "./checkout-merchant-api.js";
import { identityMerchantApi } from "./identity-merchant-api.js";
import { listsApi } from "./lists-api.js";
import type { RouteDeps } from "./route-deps.js";
import { webhookEndpointsApi } from "./webhook-endpoints-api.js";

/** A session's status by its kind, for the client-token check. */
const sessionStatus: Record<SessionKind, (db: Store, merchantId: string, id: string) => Promise<string | undefined>> = {
  checkout: async (db, merchantId, id) => (await findPaymentIntent(db, merchantId, id))?.status,
  bank_link: async (db, merchantId, id) => (await findBankLinkSession(db, merchantId, id))?.status,
  identity: async (db, merchantId, id) => (await findIdentitySession(db, merchantId, id))?.status,
};

export function merchantApi(deps: RouteDeps): Hono<MerchantEnv> {
  const { db, limits, identity, clientTokenTtlSeconds } = deps;
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

  api.post("/client_tokens", async (context) => {
    const { session } = await readJsonBody(context, CreateClientTokenBody);
    const merchant = context.get("merchant");
    const kind = sessionKind(session);
    const status = kind ? await sessionStatus[kind](db, merchant.id, session) : undefined;
    if (!status) throw notFound("session", session);
    // An identity session is open while it waits for photos or for its result (the frame polls it).
    if (status === "succeeded" || status === "canceled" || status === "linked" || status === "exited" || status === "verified" || status === "redacted") {
      throw invalidRequest(ErrorCode.sessionNotOpen, `This session is ${status}; a client token is only issued for an open session.`, "session", 409);
    }
    const token = await issueClientToken(db, merchant.id, session, clientTokenTtlSeconds);
    const response: ClientToken = { object: "client_token", client_token: token.token, session, expires_at: unixSeconds(token.expiresAt) };
    return context.json(response);
  });

  api.route("/", checkoutMerchantApi(deps));
  api.route("/", webhookEndpointsApi(deps));
  api.route("/", bankLinkMerchantApi(deps));
  api.route("/", identityMerchantApi(deps));
  api.route("/", listsApi(deps));

  return api;
}
