/**
 * `enclave-kit/server`: the merchant backend's client of the widget host's `/v1` API.
 *
 *   const enclave = new EnclaveClient(process.env.ENCLAVE_SECRET_KEY, { host: "http://localhost:4000" });
 *   const intent = await enclave.paymentIntents.create({ amount: 4900, currency: "usd" });
 *   const session = await enclave.bankLinkSessions.create({ products: ["transactions"] });
 *   const { access_token } = await enclave.bankLinks.exchange({ public_token });
 *   const { transactions, next_cursor } = await enclave.transactions.list(access_token, { limit: 50 });
 *   const verification = await enclave.identitySessions.create({ type: "document", options: { require_selfie: true } });
 *   const { status, verified_outputs } = await enclave.identitySessions.retrieve(verification.id);
 *
 * Every POST carries an `Idempotency-Key` (generated unless given) that is reused across
 * the client's own retries, so a retry after a network error never creates twice.
 * Errors are `EnclaveApiError`s with the API's `type`, `code`, `message` and `param`.
 */
import type {
  AllowedOrigin,
  AllowedOriginList,
  ClientToken,
  CreatePaymentIntentBody,
  UpdatePaymentIntentBody,
  CreateRefundBody,
  CreateWebhookEndpointBody,
  DeletedWebhookEndpoint,
  PaymentIntent,
  PaymentIntentWithToken,
  Refund,
  RotatedWebhookSecret,
  WebhookEndpoint,
  WebhookEndpointDetails,
  WebhookEndpointList,
  WebhookEndpointListQuery,
} from "../protocol/api.js";
import type {
  AccountsResponse,
  BankLinkSession,
  BankLinkSessionDetails,
  CreateBankLinkSessionBody,
  ExchangePublicTokenResponse,
  RemovedItem,
  TransactionsQuery,
  TransactionsResponse,
} from "../protocol/bank-link-api.js";
import type { CreateIdentitySessionBody, IdentitySession, IdentitySessionWithToken } from "../protocol/identity-api.js";
import type {
  CreateCustomerBody,
  Customer,
  CustomerList,
  CustomerListQuery,
  Event,
  EventList,
  EventListQuery,
  IdentitySessionList,
  IdentitySessionListQuery,
  PaymentIntentList,
  PaymentIntentListQuery,
  RefundList,
  RefundListQuery,
} from "../protocol/lists-api.js";
import { verifyWebhookSignature, type WebhookEvent } from "./webhooks.js";

export type * from "../protocol/api.js";
export type * from "../protocol/bank-link-api.js";
export type * from "../protocol/identity-api.js";
export type * from "../protocol/lists-api.js";

export { verifyWebhookSignature, WebhookSignatureError, type WebhookEvent } from "./webhooks.js";

export interface EnclaveClientOptions {
  /** The widget host's origin. Default: http://localhost:4000. */
  host?: string;
  /** Retries after network errors and 5xx/429 answers. Default: 2. */
  maxRetries?: number;
  /** Per-request timeout. Default: 30 s. */
  timeoutMs?: number;
  /** A fetch to use instead of the global one (tests, proxies). */
  fetch?: typeof fetch;
}

export interface RequestOptions {
  /** Your own key, to make a request idempotent across your process restarts too. */
  idempotencyKey?: string;
}

export class EnclaveApiError extends Error {
  override name = "EnclaveApiError";
  constructor(
    readonly status: number,
    readonly type: string,
    readonly code: string,
    message: string,
    readonly param?: string,
    readonly declineCode?: string,
    /** From `Retry-After` on a 429 (`rate_limited`) or 503 (`server_busy`): seconds to wait before trying again. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }

  /** Network errors, timeouts, 429 and 5xx may succeed when tried again. */
  get retryable(): boolean {
    return this.status === 0 || this.status === 429 || this.status >= 500;
  }
}

export class EnclaveClient {
  private readonly host: string;
  private readonly maxRetries: number;
  private readonly timeoutMs: number;
  private readonly fetchImpl: typeof fetch;

  constructor(
    private readonly secretKey: string | undefined,
    options: EnclaveClientOptions = {},
  ) {
    if (typeof secretKey !== "string" || !/^sk_(test|live)_[A-Za-z0-9]+$/.test(secretKey)) {
      throw new EnclaveApiError(0, "invalid_request_error", "invalid_api_key", "EnclaveClient needs your secret key (sk_test_… or sk_live_…).");
    }
    this.host = new URL(options.host ?? "http://localhost:4000").origin;
    this.maxRetries = options.maxRetries ?? 2;
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.fetchImpl = options.fetch ?? fetch;
  }

