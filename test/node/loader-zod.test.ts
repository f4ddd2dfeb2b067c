/**
 * The built loader runs the protocol's schemas on src/elements/internal/loader-zod.ts
 * instead of zod (docs/decisions/0012). This suite builds every schema the loader runs
 * twice, once on each engine, and feeds both the same messages: valid ones made from each
 * schema, each mutated in the ways a forged or broken message would be (a missing, extra or
 * retyped field, a string one past its limit, NaN, a prototype key…), and random values.
 * Any disagreement — accepted by one and not the other, or a different parsed value —
 * fails, naming the schema and the message.
 */
import assert from "node:assert/strict";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";
import { build as viteBuild } from "vite";

const root = new URL("../../", import.meta.url);
const engine = new URL("src/elements/internal/loader-zod.ts", root).pathname;

/** Every schema the loader runs, by a readable name. */
const collect = `
import { hostChecks, frameChecks } from "./src/protocol/host-spec.ts";
import { portMessageSchemas, HelloMessageSchema, ConnectMessageSchema } from "./src/protocol/envelopes.ts";
export const schemas = { hello: HelloMessageSchema, connect: ConnectMessageSchema };
for (const [kind, schema] of Object.entries(portMessageSchemas)) schemas["port." + kind] = schema;
for (const [method, spec] of Object.entries(hostChecks.methods)) schemas["host." + method] = spec.params;
for (const [flow, checks] of Object.entries(frameChecks)) {
  for (const [method, spec] of Object.entries(checks.methods)) schemas[flow + ".result." + method] = spec.result;
  for (const [name, schema] of Object.entries(checks.events)) schemas[flow + ".event." + name] = schema;
}
`;

interface ParseResult {
  success: boolean;
  data?: unknown;
}
interface SafeParser {
  safeParse(input: unknown): ParseResult;
}
type Schemas = Record<string, SafeParser>;
/** What zod keeps of a schema's definition: enough to make messages for it. */
interface Def {
  type: string;
  shape?: Record<string, { _zod: { def: Def } }>;
  innerType?: { _zod: { def: Def } };
  element?: { _zod: { def: Def } };
  options?: { _zod: { def: Def } }[];
  values?: unknown[];
  checks?: { _zod: { def: { check: string; minimum?: number; maximum?: number; length?: number; value?: number } } }[];
}

let dir = "";
let zodSchemas: Schemas = {};
let engineSchemas: Schemas = {};

async function bundle(name: string, alias: Record<string, string>): Promise<Schemas> {
  const out = join(dir, `${name}.mjs`);
  await build({
    stdin: { contents: collect, resolveDir: root.pathname, loader: "ts" },
    bundle: true,
    format: "esm",
    platform: "neutral",
    outfile: out,
    alias,
    logLevel: "error",
  });
  return ((await import(pathToFileURL(out).href)) as { schemas: Schemas }).schemas;
}

before(async () => {
  dir = await mkdtemp(join(tmpdir(), "enclave-loader-zod-"));
  await writeFile(join(dir, "package.json"), "{}");
  zodSchemas = await bundle("zod", {});
  engineSchemas = await bundle("engine", { "zod/mini": engine });
});
after(() => rm(dir, { recursive: true, force: true }));

/** A seeded generator: the same messages on every run, so a failure reproduces. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

const limits = (def: Def): { min: number; max: number } => {
  let min = 0;
  let max = 12;
  for (const check of def.checks ?? []) {
    const { check: kind, minimum, maximum, length, value } = check._zod.def;
    if (kind === "min_length" && minimum !== undefined) min = minimum;
    if (kind === "max_length" && maximum !== undefined) max = Math.min(max, maximum);
    if (kind === "length_equals" && length !== undefined) min = max = length;
    if (kind === "greater_than" && value !== undefined) min = value;
    if (kind === "less_than" && value !== undefined) max = value;
  }
  return { min, max: Math.max(min, max) };
};

/** A value the schema should accept (near its limits, now and then). */
function valid(def: Def, next: () => number): unknown {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
  switch (def.type) {
    case "string": {
      const { min, max } = limits(def);
      return "é".repeat(pick([min, max, Math.floor((min + max) / 2)]));
    }
    case "number": {
      const { min, max } = limits(def);
      return pick([min, max, min + 0.5, 0 >= min ? -0 : min]);
    }
    case "boolean":
      return next() < 0.5;
    case "literal":
      return pick(def.values ?? []);
    case "unknown":
      return pick([undefined, null, 1, "x", { nested: [1] }, [{ a: 1 }]]);
    case "optional":
      return next() < 0.3 || !def.innerType ? undefined : valid(def.innerType._zod.def, next);
    case "array":
      return def.element ? [valid(def.element._zod.def, next), valid(def.element._zod.def, next)] : [];
    case "union":
      return valid(pick(def.options ?? [])._zod.def, next);
    case "object": {
      const value: Record<string, unknown> = {};
      for (const [key, field] of Object.entries(def.shape ?? {})) {
        const made = valid(field._zod.def, next);
        // An optional field is left out as often as it is given.
        if (field._zod.def.type === "optional" && made === undefined && next() < 0.5) continue;
        value[key] = made;
      }
      return value;
    }
    default:
      throw new Error(`no generator for a ${def.type} schema: add one, and to the engine`);
  }
}

