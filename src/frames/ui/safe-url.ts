/**
 * A URL from an API answer that the frame is about to open or link to: kept only when it
 * is http(s), resolved against the frame's page. A `javascript:` or `data:` URL would run
 * in, or impersonate, the frame's origin, so it is never opened or put in an `href`.
 */
export function safeUrl(value: string): string | undefined {
  if (value === "") return undefined;
  try {
    const url = new URL(value, document.baseURI);
    return url.protocol === "https:" || url.protocol === "http:" ? url.href : undefined;
  } catch {
    return undefined;
  }
}
