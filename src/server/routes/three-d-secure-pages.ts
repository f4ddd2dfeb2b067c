/**
 * The sandbox issuer's 3-D Secure challenge page, served by the widget host:
 *
 *   confirm (frame API) → next_action { type: "three_d_secure", url: /three_d_secure/<id> }
 *   checkout frame      → asks its host element (bridge `openChallenge`) to show <url> full-page:
 *                         an iframe in a modal dialog on the merchant's page
 *   GET  /three_d_secure/:id  → the amount, the merchant, "Complete authentication" / "Fail authentication"
 *   POST /three_d_secure/:id  → decides it here, once, in the payment's row lock (store/three-d-secure.ts)
 *   frame               → learns the result from GET /v1/frame/payment_intents/three_d_secure
 *
 * The one-time id in the path is the page's secret (so a forged cross-site form cannot know
 * it), and it never leaves in a Referer. Plain server-rendered HTML under its own CSP: no
 * script at all, the stylesheet from here, forms posting only back here, and framing only by
 * the merchant's allowed origins and this host (see challengePageHeaders). The merchant's
 * page opens it in an iframe, a request from another site: the browser's frame-ancestors
 * check decides where it may be drawn. Anything else a browser marks as coming from another
 * site (Sec-Fetch-Site) is refused outright: a link to it, and every answer, which only the
 * page's own form may post.
 *
 * English only: the frames' word catalogs live in src/frames/ (which the server may not
 * import), and a real issuer's page is in the issuer's language anyway.
 */
import { Hono, type Context } from "hono";
import * as z from "zod";
import { ErrorCode } from "../../protocol/errors.js";
import { invalidRequest } from "../http/api-error.js";
import { readRawBody } from "../http/body.js";
import { challengePageHeaders } from "../security-headers.js";
import type { Store } from "../store/database.js";
import type { RouteDeps } from "./route-deps.js";
import { listAllowedOrigins } from "../store/merchants.js";
import { decideChallenge, findChallenge, type ChallengeView } from "../store/three-d-secure.js";
import { currencyExponent } from "../../protocol/currencies.js";
import { escapeHtml, serverPage, serverPageAsset } from "./server-page.js";

/** Where the challenge page of a challenge id is, on this host. */
export const challengePagePath = (challengeId: string): string => `/three_d_secure/${challengeId}`;

/** What the challenge form posts (application/x-www-form-urlencoded). */
export const ChallengeDecisionForm = z.strictObject({ decision: z.enum(["complete", "fail"]) });

const STYLESHEET = "/three_d_secure/page.css";

const css = `:root { color-scheme: light dark; font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; line-height: 1.5; }
body { margin: 0; background: Canvas; color: CanvasText; }
main { padding: 1rem; }
h1 { margin: 0 0 0.75rem; font-size: 1.125rem; }
dl { display: grid; gap: 0.25rem; margin: 0 0 0.75rem; }
dl div { display: flex; justify-content: space-between; gap: 1rem; }
dt { opacity: 0.8; }
dd { margin: 0; font-weight: 600; font-variant-numeric: tabular-nums; }
.sandbox { margin: 0 0 1rem; font-size: 0.875rem; opacity: 0.8; }
.actions { display: flex; flex-wrap: wrap; gap: 0.5rem; }
button { flex: 1 1 10em; font: inherit; padding: 0.5rem 1rem; border-radius: 8px; border: 1px solid #3b5bdb; cursor: pointer; }
button[value="complete"] { background: #3b5bdb; color: #fff; }
button[value="fail"] { background: transparent; color: inherit; }
button:focus-visible { outline: 3px solid #f59f00; outline-offset: 2px; }
`;

function page(title: string, body: string): string {
  return serverPage(title, body, { stylesheet: STYLESHEET });
}

/** An amount in minor units as the customer reads it, e.g. `$49.00`, `¥5,000`. */
function formatAmount(amount: number, currency: string): string {
  try {
    // ISO 4217's minor unit, as the API and the frames count it (src/protocol/currencies.ts).
    return new Intl.NumberFormat("en", { style: "currency", currency: currency.toUpperCase() }).format(amount / 10 ** currencyExponent(currency));
  } catch {
    return `${amount} ${currency}`;
  }
}

/** A browser's own word that the request comes from another site's page (absent from curl and old browsers). */
function fromAnotherSite(context: Context): boolean {
  const site = context.req.header("sec-fetch-site");
  return site !== undefined && site !== "same-origin" && site !== "none";
}

