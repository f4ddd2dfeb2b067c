/**
 * Every error a merchant, a customer or a test can meet has one code from this file.
 *
 * The codes are part of the public contract: `enclave-error` details, rejected
 * `submit()` promises and the API's `{ error: { type, code, message } }` envelope all
 * carry them. Add codes; never rename one.
 */

export const ErrorCode = {
  // Bridge (host page <-> frame)
  handshakeTimeout: "handshake_timeout",
  callTimeout: "call_timeout",
  connectionClosed: "connection_closed",
  methodNotFound: "method_not_found",
  invalidParams: "invalid_params",
  remoteError: "remote_error",
  /** The frame reloaded while a call waited for its answer; call again after `enclave-ready`. */
  frameReloaded: "frame_reloaded",

  // Host elements (integration mistakes and environment failures)
  frameConnectTimeout: "frame_connect_timeout",
  missingPublishableKey: "missing_publishable_key",
  invalidPublishableKey: "invalid_publishable_key",
  clientTokenUnavailable: "client_token_unavailable",
  invalidAppearance: "invalid_appearance",
  notConnected: "not_connected",
  invalidHost: "invalid_host",
  invalidConfiguration: "invalid_configuration",

  // API: requests
  invalidJson: "invalid_json",
  invalidRequest: "invalid_request",
  parameterMissing: "parameter_missing",
  parameterInvalid: "parameter_invalid",
  parameterUnknown: "parameter_unknown",
  bodyTooLarge: "body_too_large",
  unsupportedMediaType: "unsupported_media_type",
  resourceMissing: "resource_missing",
  routeNotFound: "route_not_found",
  methodNotAllowed: "method_not_allowed",
  idempotencyKeyReused: "idempotency_key_reused",
  idempotencyKeyInvalid: "idempotency_key_invalid",
  idempotencyKeyInUse: "idempotency_key_in_use",
  /** Any limit (docs/security.md): HTTP 429 with Retry-After. */
  rateLimited: "rate_limited",
  /** A webhook URL that resolves to loopback, private, link-local or metadata addresses. */
  urlNotAllowed: "url_not_allowed",

  // API: authentication and client tokens
  authenticationRequired: "authentication_required",
  invalidApiKey: "invalid_api_key",
  clientTokenInvalid: "client_token_invalid",
  clientTokenExpired: "client_token_expired",
  clientTokenForeign: "client_token_foreign",
  originNotAllowed: "origin_not_allowed",
  sessionNotOpen: "session_not_open",
  /** A frame call without a DPoP proof (RFC 9449), or with one that does not verify. */
  dpopProofRequired: "dpop_proof_required",
  dpopProofInvalid: "dpop_proof_invalid",
  /** The client token is bound to another frame's key: a copied token is refused. */
  clientTokenBound: "client_token_bound",
  /** GET /metrics with ENCLAVE_METRICS_TOKEN set: no Bearer token, or not that one. */
  metricsTokenInvalid: "metrics_token_invalid",

  // Payments (Stripe's codes, so merchants who know Stripe read them at once)
  cardDeclined: "card_declined",
  expiredCard: "expired_card",
  incorrectCvc: "incorrect_cvc",
  incorrectNumber: "incorrect_number",
  invalidExpiryYear: "invalid_expiry_year",
  invalidCvc: "invalid_cvc",
  incompleteCard: "incomplete_card",
  authenticationFailed: "payment_intent_authentication_failure",
  unexpectedState: "payment_intent_unexpected_state",
  refundExceedsAmount: "refund_exceeds_amount",
  /** The merchant changed the amount after the customer saw it: nothing was charged; the form shows the new total. */
  amountChanged: "amount_changed",
  /** A 3-D Secure challenge id that is unknown, used or expired. */
  challengeInvalid: "challenge_invalid",

  // Bank linking (Plaid's item errors, in our snake_case)
  invalidCredentials: "invalid_credentials",
  itemLocked: "item_locked",
  invalidMfaCode: "invalid_mfa_code",
  mfaLocked: "mfa_locked",
  institutionRequiresOAuth: "institution_requires_oauth",
  linkStepInvalid: "link_step_invalid",
  publicTokenInvalid: "public_token_invalid",
  publicTokenExpired: "public_token_expired",
  publicTokenUsed: "public_token_used",
  accessTokenInvalid: "access_token_invalid",
  accessTokenRevoked: "access_token_revoked",
  productNotEnabled: "product_not_enabled",
  popupBlocked: "popup_blocked",

  // Identity verification
  fileTooLarge: "file_too_large",
  unsupportedFileType: "unsupported_file_type",
  emptyFile: "empty_file",
  imageTooSmall: "image_too_small",
  imageBlurry: "image_blurry",
  documentIncomplete: "document_incomplete",
  handoffInvalid: "handoff_invalid",
  cameraUnavailable: "camera_unavailable",

  // API: server side
  internalError: "internal_error",
  serviceUnavailable: "service_unavailable",
  /** A bounded queue (image checks) is full: retry after Retry-After. */
  serverBusy: "server_busy",

  // Network, seen from a browser or the SDK
  networkError: "network_error",
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** Stripe-style error families used in the API envelope's `type`. */
export const ErrorType = {
  invalidRequest: "invalid_request_error",
  authentication: "authentication_error",
  idempotency: "idempotency_error",
  card: "card_error",
  rateLimit: "rate_limit_error",
  api: "api_error",
} as const;

export type ErrorType = (typeof ErrorType)[keyof typeof ErrorType];

/** The shape every error takes when it crosses a boundary (wire, event, promise). */
export interface EnclaveErrorShape {
  code: string;
  message: string;
  retryable: boolean;
  param?: string;
  /** Why the bank declined a card (`insufficient_funds`, …), as Stripe reports it. */
  declineCode?: string;
}

/**
 * An Error that carries a code and survives serialization: `toJSON()` gives the wire
 * shape and `EnclaveError.from()` rebuilds it on the other side.
 */
export class EnclaveError extends Error implements EnclaveErrorShape {
  readonly code: ErrorCode;
  readonly retryable: boolean;
  readonly param?: string;
  readonly declineCode?: string;

  // Takes the code as a checked string literal rather than through the ErrorCode object, so
  // the host-side loader does not carry every API code (it must stay under 12 KB gzip).
  constructor(code: ErrorCode, message: string, options: { retryable?: boolean; param?: string; declineCode?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "EnclaveError";
    this.code = code;
    this.retryable = options.retryable ?? false;
    if (options.param !== undefined) this.param = options.param;
    if (options.declineCode !== undefined) this.declineCode = options.declineCode;
  }

  toJSON(): EnclaveErrorShape {
    const shape: EnclaveErrorShape = { code: this.code, message: this.message, retryable: this.retryable };
    if (this.param !== undefined) shape.param = this.param;
    if (this.declineCode !== undefined) shape.declineCode = this.declineCode;
    return shape;
  }

  /** Rebuilds an error from its wire shape; anything else becomes a generic remote error. */
  static from(value: unknown): EnclaveError {
    if (value instanceof EnclaveError) return value;
    if (isErrorShape(value)) {
      const options: { retryable: boolean; param?: string; declineCode?: string } = { retryable: value.retryable };
      if (typeof value.param === "string") options.param = value.param;
      if (typeof value.declineCode === "string") options.declineCode = value.declineCode;
      // A newer server may send a code this copy does not know yet; it is passed on as is.
      return new EnclaveError(value.code as ErrorCode, value.message, options);
    }
    const message = value instanceof Error ? value.message : "Something went wrong.";
    return new EnclaveError("remote_error", message, { cause: value });
  }
}

function isErrorShape(value: unknown): value is EnclaveErrorShape {
  if (typeof value !== "object" || value === null) return false;
  const candidate = value as Record<string, unknown>;
  return typeof candidate["code"] === "string" && typeof candidate["message"] === "string" && typeof candidate["retryable"] === "boolean";
}
