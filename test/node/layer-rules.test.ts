/**
 * The layer table of ARCHITECTURE.md is checked by ESLint (eslint.config.js): this proves the
 * rules fire. Each case writes a small file into a layer's folder in src/, runs ESLint on it
 * programmatically with the project's own config, and removes the file again: an import the
 * wrong way is an error naming the layer rule, an import the right way is clean.
 *
 * Only the import rule runs (ESLint's `ruleFilter`) and without type information, so a case
 * takes a fraction of a second rather than building the TypeScript program of the whole repo.
 */
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import { ESLint } from "eslint";

const root = fileURLToPath(new URL("../..", import.meta.url));
const rule = "@typescript-eslint/no-restricted-imports";
const eslint = new ESLint({
  cwd: root,
  ruleFilter: ({ ruleId }) => ruleId === rule,
  // The type-aware rules are filtered out above; without them no TypeScript program is needed.
  overrideConfig: { files: ["src/**/*.ts"], languageOptions: { parserOptions: { projectService: false } } },
});

const written: string[] = [];
after(async () => {
  await Promise.all(written.map((path) => rm(path, { force: true })));
});

/** The layer-rule messages ESLint reports for `source` saved as `<folder>/layer-probe-….ts` (folder relative to the repo). */
async function layerErrors(folder: string, source: string): Promise<string[]> {
  const path = join(root, folder, `layer-probe-${randomBytes(4).toString("hex")}.ts`);
  written.push(path);
  await writeFile(path, source);
  try {
    const [result] = await eslint.lintFiles([path]);
    assert.ok(result, `ESLint returned no result for ${path}`);
    assert.equal(result.fatalErrorCount, 0, result.messages.map((message) => message.message).join("\n"));
    return result.messages.map((message) => {
      assert.equal(message.ruleId, rule);
      assert.equal(message.severity, 2, "a layer rule is an error, not a warning");
      return message.message;
    });
  } finally {
    await rm(path, { force: true });
  }
}

describe("the layer rules of ARCHITECTURE.md, enforced by npm run lint", () => {
  test("a host element importing the server is an error that names the rule", async () => {
    const errors = await layerErrors("src/elements", 'import { createApp } from "../server/app.js";\nexport const probe = createApp;\n');
    assert.equal(errors.length, 1);
    assert.match(errors[0] ?? "", /Layer rule \(ARCHITECTURE\.md, "Layers"\): host elements/);
  });

  test("…from any depth, type-only and re-exports included", async () => {
    assert.equal((await layerErrors("src/elements/checkout", 'import type { AppOptions } from "../../server/app.js";\nexport type Probe = AppOptions;\n')).length, 1);
    assert.equal((await layerErrors("src/elements", 'export { createApp } from "../server/app.js";\n')).length, 1);
    assert.equal((await layerErrors("src/elements", 'import "../frames/ui/frame-element.js";\n')).length, 1);
  });

  test("a host element importing the bridge and the protocol is clean", async () => {
    const errors = await layerErrors(
      "src/elements",
      'import { connectToFrame } from "../bridge/index.js";\nimport { EnclaveError } from "../protocol/errors.js";\nexport const probe = [connectToFrame, EnclaveError];\n',
    );
    assert.deepEqual(errors, []);
  });

  test("the server importing the protocol is clean; importing frames or elements is not", async () => {
    assert.deepEqual(await layerErrors("src/server", 'import { EnclaveError } from "../protocol/errors.js";\nexport const probe = EnclaveError;\n'), []);
    assert.equal((await layerErrors("src/server/routes", 'import "../../frames/checkout/checkout-controller.js";\n')).length, 1);
    assert.equal((await layerErrors("src/server", 'import "../elements/index.js";\n')).length, 1);
  });

  test("frames never import the server or the host elements", async () => {
    assert.equal((await layerErrors("src/frames/checkout", 'import "../../server/app.js";\n')).length, 1);
    assert.equal((await layerErrors("src/frames", 'import "../elements/index.js";\n')).length, 1);
    assert.deepEqual(await layerErrors("src/frames/checkout", 'import "../../bridge/index.js";\nimport "../ui/frame-element.js";\n'), []);
  });

  test("the bridge imports neither end; the SDK not the server; the adapters not the frames", async () => {
    assert.equal((await layerErrors("src/bridge", 'import "../elements/index.js";\n')).length, 1);
    assert.equal((await layerErrors("src/sdk", 'import "../server/app.js";\n')).length, 1);
    assert.equal((await layerErrors("src/react", 'import "../frames/ui/frame-element.js";\n')).length, 1);
    assert.deepEqual(await layerErrors("src/react", 'import "../elements/index.js";\n'), []);
  });

  test("the protocol imports only zod and its own files", async () => {
    assert.deepEqual(await layerErrors("src/protocol", 'import { z } from "zod";\nimport { ErrorCode } from "./errors.js";\nexport const probe = [z, ErrorCode];\n'), []);
    // Two patterns refuse this one: "nothing of ours" and "only zod".
    assert.match((await layerErrors("src/protocol", 'import "../bridge/index.js";\n')).join("\n"), /the protocol imports nothing of ours/);
    assert.equal((await layerErrors("src/protocol", 'import { html } from "lit";\nexport const probe = html;\n')).length, 1);
  });
});
