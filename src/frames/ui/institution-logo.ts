/**
 * An institution's logo as the API describes it — a brand colour and initials — drawn as
 * inline SVG. The colour goes in SVG `fill` attributes, which the frames' CSP
 * (`style-src 'self'`, no inline styles) allows, and is checked first: anything that is
 * not `#rrggbb` gets a neutral grey. The badge is decorative: the name is always beside it.
 */
import { svg, type SVGTemplateResult } from "lit";

export interface LogoSpec {
  color: string;
  initials: string;
}

const hexColor = /^#[0-9a-f]{6}$/i;
const fallbackColor = "#6b7280";

/** The badge, `size` CSS pixels square (the surrounding CSS may scale it). */
export function institutionLogo(logo: LogoSpec, size = 40): SVGTemplateResult {
  const color = hexColor.test(logo.color) ? logo.color : fallbackColor;
  const initials = [...logo.initials.trim()].slice(0, 3).join("").toUpperCase();
  const fontSize = initials.length > 2 ? 13 : 16;
  return svg`<svg class="institution-logo" viewBox="0 0 40 40" width=${size} height=${size} aria-hidden="true" focusable="false">
    <rect width="40" height="40" rx="10" fill=${color} />
    <text x="20" y="20" fill=${textColorOn(color)} font-size=${fontSize} font-weight="700" font-family="system-ui, sans-serif" text-anchor="middle" dominant-baseline="central">${initials}</text>
  </svg>`;
}

/** White or near-black, whichever reads better on `background` (WCAG relative luminance). */
export function textColorOn(background: string): string {
  const channels = [1, 3, 5].map((start) => Number.parseInt(background.slice(start, start + 2), 16) / 255);
  const [r = 0, g = 0, b = 0] = channels.map((value) => (value <= 0.04045 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4));
  const luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  // Contrast with white is 1.05 / (L + 0.05); with #111827 (L ≈ 0.0092) it is (L + 0.05) / 0.0592: the larger wins.
  return 1.05 / (luminance + 0.05) >= (luminance + 0.05) / 0.0592 ? "#ffffff" : "#111827";
}
