/** `Authorization: Bearer sk_…` for the merchant API. */
import type { MiddlewareHandler } from "hono";
import { ErrorCode } from "../../protocol/errors.js";
import type { Store } from "../store/database.js";
import { lookUpSecretKey, type Merchant } from "../store/merchants.js";
import { authenticationError } from "./api-error.js";

export interface MerchantEnv {
  /**
   * `sealResponse`: set by a route whose answer carries a long-lived secret (the bank-link
   * exchange's access token), so that the idempotency store keeps it encrypted.
   */
  Variables: { merchant: Merchant; rawBody: string; sealResponse: boolean };
}

export function merchantAuth(db: Store): MiddlewareHandler<MerchantEnv> {
  return async (context, next) => {
    const header = context.req.header("authorization") ?? "";
    const key = /^Bearer (\S+)$/i.exec(header)?.[1];
    if (!key) {
      throw authenticationError(401, ErrorCode.authenticationRequired, "Send your secret key as Authorization: Bearer sk_test_….");
    }
    if (key.startsWith("pk_")) {
      throw authenticationError(401, ErrorCode.invalidApiKey, "This call needs your secret key (sk_…); the publishable key is for pages only.");
    }
    const found = /^sk_(test|live)_[A-Za-z0-9]{8,100}$/.test(key) ? await lookUpSecretKey(db, key) : { kind: "unknown" as const };
    if (found.kind === "expired") {
      throw authenticationError(401, ErrorCode.invalidApiKey, `This secret key was rolled and expired at ${found.expiredAt.toISOString()}. Use the merchant's current secret key.`);
    }
    if (found.kind !== "valid") throw authenticationError(401, ErrorCode.invalidApiKey, "Invalid API key.");
    context.set("merchant", found.merchant);
    await next();
  };
}
