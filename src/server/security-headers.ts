/**
 * Headers of the frame pages. `frame-ancestors` lists the merchant's allowed origins
 * (found through the `pk` in the frame's URL), so the browser itself refuses to draw a
 * frame anywhere else; the rest keeps the frame's own document locked down.
 */
export function framePageHeaders(allowedOrigins: string[], options: { camera: boolean }): Record<string, string> {
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
      "object-src 'none'",
      "base-uri 'none'",
      "form-action 'none'",
      `frame-ancestors ${ancestors}`,
    ].join("; "),
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
    "Permissions-Policy": [
      `camera=${options.camera ? "(self)" : "()"}`,
      "microphone=()",
      "geolocation=()",
      "payment=()",
      "usb=()",
      "display-capture=()",
    ].join(", "),
    "Cross-Origin-Opener-Policy": "same-origin-allow-popups",
    "Cache-Control": "no-store",
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
  "Content-Security-Policy": [
    "default-src 'none'",
    "style-src 'self'",
    "script-src 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
  ].join("; "),
  "X-Frame-Options": "DENY",
  "Referrer-Policy": "no-referrer",
  "X-Content-Type-Options": "nosniff",
  "Cache-Control": "no-store",
};
