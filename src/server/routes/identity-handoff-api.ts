/**
 * `POST /v1/identity/handoff/claim { token }`: the phone's first call, from the identity
 * frame page opened top-level through the hand-off link (`/frames/identity.html?handoff=…`).
 * No Authorization header — the link's one-time token is the credential: 256 random bits,
 * kept only as SHA-256, ten minutes, claimed once. The answer is a fresh client token of
 * the same session, marked as a hand-off token: the frame API accepts it only with the
 * widget host's own origin as the parent origin (src/server/http/frame-auth.ts).
 *
 * Every refusal — unknown, expired, used, or a session no longer waiting for photos — is
 * the same `400 handoff_invalid`: the phone can only ask for a new link.
 */
import { Hono } from "hono";
import { ErrorCode, ErrorType } from "../../protocol/errors.js";
import { ClaimHandoffBody, type ClaimHandoffResponse } from "../../protocol/identity-api.js";
import { ApiError } from "../http/api-error.js";
import { readJsonBody } from "../http/body.js";
import { issueClientToken } from "../store/client-tokens.js";
import { claimHandoffLink } from "../store/identity.js";
import type { RouteDeps } from "./route-deps.js";

const invalid = (): ApiError =>
  new ApiError(400, ErrorType.invalidRequest, ErrorCode.handoffInvalid, "This link has expired or has already been used. Get a new code on your computer.");

export function identityHandoffApi({ db, identity }: RouteDeps): Hono {
  const api = new Hono();

  api.post("/claim", async (context) => {
    let token: string;
    try {
      ({ token } = await readJsonBody(context, ClaimHandoffBody));
    } catch (error) {
      // A token of the wrong shape is as unusable as an unknown one.
      if (error instanceof ApiError && error.code === ErrorCode.parameterInvalid && error.extra.param === "token") throw invalid();
      throw error;
    }
    const claimed = await claimHandoffLink(db, token, (claim, tx) => issueClientToken(tx, claim.merchantId, claim.session.id, identity.clientTokenTtlSeconds, { handoff: true }));
    if (!claimed) throw invalid();
    const response: ClaimHandoffResponse = { client_token: claimed.result.token, publishable_key: claimed.claim.publishableKey, session: claimed.claim.session.id };
    return context.json(response);
  });

  return api;
}
