/**
 * The part of `zod/mini` the loader's schemas use, as a small interpreter: the loader build
 * (vite.config.ts) resolves `zod/mini` to this file, so the script tag runs the very same
 * schema definitions (src/protocol) with 1 KB of engine instead of zod's 5.6 KB gzip.
 * Decision and trade-offs: docs/decisions/0012-loader-schema-engine.md.
 *
 * Only `safeParse` exists, answering `{ success, data }` as zod does, with the same
 * output: strict objects rebuilt key by key (absent optional keys stay absent), arrays
 * copied, anything else passed through. No issues are collected: the loader only drops
 * what does not parse. `test/elements/loader-zod.test.ts` runs every loader schema on both
 * engines over hand-made and random messages and fails on any disagreement. A schema that
 * reaches for a zod function missing here fails the loader build (a missing export), so
 * the subset cannot silently fall short.
 */

/** Undefined means "does not parse"; otherwise the parsed value, wrapped (it may itself be undefined). */
type Parse = (input: unknown) => { value: unknown } | undefined;
type Check = (value: never) => boolean;

export interface Schema {
  readonly run: Parse;
  readonly optional?: true;
  check(...checks: Check[]): Schema;
  safeParse(input: unknown): { success: true; data: unknown } | { success: false };
}

function schema(run: Parse, optional?: true): Schema {
  return {
    run,
    optional,
    check: (...checks) =>
      schema((input) => {
        const parsed = run(input);
        return parsed && checks.every((check) => check(parsed.value as never)) ? parsed : undefined;
      }, optional),
    safeParse: (input) => {
      const parsed = run(input);
      return parsed ? { success: true, data: parsed.value } : { success: false };
    },
  };
}

const ofType = (type: string, accept: (input: unknown) => boolean = () => true): Schema =>
  schema((input) => (typeof input === type && accept(input) ? { value: input } : undefined));

// zod/mini names, zod/mini behaviour.
export const config = (): void => undefined;
export const string = (): Schema => ofType("string");
export const number = (): Schema => ofType("number", (input) => Number.isFinite(input));
export const boolean = (): Schema => ofType("boolean");
export const unknown = (): Schema => schema((input) => ({ value: input }));

export const literal = (values: unknown): Schema => {
  const allowed = new Set(Array.isArray(values) ? values : [values]);
  return schema((input) => (allowed.has(input) ? { value: input } : undefined));
};

export const optional = (inner: Schema): Schema => schema((input) => (input === undefined ? { value: undefined } : inner.run(input)), true);

export const array = (item: Schema): Schema =>
  schema((input) => {
    if (!Array.isArray(input)) return undefined;
    const value: unknown[] = [];
    for (const element of input) {
      const parsed = item.run(element);
      if (!parsed) return undefined;
      value.push(parsed.value);
    }
    return { value };
  });

export const strictObject = (shape: Record<string, Schema>): Schema =>
  schema((input) => {
    if (typeof input !== "object" || input === null || Array.isArray(input)) return undefined;
    const fields = input as Record<string, unknown>;
    // zod walks own and inherited enumerable keys; any it does not know fails a strict object.
    for (const key in fields) if (!Object.hasOwn(shape, key)) return undefined;
    const value: Record<string, unknown> = {};
    for (const key of Object.keys(shape)) {
      const field = shape[key];
      const present = key in fields;
      if (!field || (!present && field.optional)) continue;
      const parsed = present ? field.run(fields[key]) : undefined;
      if (!parsed) return undefined;
      value[key] = parsed.value;
    }
    return { value };
  });

export const union = (options: Schema[]): Schema =>
  schema((input) => {
    for (const option of options) {
      const parsed = option.run(input);
      if (parsed) return parsed;
    }
    return undefined;
  });

// Checks: zod counts a string's length in UTF-16 code units, as `.length` does.
export const minLength =
  (min: number): Check =>
  (value: { length: number }) =>
    value.length >= min;
export const maxLength =
  (max: number): Check =>
  (value: { length: number }) =>
    value.length <= max;
export const length =
  (exact: number): Check =>
  (value: { length: number }) =>
    value.length === exact;
export const minimum =
  (min: number): Check =>
  (value: number) =>
    value >= min;
export const maximum =
  (max: number): Check =>
  (value: number) =>
    value <= max;
