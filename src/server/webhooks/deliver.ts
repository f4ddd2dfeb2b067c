/**
 * One webhook attempt: check the target (src/server/webhooks/ssrf-guard.ts), then POST to
 * an address that was checked. The name is resolved once, by the guard; the socket's
 * `lookup` hands back those checked addresses, so a DNS answer that changes between
 * the check and the connection (rebinding) cannot steer the request. TLS still verifies
 * the certificate against the URL's host name.
 *
 * No redirect is followed (a 3xx is a failed attempt), the whole attempt — connection,
 * request, response headers — has one deadline, and the response body is never read: only
 * the status counts.
 */
import http from "node:http";
import https from "node:https";
import type { LookupAddress, LookupOptions } from "node:dns";
import { TargetRefused, type ResolvedAddress, type WebhookTargetGuard } from "./ssrf-guard.js";

export interface WebhookPost {
  url: string;
  body: string;
  headers: Record<string, string>;
}

export type AttemptOutcome = { delivered: true; status: number } | { delivered: false; error: string; refused?: true };

export interface AttemptOptions {
  guard: WebhookTargetGuard;
  timeoutMs: number;
  /** Aborts the attempt (the host is stopping). */
  signal?: AbortSignal;
}

/** Response headers larger than this end the attempt (Node's default is 16 KB). */
const MAX_HEADER_BYTES = 8 * 1024;

export async function attemptDelivery(post: WebhookPost, options: AttemptOptions): Promise<AttemptOutcome> {
  let addresses: ResolvedAddress[];
  let url: URL;
  let hostname: string;
  try {
    ({ url, hostname, addresses } = await options.guard.checkForDelivery(post.url));
  } catch (error) {
    if (error instanceof TargetRefused) return { delivered: false, refused: true, error: `not sent: ${error.message}` };
    throw error;
  }
  const [first, ...others] = addresses;
  if (!first) return { delivered: false, refused: true, error: `not sent: ${hostname} does not resolve.` };
  return send(url, hostname, [first, ...others], post, options);
}

function send(url: URL, hostname: string, checked: [ResolvedAddress, ...ResolvedAddress[]], post: WebhookPost, options: AttemptOptions): Promise<AttemptOutcome> {
  const [first] = checked;
  return new Promise((resolve) => {
    let settled = false;
    const finish = (outcome: AttemptOutcome): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener("abort", onAbort);
      request.destroy();
      resolve(outcome);
    };
    // The checked addresses, whatever the resolver would say now: every one passed the guard.
    // Node asks for a list when it may try several (autoSelectFamily), else for one.
    const lookup = (
      _name: string,
      lookupOptions: LookupOptions,
      callback: (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void,
    ): void => {
      if (lookupOptions.all)
        callback(
          null,
          checked.map(({ address, family }) => ({ address, family })),
        );
      else callback(null, first.address, first.family);
    };
    const request = (url.protocol === "https:" ? https : http).request({
      protocol: url.protocol,
      hostname,
      port: url.port || undefined,
      path: `${url.pathname}${url.search}`,
      method: "POST",
      headers: { ...post.headers, "Content-Length": String(Buffer.byteLength(post.body)) },
      agent: false,
      lookup,
      maxHeaderSize: MAX_HEADER_BYTES,
    });
    const timer = setTimeout(() => finish({ delivered: false, error: `no answer within ${options.timeoutMs} ms` }), options.timeoutMs);
    const onAbort = (): void => finish({ delivered: false, error: "aborted: the widget host is stopping" });
    if (options.signal?.aborted) onAbort();
    options.signal?.addEventListener("abort", onAbort);
    request.on("response", (response) => {
      const status = response.statusCode ?? 0;
      response.destroy();
      if (status >= 200 && status < 300) finish({ delivered: true, status });
      else if (status >= 300 && status < 400) finish({ delivered: false, error: `HTTP ${status}: redirects are not followed; register the final URL` });
      else finish({ delivered: false, error: `HTTP ${status}` });
    });
    request.on("error", (error) => finish({ delivered: false, error: error.message }));
    request.end(post.body);
  });
}