  readonly paymentIntents = {
    create: (body: CreatePaymentIntentBody, options?: RequestOptions) => this.request<PaymentIntentWithToken>("POST", "/v1/payment_intents", body, options),
    retrieve: (id: string) => this.request<PaymentIntent>("GET", `/v1/payment_intents/${encodeURIComponent(id)}`),
    /** Changes the amount, description or metadata before the customer pays; then call the element's `refresh()`. */
    update: (id: string, body: UpdatePaymentIntentBody, options?: RequestOptions) =>
      this.request<PaymentIntent>("POST", `/v1/payment_intents/${encodeURIComponent(id)}`, body, options),
    /** A page of your payment intents, newest first; narrow by `status` or `customer`, and pass the last id as `starting_after` for the next page. */
    list: (query: PaymentIntentListQuery = {}) => this.request<PaymentIntentList>("GET", `/v1/payment_intents${queryString(query)}`),
    cancel: (id: string, options?: RequestOptions) => this.request<PaymentIntent>("POST", `/v1/payment_intents/${encodeURIComponent(id)}/cancel`, {}, options),
  };

  readonly refunds = {
    create: (body: CreateRefundBody, options?: RequestOptions) => this.request<Refund>("POST", "/v1/refunds", body, options),
    /** A page of your refunds, newest first. */
    list: (query: RefundListQuery = {}) => this.request<RefundList>("GET", `/v1/refunds${queryString(query)}`),
  };

  readonly events = {
    /** A page of your events (every webhook body, delivered or not), newest first: reconcile from these. */
    list: (query: EventListQuery = {}) => this.request<EventList>("GET", `/v1/events${queryString(query)}`),
    /** One event, exactly as its webhook deliveries carry it. */
    retrieve: (id: string) => this.request<Event>("GET", `/v1/events/${encodeURIComponent(id)}`),
  };

  readonly customers = {
    create: (body: CreateCustomerBody = {}, options?: RequestOptions) => this.request<Customer>("POST", "/v1/customers", body, options),
    retrieve: (id: string) => this.request<Customer>("GET", `/v1/customers/${encodeURIComponent(id)}`),
    /** A page of your customers, newest first. */
    list: (query: CustomerListQuery = {}) => this.request<CustomerList>("GET", `/v1/customers${queryString(query)}`),
  };

  readonly clientTokens = {
    create: (body: { session: string }, options?: RequestOptions) => this.request<ClientToken>("POST", "/v1/client_tokens", body, options),
  };

  readonly allowedOrigins = {
    create: (body: { origin: string }, options?: RequestOptions) => this.request<AllowedOrigin>("POST", "/v1/allowed_origins", body, options),
    list: () => this.request<AllowedOriginList>("GET", "/v1/allowed_origins"),
  };

  readonly webhookEndpoints = {
    /** Registers an endpoint; its `secret` (whsec_…) is shown only here: keep it to verify deliveries. */
    create: (body: CreateWebhookEndpointBody, options?: RequestOptions) => this.request<WebhookEndpoint>("POST", "/v1/webhook_endpoints", body, options),
    /** A page of your endpoints, newest first (without secrets); pass the last id as `starting_after` for the next. */
    list: (query: WebhookEndpointListQuery = {}) => this.request<WebhookEndpointList>("GET", `/v1/webhook_endpoints${queryString(query)}`),
    retrieve: (id: string) => this.request<WebhookEndpointDetails>("GET", `/v1/webhook_endpoints/${encodeURIComponent(id)}`),
    /** Deletes an endpoint; deliveries still pending to it are not sent. */
    delete: (id: string) => this.request<DeletedWebhookEndpoint>("DELETE", `/v1/webhook_endpoints/${encodeURIComponent(id)}`),
    /** A new signing secret; deliveries carry a second `v1=` signed with the previous one for 24 hours, so either verifies while you deploy the new one. */
    rotateSecret: (id: string, options?: RequestOptions) =>
      this.request<RotatedWebhookSecret>("POST", `/v1/webhook_endpoints/${encodeURIComponent(id)}/rotate_secret`, {}, options),
  };

  readonly bankLinkSessions = {
    /** Opens a bank link session; hand its `client_token` to `<enclave-bank-link>`. */
    create: (body: CreateBankLinkSessionBody, options?: RequestOptions) => this.request<BankLinkSession>("POST", "/v1/bank_link_sessions", body, options),
    retrieve: (id: string) => this.request<BankLinkSessionDetails>("GET", `/v1/bank_link_sessions/${encodeURIComponent(id)}`),
  };

  readonly bankLinks = {
    /** Trades the page's single-use `public_token` (30 minutes) for the item's long-lived access token. Keep that on your backend. */
    exchange: (body: { public_token: string }, options?: RequestOptions) => this.request<ExchangePublicTokenResponse>("POST", "/v1/bank_links/exchange", body, options),
  };

  readonly accounts = {
    /** The linked item's accounts; balances only when the session asked for `balances`. */
    list: (accessToken: string) => this.request<AccountsResponse>("GET", "/v1/accounts", undefined, { headers: accessTokenHeader(accessToken) }),
  };

  readonly transactions = {
    /** One page of the item's transactions, newest first; pass `next_cursor` back as `cursor` for the next page. */
    list: (accessToken: string, query: TransactionsQuery = {}) =>
      this.request<TransactionsResponse>("GET", `/v1/transactions${queryString(query)}`, undefined, { headers: accessTokenHeader(accessToken) }),
  };

