/**
 * The 3-D Secure challenge as a customer's browser meets it: the page at confirm's
 * `next_action.url` on the widget host, and its form posted back there.
 */
import assert from "node:assert/strict";
import { toApiResponse, type ApiResponse } from "./api.js";
import type { WidgetHostProcess } from "./widget-host.js";

/** The challenge page's URL from confirm's answer, checked to be this host's own page. */
export function challengeUrl(host: WidgetHostProcess, confirmed: ApiResponse): string {
  assert.equal(confirmed.status, 200, confirmed.text);
  assert.equal(confirmed.body.status, "requires_action", confirmed.text);
  assert.equal(confirmed.body.next_action?.type, "three_d_secure", confirmed.text);
  const url = new URL(confirmed.body.next_action.url);
  assert.equal(url.origin, new URL(host.url).origin, "the challenge page is on the widget host");
  assert.match(url.pathname, /^\/three_d_secure\/tds_[A-Za-z0-9_-]{43}$/);
  return url.href;
}

/** GET the challenge page as a browser navigating an iframe of the host's own frame would. */
export async function openChallenge(url: string, headers: Record<string, string> = {}): Promise<ApiResponse> {
  return toApiResponse(await fetch(url, { headers: { Accept: "text/html", "Sec-Fetch-Site": "same-origin", "Sec-Fetch-Dest": "iframe", ...headers } }));
}

/** Submit the challenge page's form: its "Complete authentication" (complete) or "Fail authentication" (fail) button. */
export async function answerChallenge(url: string, decision: "complete" | "fail", headers: Record<string, string> = {}): Promise<ApiResponse> {
  return toApiResponse(
    await fetch(url, {
      method: "POST",
      headers: { Accept: "text/html", "Content-Type": "application/x-www-form-urlencoded", "Sec-Fetch-Site": "same-origin", "Sec-Fetch-Dest": "iframe", ...headers },
      body: new URLSearchParams({ decision }).toString(),
    }),
  );
}
