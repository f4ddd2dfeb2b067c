/**
 * A @web/test-runner plugin that lets browser tests load source which imports CommonJS
 * packages the way the production build (vite) allows: `import cardValidator from
 * "card-validator"`. The dev server's node resolution serves package files as they are,
 * and a CommonJS file exports nothing to a browser, so for a bare import that resolves
 * into a CommonJS-only package this plugin serves an esbuild bundle of it as an ES module
 * instead: `module.exports` is the default export and each of its keys is also a named
 * export, as vite's dependency pre-bundling gives.
 *
 * Only the project's runtime `dependencies` are converted, and only those that ship no ES
 * module (no `module` field, no `type: "module"`, no `import`/`module`/`browser` export
 * condition). Test tooling stays as it is: axe-core, for one, is a UMD script that must
 * register `window.axe` when @open-wc/testing imports it, which a bundle would not do.
 */
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, isAbsolute, join, relative, sep } from "node:path";
import { build } from "esbuild";

const prefix = "/__commonjs/";
const identifier = /^[A-Za-z_$][\w$]*$/;

interface ResolveArgs {
  source: string;
  context: { path: string };
}

interface ServeContext {
  path: string;
}

/** The nearest package.json above `file` that names a package (nested ones may only set `type`). */
function packageManifest(file: string): Record<string, unknown> | undefined {
  for (let directory = dirname(file); directory !== dirname(directory); directory = dirname(directory)) {
    const candidate = join(directory, "package.json");
    if (!existsSync(candidate)) continue;
    const manifest = JSON.parse(readFileSync(candidate, "utf8")) as Record<string, unknown>;
    if (typeof manifest["name"] === "string") return manifest;
  }
  return undefined;
}

function isCommonJsOnly(file: string): boolean {
  if (!isAbsolute(file) || !/\.c?js$/.test(file)) return false;
  const manifest = packageManifest(file);
  if (!manifest || manifest["type"] === "module" || manifest["module"] !== undefined) return false;
  return !/"(import|module|browser)"\s*:/.test(JSON.stringify(manifest["exports"] ?? {}));
}

/** An ES module whose default export is the package's `module.exports`, keys also named. */
async function bundle(file: string): Promise<string> {
  let names: string[] = [];
  try {
    // Loaded once in Node only to learn its export names; a package that cannot load
    // outside a browser still gets its default export.
    const exported: unknown = createRequire(file)(file);
    if ((typeof exported === "object" && exported !== null) || typeof exported === "function") {
      names = Object.keys(exported).filter((name) => identifier.test(name) && name !== "default" && name !== "__esModule");
    }
  } catch {
    names = [];
  }
  const contents = [
    `import * as namespace from ${JSON.stringify(file)};`,
    "export default namespace.default;",
    ...names.map((name, index) => `const named${index} = namespace[${JSON.stringify(name)}];\nexport { named${index} as ${name} };`),
  ].join("\n");
  const result = await build({
    stdin: { contents, resolveDir: dirname(file), sourcefile: "commonjs-interop.js", loader: "js" },
    bundle: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    define: { "process.env.NODE_ENV": JSON.stringify("development") },
    write: false,
    logLevel: "silent",
  });
  const output = result.outputFiles[0];
  if (!output) throw new Error(`esbuild produced no module for ${file}`);
  return output.text;
}

/** `@scope/name/sub/path` → `@scope/name`, `name/sub/path` → `name`. */
function packageName(source: string): string {
  const parts = source.split("/");
  return (source.startsWith("@") ? parts.slice(0, 2) : parts.slice(0, 1)).join("/");
}

export function commonJsPlugin(rootDir: string) {
  const manifest = JSON.parse(readFileSync(join(rootDir, "package.json"), "utf8")) as { dependencies?: Record<string, string> };
  const runtimeDependencies = new Set(Object.keys(manifest.dependencies ?? {}));
  const verdicts = new Map<string, boolean>();
  const bundles = new Map<string, Promise<string>>();

  return {
    name: "enclave-commonjs",

    resolveImport({ source, context }: ResolveArgs): string | undefined {
      if (source.startsWith(".") || source.startsWith("/") || !runtimeDependencies.has(packageName(source))) return undefined;
      let file: string;
      try {
        file = createRequire(join(rootDir, decodeURIComponent(context.path))).resolve(source);
      } catch {
        return undefined; // not a package Node can find: the dev server reports it
      }
      let commonJs = verdicts.get(file);
      if (commonJs === undefined) verdicts.set(file, (commonJs = isCommonJsOnly(file)));
      return commonJs ? prefix + relative(rootDir, file).split(sep).join("/") : undefined;
    },

    async serve(context: ServeContext): Promise<{ body: string; type: string } | undefined> {
      if (!context.path.startsWith(prefix)) return undefined;
      const file = join(rootDir, context.path.slice(prefix.length));
      if (relative(rootDir, file).startsWith("..")) return undefined;
      let body = bundles.get(file);
      if (!body) bundles.set(file, (body = bundle(file)));
      return { body: await body, type: "js" };
    },
  };
}
