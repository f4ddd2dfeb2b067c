/**
 * Writes a `.br` (brotli, highest quality) and a `.gz` (gzip, level 9) beside every file
 * the widget host serves from a built directory (dist/frames, dist/loader), so the host
 * sends compressed bytes without compressing per request (src/server/routes/static-files.ts
 * checks each copy against its file before sending it). `npm run build` runs it after the
 * frames and loader builds, partial builds included.
 */
import { readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { compress, contentCodings, isCompressible, siblingSuffix } from "../src/server/http/content-coding.js";

export interface CompressionTotals {
  files: number;
  identity: number;
  br: number;
  gzip: number;
}

/** Every file under `dir` (recursively) that the host would compress. */
async function compressibleFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile() && isCompressible(entry.name))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

/** Compresses each servable file of `dirs`, in parallel (zlib runs in the thread pool). */
export async function precompress(dirs: string[]): Promise<CompressionTotals> {
  const totals: CompressionTotals = { files: 0, identity: 0, br: 0, gzip: 0 };
  const paths = (await Promise.all(dirs.map(compressibleFiles))).flat();
  await Promise.all(
    paths.map(async (path) => {
      const bytes = await readFile(path);
      totals.files += 1;
      totals.identity += bytes.byteLength;
      for (const coding of contentCodings) {
        const coded = await compress(bytes, coding);
        // Written even when no smaller: the host then knows it was done, and picks identity itself.
        await writeFile(path + siblingSuffix[coding], coded);
        totals[coding] += coded.byteLength;
      }
    }),
  );
  return totals;
}

const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;

export const describeTotals = (totals: CompressionTotals): string => `${totals.files} files, ${kb(totals.identity)} → br ${kb(totals.br)}, gzip ${kb(totals.gzip)}`;
