/**
 * What `enclave doctor` reads from a merchant page's HTML: its script tags, its CSP meta
 * tags and the Enclave elements with their publishable keys. A scan of start tags, not a
 * full HTML parser: comments and the inside of scripts and styles are skipped, which is
 * what a page's markup needs here.
 */

export interface PageScript {
  src: string;
  integrity: string | undefined;
  nonce: string | undefined;
  /** The `crossorigin` attribute ("" when present without a value). */
  crossOrigin: string | undefined;
}

export interface PageScan {
  scripts: PageScript[];
  /** `<meta http-equiv="Content-Security-Policy" content="…">`, each one a policy of its own. */
  metaPolicies: string[];
  /** The Enclave elements on the page (`enclave-checkout`, …). */
  elements: { tag: string; publishableKey: string | undefined }[];
}

const entities: Record<string, string> = { "&amp;": "&", "&quot;": '"', "&#39;": "'", "&lt;": "<", "&gt;": ">" };

function attributes(text: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const match of text.matchAll(/([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g)) {
    const name = (match[1] ?? "").toLowerCase();
    const value = (match[2] ?? match[3] ?? match[4] ?? "").replace(/&(amp|quot|#39|lt|gt);/g, (entity) => entities[entity] ?? entity);
    if (!found.has(name)) found.set(name, value);
  }
  return found;
}

export function scanPage(html: string): PageScan {
  const scan: PageScan = { scripts: [], metaPolicies: [], elements: [] };
  // Comments and raw text (scripts, styles) hold no tags the browser would see.
  const markup = html.replace(/<!--[\s\S]*?-->/g, "").replace(/(<(script|style)\b[^>]*>)[\s\S]*?(<\/\2\s*>)/gi, "$1$3");
  for (const match of markup.matchAll(/<([a-zA-Z][a-zA-Z0-9-]*)(\s[^>]*)?>/g)) {
    const tag = (match[1] ?? "").toLowerCase();
    const attrs = attributes(match[2] ?? "");
    if (tag === "script" && attrs.has("src")) {
      scan.scripts.push({ src: attrs.get("src") ?? "", integrity: attrs.get("integrity"), nonce: attrs.get("nonce"), crossOrigin: attrs.get("crossorigin") });
    } else if (tag === "meta" && attrs.get("http-equiv")?.toLowerCase() === "content-security-policy") {
      scan.metaPolicies.push(attrs.get("content") ?? "");
    } else if (tag.startsWith("enclave-")) {
      scan.elements.push({ tag, publishableKey: attrs.get("publishable-key") });
    }
  }
  return scan;
}
