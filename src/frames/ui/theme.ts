/**
 * Turns a validated `appearance` into CSS custom properties on the frame's root. Values
 * were checked by AppearanceSchema at the bridge; setting them through the CSSOM keeps
 * the frame's CSP free of 'unsafe-inline'.
 */
import type { Appearance } from "../../protocol/appearance.js";

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

export function applyAppearance(root: HTMLElement, appearance: Appearance | undefined): void {
  const merged = { ...themes[appearance?.theme ?? "default"], ...appearance?.variables };
  for (const [name, value] of Object.entries(merged) as [VariableName, string][]) {
    root.style.setProperty(variableProperty(name), value);
  }
  root.dataset["theme"] = appearance?.theme ?? "default";
}
