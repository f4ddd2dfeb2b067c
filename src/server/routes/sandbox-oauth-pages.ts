/**
 * The sandbox bank's own pages, for the OAuth hand-off: the bank-link frame opens
 * `GET /oauth/sandbox/authorize?state=…` in a popup (the address comes from
 * `POST /v1/frame/bank_link/oauth/start`), the customer allows or denies there, and the
 * frame learns the answer by polling `GET /v1/frame/bank_link/oauth/status` — no
 * postMessage. A `state` works once: deciding forgets it.
 *
 * Plain HTML under a strict CSP of its own (src/server/security-headers.ts): no inline
 * style or script; the stylesheet and the script that closes the window are served here.
 */
import { Hono, type Context } from "hono";
import * as z from "zod";
import type { BankLinkProduct } from "../../protocol/bank-link-api.js";
import { ApiError } from "../http/api-error.js";
import { readRawBody } from "../http/body.js";
import { newItemSeed } from "../sandbox/bank-data.js";
import { findInstitution } from "../sandbox/institutions.js";
import { sandboxBankPageHeaders } from "../security-headers.js";
import { decideOAuth, findPendingOAuth } from "../store/bank-links.js";
import type { RouteDeps } from "./route-deps.js";
import { escapeHtml, serverPage, serverPageAsset } from "./server-page.js";

/** What the consent form posts (application/x-www-form-urlencoded). */
export const OAuthDecisionForm = z.strictObject({
  state: z.string().min(1).max(200),
  decision: z.enum(["allow", "deny"]),
});

const STYLESHEET = "/oauth/sandbox/page.css";
const CLOSE_SCRIPT = "/oauth/sandbox/close.js";

const css = `:root { color-scheme: light dark; font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; line-height: 1.5; }
body { margin: 0; min-height: 100vh; display: grid; place-items: center; background: Canvas; color: CanvasText; }
main { max-width: 28rem; margin: 1.5rem; padding: 2rem; border: 1px solid color-mix(in srgb, CanvasText 20%, transparent); border-radius: 12px; }
h1 { margin-top: 0; font-size: 1.5rem; }
.sandbox { font-size: 0.875rem; opacity: 0.8; }
.actions { display: flex; gap: 0.75rem; margin-top: 1.5rem; }
button { font: inherit; padding: 0.625rem 1.25rem; border-radius: 8px; border: 1px solid #3b5bdb; cursor: pointer; }
button[value="allow"] { background: #3b5bdb; color: #fff; }
button[value="deny"] { background: transparent; color: inherit; }
button:focus-visible { outline: 3px solid #f59f00; outline-offset: 2px; }
`;

const closeScript = `// The sandbox bank's page was opened by the bank-link frame: close it once the answer is recorded.
window.close();
`;

function page(title: string, body: string, options: { closeWindow?: boolean } = {}): string {
  return serverPage(title, body, { stylesheet: STYLESHEET, ...(options.closeWindow ? { script: CLOSE_SCRIPT } : {}) });
}

const dataDescriptions: Record<BankLinkProduct, string> = {
  accounts: "Your account names, types and the last 4 digits of their numbers",
  balances: "Your account balances",
  transactions: "Your transactions of the last 90 days",
};

function errorPage(context: Context, status: 400 | 413 | 415, heading: string, text: string): Response {
  const html = page(heading, `<h1>${escapeHtml(heading)}</h1>\n<p>${escapeHtml(text)}</p>`);
  return context.body(html, status, sandboxBankPageHeaders);
}

const invalidLink = (context: Context): Response =>
  errorPage(
    context,
    400,
    "This sign-in link is no longer valid",
    "It was already used, or it is not the one your bank link window opened. Close this window and start again from the site you came from.",
  );

export function sandboxOAuthPages({ db }: RouteDeps): Hono {
  const pages = new Hono();

  pages.get("/authorize", async (context) => {
    const state = context.req.query("state") ?? "";
    const pending = state.length > 0 && state.length <= 200 ? await findPendingOAuth(db, state) : undefined;
    if (!pending) return invalidLink(context);
    const bank = findInstitution(pending.institutionId)?.name ?? "Sandbox OAuth Bank";
    const merchant = escapeHtml(pending.merchantName);
    const html = page(
      `${bank}: allow ${pending.merchantName} to access your accounts?`,
      `<h1>${escapeHtml(bank)}</h1>
<p><strong>${merchant}</strong> asks to access your account information at ${escapeHtml(bank)}:</p>
<ul>
${pending.session.products.map((product) => `<li>${escapeHtml(dataDescriptions[product])}</li>`).join("\n")}
</ul>
<p class="sandbox">This is a sandbox bank: no real account is shared.</p>
<form method="post">
<input type="hidden" name="state" value="${escapeHtml(state)}">
<div class="actions">
<button type="submit" name="decision" value="allow">Allow access</button>
<button type="submit" name="decision" value="deny">Deny</button>
</div>
</form>`,
    );
    return context.body(html, 200, sandboxBankPageHeaders);
  });

  pages.post("/authorize", async (context) => {
    if (!/^application\/x-www-form-urlencoded\s*(;|$)/i.test(context.req.header("content-type") ?? "")) {
      return errorPage(context, 415, "This form could not be read", "Submit the form on the bank's page.");
    }
    let raw: string;
    try {
      raw = await readRawBody(context);
    } catch (error) {
      if (error instanceof ApiError && error.status === 413) return errorPage(context, 413, "This form could not be read", "The form is too large.");
      throw error;
    }
    const fields = new URLSearchParams(raw);
    const form: Record<string, string> = {};
    for (const [name, value] of fields) {
      if (Object.hasOwn(form, name)) return invalidLink(context);
      form[name] = value;
    }
    const parsed = OAuthDecisionForm.safeParse(form);
    if (!parsed.success) return invalidLink(context);
    const { state, decision } = parsed.data;
    const decided = await decideOAuth(db, state, decision, newItemSeed());
    if (!decided) return invalidLink(context);
    const bank = findInstitution(decided.institutionId)?.name ?? "Sandbox OAuth Bank";
    const merchant = escapeHtml(decided.merchantName);
    const outcome = decision === "allow" ? `You allowed ${merchant} to access your accounts.` : `You denied ${merchant} access to your accounts.`;
    const html = page(
      `${bank}: ${decision === "allow" ? "access allowed" : "access denied"}`,
      `<h1>${escapeHtml(bank)}</h1>
<p role="status">${outcome}</p>
<p>You can close this window and return to ${merchant}.</p>`,
      { closeWindow: true },
    );
    return context.body(html, 200, sandboxBankPageHeaders);
  });

  pages.get("/close.js", serverPageAsset("text/javascript; charset=utf-8", closeScript));
  pages.get("/page.css", serverPageAsset("text/css; charset=utf-8", css));

  return pages;
}
