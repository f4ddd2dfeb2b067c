/**
 * Sender-constrained client tokens (DPoP, RFC 9449; docs/decisions/0008). Each frame makes a
 * non-extractable P-256 key pair when it loads (src/frames/dpop.ts) and signs a proof for
 * every frame-API call: a JWS `{typ: "dpop+jwt", alg: "ES256", jwk}` over
 * `{jti, htm, htu, iat, ath}`. Here, after frame-auth.ts has checked the token itself:
 *
 *   1. the proof's header: typ, alg ES256 only, a public EC P-256 jwk (never a private one);
 *   2. its signature, by that jwk (jose);
 *   3. its claims: htm is this method, htu this URL (the request's own origin, or
 *      ENCLAVE_PUBLIC_URL's behind a proxy; no query), iat within ±60 s of our clock, ath the
 *      SHA-256 of this token;
 *   4. the token's binding: the first proof binds the token to the key's thumbprint (jkt);
 *      every later proof must come from that key, or the call is `client_token_bound`;
 *   5. the proof id (jti) once per key, stored until the proof would be stale anyway.
 *
 * A stolen token alone is then refused everywhere (`dpop_proof_required`), and a stolen
 * proof is good for one call to one URL within a minute, and only if it was never sent.
 */
import { createHash } from "node:crypto";
import type { Context } from "hono";
import { calculateJwkThumbprint, decodeProtectedHeader, EmbeddedJWK, jwtVerify, type JWTPayload } from "jose";
import { ErrorCode } from "../../protocol/errors.js";
import type { Store } from "../store/database.js";
import { bindClientToken, consumeProofId } from "../store/dpop.js";
import { authenticationError, type ApiError } from "./api-error.js";

/**
 * How far a proof's `iat` may be from this host's clock, either way. Frames correct their
 * clock from our `Date` header when a proof is refused (src/frames/api-client.ts), so a
 * customer's wrong clock costs one retry, not the payment.
 */
export const DPOP_WINDOW_SECONDS = 60;
// A compact JWS: three base64url parts. Bounded, so nothing large reaches the parser.
const COMPACT_JWS = /^[A-Za-z0-9_-]{1,2000}\.[A-Za-z0-9_-]{1,2000}\.[A-Za-z0-9_-]{1,1000}$/;

export interface DpopOptions {
  /** ENCLAVE_PUBLIC_URL's origin: the origin frames see when the host is behind a proxy. */
  publicOrigin?: string | undefined;
}

export interface DpopCheck {
  /** The client token from `Authorization`, already found valid by frame-auth.ts. */
  token: string;
  /** The thumbprint the token is bound to, if it is already. */
  boundJkt: string | null;
}

const invalid = (what: string): ApiError => authenticationError(401, ErrorCode.dpopProofInvalid, `The DPoP proof ${what}.`);

/** Returns the check frame-auth.ts runs on every frame call; it throws the 401 to answer. */
export function dpopVerifier(db: Store, options: DpopOptions = {}): (context: Context, check: DpopCheck) => Promise<void> {
  return async (context, { token, boundJkt }) => {
    const proof = context.req.header("dpop");
    if (proof === undefined || proof === "") {
      throw authenticationError(
        401,
        ErrorCode.dpopProofRequired,
        "Frame API calls need a DPoP proof (RFC 9449) from the frame's own key in a DPoP header: the client token alone is not enough.",
      );
    }
    const { jkt, jti, iat } = await verifyProof(proof, context, token, options);
    const bound = boundJkt ?? (await bindClientToken(db, token, jkt));
    if (bound !== jkt) {
      throw authenticationError(
        401,
        ErrorCode.clientTokenBound,
        "This client token is bound to another frame's key. Each frame needs its own token: ask your backend for a new one.",
      );
    }
    // Stale proof ids are deleted by housekeeping (src/server/housekeeping.ts).
    // After iat + the window the proof is refused as stale: its id need not be kept longer.
    if (!(await consumeProofId(db, jkt, jti, new Date((iat + DPOP_WINDOW_SECONDS + 1) * 1000)))) {
      throw invalid("was already used (its jti is spent): make a new proof for every request");
    }
  };
}

/** Checks everything a proof says about itself and this request; returns its key's thumbprint, id and time. */
async function verifyProof(proof: string, context: Context, token: string, options: DpopOptions): Promise<{ jkt: string; jti: string; iat: number }> {
  if (!COMPACT_JWS.test(proof)) throw invalid("is not one compact JWS (header.payload.signature in base64url)");
  let header: ReturnType<typeof decodeProtectedHeader>;
  try {
    header = decodeProtectedHeader(proof);
  } catch {
    throw invalid("header is not base64url JSON");
  }
  if (header.typ !== "dpop+jwt") throw invalid('header must have typ "dpop+jwt"');
  if (header.alg !== "ES256") throw invalid('header must have alg "ES256" (ECDSA P-256 with SHA-256); no other algorithm is accepted');
  const jwk = header.jwk;
  if (typeof jwk !== "object" || jwk === null) throw invalid("header must carry the frame's public key as jwk");
  if ("d" in jwk) throw invalid("header's jwk holds a private key; send the public key only");
  if (jwk.kty !== "EC" || jwk.crv !== "P-256") throw invalid('header\'s jwk must be an EC key on curve "P-256"');

  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(proof, EmbeddedJWK, { algorithms: ["ES256"], typ: "dpop+jwt" }));
  } catch {
    throw invalid("signature does not verify with the jwk in its header");
  }
  const { jti, htm, htu, iat, ath } = payload;
  if (typeof jti !== "string" || jti.length < 16 || jti.length > 128) throw invalid("needs a random jti of 16 to 128 characters");
  if (htm !== context.req.method) throw invalid(`htm must be this request's method (${context.req.method})`);
  if (typeof htu !== "string" || !sameTarget(htu, context.req.url, options.publicOrigin)) {
    throw invalid("htu must be this request's URL, without query or fragment");
  }
  if (typeof iat !== "number" || !Number.isFinite(iat)) throw invalid("needs iat, the time it was made in seconds");
  if (Math.abs(Date.now() / 1000 - iat) > DPOP_WINDOW_SECONDS) {
    throw invalid(`iat is more than ${DPOP_WINDOW_SECONDS} seconds from the server's clock (see the Date header)`);
  }
  if (ath !== createHash("sha256").update(token).digest("base64url")) throw invalid("ath must be the base64url SHA-256 of this client token");
  return { jkt: await calculateJwkThumbprint(jwk, "sha256"), jti, iat };
}

/** htu names this request: its origin (or the public one) and path; query and fragment do not count. */
function sameTarget(htu: string, requestUrl: string, publicOrigin: string | undefined): boolean {
  let claimed: URL;
  try {
    claimed = new URL(htu);
  } catch {
    return false;
  }
  const actual = new URL(requestUrl);
  if (claimed.pathname !== actual.pathname) return false;
  return claimed.origin === actual.origin || (publicOrigin !== undefined && claimed.origin === publicOrigin);
}
