/**
 * The sandbox bank's sign-in rules (CONTRACT.md's test users, password and code) as pure
 * functions with no Node import, so that the frame's browser tests play the bank by the
 * very rules the server applies (test/frames/bank-link-controller.test.ts). The server
 * applies them through bank-sign-in.ts, which compares secrets in constant time.
 */

export type SignInOutcome = "connected" | "mfa_required" | "locked" | "invalid";

export const SANDBOX_PASSWORD = "pass_good";
export const SANDBOX_MFA_CODE = "123456";
export const MFA_ATTEMPTS = 3;
export const MFA_MESSAGE = "Enter the 6-digit code we sent to your phone.";

/** Compares what the customer typed with the sandbox's secret (constant-time on the server). */
export type SecretEquals = (typed: string, expected: string) => boolean;

/** Usernames are matched without case or surrounding spaces, as banks do; passwords exactly. */
export function signInOutcome(username: string, password: string, equals: SecretEquals): SignInOutcome {
  const user = username.trim().toLowerCase();
  if (user === "user_locked") return "locked";
  if (!equals(password, SANDBOX_PASSWORD)) return "invalid";
  if (user === "user_good") return "connected";
  if (user === "user_mfa") return "mfa_required";
  return "invalid";
}

/** Spaces and dashes people type into codes ("123 456") are ignored. */
export function mfaCodeMatches(code: string, equals: SecretEquals): boolean {
  return equals(code.replace(/[\s-]/g, ""), SANDBOX_MFA_CODE);
}