const strangeValues: unknown[] = [undefined, null, 0, -0, NaN, Infinity, -Infinity, 1e308, "", "x".repeat(2001), true, [], {}, new Date(0), Object.create(null), [undefined]];

/** Everything a forger could make of one valid message. */
function mutations(value: unknown, next: () => number): unknown[] {
  const out: unknown[] = [...strangeValues];
  if (typeof value === "string") out.push(value + "x", value.slice(1), `${value}\u0000`);
  if (typeof value === "number") out.push(value + 1, value - 1, value + 0.000001, String(value));
  if (Array.isArray(value)) out.push([...value, value[0]], value.slice(1), [value], Object.assign({}, value));
  if (typeof value === "object" && value !== null && !Array.isArray(value)) {
    const fields = value as Record<string, unknown>;
    for (const key of Object.keys(fields)) {
      const { [key]: dropped, ...rest } = fields;
      out.push(rest, { ...fields, [key]: undefined });
      for (const replaced of mutations(dropped, next).slice(0, 24)) out.push({ ...fields, [key]: replaced });
    }
    out.push({ ...fields, extra: 1 }, Object.assign(Object.create({ inherited: 1 }) as object, fields));
    out.push(JSON.parse(`{"__proto__": 1, ${JSON.stringify(fields).slice(1)}`.replace(/, }$/, "}")) as unknown);
  }
  return out;
}

test("the loader's engine answers exactly as zod on every schema the loader runs", () => {
  const names = Object.keys(zodSchemas);
  assert.ok(names.length > 30, `expected every loader schema, found ${names.length}`);
  let compared = 0;
  let accepted = 0;
  for (const name of names) {
    const zod = zodSchemas[name];
    const ours = engineSchemas[name];
    if (!zod || !ours) throw new Error(`${name} is built by one engine only`);
    const def = (zod as unknown as { _zod: { def: Def } })._zod.def;
    const next = random(name.length * 7919);
    for (let round = 0; round < 25; round++) {
      const message = valid(def, next);
      for (const input of [message, ...mutations(message, next)]) {
        const expected: ParseResult = zod.safeParse(input);
        const actual: ParseResult = ours.safeParse(input);
        const where = `${name} on ${String(JSON.stringify(input))}`;
        assert.equal(actual.success, expected.success, where);
        if (expected.success) {
          assert.deepStrictEqual(actual.data, expected.data, where);
          accepted++;
        }
        compared++;
      }
    }
  }
  // A generator that made only garbage would prove nothing about the accepting side.
  assert.ok(accepted > compared / 20, `only ${accepted} of ${compared} messages were valid`);
});

test("a schema the engine cannot run fails the loader's build, not a merchant's page", async () => {
  const { buildTargets } = await import("../../vite.config.js");
  const entry = join(dir, "uses-email.ts");
  await writeFile(entry, `import * as z from "zod/mini";\nexport const address = z.email();\n`);
  const loader = buildTargets.loader;
  if (Array.isArray(loader)) throw new Error("the loader is one build");
  await assert.rejects(
    viteBuild({ ...loader, configFile: false, logLevel: "silent", build: { ...loader.build, write: false, lib: { entry, formats: ["iife"], name: "Probe" } } }),
    /email/,
  );
});
