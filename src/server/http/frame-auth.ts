/**
 * Authenticates a frame's request: the client token (`Authorization: Bearer ct_…`), the
 * publishable key the frame was loaded with, and the parent origin the frame learned
 * from the browser. The token must exist, be unexpired, belong to the merchant of that
 * publishable key, and the parent origin must be one of that merchant's allowed origins —
 * or, for a token minted by an identity phone hand-off, the widget host's own origin.
 * Last, the call must carry a DPoP proof from the frame key the token is bound to (dpop.ts).
 */
import type { MiddlewareHandler } from "hono";
import { ErrorCode } from "../../protocol/errors.js";
import { findClientToken } from "../store/client-tokens.js";
import type { Store } from "../store/database.js";
import { findMerchantByPublishableKey, isAllowedOrigin, type Merchant } from "../store/merchants.js";
import { authenticationError } from "./api-error.js";
import { dpopVerifier, type DpopOptions } from "./dpop.js";

export interface FrameEnv {
  /** `handoff`: the token was minted by a phone hand-off claim (src/server/routes/identity-handoff-api.ts). */
  Variables: { merchant: Merchant; sessionId: string; rawBody: string; handoff: boolean };
}

export function frameAuth(db: Store, dpop: DpopOptions = {}): MiddlewareHandler<FrameEnv> {
  const checkProof = dpopVerifier(db, dpop);
  return async (context, next) => {
    // Frames call their own origin; a page elsewhere replaying a stolen token is refused.
    const origin = context.req.header("origin");
    if (origin && origin !== new URL(context.req.url).origin) {
      throw authenticationError(403, ErrorCode.originNotAllowed, "The frame API only answers the widget host's own frames.");
    }
    const token = /^Bearer (ct_[A-Za-z0-9_-]{16,200})$/i.exec(context.req.header("authorization") ?? "")?.[1];
    const record = token ? await findClientToken(db, token) : undefined;
    if (!token || !record) throw authenticationError(401, ErrorCode.clientTokenInvalid, "The client token is not valid. Ask your backend for a new one.");
    if (record.expiresAt.getTime() <= Date.now()) {
      throw authenticationError(401, ErrorCode.clientTokenExpired, "The client token has expired. Ask your backend for a fresh one.");
    }
    const publishableKey = context.req.header("enclave-publishable-key") ?? "";
    const merchant = await findMerchantByPublishableKey(db, publishableKey);
    if (!merchant) throw authenticationError(401, ErrorCode.invalidPublishableKey, "The publishable key is not valid.");
    if (merchant.id !== record.merchantId) {
      throw authenticationError(403, ErrorCode.clientTokenForeign, "The client token belongs to another merchant than this publishable key.");
    }
    const parentOrigin = context.req.header("enclave-parent-origin") ?? "";
    // A phone hand-off token (identity) runs in the frame page opened top-level on the
    // phone: its "parent" is the widget host itself, and only that. Every other token needs
    // one of the merchant's allowed origins, as before.
    const allowed = record.handoff ? parentOrigin === new URL(context.req.url).origin : await isAllowedOrigin(db, merchant.id, parentOrigin);
    if (!allowed) {
      throw authenticationError(
        403,
        ErrorCode.originNotAllowed,
        `This page's origin (${parentOrigin || "unknown"}) is not allowed to show this form. Add it with POST /v1/allowed_origins.`,
      );
    }
    await checkProof(context, { token, boundJkt: record.dpopJkt });
    context.set("merchant", merchant);
    context.set("sessionId", record.sessionId);
    context.set("handoff", record.handoff);
    await next();
  };
}
