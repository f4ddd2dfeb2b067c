/**
 * Just enough of Content Security Policy (CSP Level 3) for `enclave doctor` to say whether a
 * merchant page's policy lets Enclave's loader run and its frames load: parsing a policy,
 * the fallbacks between directives, and whether a source list allows a URL. Nonces,
 * hashes and `'strict-dynamic'` are reported, not evaluated against a script's content.
 */

/** One policy: each directive's source list, lower-cased names, first occurrence wins (as browsers do). */
export type Policy = Map<string, string[]>;

export function parsePolicy(text: string): Policy {
  const policy: Policy = new Map();
  for (const part of text.split(";")) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (!name) continue;
    const directive = name.toLowerCase();
    if (!policy.has(directive)) policy.set(directive, sources);
  }
  return policy;
}

/** A header may carry several policies separated by commas: each one applies. */
export function parsePolicies(header: string): Policy[] {
  return header
    .split(",")
    .map((text) => parsePolicy(text))
    .filter((policy) => policy.size > 0);
}

const fallbacks: Record<string, string[]> = {
  "script-src-elem": ["script-src-elem", "script-src", "default-src"],
  "frame-src": ["frame-src", "child-src", "default-src"],
  "connect-src": ["connect-src", "default-src"],
};

/** The directive that governs `kind` in this policy, and its sources; undefined: nothing restricts it. */
export function governing(policy: Policy, kind: keyof typeof fallbacks): { directive: string; sources: string[] } | undefined {
  for (const directive of fallbacks[kind] ?? [kind]) {
    const sources = policy.get(directive);
    if (sources) return { directive, sources };
  }
  return undefined;
}

const defaultPorts: Record<string, string> = { "http:": "80", "https:": "443", "ws:": "80", "wss:": "443" };

function matchesHostSource(source: string, url: URL, page: URL): boolean {
  const parsed = /^(?:([a-z][a-z0-9+.-]*):\/\/)?(\*|(?:\*\.)?[a-z0-9.-]+)(?::(\d+|\*))?(\/[^?#]*)?$/i.exec(source);
  if (!parsed) return false;
  const [, scheme, host = "", port, path] = parsed;
  if (scheme) {
    const wanted = `${scheme.toLowerCase()}:`;
    // An http: source also allows https: (and ws: wss:), never the reverse.
    const upgrades = wanted === url.protocol || (wanted === "http:" && url.protocol === "https:") || (wanted === "ws:" && url.protocol === "wss:");
    if (!upgrades) return false;
  } else {
    // No scheme: the page's own, or its secure upgrade.
    const pageScheme = page.protocol;
    if (!(url.protocol === pageScheme || (pageScheme === "http:" && url.protocol === "https:"))) return false;
  }
  const hostname = url.hostname.toLowerCase();
  const wantedHost = host.toLowerCase();
  if (wantedHost !== "*") {
    if (wantedHost.startsWith("*.")) {
      if (!hostname.endsWith(wantedHost.slice(1))) return false;
    } else if (hostname !== wantedHost) return false;
  }
  const urlPort = url.port || defaultPorts[url.protocol] || "";
  if (port === "*") {
    // any port
  } else if (port) {
    if (urlPort !== port) return false;
  } else {
    const sourceDefault = defaultPorts[scheme ? `${scheme.toLowerCase()}:` : page.protocol] ?? "";
    // Without a port: the scheme's default, or 443 for an upgraded 80.
    if (!(urlPort === sourceDefault || (sourceDefault === "80" && urlPort === "443"))) return false;
  }
  if (path && path !== "/") {
    if (path.endsWith("/") ? !url.pathname.startsWith(path) : url.pathname !== path) return false;
  }
  return true;
}

/** Whether a source list lets `url` load on `page` (nonces and hashes allow no URL by themselves). */
export function allows(sources: string[], url: URL, page: URL): boolean {
  for (const raw of sources) {
    const source = raw.toLowerCase();
    if (source === "'none'") continue;
    if (source === "*") {
      if (["http:", "https:", "ws:", "wss:"].includes(url.protocol)) return true;
      continue;
    }
    if (source === "'self'") {
      if (url.origin === page.origin) return true;
      continue;
    }
    if (/^[a-z][a-z0-9+.-]*:$/.test(source)) {
      if (url.protocol === source || (source === "http:" && url.protocol === "https:")) return true;
      continue;
    }
    if (source.startsWith("'")) continue;
    if (matchesHostSource(raw, url, page)) return true;
  }
  return false;
}
