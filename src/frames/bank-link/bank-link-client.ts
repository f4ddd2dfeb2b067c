/**
 * The bank-link frame's calls to the widget host, typed: a thin layer over FrameApi (same
 * authentication, token refresh and error envelopes). The paths live here and nowhere else.
 * Credentials and codes go in one request each; the client keeps nothing.
 *
 * FrameApi calls a 4xx answer not retryable (the request itself was wrong). A wrong
 * password or a wrong code is a 400 too, but the customer can simply type it again, so
 * those two leave here as `retryable: true` (as Plaid's INVALID_CREDENTIALS and
 * INVALID_MFA are "user can retry"); a locked account or locked codes stay not retryable.
 *
 *   GET  /v1/frame/session                                  → FrameBankLinkSession (checked here)
 *   GET  /v1/frame/bank_link/institutions?popular=true|query=…&limit=…
 *   POST /v1/frame/bank_link/credentials   { institution_id, username, password } → LinkStepResponse
 *   POST /v1/frame/bank_link/mfa           { code } → LinkStepResponse
 *   POST /v1/frame/bank_link/oauth/start   { institution_id } → LinkStepResponse
 *   GET  /v1/frame/bank_link/oauth/status  → LinkStepResponse
 *   POST /v1/frame/bank_link/accounts      { account_ids } → LinkSuccessResponse
 */
import type { FrameBankLinkSession, Institution, LinkStepResponse, LinkSuccessResponse } from "../../protocol/bank-link-api.js";
import type { InstitutionSearchResponse } from "../../protocol/bank-link-api.js";
import { EnclaveError, ErrorCode } from "../../protocol/errors.js";
import type { FrameRequests } from "../api-client.js";

const base = "/v1/frame/bank_link";
export const bankLinkPaths = {
  institutions: `${base}/institutions`,
  credentials: `${base}/credentials`,
  mfa: `${base}/mfa`,
  oauthStart: `${base}/oauth/start`,
  oauthStatus: `${base}/oauth/status`,
  accounts: `${base}/accounts`,
} as const;

/** What the bank-link controller calls. */
export interface BankLinkApi {
  /** The session, when it is an open bank-link session (rejects otherwise, with why). */
  session(): Promise<FrameBankLinkSession>;
  popularInstitutions(limit: number): Promise<Institution[]>;
  searchInstitutions(query: string, limit: number): Promise<Institution[]>;
  signIn(institutionId: string, username: string, password: string): Promise<LinkStepResponse>;
  submitMfa(code: string): Promise<LinkStepResponse>;
  startOAuth(institutionId: string): Promise<LinkStepResponse>;
  oauthStatus(): Promise<LinkStepResponse>;
  chooseAccounts(accountIds: string[]): Promise<LinkSuccessResponse>;
}

export class BankLinkClient implements BankLinkApi {
  constructor(private readonly api: FrameRequests) {}

  /** During `init`: an expired token is the page's to refresh (see FrameApi.getSession). */
  async session(): Promise<FrameBankLinkSession> {
    return bankLinkSession(await this.api.getSession<unknown>());
  }

  async popularInstitutions(limit: number): Promise<Institution[]> {
    const { institutions } = await this.api.request<InstitutionSearchResponse>("GET", `${bankLinkPaths.institutions}?popular=true&limit=${limit}`);
    return institutions;
  }

  async searchInstitutions(query: string, limit: number): Promise<Institution[]> {
    const { institutions } = await this.api.request<InstitutionSearchResponse>("GET", `${bankLinkPaths.institutions}?query=${encodeURIComponent(query)}&limit=${limit}`);
    return institutions;
  }

  signIn(institutionId: string, username: string, password: string): Promise<LinkStepResponse> {
    return retryableByCustomer(this.api.request<LinkStepResponse>("POST", bankLinkPaths.credentials, { institution_id: institutionId, username, password }));
  }

  submitMfa(code: string): Promise<LinkStepResponse> {
    return retryableByCustomer(this.api.request<LinkStepResponse>("POST", bankLinkPaths.mfa, { code }));
  }

  startOAuth(institutionId: string): Promise<LinkStepResponse> {
    return this.api.request<LinkStepResponse>("POST", bankLinkPaths.oauthStart, { institution_id: institutionId });
  }

  oauthStatus(): Promise<LinkStepResponse> {
    return this.api.request<LinkStepResponse>("GET", bankLinkPaths.oauthStatus);
  }

  chooseAccounts(accountIds: string[]): Promise<LinkSuccessResponse> {
    return this.api.request<LinkSuccessResponse>("POST", bankLinkPaths.accounts, { account_ids: accountIds });
  }
}

/** What the customer mistyped and can type again at once. */
const typedAgain: ReadonlySet<string> = new Set([ErrorCode.invalidCredentials, ErrorCode.invalidMfaCode]);

/** The sign-in's answer, with a wrong password or code marked retryable. */
async function retryableByCustomer<T>(request: Promise<T>): Promise<T> {
  try {
    return await request;
  } catch (error) {
    const reason = EnclaveError.from(error);
    if (!typedAgain.has(reason.code) || reason.retryable) throw reason;
    const options: { retryable: boolean; param?: string; cause: unknown } = { retryable: true, cause: reason };
    if (reason.param !== undefined) options.param = reason.param;
    throw new EnclaveError(reason.code, reason.message, options);
  }
}

/** The session `GET /v1/frame/session` returned, when it is an open bank-link session. */
function bankLinkSession(value: unknown): FrameBankLinkSession {
  const candidate = value as Partial<FrameBankLinkSession> | undefined;
  if (candidate?.session?.object !== "bank_link_session" || !candidate.merchant) {
    throw new EnclaveError(ErrorCode.invalidConfiguration, "This client token is not for a bank link session. Create one with POST /v1/bank_link_sessions.");
  }
  if (candidate.session.status !== "open") {
    throw new EnclaveError(
      ErrorCode.sessionNotOpen,
      candidate.session.status === "linked" ? "This bank account is already connected." : "This bank connection was closed. Start again from the merchant's page.",
    );
  }
  return candidate as FrameBankLinkSession;
}
