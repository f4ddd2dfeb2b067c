/**
 * The sandbox's deterministic randomness: sfc32 seeded from SHA-256 of a string, so the
 * same seed draws the same institutions' data, transactions and verified people on every
 * process and after every restart. Not for anything secret.
 */
import { createHash } from "node:crypto";

export type Random = () => number;

export function seededRandom(seed: string): Random {
  const digest = createHash("sha256").update(seed).digest();
  let a = digest.readUInt32LE(0);
  let b = digest.readUInt32LE(4);
  let c = digest.readUInt32LE(8);
  let d = digest.readUInt32LE(12);
  const next = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4_294_967_296;
  };
  // Discard the first outputs, which sfc32 mixes poorly.
  for (let index = 0; index < 12; index++) next();
  return next;
}
