/**
 * The sandbox bank's sign-in, as CONTRACT.md lists it. Credentials come in, one of four
 * outcomes goes out, and the credentials go no further: callers keep only the outcome
 * (the "profile"), never the username or the password, and nothing here logs.
 * The rules themselves are in bank-sign-in-rules.ts (no Node import: the frame tests use them).
 */
import { timingSafeEqual } from "node:crypto";
import { mfaCodeMatches, signInOutcome, type SignInOutcome } from "./bank-sign-in-rules.js";

export { MFA_ATTEMPTS, MFA_MESSAGE, SANDBOX_MFA_CODE, type SignInOutcome } from "./bank-sign-in-rules.js";

function same(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** Usernames are matched without case or surrounding spaces, as banks do; passwords exactly. */
export function signIn(username: string, password: string): SignInOutcome {
  return signInOutcome(username, password, same);
}

/** Spaces and dashes people type into codes ("123 456") are ignored. */
export function isSandboxMfaCode(code: string): boolean {
  return mfaCodeMatches(code, same);
}
