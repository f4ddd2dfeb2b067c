/**
 * The frames' client of the widget host's frame API (same origin as the frame). Sends
 * the client token, the publishable key and the parent origin the browser reported;
 * refreshes an expired token through the host page once, then retries. API errors
 * become EnclaveErrors with the envelope's code, message, `param` and `decline_code`.
 * Bodies are JSON, or FormData for file uploads (`upload()`), which the browser encodes
 * as multipart/form-data with a boundary of its own. Every call carries a DPoP proof by the
 * frame's own key (dpop.ts), which the server binds the token to at its first use.
 */
import type { FrameSessionResponse } from "../protocol/api.js";
import { EnclaveError, ErrorCode } from "../protocol/errors.js";
import { dpopProof, frameKeyPair } from "./dpop.js";

export interface FrameApiOptions {
  publishableKey: string;
  parentOrigin: string;
  clientToken: string;
  /** Asks the merchant page for a fresh token (through the bridge). */
  refreshClientToken: () => Promise<string>;
}

/**
 * The server's clock minus ours, once a proof was refused for its time: a customer's
 * wrong clock must not stop a payment (the server allows ±60 s). Shared by every client
 * of this frame.
 */
let clockOffsetMs = 0;

/**
 * What a flow's typed client (checkout-client, bank-link-client, identity-client) needs of
 * FrameApi: a fake of it is all a controller suite has to write.
 */
export type FrameRequests = Pick<FrameApi, "getSession" | "request">;

export class FrameApi {
  private clientToken: string;
  /** The session request `startSession` sent ahead, for the flow's first `getSession`. */
  private sessionAhead: Promise<unknown> | undefined;

  constructor(private readonly options: FrameApiOptions) {
    this.clientToken = options.clientToken;
    // Made now rather than on the first call; a missing crypto.subtle is reported by that call.
    frameKeyPair().catch(() => undefined);
  }

  /**
   * Resumes the session, during `init`. An expired token is not refreshed here: the page
   * retries `init` with a fresh token when it has `fetchClientToken`, and otherwise
   * reports `client_token_expired` — the cause the merchant must fix.
   *
   * The session's shape depends on the flow the token was minted for: checkout's by
   * default, `FrameIdentitySession` for an identity frame, and so on.
   */
  getSession<T = FrameSessionResponse>(): Promise<T> {
    const ahead = this.sessionAhead;
    this.sessionAhead = undefined;
    // The answer to the same request, sent earlier: its type is the caller's to name, as `send`'s is.
    return ahead ? (ahead as Promise<T>) : this.send<T>("GET", "/v1/frame/session");
  }

  /**
   * Sends `GET /v1/frame/session` now, the moment `init` brings the token, rather than when
   * the flow asks for it after its other boot work (issue 13: ready sooner); the flow's
   * first `getSession()` gets this answer. Resolves once the request has left (or failed
   * before it could), so the caller can start rendering without delaying it.
   */
  startSession(): Promise<void> {
    return new Promise((sent) => {
      const session = this.send<unknown>("GET", "/v1/frame/session", undefined, false, sent);
      // Reported to whoever reads it with getSession; a failure before sending still lets the caller go on.
      session.catch(() => sent());
      this.sessionAhead = session;
    });
  }

  /**
   * POSTs `form` as multipart/form-data (a file upload) with the same authentication and
   * token refresh as `request()`. FormData can be sent twice, so the retry after a
   * refresh sends the same file again.
   */
  upload<T>(path: string, form: FormData): Promise<T> {
    return this.request<T>("POST", path, form);
  }

  async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    try {
      return await this.send<T>(method, path, body);
    } catch (error) {
      if (!(error instanceof EnclaveError) || error.code !== ErrorCode.clientTokenExpired) throw error;
      this.clientToken = await this.options.refreshClientToken();
      return this.send<T>(method, path, body);
    }
  }

  /** `sent` is called once the request has been handed to the browser. */
  private async send<T>(method: string, path: string, body?: unknown, retried = false, sent?: () => void): Promise<T> {
    const headers: Record<string, string> = {
      Authorization: `Bearer ${this.clientToken}`,
      "Enclave-Publishable-Key": this.options.publishableKey,
      "Enclave-Parent-Origin": this.options.parentOrigin,
      DPoP: await dpopProof(method, path, this.clientToken, Date.now() + clockOffsetMs),
    };
    // FormData goes as it is, without a Content-Type: the browser writes the multipart one with its boundary.
    const form = body instanceof FormData ? body : undefined;
    if (body !== undefined && !form) headers["Content-Type"] = "application/json";
    let response: Response;
    try {
      const responded = fetch(path, { method, headers, body: form ?? (body === undefined ? null : JSON.stringify(body)), credentials: "omit", cache: "no-store" });
      sent?.();
      response = await responded;
    } catch (cause) {
      throw new EnclaveError(ErrorCode.networkError, "We couldn't reach the payment service. Check your connection and try again.", { retryable: true, cause });
    }
    const payload: unknown = await response.json().catch(() => undefined);
    if (response.ok) return payload as T;
    const envelope = (payload as { error?: { code?: unknown; message?: unknown; param?: unknown; decline_code?: unknown } } | undefined)?.error;
    if (envelope?.code === ErrorCode.dpopProofInvalid && !retried && this.learnServerClock(response)) return this.send<T>(method, path, body, true);
    const options: { retryable: boolean; param?: string; declineCode?: string } = {
      // 402: the card was refused (a decline, a failed 3-D Secure check). Another card or
      // corrected details may well succeed, so the customer is invited to try again. A total
      // the merchant changed is paid by pressing Pay again, once the new one shows.
      retryable: response.status >= 500 || response.status === 429 || response.status === 402 || envelope?.code === ErrorCode.amountChanged,
    };
    if (typeof envelope?.param === "string") options.param = envelope.param;
    if (typeof envelope?.decline_code === "string") options.declineCode = envelope.decline_code;
    throw new EnclaveError(
      typeof envelope?.code === "string" ? (envelope.code as ErrorCode) : ErrorCode.internalError,
      typeof envelope?.message === "string" ? envelope.message : `The service answered ${response.status}.`,
      options,
    );
  }

  /** Takes the server's clock from its Date header; true when ours was off by enough to explain a refused proof. */
  private learnServerClock(response: Response): boolean {
    const serverMs = Date.parse(response.headers.get("Date") ?? "");
    if (Number.isNaN(serverMs)) return false;
    const offset = serverMs - Date.now();
    if (Math.abs(offset - clockOffsetMs) < 30_000) return false;
    clockOffsetMs = offset;
    return true;
  }
}
