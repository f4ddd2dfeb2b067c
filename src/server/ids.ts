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
