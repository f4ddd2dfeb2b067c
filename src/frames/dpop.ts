/**
 * The frame's DPoP key and proofs (RFC 9449; docs/decisions/0008). One P-256 key pair per
 * frame document, made with WebCrypto on first use and never extractable: the private key
 * cannot leave this page, not even to its own scripts, and dies with it. Each frame-API
 * call carries a proof signed with it; the server binds the client token to this key at its
 * first use, so the token alone is useless anywhere else.
 *
 * The JWS is assembled here (base64url of two JSON objects and a signature); signing is
 * WebCrypto's ECDSA, whose raw r||s output is exactly what ES256 wants. No JOSE library: the
 * frames' bundles stay small.
 */
import { EnclaveError, ErrorCode } from "../protocol/errors.js";

let keyPair: Promise<CryptoKeyPair> | undefined;
let publicJwk: Promise<JsonWebKey> | undefined;
const encoder = new TextEncoder();

/** This frame's key pair, made once (the private half non-extractable). */
export function frameKeyPair(): Promise<CryptoKeyPair> {
  // Only secure contexts (https, localhost) have crypto.subtle: say so rather than fail obscurely.
  if (!globalThis.crypto?.subtle) {
    return Promise.reject(new EnclaveError(ErrorCode.dpopProofRequired, "The secure form needs a secure connection (HTTPS) to sign its requests.", { retryable: false }));
  }
  keyPair ??= crypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, false, ["sign"]);
  return keyPair;
}

const base64url = (bytes: ArrayBuffer | Uint8Array): string =>
  btoa(String.fromCharCode(...new Uint8Array(bytes)))
    .replace(/\+/g, "-")
    .replace(/\//g, "_")
    .replace(/=+$/, "");

const encodeJson = (value: unknown): string => base64url(encoder.encode(JSON.stringify(value)));

/**
 * A proof for one request: `method` and `url` (resolved against the frame's address;
 * query and fragment left out, as RFC 9449 says), over `token`, made at `nowMs`.
 */
export async function dpopProof(method: string, url: string, token: string, nowMs: number): Promise<string> {
  const { privateKey, publicKey } = await frameKeyPair();
  publicJwk ??= crypto.subtle.exportKey("jwk", publicKey);
  // Only the key itself: no key_ops or ext in what the server fingerprints.
  const { kty, crv, x, y } = await publicJwk;
  const target = new URL(url, location.href);
  const claims = {
    jti: base64url(crypto.getRandomValues(new Uint8Array(16))),
    htm: method,
    htu: target.origin + target.pathname,
    iat: Math.floor(nowMs / 1000),
    ath: base64url(await crypto.subtle.digest("SHA-256", encoder.encode(token))),
  };
  const input = `${encodeJson({ typ: "dpop+jwt", alg: "ES256", jwk: { kty, crv, x, y } })}.${encodeJson(claims)}`;
  const signature = await crypto.subtle.sign({ name: "ECDSA", hash: "SHA-256" }, privateKey, encoder.encode(input));
  return `${input}.${base64url(signature)}`;
}
