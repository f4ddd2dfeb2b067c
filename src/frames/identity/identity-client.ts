/**
 * The identity frame's calls to the widget host, typed: a thin layer over FrameApi (same
 * authentication, token refresh and error envelopes), plus the one unauthenticated call
 * the phone page makes to claim its hand-off link.
 *
 *   GET  /v1/frame/session                     → FrameIdentitySession
 *   POST /v1/frame/identity/document           { type, issuing_country }
 *   POST /v1/frame/identity/files              multipart: side, file   → UploadResponse
 *   POST /v1/frame/identity/submit
 *   GET  /v1/frame/identity/status             → FrameIdentitySession
 *   POST /v1/frame/identity/handoff            → HandoffResponse
 *   POST /v1/frame/identity/handoff/complete   (the phone, when its photos are in)
 *   POST /v1/identity/handoff/claim            { token } → ClaimHandoffResponse (no auth)
 */
import { EnclaveError, ErrorCode } from "../../protocol/errors.js";
import type { ClaimHandoffResponse, DocumentType, FrameIdentitySession, HandoffResponse, ImageSide, UploadResponse } from "../../protocol/identity-api.js";
import type { FrameApi } from "../api-client.js";
import { developerErrorMessage } from "./messages.js";

export const identityPaths = {
  session: "/v1/frame/session",
  document: "/v1/frame/identity/document",
  files: "/v1/frame/identity/files",
  submit: "/v1/frame/identity/submit",
  status: "/v1/frame/identity/status",
  handoff: "/v1/frame/identity/handoff",
  handoffComplete: "/v1/frame/identity/handoff/complete",
  claim: "/v1/identity/handoff/claim",
} as const;

/** What the controller calls (a fake is easy, but the tests use this one over a stubbed fetch). */
export interface IdentityApi {
  session(): Promise<FrameIdentitySession>;
  chooseDocument(type: DocumentType, issuingCountry: string): Promise<unknown>;
  upload(side: ImageSide, image: Blob, filename: string): Promise<UploadResponse>;
  submit(): Promise<unknown>;
  status(): Promise<FrameIdentitySession>;
  startHandoff(): Promise<HandoffResponse>;
  completeHandoff(): Promise<unknown>;
}

type FrameRequests = Pick<FrameApi, "getSession" | "request" | "upload">;

export class IdentityClient implements IdentityApi {
  constructor(private readonly api: FrameRequests) {}

  /** During `init`: an expired token is the page's to refresh (see FrameApi.getSession). */
  session(): Promise<FrameIdentitySession> {
    return this.api.getSession<FrameIdentitySession>();
  }

  chooseDocument(type: DocumentType, issuingCountry: string): Promise<unknown> {
    return this.api.request("POST", identityPaths.document, { type, issuing_country: issuingCountry });
  }

  upload(side: ImageSide, image: Blob, filename: string): Promise<UploadResponse> {
    const form = new FormData();
    form.append("side", side);
    form.append("file", image, filename);
    return this.api.upload<UploadResponse>(identityPaths.files, form);
  }

  submit(): Promise<unknown> {
    return this.api.request("POST", identityPaths.submit);
  }

  status(): Promise<FrameIdentitySession> {
    return this.api.request<FrameIdentitySession>("GET", identityPaths.status);
  }

  startHandoff(): Promise<HandoffResponse> {
    return this.api.request<HandoffResponse>("POST", identityPaths.handoff);
  }

  completeHandoff(): Promise<unknown> {
    return this.api.request("POST", identityPaths.handoffComplete);
  }
}

/**
 * The phone page's first call: trades the hand-off link's one-time token for a client
 * token of the same session. Same origin, no credentials, no client token yet. Any
 * refusal is `handoff_invalid`: the customer can only ask for a new link.
 */
export async function claimHandoff(token: string): Promise<ClaimHandoffResponse> {
  let response: Response;
  try {
    response = await fetch(identityPaths.claim, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ token }),
      credentials: "omit",
      cache: "no-store",
    });
  } catch (cause) {
    throw new EnclaveError(ErrorCode.networkError, developerErrorMessage(ErrorCode.networkError, "Network error."), { retryable: true, cause });
  }
  const payload: unknown = await response.json().catch(() => undefined);
  if (response.ok && isClaim(payload)) return payload;
  if (response.status >= 500 || response.status === 429) {
    throw new EnclaveError(ErrorCode.serviceUnavailable, "The verification service isn't answering right now. Try again in a moment.", { retryable: true });
  }
  throw new EnclaveError(ErrorCode.handoffInvalid, developerErrorMessage(ErrorCode.handoffInvalid, "This link can't be used."), { retryable: false });
}

function isClaim(value: unknown): value is ClaimHandoffResponse {
  if (typeof value !== "object" || value === null) return false;
  const claim = value as Record<string, unknown>;
  return typeof claim["client_token"] === "string" && typeof claim["publishable_key"] === "string" && typeof claim["session"] === "string";
}