/** The merchant's page opening the challenge in its iframe (frame-ancestors says which pages may). */
function framedByAPage(context: Context): boolean {
  return context.req.header("sec-fetch-dest") === "iframe";
}

/** Wants the JSON error envelope rather than a page (an API client, a test). */
const wantsJson = (context: Context): boolean => {
  const accept = context.req.header("accept") ?? "";
  return accept.includes("application/json") && !accept.includes("text/html");
};

async function headersFor(db: Store, view: ChallengeView | undefined): Promise<Record<string, string>> {
  const origins = view ? (await listAllowedOrigins(db, view.merchantId)).map((entry) => entry.origin) : [];
  return challengePageHeaders(origins);
}

/** A used, expired or unknown challenge: a clear page for the customer, `challenge_invalid` for an API client. */
async function invalidChallenge(db: Store, context: Context, view: ChallengeView | undefined): Promise<Response> {
  const status = view ? 410 : 404;
  const reason = !view ? "unknown" : view.state === "expired" ? "expired" : "already answered";
  if (wantsJson(context)) throw invalidRequest(ErrorCode.challengeInvalid, `This 3-D Secure challenge is ${reason}.`, undefined, status);
  const heading = "This authentication is no longer valid";
  const html = page(
    heading,
    `<h1>${heading}</h1>
<p role="alert">It was already answered, it expired, or it is not the one your payment opened. Close this window and try again from the payment form.</p>`,
  );
  return context.body(html, status, await headersFor(db, view));
}

function refusedFromAnotherSite(context: Context): Response {
  const heading = "This page can only be opened from the payment form";
  return context.body(page(heading, `<h1>${heading}</h1>`), 403, challengePageHeaders([]));
}

export function threeDSecurePages({ db }: RouteDeps): Hono {
  const pages = new Hono();

  pages.get("/page.css", serverPageAsset("text/css; charset=utf-8", css));

  pages.get("/:challenge", async (context) => {
    if (fromAnotherSite(context) && !framedByAPage(context)) return refusedFromAnotherSite(context);
    const view = await findChallenge(db, context.req.param("challenge"));
    if (view?.state !== "open") return invalidChallenge(db, context, view);
    const merchant = escapeHtml(view.merchantName);
    const amount = escapeHtml(formatAmount(view.amount, view.currency));
    // No action attribute: the form posts back to this very URL (its id, and the locale).
    const html = page(
      `Sandbox bank · 3-D Secure: confirm a payment of ${formatAmount(view.amount, view.currency)} to ${view.merchantName}`,
      `<h1>Sandbox bank</h1>
<dl>
<div><dt>Merchant</dt><dd>${merchant}</dd></div>
<div><dt>Amount</dt><dd>${amount}</dd></div>
</dl>
<p class="sandbox">This is a test: choose how the check ends.</p>
<form method="post">
<div class="actions">
<button type="submit" name="decision" value="complete">Complete authentication</button>
<button type="submit" name="decision" value="fail">Fail authentication</button>
</div>
</form>`,
    );
    return context.body(html, 200, await headersFor(db, view));
  });

  pages.post("/:challenge", async (context) => {
    if (fromAnotherSite(context)) return refusedFromAnotherSite(context);
    if (!/^application\/x-www-form-urlencoded\s*(;|$)/i.test(context.req.header("content-type") ?? "")) {
      throw invalidRequest(ErrorCode.unsupportedMediaType, "Submit the form on the challenge page (application/x-www-form-urlencoded).", undefined, 415);
    }
    const raw = await readRawBody(context);
    const fields = [...new URLSearchParams(raw)];
    const parsed = ChallengeDecisionForm.safeParse(Object.fromEntries(fields));
    if (fields.length !== 1 || !parsed.success) {
      throw invalidRequest(ErrorCode.parameterInvalid, "The form must carry one decision: complete or fail.", "decision");
    }
    const result = await decideChallenge(db, context.req.param("challenge"), parsed.data.decision);
    if (!result.ok) return invalidChallenge(db, context, result.view);
    const done = result.intent.status === "succeeded";
    const heading = done ? "Payment authenticated" : "Authentication failed";
    const html = page(
      heading,
      `<h1>${heading}</h1>
<p role="status">${done ? "Your bank confirmed this payment." : "Your bank could not confirm this payment."} Returning to the payment form…</p>`,
    );
    return context.body(html, 200, await headersFor(db, result.view));
  });

  return pages;
}
