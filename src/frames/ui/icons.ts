/**
 * Small line icons shared by the frames' screens, as inline SVG (no requests, nothing for
 * the CSP to allow). All decorative: the buttons and texts beside them carry the meaning.
 */
import { svg, type SVGTemplateResult } from "lit";

const icon = (body: SVGTemplateResult, size = 20): SVGTemplateResult =>
  svg`<svg class="icon" viewBox="0 0 24 24" width=${size} height=${size} aria-hidden="true" focusable="false" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round">${body}</svg>`;

export const backIcon = (): SVGTemplateResult => icon(svg`<path d="M15 18l-6-6 6-6" />`);
export const closeIcon = (): SVGTemplateResult => icon(svg`<path d="M6 6l12 12M18 6L6 18" />`);
export const lockIcon = (size = 16): SVGTemplateResult => icon(svg`<rect x="5" y="11" width="14" height="10" rx="2" /><path d="M8 11V8a4 4 0 0 1 8 0v3" />`, size);
export const eyeIcon = (): SVGTemplateResult => icon(svg`<path d="M2 12s3.5-7 10-7 10 7 10 7-3.5 7-10 7S2 12 2 12z" /><circle cx="12" cy="12" r="3" />`);
export const eyeOffIcon = (): SVGTemplateResult =>
  icon(
    svg`<path d="M3 3l18 18" /><path d="M10.6 5.1A10.9 10.9 0 0 1 12 5c6.5 0 10 7 10 7a17.6 17.6 0 0 1-3.2 4.2M6.6 6.6C3.8 8.4 2 12 2 12s3.5 7 10 7a10 10 0 0 0 5.4-1.6" /><path d="M9.9 9.9a3 3 0 0 0 4.2 4.2" />`,
  );
export const checkCircleIcon = (size = 48): SVGTemplateResult => icon(svg`<circle cx="12" cy="12" r="10" /><path d="M7.5 12.5l3 3 6-6.5" />`, size);
export const bankIcon = (size = 20): SVGTemplateResult => icon(svg`<path d="M3 10l9-6 9 6" /><path d="M5 10v8M9.5 10v8M14.5 10v8M19 10v8" /><path d="M3 21h18" />`, size);
export const externalIcon = (size = 16): SVGTemplateResult =>
  icon(svg`<path d="M14 4h6v6" /><path d="M20 4l-9 9" /><path d="M18 14v5a1 1 0 0 1-1 1H5a1 1 0 0 1-1-1V7a1 1 0 0 1 1-1h5" />`, size);
export const searchIcon = (size = 18): SVGTemplateResult => icon(svg`<circle cx="11" cy="11" r="7" /><path d="M20 20l-3.5-3.5" />`, size);
export const alertIcon = (size = 18): SVGTemplateResult => icon(svg`<circle cx="12" cy="12" r="10" /><path d="M12 7v6" /><path d="M12 16.5v.5" />`, size);
