/**
 * Headers of the frame pages. `frame-ancestors` lists the merchant's allowed origins
 * (found through the `pk` in the frame's URL), so the browser itself refuses to draw a
 * frame anywhere else; the rest keeps the frame's own document locked down.
 */
export function framePageHeaders(allowedOrigins: string[], options: { camera: boolean; challenges?: boolean }): Record<string, string> {
  const ancestors = allowedOrigins.length > 0 ? allowedOrigins.join(" ") : "'none'";
  return {
    "Content-Security-Policy": [
      "default-src 'none'",
      "script-src 'self'",
      "style-src 'self'",
      "img-src 'self' data: blob:",
      "font-src 'self'",
      "connect-src 'self'",
      "media-src 'self' blob:",
      // The identity frame decodes photos in a module worker from its own origin (never blob:).
      "worker-src 'self'",
      // The checkout frame shows the host's own 3-D Secure page (three-d-secure-pages.ts).
      `frame-src ${options.challenges ? "'self'" : "'none'"}`,
      "object-src 'none'",
      "base-uri 'none'",
      "form-action 'none'",
      `frame-ancestors ${ancestors}`,
    ].join("; "),
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
    "Permissions-Policy": [`camera=${options.camera ? "(self)" : "()"}`, "microphone=()", "geolocation=()", "payment=()", "usb=()", "display-capture=()"].join(", "),
    "Cross-Origin-Opener-Policy": "same-origin-allow-popups",
    // Kept but revalidated on every use (ETag, 304): the page holds no secret, and its
    // per-merchant CSP is part of its ETag (routes/static-files.ts).
    "Cache-Control": "no-cache",
  };
}

/** Headers of every API response: JSON that no browser may sniff, frame or cache. */
export const apiHeaders: Record<string, string> = {
  "X-Content-Type-Options": "nosniff",
  "Cache-Control": "no-store",
  "Referrer-Policy": "no-referrer",
};

/**
 * Headers of the sandbox bank's own pages (the OAuth consent a popup shows): a top-level
 * page that no one may frame, with its stylesheet and script from this origin only and
 * its form posting only back here.
 */
export const sandboxBankPageHeaders: Record<string, string> = {
  "Content-Type": "text/html; charset=utf-8",
  "Content-Security-Policy": ["default-src 'none'", "style-src 'self'", "script-src 'self'", "form-action 'self'", "frame-ancestors 'none'", "base-uri 'none'"].join("; "),
  "X-Frame-Options": "DENY",
  "Referrer-Policy": "no-referrer",
  "X-Content-Type-Options": "nosniff",
  "Cache-Control": "no-store",
};

/**
 * Headers of the 3-D Secure challenge page (routes/three-d-secure-pages.ts), which the
 * checkout frame shows in an iframe of its own. `frame-ancestors` is checked against every
 * ancestor, up to the merchant's page: so it names this host ('self', the checkout frame)
 * and the merchant's allowed origins (the page around that frame), and no one else. No
 * script at all; forms post only back here; the URL (its id is the secret) goes in no Referer.
 */
export function challengePageHeaders(merchantOrigins: string[]): Record<string, string> {
  return {
    "Content-Type": "text/html; charset=utf-8",
    "Content-Security-Policy": [
      "default-src 'none'",
      "style-src 'self'",
      "form-action 'self'",
      `frame-ancestors ${["'self'", ...merchantOrigins].join(" ")}`,
      "base-uri 'none'",
    ].join("; "),
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Cache-Control": "no-store",
  };
}
