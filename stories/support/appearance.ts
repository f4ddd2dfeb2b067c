/**
 * The appearance controls the frame stories share: a theme and the --enclave-* variables
 * a merchant's `appearance` sets, and the frame's root in miniature that applies them as
 * frame-shell applies them to <html>.
 */
import { themeNames, type Appearance } from "../../src/protocol/appearance.js";
import { applyAppearance } from "../../src/frames/ui/theme.js";

export type Variables = NonNullable<Appearance["variables"]>;

/** The args every frame story has: the theme, each variable, and the locale. */
export interface AppearanceArgs extends Variables {
  theme: NonNullable<Appearance["theme"]>;
  locale: string;
}

const variableArgs = ["colorPrimary", "colorBackground", "colorText", "colorDanger", "fontFamily", "fontSizeBase", "spacingUnit", "borderRadius"] as const;

export const themeArgType = { control: "inline-radio", options: themeNames } as const;

/** A control for each --enclave-* variable (empty: the theme's value). */
export const variableArgTypes = {
  colorPrimary: { control: "color", description: "--enclave-color-primary (the theme's when empty)" },
  colorBackground: { control: "color", description: "--enclave-color-background" },
  colorText: { control: "color", description: "--enclave-color-text" },
  colorDanger: { control: "color", description: "--enclave-color-danger" },
  fontFamily: { control: "text", description: "--enclave-font-family" },
  fontSizeBase: { control: "text", description: "--enclave-font-size-base, e.g. 16px" },
  spacingUnit: { control: "text", description: "--enclave-spacing-unit, e.g. 4px" },
  borderRadius: { control: "text", description: "--enclave-border-radius, e.g. 6px" },
} as const;

/** A merchant's own look, every variable set: what the CustomAppearance stories show. */
export const customAppearance: Variables = {
  colorPrimary: "#0a7d3b",
  colorBackground: "#fffdf7",
  colorText: "#2b2118",
  colorDanger: "#a4161a",
  fontFamily: "Georgia, 'Times New Roman', serif",
  fontSizeBase: "17px",
  spacingUnit: "5px",
  borderRadius: "12px",
};

/**
 * The frame's root in miniature: the theme and the variables that are set are applied to
 * it as frame-shell applies them to <html>, and its direction and language follow the locale.
 */
export function frameRoot(args: AppearanceArgs): HTMLDivElement {
  const frame = document.createElement("div");
  const variables: Variables = {};
  for (const name of variableArgs) {
    const value = args[name];
    if (value) variables[name] = value;
  }
  applyAppearance(frame, { theme: args.theme, variables });
  frame.dir = args.locale === "ar" ? "rtl" : "ltr";
  frame.lang = args.locale;
  return frame;
}
