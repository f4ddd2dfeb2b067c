/**
 * The sandbox's document verifier. A real one would read the document and compare the
 * selfie; this one opens every submitted image (so a missing, altered or foreign file is
 * caught as a real verifier would catch an unreadable one), then gives the result the
 * session's `sandbox_outcome` asks for. Verified outputs are made up, deterministically
 * from the session id (the same session always yields the same person), with the
 * document type and country the customer chose, and leave here only sealed.
 */
import type { VerifiedOutputs } from "../../protocol/identity-api.js";
import { associatedData, canOpen, open, pack, seal, SealingError, type SealingKey } from "../identity/sealing.js";
import { seededRandom } from "./seeded-random.js";
import { sessionSides, type IdentityLastError, type StoredFile, type StoredIdentitySession } from "../store/identity.js";

export type SandboxDecision =
  | { outcome: "verified"; sealedOutputs: Uint8Array }
  | { outcome: "requires_input"; lastError: IdentityLastError }
  /** The images were sealed under another key: an operator's mistake, not the customer's. */
  | { outcome: "retry_later"; problem: string };

/** Reasons in plain words, as Stripe Identity gives them; never anything read from the person's document. */
export const verificationFailures = {
  unreadable: { code: "document_unverified", reason: "The photos of the document could not be read. Take new photos and submit again." },
  document_unverified: {
    code: "document_unverified",
    reason: "The document could not be verified. It may be expired, damaged, or not a government-issued ID. Try again with a valid document.",
  },
  selfie_mismatch: { code: "selfie_mismatch", reason: "The selfie does not match the photo on the document. Take a new selfie and try again." },
} as const satisfies Record<string, IdentityLastError>;

export const OUTPUTS_PURPOSE = "verified_outputs";

export function sandboxVerify(session: StoredIdentitySession, files: StoredFile[], key: SealingKey, now = new Date()): SandboxDecision {
  for (const side of sessionSides(session)) {
    const file = files.find((candidate) => candidate.side === side);
    if (!file) return { outcome: "requires_input", lastError: verificationFailures.unreadable };
    if (!canOpen(key, file.sealed.keyId)) return { outcome: "retry_later", problem: `the ${side} image of ${session.id} was sealed under another identity key` };
    try {
      open(key, file.sealed, associatedData(session.id, side));
    } catch (error) {
      if (!(error instanceof SealingError)) throw error;
      return { outcome: "requires_input", lastError: verificationFailures.unreadable };
    }
  }
  if (!session.document) return { outcome: "requires_input", lastError: verificationFailures.unreadable };
  if (session.sandboxOutcome === "document_unverified") return { outcome: "requires_input", lastError: verificationFailures.document_unverified };
  if (session.sandboxOutcome === "selfie_mismatch") return { outcome: "requires_input", lastError: verificationFailures.selfie_mismatch };
  const outputs = sandboxOutputs(session.id, session.document, new Date(session.created * 1000 || now.getTime()));
  const sealed = seal(key, Buffer.from(JSON.stringify(outputs), "utf8"), associatedData(session.id, OUTPUTS_PURPOSE));
  return { outcome: "verified", sealedOutputs: pack(sealed) };
}

const firstNames = ["Jenny", "Amara", "Lucas", "Sofia", "Kenji", "Ingrid", "Mateo", "Priya", "Noah", "Chiara", "Tomasz", "Aisha", "Elias", "Mei", "Oskar", "Leila"];
const lastNames = ["Rosen", "Okafor", "Lindqvist", "Moreau", "Tanaka", "Novak", "Silva", "Patel", "Becker", "Rossi", "Kowalski", "Haddad", "Virtanen", "Chen", "Andersen", "Costa"];

/** A plausible person and document: born 1950–2004, a document valid 1 to 9 years after the session's year. */
export function sandboxOutputs(sessionId: string, document: { type: VerifiedOutputs["document"]["type"]; issuing_country: string }, created: Date): VerifiedOutputs {
  const next = seededRandom(`enclave/identity-sandbox/v1/${sessionId}`);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
  const between = (low: number, high: number): number => low + Math.floor(next() * (high - low + 1));
  const pad = (value: number): string => String(value).padStart(2, "0");
  const expiry = { year: created.getUTCFullYear() + between(1, 9), month: between(1, 12), day: between(1, 28) };
  return {
    first_name: pick(firstNames),
    last_name: pick(lastNames),
    dob: { year: between(1950, 2004), month: between(1, 12), day: between(1, 28) },
    document: {
      type: document.type,
      issuing_country: document.issuing_country,
      number_last4: String(between(0, 9999)).padStart(4, "0"),
      expiration_date: `${expiry.year}-${pad(expiry.month)}-${pad(expiry.day)}`,
    },
  };
}
