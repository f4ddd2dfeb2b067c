/**
 * The bank-link frame's API (`/v1/frame/bank_link/…`, mounted inside the frame API, so a
 * client token of a `bls_` session, the publishable key and the parent origin are already
 * checked). The customer picks an institution, signs in (credentials, maybe a
 * verification code; or the OAuth hand-off to the bank's own page), then chooses
 * accounts, which makes the item and the public token the page hands to the merchant.
 *
 * Credentials and codes are read from the body, checked by the sandbox bank, and dropped:
 * only the outcome is stored (src/server/store/bank-links.ts), no answer echoes them and
 * nothing logs them.
 */
import { randomBytes } from "node:crypto";
import { Hono, type Context } from "hono";
import type { Transaction } from "kysely";
import {
  CredentialsBody,
  InstitutionSearchQuery,
  MfaBody,
  OAuthStartBody,
  SelectAccountsBody,
  type FrameBankLinkSession,
  type Institution,
  type InstitutionSearchResponse,
  type LinkStepResponse,
  type LinkSuccessResponse,
} from "../../protocol/bank-link-api.js";
import { EmptyBody } from "../../protocol/api.js";
import { ErrorCode } from "../../protocol/errors.js";
import { invalidRequest } from "../http/api-error.js";
import { parseWith, readJsonBody } from "../http/body.js";
import type { FrameEnv } from "../http/frame-auth.js";
import { sessionKind, sha256 } from "../ids.js";
import { newItemSeed, sandboxAccounts } from "../sandbox/bank-data.js";
import { isSandboxMfaCode, MFA_ATTEMPTS, MFA_MESSAGE, signIn } from "../sandbox/bank-sign-in.js";
import { findInstitution, searchInstitutions } from "../sandbox/institutions.js";
import { createItem, findBankLinkSession, withLockedBankLinkSession, type BankLinkSessionUpdate, type StoredBankLinkSession } from "../store/bank-links.js";
import type { Decision } from "../store/locked-row.js";
import type { Database, Store } from "../store/database.js";
import type { RouteDeps } from "./route-deps.js";

const DEFAULT_SEARCH_LIMIT = 20;
export const OAUTH_AUTHORIZE_PATH = "/oauth/sandbox/authorize";

const linkStepInvalid = (message: string) => invalidRequest(ErrorCode.linkStepInvalid, message, undefined, 409);

const notBankLink = () => invalidRequest(ErrorCode.sessionNotOpen, "This client token is not for a bank link session.", undefined, 409);

function refuseUnlessOpen(session: StoredBankLinkSession | undefined): StoredBankLinkSession {
  if (!session) throw notBankLink();
  if (session.status === "linked")
    throw invalidRequest(ErrorCode.sessionNotOpen, "This bank link is already complete. Start a new session to link another account.", undefined, 409);
  if (session.status !== "open") throw invalidRequest(ErrorCode.sessionNotOpen, "This bank link session is closed.", undefined, 409);
  return session;
}

async function openSession(db: Store, context: Context<FrameEnv>): Promise<StoredBankLinkSession> {
  const id = context.get("sessionId");
  return refuseUnlessOpen(sessionKind(id) === "bank_link" ? await findBankLinkSession(db, context.get("merchant").id, id) : undefined);
}

/** Runs one link step on the locked, open session of the client token. */
async function step<T>(
  db: Store,
  context: Context<FrameEnv>,
  work: (session: StoredBankLinkSession, tx: Transaction<Database>) => Promise<Decision<BankLinkSessionUpdate, T>>,
): Promise<{ session: StoredBankLinkSession; result: T }> {
  const id = context.get("sessionId");
  const outcome =
    sessionKind(id) === "bank_link" ? await withLockedBankLinkSession(db, context.get("merchant").id, id, (session, tx) => work(refuseUnlessOpen(session), tx)) : undefined;
  if (!outcome) throw notBankLink();
  return { session: outcome.row, result: outcome.result };
}

