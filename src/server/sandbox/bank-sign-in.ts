/**
 * The sandbox bank's sign-in, as CONTRACT.md lists it. Credentials come in, one of four
 * outcomes goes out, and the credentials go no further: callers keep only the outcome
 * (the "profile"), never the username or the password, and nothing here logs.
 */
import { timingSafeEqual } from "node:crypto";

export type SignInOutcome = "connected" | "mfa_required" | "locked" | "invalid";

export const SANDBOX_MFA_CODE = "123456";
export const MFA_ATTEMPTS = 3;
export const MFA_MESSAGE = "Enter the 6-digit code we sent to your phone.";

function same(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** Usernames are matched without case or surrounding spaces, as banks do; passwords exactly. */
export function signIn(username: string, password: string): SignInOutcome {
  const user = username.trim().toLowerCase();
  if (user === "user_locked") return "locked";
  if (!same(password, "pass_good")) return "invalid";
  if (user === "user_good") return "connected";
  if (user === "user_mfa") return "mfa_required";
  return "invalid";
}

/** Spaces and dashes people type into codes ("123 456") are ignored. */
export function isSandboxMfaCode(code: string): boolean {
  return same(code.replace(/[\s-]/g, ""), SANDBOX_MFA_CODE);
}
