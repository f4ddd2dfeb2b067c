/**
 * The builds of enclave-kit. The default export is the frames' multi-page app (also what
 * `vite` serves in development); `buildTargets` lists every production build, run in
 * order by scripts/build.ts:
 *   frames  → dist/frames/<flow>.html + hashed assets   (served by the widget host)
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
 * What every frame runs before its first screen: lit, zod/mini, the bridge, the protocol's
 * shared parts, the frame shell, the English words every flow shares. One chunk (cached
 * across flows), rather than the handful of small ones the automatic split makes of it
 * when some of these are also reached from a lazy chunk (a language, a later screen):
 * each extra file in a frame's first load costs a request and its own gzip dictionary.
 * A module listed here must be one every flow imports statically, or the others pay for it.
 */
const everyFrameCore =
  /node_modules[\\/](lit[\\/](index|directives[\\/]live)\.js|zod[\\/]v4[\\/](core|mini)|@lit[\\/]reactive-element|lit-element|lit-html[\\/](lit-html|directive|directive-helpers|directives[\\/]live)\.js)|src[\\/](bridge[\\/]|protocol[\\/](events|envelopes|host-spec|bridge|appearance|errors)\.ts|frames[\\/](dpop|api-client|frame-shell)\.ts|frames[\\/]ui[\\/](theme|frame-controller|frame-element|form\.styles|i18n|common-messages)\.ts)/;

const frames: UserConfig = {
  root: fromRoot("src/frames"),
  base: "/frames/",
  publicDir: false,
  build: {
    outDir: fromRoot("dist/frames"),
    emptyOutDir: true,
    target: "es2022",
    // No inline <script> or data: module preloads: the frames run under script-src 'self'.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    rolldownOptions: {
      input: Object.fromEntries(frameFlows.map((flow) => [flow, fromRoot(`src/frames/${flow}.html`)])),
      output: { codeSplitting: { groups: [{ name: "frame-core", test: everyFrameCore }] } },
    },
  },
};

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

export const buildTargets = { frames, loader, esm, node } as const;

export default defineConfig(frames);