function institutionOf(id: string): Institution {
  const institution = findInstitution(id);
  if (!institution) throw invalidRequest(ErrorCode.resourceMissing, `No such institution: '${id}'.`, "institution_id", 404);
  return institution;
}

function connected(institutionId: string, seed: string): LinkStepResponse {
  const institution = institutionOf(institutionId);
  return { status: "connected", institution: { id: institution.id, name: institution.name }, accounts: sandboxAccounts(seed) };
}

/** `GET /v1/frame/session` for a bank link session. */
export async function frameBankLinkSession(db: Store, context: Context<FrameEnv>): Promise<FrameBankLinkSession> {
  const session = await openSession(db, context);
  return {
    session: { id: session.id, object: "bank_link_session", status: session.status, products: session.products },
    merchant: { name: context.get("merchant").name },
  };
}

export function bankLinkFrameApi({ db, publicTokenTtlSeconds, limits }: RouteDeps): Hono<FrameEnv> {
  const api = new Hono<FrameEnv>();

  api.get("/institutions", async (context) => {
    const query = parseWith(InstitutionSearchQuery, context.req.query());
    await openSession(db, context);
    const response: InstitutionSearchResponse = {
      institutions: searchInstitutions({ query: query.query, popularOnly: query.popular === "true", limit: query.limit ?? DEFAULT_SEARCH_LIMIT }),
    };
    return context.json(response);
  });

  api.post("/credentials", async (context) => {
    const body = await readJsonBody(context, CredentialsBody);
    const institution = institutionOf(body.institution_id);
    if (institution.auth === "oauth") {
      throw invalidRequest(ErrorCode.institutionRequiresOAuth, `${institution.name} signs you in on its own site. Continue there instead.`, "institution_id");
    }
    // Wrong passwords are bounded per session and per user of the bank, whatever the session.
    const attempt = await limits.attempt([
      ["bank_passwords_session", context.get("sessionId")],
      ["bank_passwords_username", `${institution.id}\n${body.username.trim().toLowerCase()}`],
    ]);
    // Only the outcome goes on: the username and password are not kept, logged or echoed.
    const outcome = signIn(body.username, body.password);
    if (outcome !== "invalid") await attempt.refund();
    const institutionId = institution.id;
    const { session } = await step(db, context, async () => {
      const reset: BankLinkSessionUpdate = { oauthStateHash: null };
      if (outcome === "connected") return { update: { ...reset, linkState: { step: "connected", institution_id: institutionId, seed: newItemSeed() } }, result: undefined };
      if (outcome === "mfa_required") return { update: { ...reset, linkState: { step: "mfa", institution_id: institutionId, attempts_left: MFA_ATTEMPTS } }, result: undefined };
      return { update: { ...reset, linkState: null }, result: undefined };
    });
    if (outcome === "locked") {
      throw invalidRequest(ErrorCode.itemLocked, `This account at ${institution.name} is locked after too many attempts. Contact the bank, then try again.`, undefined, 403);
    }
    if (outcome === "invalid") throw invalidRequest(ErrorCode.invalidCredentials, "The username or password is incorrect.");
    if (outcome === "mfa_required") return context.json({ status: "mfa_required", mfa: { message: MFA_MESSAGE, attempts_left: MFA_ATTEMPTS } } satisfies LinkStepResponse);
    const state = session.linkState;
    if (state?.step !== "connected") throw new Error("a connected sign-in left no connected state");
    return context.json(connected(state.institution_id, state.seed));
  });

  api.post("/mfa", async (context) => {
    const { code } = await readJsonBody(context, MfaBody);
    // A session's wrong codes are capped in total: signing in again resets `attempts_left`, not this.
    const attempt = await limits.attempt([["bank_mfa_session", context.get("sessionId")]]);
    const good = isSandboxMfaCode(code);
    if (good) await attempt.refund();
    const { session, result } = await step(db, context, async (current): Promise<{ update: BankLinkSessionUpdate; result: number }> => {
      const state = current.linkState;
      if (state?.step !== "mfa") throw linkStepInvalid("No verification code is expected now. Sign in first.");
      if (good) return { update: { linkState: { step: "connected", institution_id: state.institution_id, seed: newItemSeed() } }, result: state.attempts_left };
      // A wrong code counts down under the lock; the last one ends the attempt.
      const left = state.attempts_left - 1;
      return { update: { linkState: left > 0 ? { ...state, attempts_left: left } : null }, result: left };
    });
    const state = session.linkState;
    if (state?.step === "connected") return context.json(connected(state.institution_id, state.seed));
    if (result <= 0) throw invalidRequest(ErrorCode.mfaLocked, "Too many incorrect codes. Sign in again to get a new code.", undefined, 403);
    throw invalidRequest(ErrorCode.invalidMfaCode, `That code is incorrect. ${result} ${result === 1 ? "attempt" : "attempts"} left.`, "code");
  });

  api.post("/oauth/start", async (context) => {
    const { institution_id } = await readJsonBody(context, OAuthStartBody);
    const institution = institutionOf(institution_id);
    if (institution.auth !== "oauth") {
      throw invalidRequest(ErrorCode.parameterInvalid, `${institution.name} signs in with a username and password, not on its own site.`, "institution_id");
    }
    // The state travels only in the bank page's URL; the store keeps its hash.
    const state = randomBytes(32).toString("base64url");
    await step(db, context, async () => ({
      update: { linkState: { step: "oauth", institution_id: institution.id, decision: "pending" }, oauthStateHash: sha256(state) },
      result: undefined,
    }));
    const response: LinkStepResponse = { status: "oauth_pending", authorization_url: `${new URL(context.req.url).origin}${OAUTH_AUTHORIZE_PATH}?state=${state}` };
    return context.json(response);
  });

  api.get("/oauth/status", async (context) => {
    parseWith(EmptyBody, context.req.query());
    const state = (await openSession(db, context)).linkState;
    if (state?.step === "connected") return context.json(connected(state.institution_id, state.seed));
    if (state?.step !== "oauth") throw linkStepInvalid("No bank sign-in is under way. Start one with POST /v1/frame/bank_link/oauth/start.");
    if (state.decision === "denied") return context.json({ status: "oauth_denied" } satisfies LinkStepResponse);
    // Only the state's hash is kept, so the page's full address cannot be repeated here;
    // to open the bank's page again, start again (a new state).
    return context.json({ status: "oauth_pending", authorization_url: `${new URL(context.req.url).origin}${OAUTH_AUTHORIZE_PATH}` } satisfies LinkStepResponse);
  });

  api.post("/accounts", async (context) => {
    const { account_ids } = await readJsonBody(context, SelectAccountsBody);
    const merchant = context.get("merchant");
    const { result } = await step(db, context, async (session, tx) => {
      const state = session.linkState;
      if (state?.step !== "connected") throw linkStepInvalid("Sign in to the bank before choosing accounts.");
      const offered = sandboxAccounts(state.seed);
      account_ids.forEach((id, index) => {
        if (!offered.some((account) => account.id === id)) throw invalidRequest(ErrorCode.parameterInvalid, `No such account to choose: '${id}'.`, `account_ids.${index}`);
      });
      const chosen = offered.filter((account) => account_ids.includes(account.id));
      const { item, publicToken } = await createItem(
        tx,
        {
          merchantId: merchant.id,
          sessionId: session.id,
          institutionId: state.institution_id,
          seed: state.seed,
          accountIds: chosen.map((account) => account.id),
          products: session.products,
        },
        publicTokenTtlSeconds,
      );
      return { update: { status: "linked", linkState: null, oauthStateHash: null, itemId: item.id }, result: { publicToken, institutionId: state.institution_id, chosen } };
    });
    const institution = institutionOf(result.institutionId);
    const response: LinkSuccessResponse = {
      public_token: result.publicToken,
      institution: { id: institution.id, name: institution.name },
      accounts: result.chosen.map(({ id, name, mask, type, subtype }) => ({ id, name, mask, type, subtype })),
    };
    return context.json(response);
  });

  return api;
}
