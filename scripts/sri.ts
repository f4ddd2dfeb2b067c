/**
 * `npm run sri`: writes the built loader's Subresource Integrity hash into the README's
 * script tags, so what merchants copy matches this release. `--check` only compares
 * (exit 1 when stale); test/node/loader-integrity.test.ts does the same in `npm test`.
 */
import { readFile, writeFile } from "node:fs/promises";
import { loaderIntegrity } from "../src/server/loader-integrity.js";

const documentsWithScriptTag = ["README.md"];
const integrityPattern = /integrity="sha384-[A-Za-z0-9+/=]+"/g;

const integrity = await loaderIntegrity("dist");
if (!integrity) {
  console.error("dist/loader/enclave.js is missing: run npm run build first.");
  process.exit(1);
}
const checkOnly = process.argv.includes("--check");
let stale = false;
for (const path of documentsWithScriptTag) {
  const text = await readFile(path, "utf8");
  const updated = text.replace(integrityPattern, `integrity="${integrity}"`);
  if (updated === text) continue;
  stale = true;
  if (!checkOnly) await writeFile(path, updated);
  console.log(`${path}: ${checkOnly ? "stale" : "updated to"} ${integrity}`);
}
if (checkOnly && stale) process.exit(1);
