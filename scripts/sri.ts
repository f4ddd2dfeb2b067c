/**
 * `npm run sri`: writes the built loader's Subresource Integrity hash into the README's
 * script tags. `--check` only compares (exit 1 when stale).
 */
import { staleIntegrity, writeIntegrity } from "./readme-integrity.js";

const { integrity, stale } = await staleIntegrity();
if (!integrity) {
  console.error("dist/loader/enclave.js is missing: run npm run build first.");
  process.exit(1);
}
for (const path of stale) console.log(`${path}: ${process.argv.includes("--check") ? "stale, the loader is" : "updated to"} ${integrity}`);
if (process.argv.includes("--check")) process.exit(stale.length > 0 ? 1 : 0);
await writeIntegrity(stale, integrity);
