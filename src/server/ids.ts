/** Random ids and secrets, and the one-way hashes the store keeps instead of secrets. */
import { createHash, createHmac, randomBytes, randomInt } from "node:crypto";

const alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/** `prefix_` + `length` random base62 characters, e.g. `pi_3Hh…`. */
export function randomId(prefix: string, length = 24): string {
  let id = "";
  for (let index = 0; index < length; index++) id += alphabet[randomInt(alphabet.length)];
  return `${prefix}_${id}`;
}

/** A bearer secret: `prefix_` + 32 random bytes in base64url (256 bits). */
export function randomSecret(prefix: string): string {
  return `${prefix}_${randomBytes(32).toString("base64url")}`;
}

/** A bearer secret in Plaid's dashed style: `prefix` + 32 random bytes in base64url, e.g. `public-sandbox-…`. */
export function randomDashedSecret(prefix: string): string {
  return `${prefix}${randomBytes(32).toString("base64url")}`;
}

export function sha256(value: string): string {
  return createHash("sha256").update(value).digest("hex");
}

export function hmacSha256(key: string, value: string): string {
  return createHmac("sha256", key).update(value).digest("hex");
}

// ---- session ids ---------------------------------------------------------------------

/** The id prefix of each flow's session: a client token names one, and its kind decides every route it may call. */
const sessionPrefixes = { checkout: "pi", bank_link: "bls", identity: "ids" } as const;

/** The flow a session belongs to: checkout (`pi_…`), bank link (`bls_…`) or identity (`ids_…`). */
export type SessionKind = keyof typeof sessionPrefixes;

const sessionIdPattern = /^(pi|bls|ids)_[A-Za-z0-9]{8,64}$/;

/**
 * The flow of a session id, or undefined when the string is no session id of ours (a wrong
 * prefix, or not the shape ids are made in): the one place the prefixes are read.
 */
export function sessionKind(id: string): SessionKind | undefined {
  switch (sessionIdPattern.exec(id)?.[1]) {
    case "pi":
      return "checkout";
    case "bls":
      return "bank_link";
    case "ids":
      return "identity";
    default:
      return undefined;
  }
}

/** A new session id of this flow. */
export function newSessionId(kind: SessionKind): string {
  return randomId(sessionPrefixes[kind]);
}
