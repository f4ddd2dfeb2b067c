/**
 * The frames' API (`/v1/frame/…`), called by frames on the widget host's origin with a
 * client token: the authentication and limits every frame call passes, `GET /session`
 * (answered by the kind of the token's session, src/server/ids.ts `sessionKind`), and each
 * flow's calls: checkout-frame-api.ts (`/payment_intents/…`), bank-link-frame-api.ts
 * (`/bank_link/…`) and identity-frame-api.ts (`/identity/…`).
 */
import { Hono } from "hono";
import { ErrorCode, ErrorType } from "../../protocol/errors.js";
import { ApiError } from "../http/api-error.js";
import { frameAuth, type FrameEnv } from "../http/frame-auth.js";
import { sessionKind } from "../ids.js";
import { bankLinkFrameApi, frameBankLinkSession } from "./bank-link-frame-api.js";
import { checkoutFrameApi, frameCheckoutSession } from "./checkout-frame-api.js";
import { frameIdentitySessionResponse, identityFrameApi } from "./identity-frame-api.js";
import type { RouteDeps } from "./route-deps.js";

export function frameApi(deps: RouteDeps): Hono<FrameEnv> {
  const { db, limits } = deps;
  const api = new Hono<FrameEnv>();
  api.use(
    "*",
    limits.guardAuthentication(),
    frameAuth(db, { publicOrigin: deps.identity.publicOrigin }),
    limits.spend("frame_requests_ip", (context) => `${context.req.header("enclave-publishable-key")}\n${limits.clientIp(context)}`),
    limits.spend("frame_requests_token", (context) => context.req.header("authorization") ?? ""),
  );

  api.get("/session", async (context) => {
    switch (sessionKind(context.get("sessionId"))) {
      case "bank_link":
        return context.json(await frameBankLinkSession(db, context));
      case "identity":
        return context.json(await frameIdentitySessionResponse(db, context));
      default:
        // Checkout's answer refuses a token of no known session as "no longer exists".
        return context.json(await frameCheckoutSession(db, context));
    }
  });

  api.route("/", checkoutFrameApi(deps));
  api.route("/bank_link", bankLinkFrameApi(deps));
  api.route("/identity", identityFrameApi(deps));

  // Without this, an unknown frame route would fall through to the merchant API's auth.
  api.all("*", (context) => {
    throw new ApiError(404, ErrorType.invalidRequest, ErrorCode.routeNotFound, `Unrecognized request URL (${context.req.method} ${context.req.path}).`);
  });

  return api;
}
