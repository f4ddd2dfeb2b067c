/**
 * Turns a validated `appearance` into CSS custom properties on the frame's root. Values
 * were checked by AppearanceSchema at the bridge; setting them through the CSSOM keeps
 * the frame's CSP free of 'unsafe-inline'.
 */
import { appearanceRuleStates, type Appearance, type AppearanceRuleKey } from "../../protocol/appearance.js";

type ThemeName = NonNullable<Appearance["theme"]>;
type Variables = NonNullable<Appearance["variables"]>;
type VariableName = keyof Variables;

export const themes: Record<ThemeName, Required<Variables>> = {
  default: {
    colorPrimary: "#4f46e5",
    colorBackground: "#ffffff",
    colorText: "#1f2937",
    colorDanger: "#b91c1c",
    fontFamily: "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif",
    fontSizeBase: "16px",
    spacingUnit: "4px",
    borderRadius: "6px",
  },
  night: {
    colorPrimary: "#a5b4fc",
    colorBackground: "#111827",
    colorText: "#f3f4f6",
    colorDanger: "#fca5a5",
    fontFamily: "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif",
    fontSizeBase: "16px",
    spacingUnit: "4px",
    borderRadius: "6px",
  },
  flat: {
    colorPrimary: "#0f766e",
    colorBackground: "#f8fafc",
    colorText: "#0f172a",
    colorDanger: "#b91c1c",
    fontFamily: "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif",
    fontSizeBase: "16px",
    spacingUnit: "4px",
    borderRadius: "0px",
  },
};

/** `colorPrimary` → `--enclave-color-primary`. */
export function variableProperty(name: VariableName): string {
  return `--enclave-${name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)}`;
}

/**
 * The merchant's `rules`, shared by every view's shadow root (FrameElement adopts it), so
 * `[part~="input"]` reaches inputs however deep they sit. Constructed sheets need no
 * 'unsafe-inline' in the frame's CSP.
 */
export const merchantRulesSheet: CSSStyleSheet | undefined = typeof CSSStyleSheet === "function" ? new CSSStyleSheet() : undefined;

const stateSelectors: Record<(typeof appearanceRuleStates)[number], string> = {
  ":hover": ":hover:not(:disabled)",
  ":focus": ":focus",
  ":focus-visible": ":focus-visible",
  ":disabled": ":disabled",
  "--invalid": '[aria-invalid="true"]',
};

/** `"input:focus"` → `[part~="input"]:focus`. */
function ruleSelector(key: AppearanceRuleKey): string {
  const state = appearanceRuleStates.find((suffix) => key.endsWith(suffix));
  const part = state ? key.slice(0, -state.length) : key;
  return `[part~="${part}"]${state ? stateSelectors[state] : ""}`;
}

/**
 * CSS text for validated rules. Values were checked by AppearanceSchema (no `;`, braces,
 * `url(` or comments), so each one stays inside its declaration. `!important` because a
 * merchant who names a part means it to win over our own styles.
 */
export function rulesCss(rules: Appearance["rules"]): string {
  return Object.entries(rules ?? {})
    .map(([key, declarations]) => {
      const body = Object.entries(declarations ?? {})
        .map(([property, value]) => `${property}: ${value} !important;`)
        .join(" ");
      return `${ruleSelector(key as AppearanceRuleKey)} { ${body} }`;
    })
    .join("\n");
}

export function applyAppearance(root: HTMLElement, appearance: Appearance | undefined): void {
  merchantRulesSheet?.replaceSync(rulesCss(appearance?.rules));
  const merged = { ...themes[appearance?.theme ?? "default"], ...appearance?.variables };
  for (const [name, value] of Object.entries(merged) as [VariableName, string][]) {
    root.style.setProperty(variableProperty(name), value);
  }
  root.dataset["theme"] = appearance?.theme ?? "default";
}
