/**
 * `enclave rotate-keys`: moves everything sealed at rest onto a new current key.
 *
 * - Data-dir mode (no ENCLAVE_IDENTITY_KEY): a new key is made and put first in
 *   `<dataDir>/identity.key`, the old ones kept after it so they still open. Stop the
 *   widget host first (PGlite admits one process; a host keeps its ring in memory).
 * - Configured mode: ENCLAVE_IDENTITY_KEY is the new current key and
 *   ENCLAVE_IDENTITY_PREVIOUS_KEYS the old ones — give both to every host first, then
 *   run this once, then drop the previous keys.
 *
 * Then every registered sealed column (src/server/store/sealed-columns.ts) is re-sealed,
 * row by row. When nothing is left under an older key, data-dir mode retires the older
 * keys from the file. Interrupted, it is simply run again: a ring file that still holds
 * older keys means "finish", not "make yet another key".
 */
import { randomBytes } from "node:crypto";
import { readConfig, type WidgetHostOptions } from "./config.js";
import { canOpen, keyRingPath, loadSealingKey, readKeyRingFile, sealingKey, writeKeyRingFile, type SealingKey } from "./identity/sealing.js";
import { openStore } from "./store/database.js";
import { resealColumn, sealedColumns, sealedKeyIds } from "./store/sealed-columns.js";

/** Runs the rotation, printing what it does through `log`; resolves to the exit code (1 when something could not be re-sealed). */
export async function rotateKeys(options: WidgetHostOptions, log: (line: string) => void, batchSize = 100): Promise<number> {
  const config = readConfig(options);
  const configured = config.identity.key !== undefined;
  const store = await openStore({ dataDir: config.dataDir, ...(config.databaseUrl ? { databaseUrl: config.databaseUrl } : {}) });
  try {
    let ring: SealingKey;
    if (config.identity.key !== undefined) {
      ring = sealingKey(config.identity.key, config.identity.previousKeys);
      log(`Current key ${ring.id} (ENCLAVE_IDENTITY_KEY); previous keys: ${ring.previous.map((key) => key.id).join(", ") || "none"}.`);
    } else {
      const existing = readKeyRingFile(config.dataDir) ?? [loadSealingKey(config.dataDir, undefined).key];
      if (existing.length === 1) {
        writeKeyRingFile(config.dataDir, [randomBytes(32), ...existing]);
        ring = loadSealingKey(config.dataDir, undefined);
        log(`New current key ${ring.id} in ${keyRingPath(config.dataDir)}; previous key ${ring.previous.map((key) => key.id).join(", ")} still opens.`);
      } else {
        ring = loadSealingKey(config.dataDir, undefined);
        log(`An earlier rotation did not finish: finishing it under the current key ${ring.id} (no new key).`);
      }
    }
    let failed = 0;
    for (const column of sealedColumns) {
      const report = await resealColumn(store, ring, column, batchSize);
      failed += report.failed;
      log(`  ${report.label}: ${report.resealed} re-sealed${report.failed ? `, ${report.failed} failed authentication (left as they are)` : ""}`);
    }
    const left = await sealedKeyIds(store);
    const underPrevious = left.filter((entry) => entry.keyId !== ring.id && canOpen(ring, entry.keyId));
    const unknown = left.filter((entry) => !canOpen(ring, entry.keyId));
    for (const entry of unknown) {
      log(`  ${entry.label}: ${entry.count} sealed under key ${entry.keyId}, which is not in the ring: add it to ENCLAVE_IDENTITY_PREVIOUS_KEYS (or the key file) and run again.`);
    }
    if (ring.previous.length > 0 && underPrevious.length === 0) {
      const retired = ring.previous.map((key) => key.id).join(", ");
      if (configured) {
        log(`Nothing is sealed under ${retired} any more: remove ENCLAVE_IDENTITY_PREVIOUS_KEYS from every widget host.`);
      } else {
        writeKeyRingFile(config.dataDir, [ring.key]);
        log(`Retired ${retired}: ${keyRingPath(config.dataDir)} now holds only the current key.`);
      }
    } else if (ring.previous.length === 0 && unknown.length === 0) {
      log("Everything is sealed under the current key.");
    }
    return unknown.length > 0 || failed > 0 || underPrevious.length > 0 ? 1 : 0;
  } finally {
    await store.destroy();
  }
}
