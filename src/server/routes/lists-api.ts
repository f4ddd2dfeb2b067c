/**
 * The v1.1 lists and events (inside the merchant API, mounted by merchant-api.ts): refunds
 * and identity sessions here, events (events-api.ts) and customers (customers-api.ts)
 * beside them. Payment intents are listed by checkout-merchant-api.ts, webhook endpoints by
 * webhook-endpoints-api.ts; every list pages through store/lists.ts and answers through
 * lists-page.ts.
 */
import { Hono } from "hono";
import { IdentitySessionListQuery, RefundListQuery, type IdentitySessionList, type RefundList } from "../../protocol/lists-api.js";
import { parseWith } from "../http/body.js";
import type { MerchantEnv } from "../http/merchant-auth.js";
import { listIdentitySessions } from "../store/lists-identity.js";
import { listRefunds } from "../store/payment-intents.js";
import { customersApi } from "./customers-api.js";
import { eventsApi } from "./events-api.js";
import { listAnswer, pageRequest } from "./lists-page.js";
import type { RouteDeps } from "./route-deps.js";

export function listsApi(deps: RouteDeps): Hono<MerchantEnv> {
  const { db } = deps;
  const api = new Hono<MerchantEnv>();

  api.get("/refunds", async (context) => {
    const query = parseWith(RefundListQuery, context.req.query());
    const list: RefundList = listAnswer(await listRefunds(db, context.get("merchant").id, pageRequest(query)), "refund", query);
    return context.json(list);
  });

  api.get("/identity_sessions", async (context) => {
    const query = parseWith(IdentitySessionListQuery, context.req.query());
    const list: IdentitySessionList = listAnswer(await listIdentitySessions(db, context.get("merchant").id, pageRequest(query)), "identity session", query);
    return context.json(list);
  });

  api.route("/", eventsApi(deps));
  api.route("/", customersApi(deps));
  return api;
}
