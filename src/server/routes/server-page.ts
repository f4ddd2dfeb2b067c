/**
 * The widget host's own small server-rendered pages (the sandbox bank's OAuth consent, the
 * sandbox issuer's 3-D Secure challenge): one HTML shell with its stylesheet, an optional
 * script from the host itself, and escaping for every value put into them.
 */
import type { Context } from "hono";
import { sendRepresentation, strongETag } from "../http/conditional.js";

export const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (character) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[character] as string);

/** A whole page: `title` is escaped here; `body` is HTML the caller escaped. */
export function serverPage(title: string, body: string, options: { stylesheet: string; script?: string }): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<link rel="stylesheet" href="${options.stylesheet}">
</head>
<body>
<main>
${body}
</main>
${options.script ? `<script src="${options.script}"></script>\n` : ""}</body>
</html>
`;
}

/**
 * The handler of one of these pages' stylesheets or scripts: fixed text served from
 * memory, never sniffed, for this origin only, cached for five minutes and then
 * revalidated by its ETag (a 304 while it is unchanged).
 */
export function serverPageAsset(contentType: "text/css; charset=utf-8" | "text/javascript; charset=utf-8", text: string): (context: Context) => Response {
  const bytes = new TextEncoder().encode(text);
  const representation = { bytes, etag: strongETag(bytes) };
  return (context) =>
    sendRepresentation(context, representation, contentType, {
      "X-Content-Type-Options": "nosniff",
      "Cross-Origin-Resource-Policy": "same-origin",
      "Cache-Control": "public, max-age=300",
    });
}
