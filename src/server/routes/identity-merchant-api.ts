/**
 * The merchant's identity calls (`/v1`, Bearer sk_…, mounted inside the merchant API so its
 * authentication and idempotency apply): create a verification session, read it (with
 * `verified_outputs`, the only place they are ever shown), cancel it, redact it.
 *
 * Verified outputs are stored sealed and opened here, per request, for the merchant who
 * owns the session; they are not in any other answer, webhook or log.
 */
import { Hono } from "hono";
import { EmptyBody } from "../../protocol/api.js";
import { ErrorCode } from "../../protocol/errors.js";
import { CreateIdentitySessionBody, VerifiedOutputs, type IdentitySession, type IdentitySessionWithToken } from "../../protocol/identity-api.js";
import { invalidRequest, notFound } from "../http/api-error.js";
import { readJsonBody } from "../http/body.js";
import type { MerchantEnv } from "../http/merchant-auth.js";
import { associatedData, open, unpack } from "../identity/sealing.js";
import { sessionKind } from "../ids.js";
import { OUTPUTS_PURPOSE } from "../sandbox/identity-verifier.js";
import { issueClientToken } from "../store/client-tokens.js";
import {
  createIdentitySession,
  deleteFiles,
  findIdentitySession,
  publicIdentitySession,
  redaction,
  withLockedIdentitySession,
  type IdentityUpdate,
  type StoredIdentitySession,
} from "../store/identity.js";
import type { Decide } from "../store/locked-row.js";
import { unixSeconds } from "../store/merchants.js";
import type { RouteDeps } from "./route-deps.js";

export function identityMerchantApi({ db, identity }: RouteDeps): Hono<MerchantEnv> {
  const api = new Hono<MerchantEnv>();

  /** The merchant's view, with `verified_outputs` opened when the session is verified. */
  function withOutputs(session: StoredIdentitySession): IdentitySession {
    let outputs: IdentitySession["verified_outputs"] = null;
    if (session.status === "verified" && session.sealedOutputs) {
      const plain = open(identity.key, unpack(session.sealedOutputs), associatedData(session.id, OUTPUTS_PURPOSE));
      outputs = VerifiedOutputs.parse(JSON.parse(plain.toString("utf8")));
    }
    return { ...publicIdentitySession(session), verified_outputs: outputs };
  }

  async function locked(id: string, merchantId: string, decide: Decide<StoredIdentitySession, IdentityUpdate, undefined>): Promise<StoredIdentitySession> {
    const outcome = sessionKind(id) === "identity" ? await withLockedIdentitySession(db, merchantId, id, decide) : undefined;
    if (!outcome) throw notFound("identity session", id);
    return outcome.row;
  }

  api.post("/identity_sessions", async (context) => {
    const body = await readJsonBody(context, CreateIdentitySessionBody);
    const requireSelfie = body.options?.require_selfie ?? false;
    const sandboxOutcome = body.options?.sandbox_outcome ?? "verified";
    if (sandboxOutcome === "selfie_mismatch" && !requireSelfie) {
      throw invalidRequest(ErrorCode.parameterInvalid, "Invalid options.sandbox_outcome: selfie_mismatch needs options.require_selfie: true.", "options.sandbox_outcome");
    }
    const merchant = context.get("merchant");
    const session = await createIdentitySession(db, merchant.id, { requireSelfie, sandboxOutcome, customerRef: body.customer_ref ?? null });
    // Photos are on their way: the image pool's first thread starts now rather than with the host (a thread is ~23 MiB).
    identity.images.warm();
    const token = await issueClientToken(db, merchant.id, session.id, identity.clientTokenTtlSeconds);
    const response: IdentitySessionWithToken = {
      ...publicIdentitySession(session),
      client_token: token.token,
      client_token_expires_at: unixSeconds(token.expiresAt),
    };
    return context.json(response);
  });

  api.get("/identity_sessions/:id", async (context) => {
    const id = context.req.param("id");
    const session = sessionKind(id) === "identity" ? await findIdentitySession(db, context.get("merchant").id, id) : undefined;
    if (!session) throw notFound("identity session", id);
    return context.json(withOutputs(session));
  });

  api.post("/identity_sessions/:id/cancel", async (context) => {
    await readJsonBody(context, EmptyBody);
    const session = await locked(context.req.param("id"), context.get("merchant").id, async (current, tx) => {
      if (current.status === "canceled") return { result: undefined };
      if (current.status !== "requires_input") {
        throw invalidRequest(ErrorCode.sessionNotOpen, `This verification session is ${current.status} and can no longer be canceled.`, undefined, 409);
      }
      // Nothing will ever be verified: the photos of the unfinished attempt go now.
      await deleteFiles(tx, current.id);
      await tx.deleteFrom("identity_handoffs").where("session_id", "=", current.id).execute();
      return { update: { status: "canceled", document: null, handoff: "none", personalData: "erased" }, result: undefined };
    });
    return context.json(withOutputs(session));
  });

  api.post("/identity_sessions/:id/redact", async (context) => {
    await readJsonBody(context, EmptyBody);
    // Images, document choice, outputs: all in one transaction. Redacting twice is harmless.
    const session = await locked(context.req.param("id"), context.get("merchant").id, async (current, tx) => {
      return { update: await redaction(tx, current), result: undefined };
    });
    return context.json(withOutputs(session));
  });

  return api;
}
