/**
 * Imported first by the *-jitless entries, so that every schema of that bundle is built
 * jitless — what the shipped loader (src/elements/loader.ts) and frames
 * (src/frames/frame-shell.ts) do because of CSP. zod's config lives on globalThis and
 * object schemas capture it when they are built, so the host page loads this bundle
 * after the JIT one. Exported and referenced (not a bare import) because package.json
 * does not list bench/ under "sideEffects", so esbuild would drop a bare import.
 */
import * as z from "zod/mini";

export const zodConfig = z.config({ jitless: true });
