/**
 * DPoP proofs (RFC 9449) as a frame makes them, for the server suites: every client token
 * gets its own "frame" key (a P-256 pair made with jose) the first time a helper uses it,
 * so a token is always sent with the key it was bound to, as in a real frame. Suites about
 * DPoP itself make their own keys and proofs, and bend each claim with `overrides`.
 */
import { createHash, randomBytes } from "node:crypto";
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from "jose";

export interface DpopKey {
  privateKey: CryptoKey;
  /** The public key, as the proof's header carries it. */
  jwk: JWK;
}

export async function makeDpopKey(): Promise<DpopKey> {
  const { privateKey, publicKey } = await generateKeyPair("ES256");
  return { privateKey, jwk: await exportJWK(publicKey) };
}

export interface ProofOverrides {
  jti?: string;
  htm?: string;
  htu?: string;
  /** Seconds since the epoch. */
  iat?: number;
  ath?: string;
  /** Extra or replaced header parameters (typ, jwk, …). */
  header?: Record<string, unknown>;
}

/** A proof for `method url` with `token`, signed by `key`. */
export async function dpopProof(key: DpopKey, method: string, url: string, token: string, overrides: ProofOverrides = {}): Promise<string> {
  const target = new URL(url);
  return new SignJWT({
    jti: overrides.jti ?? randomBytes(16).toString("base64url"),
    htm: overrides.htm ?? method,
    htu: overrides.htu ?? `${target.origin}${target.pathname}`,
    ath: overrides.ath ?? createHash("sha256").update(token).digest("base64url"),
  })
    .setProtectedHeader({ typ: "dpop+jwt", alg: "ES256", jwk: key.jwk, ...overrides.header })
    .setIssuedAt(overrides.iat ?? Math.floor(Date.now() / 1000))
    .sign(key.privateKey);
}

const frameKeys = new Map<string, Promise<DpopKey>>();

/** The key of the one "frame" that uses `token` in the suites (made on first use). */
export function frameKeyFor(token: string): Promise<DpopKey> {
  let key = frameKeys.get(token);
  if (!key) {
    key = makeDpopKey();
    frameKeys.set(token, key);
  }
  return key;
}

/** `{ DPoP: proof }` for a raw frame call with `token`, by the token's own frame key. */
export async function dpopHeader(method: string, url: string, token: string): Promise<{ DPoP: string }> {
  return { DPoP: await dpopProof(await frameKeyFor(token), method, url, token) };
}
