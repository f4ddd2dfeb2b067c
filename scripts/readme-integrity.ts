/**
 * The README's script tags carry the built loader's Subresource Integrity hash, so what
 * merchants copy matches this release. `npm run sri` rewrites it; `npm run build` warns
 * when a new loader left it stale; test/e2e/script-tag.test.ts fails on a stale one.
 */
import { readFile, writeFile } from "node:fs/promises";
import { loaderIntegrity } from "../src/server/loader-integrity.js";

const documentsWithScriptTag = ["README.md"];
const integrityPattern = /integrity="sha384-[A-Za-z0-9+/=]+"/g;

/** The documents whose hash differs from the built loader's, and that hash (undefined when the loader is not built). */
export async function staleIntegrity(distDir = "dist"): Promise<{ integrity?: string; stale: string[] }> {
  const integrity = await loaderIntegrity(distDir);
  if (!integrity) return { stale: [] };
  const stale: string[] = [];
  for (const path of documentsWithScriptTag) {
    const text = await readFile(path, "utf8");
    if (text.replace(integrityPattern, `integrity="${integrity}"`) !== text) stale.push(path);
  }
  return { integrity, stale };
}

export async function writeIntegrity(paths: readonly string[], integrity: string): Promise<void> {
  for (const path of paths) {
    const text = await readFile(path, "utf8");
    await writeFile(path, text.replace(integrityPattern, `integrity="${integrity}"`));
  }
}
