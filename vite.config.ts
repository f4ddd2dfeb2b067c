/**
 * The builds of enclave-kit. The default export is the frames' multi-page app (also what
 * `vite` serves in development); `buildTargets` lists every production build, run in
 * order by scripts/build.ts:
 *   frames  → dist/frames/<flow>.html + hashed assets   (served by the widget host; one build per flow)
 *   loader  → dist/loader/enclave.js, one classic script (served at /v1/enclave.js)
 *   esm     → dist/esm/*.js, the host-side ESM entries  (enclave-kit, /checkout, …, /react, /vue)
 *   node    → dist/node/*.js, the SDK, the `enclave` command and its image worker
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { defineConfig, type UserConfig } from "vite";

const root = fileURLToPath(new URL(".", import.meta.url));
const fromRoot = (path: string): string => fileURLToPath(new URL(path, import.meta.url));
const { version } = JSON.parse(readFileSync(fromRoot("package.json"), "utf8")) as { version: string };

export const frameFlows = ["checkout", "bank-link", "identity"] as const;

/**
 * One frame page: `vite` serves all three in development (the default export); the
 * production build (`frameBuilds`) makes each flow on its own.
 */
function framePages(flows: readonly string[], emptyOutDir: boolean): UserConfig {
  return {
    root: fromRoot("src/frames"),
    base: "/frames/",
    publicDir: false,
    build: {
      outDir: fromRoot("dist/frames"),
      emptyOutDir,
      target: "es2022",
      // No inline <script> or data: module preloads: the frames run under script-src 'self'.
      modulePreload: { polyfill: false },
      assetsInlineLimit: 0,
      rolldownOptions: { input: Object.fromEntries(flows.map((flow) => [flow, fromRoot(`src/frames/${flow}.html`)])) },
    },
  };
}

const frames = framePages(frameFlows, true);

/**
 * Each flow is built on its own, so that everything its first screen runs (lit, zod/mini,
 * the bridge, the shell, its views, its English words) is one script: the frame page loads
 * one module, not an entry plus the chunks it shares with the other flows (issue 13: each
 * extra file in a frame's first load is a request the ready time waits for, and its own
 * gzip dictionary). What a flow loads later (a language, a later step) stays in chunks of
 * its own. Only the first build empties dist/frames.
 */
const frameBuilds: UserConfig[] = frameFlows.map((flow, index) => framePages([flow], index === 0));

const loader: UserConfig = {
  root,
  publicDir: false,
  define: { __ENCLAVE_VERSION__: JSON.stringify(version) },
  // The script tag runs the protocol's zod schemas on a 1 KB engine of the zod/mini subset
  // they use, not on zod itself (docs/decisions/0012-loader-schema-engine.md).
  resolve: { alias: { "zod/mini": fromRoot("src/elements/internal/loader-zod.ts") } },
  build: {
    outDir: fromRoot("dist/loader"),
    emptyOutDir: true,
    target: "es2022",
    lib: { entry: fromRoot("src/elements/loader.ts"), formats: ["iife"], name: "EnclaveLoader", fileName: () => "enclave.js" },
    rolldownOptions: {
      // A schema that calls a zod function the loader's engine lacks would be `undefined` at
      // run time, throwing on every merchant page: stop the build instead.
      onwarn(warning, warn) {
        if (warning.code === "IMPORT_IS_UNDEFINED" || warning.code === "MISSING_EXPORT") throw new Error(warning.message);
        warn(warning);
      },
    },
  },
};

const esm: UserConfig = {
  root,
  publicDir: false,
  build: {
    outDir: fromRoot("dist/esm"),
    emptyOutDir: true,
    target: "es2022",
    minify: false,
    lib: {
      entry: {
        index: fromRoot("src/elements/index.ts"),
        checkout: fromRoot("src/elements/checkout/enclave-checkout.ts"),
        "bank-link": fromRoot("src/elements/bank-link/enclave-bank-link.ts"),
        identity: fromRoot("src/elements/identity/enclave-identity.ts"),
        react: fromRoot("src/react/index.ts"),
        vue: fromRoot("src/vue/index.ts"),
      },
      formats: ["es"],
    },
    // Dependencies stay imports; React and Vue are the application's own copies (peer dependencies).
    rolldownOptions: { external: [/^lit(\/.*)?$/, /^@lit\//, /^zod(\/.*)?$/, /^@floating-ui\//, /^react(\/.*)?$/, /^vue$/] },
  },
};

const node: UserConfig = {
  root,
  publicDir: false,
  build: {
    outDir: fromRoot("dist/node"),
    emptyOutDir: true,
    target: "node20",
    ssr: true,
    minify: false,
    lib: {
      // The image worker is its own entry: the host starts it as dist/node/image-worker.js (src/server/identity/image-pool.ts).
      entry: { sdk: fromRoot("src/sdk/index.ts"), cli: fromRoot("src/server/cli.ts"), "image-worker": fromRoot("src/server/identity/image-worker.ts") },
      formats: ["es"],
    },
  },
};

export const buildTargets: Record<"frames" | "loader" | "esm" | "node", UserConfig | UserConfig[]> = { frames: frameBuilds, loader, esm, node };

export default defineConfig(frames);
