/**
 * The `appearance` option: `{ theme, variables, rules }`. It crosses from the merchant
 * page into the frames, where it becomes CSS, so every value is checked here against
 * anything that could escape a declaration or load a resource.
 */
import * as z from "zod/mini";
import { EnclaveError, ErrorCode } from "./errors.js";

export const themeNames = ["default", "night", "flat"] as const;

export const appearanceVariableNames = [
  "colorPrimary",
  "colorBackground",
  "colorText",
  "colorDanger",
  "fontFamily",
  "fontSizeBase",
  "spacingUnit",
  "borderRadius",
] as const;

/** Part names a merchant may style through `rules`. */
export const appearancePartNames = ["input", "label", "button", "error", "container", "tab"] as const;

// Why a deny-list beside the allow-list: values such as font stacks are free text, and
// these sequences are the ones that break out of a declaration or fetch something.
const forbiddenCssSequences = [/url\s*\(/i, /expression\s*\(/i, /@import/i, /[;{}<>\\]/, /\/\*/, /image-set\s*\(/i];
const cssValueCharacters = /^[\w\s#%.,()'"+\-/]*$/;

const cssValue = z.string().check(
  z.maxLength(200),
  z.refine(
    (value) => cssValueCharacters.test(value) && !forbiddenCssSequences.some((pattern) => pattern.test(value)),
    { message: "contains characters or functions that are not allowed in a CSS value (url(), expression(), @import, ;, {, })" },
  ),
);

const cssPropertyName = z.string().check(z.regex(/^[a-z][a-z-]{0,40}$/, "must be a lowercase CSS property name"));

export const AppearanceSchema = z.strictObject({
  theme: z.optional(z.enum(themeNames)),
  variables: z.optional(z.partialRecord(z.enum(appearanceVariableNames), cssValue)),
  rules: z.optional(z.partialRecord(z.enum(appearancePartNames), z.record(cssPropertyName, cssValue))),
});

export type Appearance = z.infer<typeof AppearanceSchema>;

/**
 * Checks an appearance that arrived from a merchant page. Returns the parsed value, or
 * an `invalid_appearance` error that names the offending path in plain words.
 */
export function parseAppearance(value: unknown): { appearance?: Appearance; error?: EnclaveError } {
  if (value === undefined) return {};
  const parsed = AppearanceSchema.safeParse(value);
  if (parsed.success) return { appearance: parsed.data };
  const issue = parsed.error.issues[0];
  const where = issue?.path.length ? `appearance.${issue.path.join(".")}` : "appearance";
  return { error: new EnclaveError(ErrorCode.invalidAppearance, `${where}: ${issue?.message ?? "is invalid"}. The default appearance is used instead.`) };
}
