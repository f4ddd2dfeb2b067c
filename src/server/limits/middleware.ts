/**
 * How routes spend limits, and the one answer every limit gives: `429`, `Retry-After` in
 * whole seconds, `{ error: { type: "rate_limit_error", code: "rate_limited", message } }`.
 *
 * - `spend(name, keyOf)`: a middleware that spends one unit per request.
 * - `attempt([[name, key], …])`: spends one unit of each before something that must be
 *   bounded even under concurrency (a password check); `refund()` it when the attempt
 *   turns out not to count (the password was right).
 * - `guardAuthentication()`: refuses an address that failed authentication too often,
 *   and counts each failure (a wrong secret key, a bad client token or publishable key).
 */
import type { Context, Env, MiddlewareHandler } from "hono";
import type { Kysely } from "kysely";
import type { Database } from "../store/database.js";
import { ErrorCode, ErrorType } from "../../protocol/errors.js";
import { ApiError } from "../http/api-error.js";
import { clientIp } from "./client-ip.js";
import type { LimitName, LimitSettings } from "./definitions.js";
import type { LimitDecision, Limiter } from "./limiter.js";

/** The error codes that count as a failed authentication. An expired token does not: frames refresh it. */
const authenticationFailures = new Set<string>([
  ErrorCode.invalidApiKey,
  ErrorCode.clientTokenInvalid,
  ErrorCode.invalidPublishableKey,
  // A client token used without its frame's key: a thief trying a copied token.
  ErrorCode.dpopProofRequired,
  ErrorCode.dpopProofInvalid,
  ErrorCode.clientTokenBound,
]);

export function rateLimited(retryAfterSeconds: number, message = "Too many requests. Retry after the time in the Retry-After header."): ApiError {
  const error = new ApiError(429, ErrorType.rateLimit, ErrorCode.rateLimited, message);
  error.headers["Retry-After"] = String(Math.max(1, Math.ceil(retryAfterSeconds)));
  return error;
}

const messages: Partial<Record<LimitName, string>> = {
  auth_failures_ip: "Too many failed authentication attempts from this address. Retry after the time in the Retry-After header.",
  payment_intents_create: "Too many payment intents created. Retry after the time in the Retry-After header.",
  bank_passwords_session: "Too many incorrect sign-in attempts. Retry after the time in the Retry-After header.",
  bank_passwords_username: "Too many incorrect sign-in attempts for this user. Retry after the time in the Retry-After header.",
  bank_mfa_session: "Too many incorrect verification codes in this session. Retry after the time in the Retry-After header.",
  card_declines_intent: "Too many declined attempts on this payment. Retry after the time in the Retry-After header.",
  card_declines_fingerprint: "Too many declined attempts with this card. Retry after the time in the Retry-After header.",
};

function refuse(name: LimitName, decision: LimitDecision): void {
  if (!decision.allowed) throw rateLimited(decision.retryAfterSeconds, messages[name]);
}

export interface Attempt {
  /** Gives the units back: the attempt did not count (a right password, a card not declined). */
  refund(): Promise<void>;
}

/** The limits of one widget host: its counters, and how it finds a client's address. */
export class Limits {
  constructor(
    readonly limiter: Limiter,
    private readonly trustProxy: number,
    /** Told of every 429 a limit gives (the host's metrics). */
    private readonly onRefused?: (name: LimitName) => void,
  ) {}

  private readonly addressOf = new WeakMap<Request, string>();

  private refuse(name: LimitName, decision: LimitDecision): void {
    if (!decision.allowed) this.onRefused?.(name);
    refuse(name, decision);
  }

  get settings(): LimitSettings {
    return this.limiter.settings;
  }

  /** The request's address as a limit key; worked out once per request (several limits and the auth guard ask). */
  clientIp(context: Context): string {
    const request = context.req.raw;
    let ip = this.addressOf.get(request);
    if (ip === undefined) {
      ip = clientIp(context, this.trustProxy);
      this.addressOf.set(request, ip);
    }
    return ip;
  }

  /** Spends one unit of `name` per request, keyed by `keyOf`; over the limit, 429. */
  spend<E extends Env>(name: LimitName, keyOf: (context: Context<E>) => string): MiddlewareHandler<E> {
    return async (context, next) => {
      this.refuse(name, await this.limiter.consume(name, keyOf(context)));
      await next();
    };
  }

  /**
   * Spends one unit of each limit before an attempt whose outcome must be bounded even
   * when many arrive at once; over any of them, 429 (and the others are given back).
   * With `executor`, inside the caller's transaction (see Limiter.consume).
   */
  async attempt(spends: readonly (readonly [LimitName, string])[], executor?: Kysely<Database>): Promise<Attempt> {
    const spent: (readonly [LimitName, string])[] = [];
    // One after another: a transaction's statements cannot run side by side.
    const refundAll = async (): Promise<void> => {
      for (const [name, key] of spent) await this.limiter.refund(name, key, 1, executor);
    };
    for (const [name, key] of spends) {
      const decision = await this.limiter.consume(name, key, 1, executor);
      if (!decision.allowed) {
        await refundAll();
        this.refuse(name, decision);
      }
      spent.push([name, key]);
    }
    return { refund: refundAll };
  }

  /**
   * Before authentication: an address over `auth_failures_ip` is refused whatever it
   * sends, until the window ends. After: a failed authentication is counted, and the one
   * that goes over is answered 429 instead of 401.
   */
  guardAuthentication<E extends Env>(): MiddlewareHandler<E> {
    return async (context, next) => {
      const ip = this.clientIp(context);
      this.refuse("auth_failures_ip", await this.limiter.check("auth_failures_ip", ip));
      await next();
      await this.countFailedAuthentication(context.error, ip);
    };
  }

  /**
   * guardAuthentication's first half for a caller that read the address's row itself
   * (the merchant API reads it with the secret key, one round trip): 429 when over.
   */
  refuseFailedAuthentications(decision: LimitDecision): void {
    this.refuse("auth_failures_ip", decision);
  }

  /** Whether `error` counts as a failed authentication (a wrong key or token; not an expired token). */
  isFailedAuthentication(error: unknown): boolean {
    return error instanceof ApiError && authenticationFailures.has(error.code);
  }

  /** guardAuthentication's second half: counts `error` when it is a failed authentication; the one over the limit is a 429. */
  async countFailedAuthentication(error: unknown, ip: string): Promise<void> {
    if (this.isFailedAuthentication(error)) {
      this.refuse("auth_failures_ip", await this.limiter.consume("auth_failures_ip", ip));
    }
  }
}
