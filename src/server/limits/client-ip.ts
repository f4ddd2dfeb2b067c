/**
 * The client's address, for the limits keyed on it. By default the socket's remote
 * address, and `X-Forwarded-For` is ignored: anyone can write that header. Behind
 * `ENCLAVE_TRUST_PROXY=<n>` proxies (a load balancer, nginx), each of which appends the
 * address it received from, the client is the n-th entry from the right — what the
 * outermost trusted proxy saw; entries further left were written by the client.
 *
 * IPv6 clients are keyed on their /64 (one subscriber's whole network, which they can
 * rotate addresses within at will); IPv4-mapped IPv6 is keyed as the IPv4 address.
 */
import { getConnInfo } from "@hono/node-server/conninfo";
import type { Context } from "hono";
import ipaddr from "ipaddr.js";

/** How an address is counted: IPv4 as is, IPv6 as its /64 prefix. */
export function limitKeyOfAddress(text: string): string | undefined {
  let address: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    address = ipaddr.process(text.trim());
  } catch {
    return undefined;
  }
  if (address.kind() === "ipv4") return address.toString();
  const parts = (address as ipaddr.IPv6).parts.slice(0, 4);
  return `${parts.map((part) => part.toString(16)).join(":")}::/64`;
}

function socketAddress(context: Context): string | undefined {
  try {
    return getConnInfo(context).remote.address;
  } catch {
    // Not behind @hono/node-server (app.request() in a test): there is no socket.
    return undefined;
  }
}

export function clientIp(context: Context, trustProxy: number): string {
  const socket = socketAddress(context);
  if (trustProxy > 0) {
    const hops = (context.req.header("x-forwarded-for") ?? "")
      .split(",")
      .map((hop) => hop.trim())
      .filter(Boolean);
    // The socket is the nearest proxy; the client is the hop the outermost trusted one added.
    const hop = hops.length === 0 ? undefined : hops[Math.max(0, hops.length - trustProxy)];
    const forwarded = hop === undefined ? undefined : limitKeyOfAddress(hop);
    if (forwarded) return forwarded;
  }
  return (socket && limitKeyOfAddress(socket)) ?? "unknown";
}
