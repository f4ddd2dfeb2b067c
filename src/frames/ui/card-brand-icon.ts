/**
 * Card brand marks, drawn here as simple inline SVG (no image requests, nothing for the
 * frame's CSP to allow). They suggest the brand rather than reproduce its logo. Brands
 * are credit-card-type's ids ("visa", "american-express", …); "unknown" is a blank card.
 */
import { html, svg, type SVGTemplateResult, type TemplateResult } from "lit";

/** The brands with a mark of their own; any other brand gets the generic card with its name. */
export const cardBrandNames = {
  visa: "Visa",
  mastercard: "Mastercard",
  "american-express": "American Express",
  discover: "Discover",
  "diners-club": "Diners Club",
  jcb: "JCB",
  unionpay: "UnionPay",
  maestro: "Maestro",
} as const;

export type MarkedCardBrand = keyof typeof cardBrandNames;

function isMarkedBrand(brand: string): brand is MarkedCardBrand {
  return Object.hasOwn(cardBrandNames, brand);
}

// Every mark is 32 × 20 with the same rounded outline, so the field never shifts.
const outline = svg`<rect x="0.5" y="0.5" width="31" height="19" rx="3" fill="#ffffff" stroke="#d1d5db" />`;

// Dark marks get a faint light edge, so they stand out on a dark theme too.
const solid = (fill: string): SVGTemplateResult => svg`<rect x="0.5" y="0.5" width="31" height="19" rx="3" fill=${fill} stroke="#ffffff" stroke-opacity="0.35" />`;

// Fragments inside <svg> must be `svg` templates, so lit creates them in the SVG namespace.
const marks: Record<MarkedCardBrand, SVGTemplateResult> = {
  visa: svg`${solid("#1a1f71")}
    <text x="16" y="13.5" text-anchor="middle" font-family="Arial, Helvetica, sans-serif" font-size="8.5" font-style="italic" font-weight="700" fill="#ffffff">VISA</text>`,
  mastercard: svg`${solid("#252525")}
    <circle cx="12.5" cy="10" r="6" fill="#eb001b" />
    <circle cx="19.5" cy="10" r="6" fill="#f79e1b" />
    <path d="M16 5.13A6 6 0 0 1 16 14.87A6 6 0 0 1 16 5.13Z" fill="#ff5f00" />`,
  "american-express": svg`${solid("#006fcf")}
    <text x="16" y="13" text-anchor="middle" font-family="Arial, Helvetica, sans-serif" font-size="7.5" font-weight="700" fill="#ffffff">AMEX</text>`,
  discover: svg`${outline}
    <text x="3.5" y="12.5" font-family="Arial, Helvetica, sans-serif" font-size="6.5" font-weight="700" fill="#231f20">DISC</text>
    <circle cx="24.5" cy="10" r="4" fill="#ff6000" />`,
  "diners-club": svg`${outline}
    <circle cx="16" cy="10" r="7" fill="#0079be" />
    <circle cx="16" cy="10" r="4.6" fill="#ffffff" />
    <rect x="15" y="5.4" width="2" height="9.2" fill="#0079be" />`,
  jcb: svg`${outline}
    <rect x="4" y="3" width="7.5" height="14" rx="2" fill="#0e4c96" />
    <rect x="12.25" y="3" width="7.5" height="14" rx="2" fill="#e21836" />
    <rect x="20.5" y="3" width="7.5" height="14" rx="2" fill="#007940" />
    <text y="12.5" font-family="Arial, Helvetica, sans-serif" font-size="6.5" font-weight="700" fill="#ffffff" text-anchor="middle">
      <tspan x="7.75">J</tspan><tspan x="16">C</tspan><tspan x="24.25">B</tspan>
    </text>`,
  unionpay: svg`${outline}
    <path d="M7 3h7l-3 14H4z" fill="#e21836" />
    <path d="M14 3h7l-3 14h-7z" fill="#00447c" />
    <path d="M21 3h7l-3 14h-7z" fill="#007b84" />`,
  maestro: svg`${outline}
    <circle cx="12.5" cy="10" r="6" fill="#eb001b" />
    <circle cx="19.5" cy="10" r="6" fill="#00a2e5" />
    <path d="M16 5.13A6 6 0 0 1 16 14.87A6 6 0 0 1 16 5.13Z" fill="#7375cf" />`,
};

const genericCard = svg`<rect x="0.75" y="0.75" width="30.5" height="18.5" rx="3" fill="none" stroke="currentColor" stroke-width="1.5" />
  <rect x="1" y="4.5" width="30" height="3" fill="currentColor" />
  <rect x="4" y="12" width="9" height="2" rx="1" fill="currentColor" />`;

/**
 * The brand's mark, labelled with its name ("Visa") for assistive technology. A brand
 * without a mark of its own (Elo, Mir, …) gets the generic card labelled with `name`;
 * "unknown" gets the generic card as decoration only, since it says nothing yet.
 */
export function cardBrandIcon(brand: string, name?: string): TemplateResult {
  const label = isMarkedBrand(brand) ? cardBrandNames[brand] : brand === "unknown" ? undefined : (name ?? brand);
  const mark = isMarkedBrand(brand) ? marks[brand] : genericCard;
  return label
    ? html`<svg class="card-brand" data-brand=${brand} viewBox="0 0 32 20" width="32" height="20" role="img" aria-label=${label}>${mark}</svg>`
    : html`<svg class="card-brand" data-brand="unknown" viewBox="0 0 32 20" width="32" height="20" aria-hidden="true" focusable="false">${mark}</svg>`;
}