  readonly items = {
    /** Removes a linked item: its access token stops working at once. */
    remove: (id: string, options?: RequestOptions) => this.request<RemovedItem>("POST", `/v1/items/${encodeURIComponent(id)}/remove`, {}, options),
  };

  readonly identitySessions = {
    /**
     * Opens an identity verification session (`type: "document"`); hand its `client_token`
     * to `<enclave-identity>`. `options.require_selfie` adds a selfie; in the sandbox,
     * `options.sandbox_outcome` picks the result.
     */
    create: (body: CreateIdentitySessionBody, options?: RequestOptions) => this.request<IdentitySessionWithToken>("POST", "/v1/identity_sessions", body, options),
    /** The session and, once it is `verified`, its `verified_outputs` (name, date of birth, document) — the only place they are given. */
    retrieve: (id: string) => this.request<IdentitySession>("GET", `/v1/identity_sessions/${encodeURIComponent(id)}`),
    /** A page of your identity sessions, newest first (without verified outputs: retrieve one for those). */
    list: (query: IdentitySessionListQuery = {}) => this.request<IdentitySessionList>("GET", `/v1/identity_sessions${queryString(query)}`),
    /** Cancels a session still waiting for the customer (`requires_input`); its images are deleted. */
    cancel: (id: string, options?: RequestOptions) => this.request<IdentitySession>("POST", `/v1/identity_sessions/${encodeURIComponent(id)}/cancel`, {}, options),
    /** Deletes every image and all personal data of the session at once; it becomes `redacted`. Redacting twice is harmless. */
    redact: (id: string, options?: RequestOptions) => this.request<IdentitySession>("POST", `/v1/identity_sessions/${encodeURIComponent(id)}/redact`, {}, options),
  };

  readonly webhooks = {
    /** Checks `Enclave-Signature` against the raw body and returns the parsed event. */
    constructEvent: (rawBody: string, signatureHeader: string | undefined, secret: string, toleranceSeconds?: number): WebhookEvent =>
      verifyWebhookSignature(rawBody, signatureHeader, secret, toleranceSeconds),
  };

  private async request<T>(method: "GET" | "POST" | "DELETE", path: string, body?: unknown, options: RequestOptions & { headers?: Record<string, string> } = {}): Promise<T> {
    const headers: Record<string, string> = { ...options.headers, Authorization: `Bearer ${this.secretKey}`, Accept: "application/json" };
    if (method === "POST") {
      headers["Content-Type"] = "application/json";
      headers["Idempotency-Key"] = options.idempotencyKey ?? crypto.randomUUID();
    }
    for (let attempt = 0; ; attempt++) {
      let error: EnclaveApiError;
      try {
        const response = await this.fetchImpl(`${this.host}${path}`, {
          method,
          headers,
          body: method === "POST" ? JSON.stringify(body ?? {}) : null,
          signal: AbortSignal.timeout(this.timeoutMs),
        });
        const payload = (await response.json().catch(() => undefined)) as { error?: Record<string, string> } | undefined;
        if (response.ok) return payload as T;
        const envelope = payload?.error ?? {};
        error = new EnclaveApiError(
          response.status,
          envelope["type"] ?? "api_error",
          envelope["code"] ?? "internal_error",
          envelope["message"] ?? `The widget host answered ${response.status}.`,
          envelope["param"],
          envelope["decline_code"],
          retryAfter(response.headers.get("retry-after")),
        );
      } catch (cause) {
        error = new EnclaveApiError(0, "api_connection_error", "network_error", `Could not reach the widget host at ${this.host}: ${(cause as Error).message}`);
      }
      if (!error.retryable || attempt >= this.maxRetries) throw error;
      // A limit says when it opens again; a wait longer than that is the caller's to decide.
      if (error.retryAfterSeconds !== undefined && error.retryAfterSeconds > MAX_RETRY_AFTER_SECONDS) throw error;
      const backoffMs = 250 * 2 ** attempt + Math.random() * 100;
      await new Promise((resolve) => setTimeout(resolve, Math.max(backoffMs, (error.retryAfterSeconds ?? 0) * 1000)));
    }
  }
}

/** The SDK's own retries wait out a `Retry-After` up to this long; a longer one is thrown at once. */
const MAX_RETRY_AFTER_SECONDS = 5;

function retryAfter(header: string | null): number | undefined {
  if (header === null || !/^\d{1,9}$/.test(header.trim())) return undefined;
  return Number(header.trim());
}

function accessTokenHeader(accessToken: string): Record<string, string> {
  if (typeof accessToken !== "string" || accessToken.length === 0) {
    throw new EnclaveApiError(0, "invalid_request_error", "access_token_invalid", "Pass the item's access token (from bankLinks.exchange).");
  }
  return { "Enclave-Access-Token": accessToken };
}

function queryString(query: Record<string, string | number | undefined>): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) if (value !== undefined) params.set(name, String(value));
  const text = params.toString();
  return text ? `?${text}` : "";
}
