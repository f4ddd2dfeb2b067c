/**
 * The `appearance` option: `{ theme, variables, rules }`. It crosses from the merchant
 * page into the frames, where it becomes CSS, so every value is checked here against
 * anything that could escape a declaration or load a resource.
 */
import * as z from "zod/mini";
import { EnclaveError, ErrorCode } from "./errors.js";

export const themeNames = ["default", "night", "flat"] as const;

export const appearanceVariableNames = ["colorPrimary", "colorBackground", "colorText", "colorDanger", "fontFamily", "fontSizeBase", "spacingUnit", "borderRadius"] as const;

/** Part names a merchant may style through `rules` (the frames' `part` attributes). */
export const appearancePartNames = ["input", "label", "button", "error", "container", "tab"] as const;

/** States a rule may add to a part: `"button:hover"`, `"input:focus"`, `"input--invalid"`. */
export const appearanceRuleStates = [":hover", ":focus", ":focus-visible", ":disabled", "--invalid"] as const;

type AppearancePart = (typeof appearancePartNames)[number];
export type AppearanceRuleKey = AppearancePart | `${AppearancePart}${(typeof appearanceRuleStates)[number]}`;

export const appearanceRuleKeys = appearancePartNames.flatMap((part) => [part, ...appearanceRuleStates.map((state) => `${part}${state}` as const)]) as [
  AppearanceRuleKey,
  ...AppearanceRuleKey[],
];

/**
 * What `rules` may set: the look of a part, never its place on the page or its content,
 * so a rule cannot cover the frame, hide a label or draw fake text.
 */
export const appearanceRuleProperties = [
  "color",
  "background",
  "background-color",
  "opacity",
  "border",
  "border-color",
  "border-width",
  "border-style",
  "border-radius",
  "border-top",
  "border-right",
  "border-bottom",
  "border-left",
  "box-shadow",
  "outline",
  "outline-color",
  "outline-offset",
  "outline-width",
  "outline-style",
  "font-family",
  "font-size",
  "font-weight",
  "font-style",
  "letter-spacing",
  "line-height",
  "text-transform",
  "text-decoration",
  "padding",
  "padding-top",
  "padding-right",
  "padding-bottom",
  "padding-left",
  "padding-inline",
  "padding-block",
  "transition",
] as const;

// Why a deny-list beside the allow-list: values such as font stacks are free text, and
// these sequences are the ones that break out of a declaration or fetch something.
const forbiddenCssSequences = [/url\s*\(/i, /expression\s*\(/i, /@import/i, /[;{}<>\\]/, /\/\*/, /image-set\s*\(/i];
const cssValueCharacters = /^[\w\s#%.,()'"+\-/]*$/;

const cssValue = z.string().check(
  z.maxLength(200),
  z.refine((value) => cssValueCharacters.test(value) && !forbiddenCssSequences.some((pattern) => pattern.test(value)), {
    message: "contains characters or functions that are not allowed in a CSS value (url(), expression(), @import, ;, {, })",
  }),
);

const ruleDeclarations = z.partialRecord(z.enum(appearanceRuleProperties), cssValue);

export const AppearanceSchema = z.strictObject({
  theme: z.optional(z.enum(themeNames)),
  variables: z.optional(z.partialRecord(z.enum(appearanceVariableNames), cssValue)),
  rules: z.optional(z.partialRecord(z.enum(appearanceRuleKeys), ruleDeclarations)),
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
