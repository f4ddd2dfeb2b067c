/**
 * The widget host's own small server-rendered pages (the sandbox bank's OAuth consent, the
 * sandbox issuer's 3-D Secure challenge): one HTML shell with its stylesheet, an optional
 * script from the host itself, and escaping for every value put into them.
 */

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
