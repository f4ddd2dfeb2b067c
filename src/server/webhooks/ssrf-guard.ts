/**
 * Where a webhook may be sent (the SSRF guard), checked when an endpoint is registered and
 * again before every delivery (a name may resolve elsewhere by then).
 *
 * A target is refused when it is not http(s), carries a user name or password, is this
 * widget host itself, or when ANY address its name resolves to is not public unicast:
 * loopback, private (RFC 1918), shared (CGNAT 100.64/10), link-local (169.254/16 and the
 * cloud metadata address in it, fe80::/10), unique-local (fc00::/7), multicast, broadcast,
 * unspecified (0.0.0.0, ::), reserved and documentation ranges, and IPv6 forms that carry
 * such an IPv4 address (IPv4-mapped, IPv4-compatible, NAT64, 6to4, Teredo). The WHATWG URL
 * parser has already rewritten `127.1`, `2130706433` and `0x7f000001` to `127.0.0.1`, and
 * ipaddr.js unwraps `::ffff:127.0.0.1`, so every spelling meets the same check.
 *
 * ENCLAVE_WEBHOOK_ALLOW_PRIVATE=1 (development, the demo) also lets loopback, private,
 * CGNAT and unique-local targets through; link-local (metadata), multicast, unspecified
 * and this host's own API stay refused.
 *
 * `check()` returns the addresses it checked; the delivery connects to one of those
 * (src/server/webhooks/deliver.ts), never resolving the name a second time.
 */
import { lookup as dnsLookup } from "node:dns/promises";
import { isIP } from "node:net";
import { networkInterfaces } from "node:os";
import ipaddr from "ipaddr.js";

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** Every address a name resolves to (the system resolver by default; tests pass their own). */
export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>;

export const systemResolver: Resolver = async (hostname) =>
  (await dnsLookup(hostname, { all: true, verbatim: true })).map((entry) => ({ address: entry.address, family: entry.family === 6 ? 6 : 4 }));

/** Why a target was refused: a sentence a merchant can act on. */
export class TargetRefused extends Error {
  override name = "TargetRefused";
}

export interface CheckedTarget {
  url: URL;
  /** The host name without IPv6 brackets or a trailing dot. */
  hostname: string;
  port: number;
  /** What the name resolved to, every one allowed; empty only for a name that did not resolve at registration. */
  addresses: ResolvedAddress[];
}

export interface GuardOptions {
  allowPrivate: boolean;
  /** ENCLAVE_PUBLIC_URL's origin: this host as others reach it. */
  publicOrigin?: string | undefined;
  resolve?: Resolver;
  /** How long a name may take to resolve (default 5 s). */
  resolveTimeoutMs?: number;
}

const DNS_NOT_FOUND = new Set(["ENOTFOUND", "ENODATA", "EAI_NONAME", "EAI_NODATA"]);

export class WebhookTargetGuard {
  readonly allowPrivate: boolean;
  private readonly resolve: Resolver;
  private readonly resolveTimeoutMs: number;
  private readonly ownOrigins = new Set<string>();

  constructor(options: GuardOptions) {
    this.allowPrivate = options.allowPrivate;
    this.resolve = options.resolve ?? systemResolver;
    this.resolveTimeoutMs = options.resolveTimeoutMs ?? 5000;
    if (options.publicOrigin) this.addOwnOrigin(options.publicOrigin);
  }

  /** An origin this host answers on (each listener adds its own). */
  addOwnOrigin(origin: string): void {
    this.ownOrigins.add(new URL(origin).origin);
  }

  /**
   * At registration: a name that does not resolve (yet) is accepted, since DNS is often set
   * up after the endpoint; each delivery checks it again and fails until it resolves well.
   * `requestOrigin` is the origin the API call came in on: this host too.
   */
  checkForRegistration(raw: string, requestOrigin?: string): Promise<CheckedTarget> {
    return this.check(raw, { unresolved: "accept", ...(requestOrigin ? { extraOrigin: requestOrigin } : {}) });
  }

  /** Before a delivery: the name must resolve, and every address must be allowed. */
  checkForDelivery(raw: string): Promise<CheckedTarget> {
    return this.check(raw, { unresolved: "refuse" });
  }

  private async check(raw: string, options: { unresolved: "accept" | "refuse"; extraOrigin?: string }): Promise<CheckedTarget> {
    const url = parseTarget(raw);
    const hostname = url.hostname
      .replace(/^\[|\]$/g, "")
      .replace(/\.$/, "")
      .toLowerCase();
    const port = url.port ? Number(url.port) : url.protocol === "https:" ? 443 : 80;
    const own = new Set(this.ownOrigins);
    if (options.extraOrigin) own.add(new URL(options.extraOrigin).origin);
    if (own.has(url.origin)) throw new TargetRefused("A webhook URL may not point at this widget host's own API.");
    if (!this.allowPrivate && (hostname === "localhost" || hostname.endsWith(".localhost"))) {
      throw new TargetRefused(`${url.origin} is this machine (localhost): webhooks go to public addresses only.${privateHint}`);
    }

    let addresses: ResolvedAddress[];
    if (isIP(hostname)) {
      addresses = [{ address: hostname, family: isIP(hostname) === 6 ? 6 : 4 }];
    } else {
      try {
        addresses = await withTimeout(this.resolve(hostname), this.resolveTimeoutMs, `${hostname} did not resolve within ${this.resolveTimeoutMs} ms`);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (options.unresolved === "accept" && (code === undefined || DNS_NOT_FOUND.has(code) || code === "EAI_AGAIN" || code === "ETIMEOUT")) {
          return { url, hostname, port, addresses: [] };
        }
        throw new TargetRefused(`${hostname} does not resolve (${code ?? (error instanceof Error ? error.message : "no answer")}).`);
      }
      if (addresses.length === 0) {
        if (options.unresolved === "accept") return { url, hostname, port, addresses };
        throw new TargetRefused(`${hostname} does not resolve to any address.`);
      }
    }

    for (const { address } of addresses) {
      const refusal = addressRefusal(address, this.allowPrivate);
      if (refusal)
        throw new TargetRefused(`${url.origin} ${isIP(hostname) ? "is" : "resolves to"} ${refusal}: webhooks go to public addresses only.${this.allowPrivate ? "" : privateHint}`);
    }
    if (this.pointsAtThisHost(addresses, port, own)) throw new TargetRefused("A webhook URL may not point at this widget host's own API.");
    return { url, hostname, port, addresses };
  }

