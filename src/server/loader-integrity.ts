/**
 * Subresource Integrity for the loader: merchants pin `/v1/enclave.js` with
 * `integrity="sha384-…"` so a changed file on the widget host (or a proxy) is refused by
 * their customers' browsers. `enclave serve` prints the tag; the README carries the hash
 * of this release's build (scripts/sri.ts keeps it true, a test checks it).
 */
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { join } from "node:path";

/** The `integrity` value for a file's bytes (SHA-384, as browsers and the SRI spec recommend). */
export function subresourceIntegrity(content: Uint8Array): string {
  return `sha384-${createHash("sha384").update(content).digest("base64")}`;
}

/** The integrity of the built loader under `distDir`, or undefined when it has not been built. */
export async function loaderIntegrity(distDir: string): Promise<string | undefined> {
  try {
    return subresourceIntegrity(await readFile(join(distDir, "loader/enclave.js")));
  } catch {
    return undefined;
  }
}

/** The script tag a merchant copies: pinned by hash, fetched with CORS so the browser can check it. */
export function loaderScriptTag(hostUrl: string, integrity: string): string {
  return `<script src="${hostUrl}/v1/enclave.js" integrity="${integrity}" crossorigin="anonymous"></script>`;
}
