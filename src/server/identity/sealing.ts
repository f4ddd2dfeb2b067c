/**
 * Data at rest (docs/decisions/0005, 0007): every identity image, every verified output,
 * every idempotent reply that holds a long-lived secret (and whatever else registers in
 * src/server/store/sealed-columns.ts) is sealed with AES-256-GCM under the installation's
 * key ring, a fresh 12-byte nonce each time, and associated data that names what was
 * sealed (e.g. `<session id>/<side>`), so a sealed value copied elsewhere does not open.
 *
 * The ring: one current key, which seals, and older keys, which only open. It comes from
 * ENCLAVE_IDENTITY_KEY (+ ENCLAVE_IDENTITY_PREVIOUS_KEYS, comma-separated) — what several
 * widget-host processes on one PostgreSQL must share — or else from `<dataDir>/identity.key`
 * (mode 0600, one base64 key a line, the current one first), made on the first start.
 * Each sealed value carries its key's id (8 bytes of an HMAC of the key, not the key), so
 * the ring picks the key that opens it, and a process without that key says so.
 * `enclave rotate-keys` (src/server/key-rotation.ts) adds a key and re-seals.
 */
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from "node:crypto";
import { chmodSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ConfigError } from "../config.js";

const NONCE_BYTES = 12;
const TAG_BYTES = 16;
const KEY_ID_BYTES = 8;
const PACKED_VERSION = 1;
const KEY_FILE = "identity.key";

export interface KeyMaterial {
  /** The 32 key bytes; never logged, never stored beside the data in PostgreSQL. */
  readonly key: Buffer;
  /** Hex id of the key, stored with every sealed value. */
  readonly id: string;
}

/** The installation's key ring: the current key (`key`, `id`) seals; `previous` keys only open. */
export interface SealingKey extends KeyMaterial {
  readonly previous: readonly KeyMaterial[];
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

function keyMaterial(key: Buffer): KeyMaterial {
  if (key.length !== 32) throw new ConfigError("The identity key must be 32 bytes.");
  return { key, id: createHmac("sha256", key).update("enclave/identity-key-id/v1").digest().subarray(0, KEY_ID_BYTES).toString("hex") };
}

/** A ring of `key` (current) and `previous` keys (older first or newer first: order does not matter). */
export function sealingKey(key: Buffer, previous: readonly Buffer[] = []): SealingKey {
  const current = keyMaterial(key);
  const older = previous.map(keyMaterial).filter((material, index, all) => material.id !== current.id && all.findIndex((other) => other.id === material.id) === index);
  return { ...current, previous: older };
}

/** Every key id the ring can open, the current one first. */
export function ringKeyIds(ring: SealingKey): string[] {
  return [ring.id, ...ring.previous.map((material) => material.id)];
}

export function canOpen(ring: SealingKey, keyId: string): boolean {
  return ring.id === keyId || ring.previous.some((material) => material.id === keyId);
}

export function keyRingPath(dataDir: string): string {
  return join(dataDir, KEY_FILE);
}

/** The keys in `<dataDir>/identity.key`, the current one first; undefined when there is no file. */
export function readKeyRingFile(dataDir: string): Buffer[] | undefined {
  const path = keyRingPath(dataDir);
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
  const keys = text
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => Buffer.from(line, "base64"));
  if (keys.length === 0 || keys.some((key) => key.length !== 32)) {
    throw new ConfigError(`${path} does not hold 32-byte keys in base64, one a line. Restore it, or set ENCLAVE_IDENTITY_KEY.`);
  }
  return keys;
}

/** Replaces `<dataDir>/identity.key` with `keys` (current first), atomically (a 0600 temporary file, renamed). */
export function writeKeyRingFile(dataDir: string, keys: readonly Buffer[]): void {
  const path = keyRingPath(dataDir);
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, keys.map((key) => `${key.toString("base64")}\n`).join(""), { mode: 0o600, flag: "w" });
  chmodSync(temporary, 0o600);
  renameSync(temporary, path);
}

/**
 * The installation's key ring: `configured` (ENCLAVE_IDENTITY_KEY, with `previous` from
 * ENCLAVE_IDENTITY_PREVIOUS_KEYS) when set, else the ring in `<dataDir>/identity.key`,
 * created with one key, mode 0600, on the first start. Two processes starting together on
 * one data dir agree: the file is created exclusively (`wx`), and the loser reads the winner's.
 */
export function loadSealingKey(dataDir: string, configured: Buffer | undefined, previous: readonly Buffer[] = []): SealingKey {
  if (configured) return sealingKey(configured, previous);
  const path = keyRingPath(dataDir);
  mkdirSync(dataDir, { recursive: true });
  try {
    writeFileSync(path, `${randomBytes(32).toString("base64")}\n`, { mode: 0o600, flag: "wx" });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  // Someone widened it (a copy, an umask-less restore): the key is only the owner's to read.
  if ((statSync(path).mode & 0o077) !== 0) chmodSync(path, 0o600);
  const [current, ...older] = readKeyRingFile(dataDir) ?? [];
  if (!current) throw new ConfigError(`${path} holds no key. Restore it, or set ENCLAVE_IDENTITY_KEY.`);
  return sealingKey(current, [...older, ...previous]);
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
  const material = sealed.keyId === key.id ? key : key.previous.find((candidate) => candidate.id === sealed.keyId);
  if (!material) {
    throw new SealingError(
      `data sealed with key ${sealed.keyId} cannot be opened with this process's keys (${ringKeyIds(key).join(", ")}): every widget host on one store needs the same ENCLAVE_IDENTITY_KEY (and, during a rotation, ENCLAVE_IDENTITY_PREVIOUS_KEYS)`,
    );
  }
  if (sealed.nonce.length !== NONCE_BYTES || sealed.authTag.length !== TAG_BYTES) throw new SealingError("a sealed identity value is malformed");
  try {
    const decipher = createDecipheriv("aes-256-gcm", material.key, sealed.nonce, { authTagLength: TAG_BYTES });
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