  /** The same port as one of this host's origins, on an address of this machine. */
  private pointsAtThisHost(addresses: ResolvedAddress[], port: number, own: Set<string>): boolean {
    const ownPorts = new Set(
      [...own].map((origin) => {
        const url = new URL(origin);
        return url.port ? Number(url.port) : url.protocol === "https:" ? 443 : 80;
      }),
    );
    if (!ownPorts.has(port)) return false;
    const local = localAddresses();
    for (const origin of own) {
      const host = new URL(origin).hostname.replace(/^\[|\]$/g, "");
      if (isIP(host)) local.add(normalize(host));
    }
    return addresses.some(({ address }) => {
      const ip = parse(address);
      return ip === undefined || ip.range() === "loopback" || ip.range() === "unspecified" || local.has(ip.toNormalizedString());
    });
  }
}

const privateHint = " (On a development host, ENCLAVE_WEBHOOK_ALLOW_PRIVATE=1 allows loopback and private targets.)";

/** The URL, refused unless it is http(s) without credentials. */
export function parseTarget(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new TargetRefused("The webhook URL is not a valid URL.");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new TargetRefused("A webhook URL must be http or https.");
  if (url.username !== "" || url.password !== "") throw new TargetRefused("A webhook URL may not carry a user name or password; check the Enclave-Signature header instead.");
  if (url.port === "0") throw new TargetRefused("A webhook URL may not use port 0.");
  return url;
}

/**
 * Why `address` may not receive webhooks (a phrase such as "a loopback address"), or
 * undefined when it may.
 */
export function addressRefusal(address: string, allowPrivate: boolean): string | undefined {
  // ipaddr.js reads `::a.b.c.d` as IPv4-mapped; it is IPv4-compatible (deprecated), never a receiver.
  if (/^::(?:[0-9]+\.){3}[0-9]+$/.test(address)) return "an IPv4-compatible IPv6 address";
  const ip = parse(address);
  if (!ip) return "an address that cannot be parsed";
  if (ip.kind() === "ipv4") {
    const range = ip.range();
    if (range === "unicast") return undefined;
    if (allowPrivate && (range === "loopback" || range === "private" || range === "carrierGradeNat")) return undefined;
    return describe(range);
  }
  const v6 = ip as ipaddr.IPv6;
  const range = v6.range();
  // Forms that carry an IPv4 address: judge the address they carry.
  if (range === "6to4") return embeddedRefusal([v6.parts[1] ?? 0, v6.parts[2] ?? 0], allowPrivate, "a 6to4 address");
  if (range === "rfc6052" && v6.match(ipaddr.IPv6.parse("64:ff9b::"), 96)) return embeddedRefusal([v6.parts[6] ?? 0, v6.parts[7] ?? 0], allowPrivate, "a NAT64 address");
  if (range === "unspecified" || range === "loopback") return allowPrivate && range === "loopback" ? undefined : describe(range);
  // ::a.b.c.d (IPv4-compatible, deprecated): never a real webhook receiver.
  if (v6.parts.slice(0, 6).every((part) => part === 0)) return "an IPv4-compatible IPv6 address";
  if (range === "unicast") return undefined;
  if (allowPrivate && range === "uniqueLocal") return undefined;
  return describe(range);
}

function embeddedRefusal(parts: [number, number], allowPrivate: boolean, form: string): string | undefined {
  const v4 = new ipaddr.IPv4([parts[0] >> 8, parts[0] & 0xff, parts[1] >> 8, parts[1] & 0xff]);
  const inner = addressRefusal(v4.toString(), allowPrivate);
  return inner ? `${form} of ${inner}` : undefined;
}

function describe(range: string): string {
  const names: Record<string, string> = {
    loopback: "a loopback address",
    private: "a private address",
    uniqueLocal: "a private (unique-local) address",
    carrierGradeNat: "a shared (CGNAT) address",
    linkLocal: "a link-local address (such as the cloud metadata service)",
    multicast: "a multicast address",
    broadcast: "the broadcast address",
    unspecified: "the unspecified address",
    reserved: "a reserved address",
  };
  return names[range] ?? `a special-purpose address (${range})`;
}

function parse(address: string): ipaddr.IPv4 | ipaddr.IPv6 | undefined {
  try {
    return ipaddr.process(address);
  } catch {
    return undefined;
  }
}

function normalize(address: string): string {
  return parse(address)?.toNormalizedString() ?? address;
}

function localAddresses(): Set<string> {
  const found = new Set<string>();
  for (const entries of Object.values(networkInterfaces())) {
    for (const entry of entries ?? []) found.add(normalize(entry.address.replace(/%.*$/, "")));
  }
  return found;
}

function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(Object.assign(new Error(message), { code: "ETIMEOUT" })), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
