/**
 * Identity data at rest (docs/decisions/0005): every image and every verified output is
 * sealed with AES-256-GCM under one 32-byte key per installation, a fresh 12-byte nonce
 * each time, and associated data that names what was sealed (`<session id>/<side>`), so a
 * sealed file copied onto another session or side does not open.
 *
 * The key comes from ENCLAVE_IDENTITY_KEY (base64) — what several widget-host processes on
 * one PostgreSQL must share — or else from `<dataDir>/identity.key` (mode 0600), made once
 * on the first start. Each sealed value carries the key's id (8 bytes of an HMAC of the
 * key, not the key) so that a process with another key says so instead of failing blindly.
 */
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from "node:crypto";
import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ConfigError } from "../config.js";

const NONCE_BYTES = 12;
const TAG_BYTES = 16;
const KEY_ID_BYTES = 8;
const PACKED_VERSION = 1;

export interface SealingKey {
  /** The 32 key bytes; never logged, never stored beside the data in PostgreSQL. */
  readonly key: Buffer;
  /** Hex id of the key, stored with every sealed value. */
  readonly id: string;
}

export interface Sealed {
  keyId: string;
  nonce: Buffer;
  authTag: Buffer;
  ciphertext: Buffer;
}

export class SealingError extends Error {
  override name = "SealingError";
}

export function sealingKey(key: Buffer): SealingKey {
  if (key.length !== 32) throw new ConfigError("The identity key must be 32 bytes.");
  return { key, id: createHmac("sha256", key).update("enclave/identity-key-id/v1").digest().subarray(0, KEY_ID_BYTES).toString("hex") };
}

/**
 * The installation's key: `configured` (ENCLAVE_IDENTITY_KEY) when set, else the one in
 * `<dataDir>/identity.key`, created with mode 0600 on the first start. Two processes
 * starting together on one data dir agree: the file is created exclusively (`wx`), and
 * the loser reads the winner's.
 */
export function loadSealingKey(dataDir: string, configured: Buffer | undefined): SealingKey {
  if (configured) return sealingKey(configured);
  const path = join(dataDir, "identity.key");
  mkdirSync(dataDir, { recursive: true });
  try {
    writeFileSync(path, `${randomBytes(32).toString("base64")}\n`, { mode: 0o600, flag: "wx" });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  // Someone widened it (a copy, an umask-less restore): the key is only the owner's to read.
  if ((statSync(path).mode & 0o077) !== 0) chmodSync(path, 0o600);
  const key = Buffer.from(readFileSync(path, "utf8").trim(), "base64");
  if (key.length !== 32) throw new ConfigError(`${path} does not hold a 32-byte key in base64. Restore it, or set ENCLAVE_IDENTITY_KEY.`);
  return sealingKey(key);
}

/** What a sealed value is bound to: its session and its purpose (a side, or the verified outputs). */
export function associatedData(sessionId: string, purpose: string): Buffer {
  return Buffer.from(`enclave/identity/v1/${sessionId}/${purpose}`, "utf8");
}

export function seal(key: SealingKey, plaintext: Uint8Array, aad: Buffer): Sealed {
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key.key, nonce, { authTagLength: TAG_BYTES });
  cipher.setAAD(aad);
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { keyId: key.id, nonce, authTag: cipher.getAuthTag(), ciphertext };
}

/** Opens a sealed value; throws SealingError when the key, the data or the binding differ. */
export function open(key: SealingKey, sealed: Sealed, aad: Buffer): Buffer {
  if (sealed.keyId !== key.id) {
    throw new SealingError(
      `identity data sealed with key ${sealed.keyId} cannot be opened with this process's key ${key.id}: every widget host on one store needs the same ENCLAVE_IDENTITY_KEY`,
    );
  }
  if (sealed.nonce.length !== NONCE_BYTES || sealed.authTag.length !== TAG_BYTES) throw new SealingError("a sealed identity value is malformed");
  try {
    const decipher = createDecipheriv("aes-256-gcm", key.key, sealed.nonce, { authTagLength: TAG_BYTES });
    decipher.setAAD(aad);
    decipher.setAuthTag(sealed.authTag);
    return Buffer.concat([decipher.update(sealed.ciphertext), decipher.final()]);
  } catch {
    throw new SealingError("a sealed identity value failed authentication (altered, or bound to another session)");
  }
}

/** One column's worth: version, key id, nonce, tag, ciphertext. */
export function pack(sealed: Sealed): Buffer {
  return Buffer.concat([Buffer.from([PACKED_VERSION]), Buffer.from(sealed.keyId, "hex"), sealed.nonce, sealed.authTag, sealed.ciphertext]);
}

export function unpack(packed: Uint8Array): Sealed {
  const bytes = Buffer.from(packed);
  const header = 1 + KEY_ID_BYTES + NONCE_BYTES + TAG_BYTES;
  if (bytes.length < header || bytes[0] !== PACKED_VERSION) throw new SealingError("a sealed identity value is malformed");
  return {
    keyId: bytes.subarray(1, 1 + KEY_ID_BYTES).toString("hex"),
    nonce: bytes.subarray(1 + KEY_ID_BYTES, 1 + KEY_ID_BYTES + NONCE_BYTES),
    authTag: bytes.subarray(1 + KEY_ID_BYTES + NONCE_BYTES, header),
    ciphertext: bytes.subarray(header),
  };
}
