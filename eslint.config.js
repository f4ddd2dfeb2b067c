/**
 * ESLint (flat config): typescript-eslint's recommended rules everywhere, type-aware ones on
 * `src/` (what ships), the promises of STYLE.md (no `any`, no `!`, no `@ts-ignore` in `src/`),
 * and the layer table of /ARCHITECTURE.md as import restrictions, so a wrong-way import fails
 * `npm run lint` (and with it `npm test`). test/node/layer-rules.test.ts proves the layer rules.
 *
 * Formatting is Prettier's job (.prettierrc.json); nothing here is about layout.
 */
import js from "@eslint/js";
import { defineConfig } from "eslint/config";
import tseslint from "typescript-eslint";

/**
 * An import specifier that leaves the importing layer's folder for `layer` (one of src/'s
 * folders), however deep the importing file sits: `../server/app.js`, `../../frames/ui/x.js`.
 * A relative path cannot tell its depth from the pattern alone, so a sub-folder named like a
 * layer (`src/elements/server/`) would be refused too: name such a folder otherwise.
 */
const reaching = (...layers) => `^(\\.\\./)+(src/)?(${layers.join("|")})(/|\\.js$|$)`;

/**
 * One layer's restriction: `files` may not import from `layers` (ARCHITECTURE.md, "Layers"),
 * type-only imports included. `morePatterns` adds restrictions of the same rule, which a later
 * config object for the same files would otherwise replace.
 */
function layerRule(files, layers, why, morePatterns = []) {
  return {
    files,
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        { patterns: [{ regex: reaching(...layers), message: `Layer rule (ARCHITECTURE.md, "Layers"): ${why}.` }, ...morePatterns] },
      ],
    },
  };
}

/** Node's globals for the few plain-JavaScript config files (the `globals` package is not a dependency). */
const nodeGlobals = { process: "readonly", console: "readonly", URL: "readonly", Buffer: "readonly", setTimeout: "readonly", clearTimeout: "readonly" };

export default defineConfig(
  {
    // Built output, and the framework apps that test/e2e/frameworks.test.ts type-checks with their own tsconfigs.
    ignores: ["dist/**", "storybook-static/**", "test/frameworks/react-app/**", "test/frameworks/vue-app/**", "**/*.d.ts"],
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    files: ["**/*.js", "**/*.mjs"],
    languageOptions: { globals: nodeGlobals },
  },
  // What ships: type-aware rules, and STYLE.md's promises.
  {
    files: ["src/**/*.ts"],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-non-null-assertion": "error",
      "@typescript-eslint/ban-ts-comment": ["error", { "ts-expect-error": true, "ts-ignore": true, "ts-nocheck": true, "ts-check": false }],
      // A callback typed to return a promise (a transaction step, a route handler beside
      // awaiting ones) may be `async` without awaiting anything; that is not a mistake.
      "@typescript-eslint/require-await": "off",
      // DOM listeners and lit's `updated()` may be async: the caller ignores the promise, and
      // every such handler reports its own failures (controllers through `reportError`).
      "@typescript-eslint/no-misused-promises": ["error", { checksVoidReturn: { arguments: false, inheritedMethods: false } }],
    },
  },

  // Everywhere, after the type-aware set so these choices hold in src/ too.
  {
    rules: {
      // A leading underscore marks a binding kept on purpose: a property left out of a rest
      // (`const { secret: _secret, ...shape } = row`) or a parameter a signature requires.
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none", ignoreRestSiblings: true }],
      // Control characters in a regular expression are there on purpose: they find the
      // characters the API refuses in headers and text fields (src/protocol/api.ts, src/server/http/body.ts).
      "no-control-regex": "off",
      // `interface EnclaveCheckout { addEventListener<K …> }` beside `class EnclaveCheckout` is
      // how an element gets typed event listeners (the pattern of lib.dom's own elements); the
      // interface only adds overloads, it declares no member the class lacks.
      "@typescript-eslint/no-unsafe-declaration-merging": "off",
      // An empty interface is a declaration-merging target: each flow adds its events to
      // `FrameEventDetails` (src/frames/ui/frame-element.ts).
      "@typescript-eslint/no-empty-object-type": ["error", { allowInterfaces: "always" }],
      // `declare module "react" { namespace JSX { … } }` is how React's JSX types are extended.
      "@typescript-eslint/no-namespace": ["error", { allowDeclarations: true }],
    },
  },

  // Tests, stories, the demo, benchmarks and scripts.
  {
    files: ["test/**", "stories/**", "demo/**", "bench/**", "scripts/**", ".storybook/**"],
    rules: {
      // chai's assertions are property reads: `expect(dialog.open).to.be.true`.
      "@typescript-eslint/no-unused-expressions": "off",
    },
  },
  {
    files: ["test/**"],
    rules: {
      // A test's own failure message prints what it caught; a `cause` adds nothing to a failed run.
      "preserve-caught-error": "off",
    },
  },

  // The layer table of ARCHITECTURE.md ("never imports"): dependencies point down only.
  layerRule(["src/protocol/**"], ["bridge", "elements", "frames", "server", "sdk", "react", "vue"], "the protocol imports nothing of ours but itself", [
    // …and no package but zod: every side (page, frame, server, SDK) loads it.
    { regex: "^(?!\\./|zod(/|$))", message: 'Layer rule (ARCHITECTURE.md, "Layers"): the protocol imports only zod and its own files.' },
  ]),
  layerRule(["src/bridge/**"], ["elements", "frames", "server"], "the bridge imports neither end nor the server; they import it"),
  layerRule(["src/elements/**"], ["frames", "server"], "host elements reach frames over the bridge, never by import, and run without the server"),
  layerRule(["src/frames/**"], ["elements", "server"], "frames reach the host element over the bridge and the server over HTTP, never by import"),
  layerRule(["src/server/**"], ["elements", "frames"], "the server serves the frames' built files; it never imports elements or frames"),
  layerRule(["src/sdk/**"], ["elements", "frames", "server"], "the SDK is a client of the /v1 API, not of the server's internals"),
  layerRule(["src/react/**", "src/vue/**"], ["frames", "server"], "the adapters wrap the host elements only"),
);
