/**
 * The bank-link frame's API (`/v1/frame/bank_link/…` and `/v1/frame/session` for `bls_`
 * tokens) of a real widget host, and the sandbox bank's OAuth page driven over HTTP as a
 * browser submits it: every sandbox sign-in of CONTRACT.md, MFA and its lockout, OAuth
 * allow and deny, account selection, session_not_open after linking, bad bodies — and
 * that no credential ever shows up in an answer, in the host's output or in the store.
 */
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { after, before, describe, test } from "node:test";
import { card, cards, confirm, createIntent, expectError, frameCall, get, post, SHOP_ORIGIN, type ApiResponse, type Json } from "./support/api.js";
import {
  accounts,
  bankFrame,
  createSession,
  decideAtBank,
  exchange,
  fetchPage,
  findInStore,
  GOOD_MFA_CODE,
  GOOD_PASSWORD,
  linkItem,
  oauthStatus,
  pressButton,
  readConsentForm,
  SANDBOX_OAUTH_BANK,
  SANDBOX_SAVINGS_BANK,
  sandboxUsers,
  signIn,
  startOAuth,
  transcript,
} from "./support/bank-link.js";
import { dpopHeader } from "./support/dpop.js";
import { startWidgetHost, type WidgetHostProcess } from "./support/widget-host.js";

/** Characters that must be escaped on the bank's HTML page. */
const MERCHANT_NAME = `Bank "Link" <Shop> & Co`;
let host: WidgetHostProcess;

/** Passwords, usernames and codes sent during this suite that must never come back or be kept. */
const secrets = {
  wrongPassword: `wrong-${randomBytes(9).toString("base64url")}`,
  unknownUser: `someone-${randomBytes(9).toString("base64url")}`,
  lockedPassword: `locked-${randomBytes(9).toString("base64url")}`,
  wrongCode: "271828182845",
};

before(async () => {
  host = await startWidgetHost({ env: { ENCLAVE_ALLOWED_ORIGINS: SHOP_ORIGIN, ENCLAVE_MERCHANT_NAME: MERCHANT_NAME } });
});

after(async () => {
  await host?.dispose();
});

const open = async (products: string[] = ["balances", "transactions"]): Promise<string> => (await createSession(host, { products })).client_token;

describe("frame session of a bank link", () => {
  test("GET /v1/frame/session → the bank link session and the merchant's name", async () => {
    const session = await createSession(host, { products: ["transactions"] });
    const response = await frameCall(host, "GET", "/session", { token: session.client_token });
    assert.equal(response.status, 200, response.text);
    assert.deepEqual(response.body, {
      session: { id: session.id, object: "bank_link_session", status: "open", products: ["accounts", "transactions"] },
      merchant: { name: MERCHANT_NAME },
    });
  });

  test("after linking → 409 session_not_open (the session and every link step)", async () => {
    const linked = await linkItem(host);
    const token = linked.session.client_token;
    expectError(await frameCall(host, "GET", "/session", { token }), 409, "session_not_open");
    expectError(await bankFrame(host, "GET", "/institutions", token), 409, "session_not_open");
    expectError(await signIn(host, token, sandboxUsers.good), 409, "session_not_open");
    expectError(await bankFrame(host, "POST", "/mfa", token, { body: { code: GOOD_MFA_CODE } }), 409, "session_not_open");
    expectError(await startOAuth(host, token), 409, "session_not_open");
    expectError(await oauthStatus(host, token), 409, "session_not_open");
    const again = await bankFrame(host, "POST", "/accounts", token, { body: { account_ids: [linked.success.accounts[0].id] } });
    expectError(again, 409, "session_not_open");
  });

  test("checkout is untouched: a payment token still resumes its intent and pays", async () => {
    const intent = await createIntent(host, { amount: 1500, currency: "usd" });
    const response = await frameCall(host, "GET", "/session", { token: intent.client_token });
    assert.equal(response.status, 200, response.text);
    assert.equal(response.body.session.object, "payment_intent");
    assert.equal((await confirm(host, intent.client_token, card(cards.visa))).body.status, "succeeded");
  });

  test("a payment token on the bank-link routes, and a bank-link token on checkout → 409 session_not_open", async () => {
    const intent = await createIntent(host);
    expectError(await bankFrame(host, "GET", "/institutions", intent.client_token), 409, "session_not_open");
    expectError(await signIn(host, intent.client_token, sandboxUsers.good), 409, "session_not_open");
    const token = await open();
    expectError(await confirm(host, token, card(cards.visa)), 409, "session_not_open");
  });

  test("the frame's checks apply: no token, a foreign origin, a bad publishable key", async () => {
    const token = await open();
    expectError(await frameCall(host, "GET", "/bank_link/institutions", { token: null }), 401, "client_token_invalid");
    expectError(await bankFrame(host, "GET", "/institutions", token, { parentOrigin: "https://evil.example.com" }), 403, "origin_not_allowed");
    expectError(
      await bankFrame(host, "POST", "/credentials", token, {
        headers: { Origin: "https://evil.example.com" },
        body: { institution_id: SANDBOX_SAVINGS_BANK, username: "user_good", password: GOOD_PASSWORD },
      }),
      403,
      "origin_not_allowed",
    );
    expectError(await bankFrame(host, "GET", "/institutions", token, { publishableKey: null }), 401, "invalid_publishable_key");
    expectError(await bankFrame(host, "GET", "/nothing", token), 404, "route_not_found");
  });
});

describe("institutions", () => {
  let token: string;
  before(async () => {
    token = await open();
  });
  const search = async (query: Record<string, string>): Promise<ApiResponse> => bankFrame(host, "GET", `/institutions?${new URLSearchParams(query)}`, token);

  test("no query → the popular ones (8 to 12), the two sandbox banks among them", async () => {
    const response = await bankFrame(host, "GET", "/institutions", token);
    assert.equal(response.status, 200, response.text);
    const list: Json[] = response.body.institutions;
    assert.ok(list.length >= 8 && list.length <= 12, `${list.length} popular institutions`);
    for (const institution of list) assert.equal(institution.popular, true);
    const names = list.map((institution) => institution.name);
    assert.ok(names.includes("Sandbox Savings Bank") && names.includes("Sandbox OAuth Bank"), names.join(", "));
    assert.deepEqual((await search({ query: "  " })).body, response.body, "a blank query is no query");
  });

  test("the catalog: at least 50 institutions with stable ins_ ids, colours, initials and a sign-in kind", async () => {
    const seen = new Map<string, Json>();
    for (const query of ["bank", "credit", "savings", "trust", "federal", "union", "s", "a", "e"]) {
      for (const institution of (await search({ query, limit: "50" })).body.institutions) seen.set(institution.id, institution);
    }
    assert.ok(seen.size >= 50, `${seen.size} institutions found`);
    for (const institution of seen.values()) {
      assert.deepEqual(Object.keys(institution).sort(), ["auth", "id", "logo", "name", "popular"]);
      assert.match(institution.id, /^ins_[A-Za-z0-9]+$/);
      assert.match(institution.logo.color, /^#[0-9a-f]{6}$/i);
      assert.match(institution.logo.initials, /^[A-Z0-9]{1,3}$/);
      assert.ok(institution.auth === "credentials" || institution.auth === "oauth");
    }
    const savings = [...seen.values()].find((institution) => institution.name === "Sandbox Savings Bank");
    const oauth = [...seen.values()].find((institution) => institution.name === "Sandbox OAuth Bank");
    assert.deepEqual([savings?.id, savings?.auth], [SANDBOX_SAVINGS_BANK, "credentials"]);
    assert.deepEqual([oauth?.id, oauth?.auth], [SANDBOX_OAUTH_BANK, "oauth"]);
  });

  test("case-insensitive, by word prefix or substring, popular first", async () => {
    const names = async (query: string): Promise<string[]> => (await search({ query, limit: "50" })).body.institutions.map((institution: Json) => institution.name);
    assert.deepEqual((await names("SANDBOX")).sort(), ["Sandbox OAuth Bank", "Sandbox Savings Bank"]);
    assert.deepEqual(await names("sandbox sav"), ["Sandbox Savings Bank"]);
    assert.deepEqual(await names("savings sandbox"), ["Sandbox Savings Bank"], "every word, in any order");
    assert.ok((await names("sav")).includes("Silver Lake Savings"), "word prefix");
    assert.ok((await names("VIEW")).includes("Harborview National Bank"), "substring");
    assert.deepEqual(await names("zzzz-no-such-bank"), []);
    const savings = (await search({ query: "savings", limit: "50" })).body.institutions as Json[];
    const firstOther = savings.findIndex((institution) => !institution.popular);
    assert.ok(firstOther > 0, "some popular ones match");
    assert.ok(
      savings.slice(firstOther).every((institution) => !institution.popular),
      "popular ones come first",
    );
  });

  test("popular=true keeps only popular matches; limit caps the list", async () => {
    const popular = (await search({ query: "bank", popular: "true", limit: "50" })).body.institutions as Json[];
    assert.ok(popular.length > 0 && popular.every((institution) => institution.popular));
    const all = (await search({ query: "bank", limit: "50" })).body.institutions as Json[];
    assert.ok(all.length > popular.length);
    assert.equal((await search({ query: "bank", limit: "3" })).body.institutions.length, 3);
  });

  const bad: [Record<string, string>, string, string][] = [
    [{ limit: "0" }, "parameter_invalid", "limit"],
    [{ limit: "51" }, "parameter_invalid", "limit"],
    [{ limit: "many" }, "parameter_invalid", "limit"],
    [{ popular: "yes" }, "parameter_invalid", "popular"],
    [{ query: "x".repeat(101) }, "parameter_invalid", "query"],
    [{ country: "US" }, "parameter_unknown", "country"],
  ];
  for (const [query, code, param] of bad) {
    test(`institutions?${new URLSearchParams(query).toString().slice(0, 40)} → 400 ${code}`, async () => {
      expectError(await search(query), 400, code, { param });
    });
  }
});

describe("credentials", () => {
  test("user_good / pass_good → connected: the institution and its checking, savings and credit card accounts", async () => {
    const response = await signIn(host, await open(), sandboxUsers.good);
    assert.equal(response.status, 200, response.text);
    assert.equal(response.body.status, "connected");
    assert.deepEqual(response.body.institution, { id: SANDBOX_SAVINGS_BANK, name: "Sandbox Savings Bank" });
    const offered: Json[] = response.body.accounts;
    assert.deepEqual(
      offered.map((account) => account.subtype),
      ["checking", "savings", "credit card"],
    );
    for (const account of offered) {
      assert.deepEqual(Object.keys(account).sort(), ["balances", "id", "mask", "name", "subtype", "type"]);
      assert.match(account.mask, /^\d{4}$/);
      assert.equal(account.balances.currency, "usd");
    }
  });

  test("user_mfa / pass_good → mfa_required with the bank's message and 3 attempts", async () => {
    const response = await signIn(host, await open(), sandboxUsers.mfa);
    assert.equal(response.status, 200, response.text);
    assert.deepEqual(response.body, { status: "mfa_required", mfa: { message: "Enter the 6-digit code we sent to your phone.", attempts_left: 3 } });
  });

  test("user_locked, whatever the password → 403 item_locked", async () => {
    const token = await open();
    for (const password of [GOOD_PASSWORD, secrets.lockedPassword]) {
      expectError(await signIn(host, token, sandboxUsers.locked, password), 403, "item_locked");
    }
  });

  test("a wrong password or an unknown user → 400 invalid_credentials, nothing connected", async () => {
    const token = await open();
    for (const [username, password] of [
      [sandboxUsers.good, secrets.wrongPassword],
      [sandboxUsers.mfa, secrets.wrongPassword],
      [secrets.unknownUser, GOOD_PASSWORD],
      [sandboxUsers.good, "PASS_GOOD"],
      [sandboxUsers.good, "pass_good "],
    ] as const) {
      const error = expectError(await signIn(host, token, username, password), 400, "invalid_credentials", { type: "invalid_request_error" });
      assert.equal(error.message, "The username or password is incorrect.");
    }
    expectError(await bankFrame(host, "POST", "/accounts", token, { body: { account_ids: ["acc_x"] } }), 409, "link_step_invalid");
  });

  test("a failed sign-in after a good one forgets the good one", async () => {
    const token = await open();
    assert.equal((await signIn(host, token, sandboxUsers.good)).body.status, "connected");
    expectError(await signIn(host, token, sandboxUsers.good, secrets.wrongPassword), 400, "invalid_credentials");
    expectError(await bankFrame(host, "POST", "/accounts", token, { body: { account_ids: ["acc_x"] } }), 409, "link_step_invalid");
  });

  test("an OAuth institution → 400 institution_requires_oauth; an unknown one → 404 resource_missing", async () => {
    const token = await open();
    expectError(await signIn(host, token, sandboxUsers.good, GOOD_PASSWORD, SANDBOX_OAUTH_BANK), 400, "institution_requires_oauth", { param: "institution_id" });
    expectError(await signIn(host, token, sandboxUsers.good, GOOD_PASSWORD, "ins_999999"), 404, "resource_missing", { param: "institution_id" });
  });

  test("bad bodies → parameter errors that name the field, never its value", async () => {
    const token = await open();
    const post = (body: unknown): Promise<ApiResponse> => bankFrame(host, "POST", "/credentials", token, { body });
    const base = { institution_id: SANDBOX_SAVINGS_BANK, username: sandboxUsers.good, password: secrets.wrongPassword };
    const cases: [unknown, string, string][] = [
      [{ institution_id: SANDBOX_SAVINGS_BANK, username: sandboxUsers.good }, "parameter_missing", "password"],
      [{ ...base, username: undefined }, "parameter_missing", "username"],
      [{ ...base, password: 12345678 }, "parameter_invalid", "password"],
      [{ ...base, username: ["user_good"] }, "parameter_invalid", "username"],
      [{ ...base, password: "" }, "parameter_invalid", "password"],
      [{ ...base, password: "p".repeat(201) }, "parameter_invalid", "password"],
      [{ ...base, pin: "1234" }, "parameter_unknown", "pin"],
      [{ ...base, institution_id: 7 }, "parameter_invalid", "institution_id"],
    ];
    for (const [body, code, param] of cases) {
      const response = await post(body);
      expectError(response, 400, code, { param });
      assert.ok(!response.text.includes(secrets.wrongPassword), "the password is not echoed");
    }
    const raw = await frameCall(host, "POST", "/bank_link/credentials", { token, headers: { "Content-Type": "application/json" }, body: undefined });
    assert.equal(raw.status, 400, raw.text);
    const notJson = await fetch(`${host.url}/v1/frame/bank_link/credentials`, {
      method: "POST",
      headers: {
        Authorization: `Bearer ${token}`,
        ...(await dpopHeader("POST", `${host.url}/v1/frame/bank_link/credentials`, token)),
        "Enclave-Publishable-Key": host.publishableKey,
        "Enclave-Parent-Origin": SHOP_ORIGIN,
        "Content-Type": "application/json",
      },
      body: `{"username":"user_good","password":"${secrets.wrongPassword}"`,
    });
    const notJsonText = await notJson.text();
    assert.equal(notJson.status, 400);
    assert.match(notJsonText, /invalid_json/);
    assert.ok(!notJsonText.includes(secrets.wrongPassword));
    const form = await fetch(`${host.url}/v1/frame/bank_link/credentials`, {
      method: "POST",
      headers: {
        Authorization: `Bearer ${token}`,
        ...(await dpopHeader("POST", `${host.url}/v1/frame/bank_link/credentials`, token)),
        "Enclave-Publishable-Key": host.publishableKey,
        "Enclave-Parent-Origin": SHOP_ORIGIN,
        "Content-Type": "text/plain",
      },
      body: JSON.stringify(base),
    });
    assert.equal(form.status, 415);
  });
});

describe("verification codes (MFA)", () => {
  const mfa = (token: string, code: string): Promise<ApiResponse> => bankFrame(host, "POST", "/mfa", token, { body: { code } });

  test("123456 → connected", async () => {
    const token = await open();
    assert.equal((await signIn(host, token, sandboxUsers.mfa)).body.status, "mfa_required");
    const response = await mfa(token, GOOD_MFA_CODE);
    assert.equal(response.status, 200, response.text);
    assert.equal(response.body.status, "connected");
    assert.equal(response.body.accounts.length, 3);
  });

  test("wrong codes count down (400 invalid_mfa_code), the third → 403 mfa_locked and the sign-in starts over", async () => {
    const token = await open();
    await signIn(host, token, sandboxUsers.mfa);
    const first = expectError(await mfa(token, secrets.wrongCode), 400, "invalid_mfa_code", { param: "code" });
    assert.match(first.message, /\b2 attempts left/);
    const second = expectError(await mfa(token, "000000"), 400, "invalid_mfa_code");
    assert.match(second.message, /\b1 attempt left/);
    expectError(await mfa(token, "654321"), 403, "mfa_locked");
    // Locked out of this attempt: even the right code needs a new sign-in.
    expectError(await mfa(token, GOOD_MFA_CODE), 409, "link_step_invalid");
    const again = await signIn(host, token, sandboxUsers.mfa);
    assert.equal(again.body.mfa.attempts_left, 3);
    assert.equal((await mfa(token, GOOD_MFA_CODE)).body.status, "connected");
  });

  test("a wrong code, then the right one → connected", async () => {
    const token = await open();
    await signIn(host, token, sandboxUsers.mfa);
    expectError(await mfa(token, "111111"), 400, "invalid_mfa_code");
    assert.equal((await mfa(token, GOOD_MFA_CODE)).body.status, "connected");
  });

  test("six concurrent wrong codes: two invalid_mfa_code, one mfa_locked, the rest link_step_invalid", async () => {
    const token = await open();
    await signIn(host, token, sandboxUsers.mfa);
    const answers = await Promise.all(Array.from({ length: 6 }, (_, index) => mfa(token, `99999${index}`)));
    const codes = answers.map((answer) => answer.body?.error?.code).sort();
    assert.deepEqual(codes, ["invalid_mfa_code", "invalid_mfa_code", "link_step_invalid", "link_step_invalid", "link_step_invalid", "mfa_locked"]);
  });

  test("no code pending → 409 link_step_invalid (fresh, connected, after a good code)", async () => {
    const token = await open();
    expectError(await mfa(token, GOOD_MFA_CODE), 409, "link_step_invalid");
    await signIn(host, token, sandboxUsers.good);
    expectError(await mfa(token, GOOD_MFA_CODE), 409, "link_step_invalid");
  });

  test("bad bodies", async () => {
    const token = await open();
    await signIn(host, token, sandboxUsers.mfa);
    expectError(await bankFrame(host, "POST", "/mfa", token, { body: {} }), 400, "parameter_missing", { param: "code" });
    expectError(await bankFrame(host, "POST", "/mfa", token, { body: { code: 123456 } }), 400, "parameter_invalid", { param: "code" });
    expectError(await bankFrame(host, "POST", "/mfa", token, { body: { code: "1".repeat(21) } }), 400, "parameter_invalid", { param: "code" });
    expectError(await bankFrame(host, "POST", "/mfa", token, { body: { code: GOOD_MFA_CODE, remember: true } }), 400, "parameter_unknown", { param: "remember" });
    // None of those counted as an attempt.
    assert.equal((await mfa(token, GOOD_MFA_CODE)).body.status, "connected");
  });
});

describe("OAuth hand-off through the sandbox bank's page", () => {
  test("start → an absolute URL on the host's own origin with a long random state; status oauth_pending", async () => {
    const token = await open();
    const started = await startOAuth(host, token);
    assert.equal(started.status, 200, started.text);
    assert.equal(started.body.status, "oauth_pending");
    const url = new URL(started.body.authorization_url);
    assert.equal(url.origin, host.url);
    assert.equal(url.pathname, "/oauth/sandbox/authorize");
    assert.match(url.searchParams.get("state") ?? "", /^[A-Za-z0-9_-]{43,}$/);
    const other = await startOAuth(host, await open());
    assert.notEqual(new URL(other.body.authorization_url).searchParams.get("state"), url.searchParams.get("state"));
    const status = await oauthStatus(host, token);
    assert.equal(status.status, 200, status.text);
    assert.equal(status.body.status, "oauth_pending");
  });

  test("the consent page: accessible, strict CSP, no inline code, names the merchant and the data", async () => {
    const token = await open(["balances", "transactions"]);
    const url = (await startOAuth(host, token)).body.authorization_url;
    const page = await fetchPage(url);
    assert.equal(page.status, 200);
    assert.match(page.headers.get("content-type") ?? "", /^text\/html/);
    const policy = page.headers.get("content-security-policy") ?? "";
    for (const directive of ["default-src 'none'", "style-src 'self'", "script-src 'self'", "form-action 'self'", "frame-ancestors 'none'"]) {
      assert.ok(policy.split(/;\s*/).includes(directive), `CSP has ${directive}: ${policy}`);
    }
    assert.equal(page.headers.get("x-content-type-options"), "nosniff");
    assert.equal(page.headers.get("cache-control"), "no-store");
    assert.equal(page.headers.get("referrer-policy"), "no-referrer");
    // No Cross-Origin-Opener-Policy: one would cut the popup off from the frame that opened
    // it, whose `popup.closed` would then read true at once and tell the customer they
    // closed the bank's window (oauth-popup.ts watches it).
    assert.equal(page.headers.get("cross-origin-opener-policy"), null);
    const html = page.html;
    assert.match(html, /^<!doctype html>/i);
    assert.match(html, /<html lang="en">/);
    assert.match(html, /<title>[^<]+<\/title>/);
    assert.match(html, /<h1>Sandbox OAuth Bank<\/h1>/);
    assert.doesNotMatch(html, /\sstyle=|<style/i, "no inline styles");
    assert.doesNotMatch(html, /<script(?![^>]*\ssrc=)[^>]*>/i, "no inline scripts");
    assert.doesNotMatch(html, /\son[a-z]+=/i, "no inline event handlers");
    // The merchant's name, escaped; and what it asks for.
    assert.ok(html.includes("Bank &quot;Link&quot; &lt;Shop&gt; &amp; Co"), "the merchant's name, escaped");
    assert.ok(!html.includes("<Shop>"));
    assert.match(html, /balances/i);
    assert.match(html, /transactions/i);
    const form = readConsentForm(page, url);
    assert.equal(form.method, "post");
    assert.equal(new URL(form.action).origin, host.url);
    assert.deepEqual(
      form.buttons.map((button) => button.label),
      ["Allow access", "Deny"],
    );
    // Its stylesheet is served from the host, as text/css.
    const stylesheet = /<link rel="stylesheet" href="([^"]+)">/.exec(html)?.[1] ?? "";
    const css = await fetch(new URL(stylesheet, url));
    assert.equal(css.status, 200);
    assert.match(css.headers.get("content-type") ?? "", /^text\/css/);
    assert.equal(new URL(stylesheet, url).origin, host.url);
  });

  test("Allow access → a page that closes itself; status connected; accounts chosen → success and a working item", async () => {
    const token = await open(["transactions"]);
    const url = (await startOAuth(host, token)).body.authorization_url;
    const done = await decideAtBank(url, "Allow access");
    assert.equal(done.status, 200, done.html);
    assert.match(done.headers.get("content-security-policy") ?? "", /script-src 'self'/);
    assert.ok(done.html.includes("You can close this window and return to Bank &quot;Link&quot; &lt;Shop&gt; &amp; Co"), done.html);
    const script = /<script src="([^"]+)"><\/script>/.exec(done.html)?.[1] ?? "";
    assert.equal(new URL(script, url).origin, host.url);
    const closer = await fetch(new URL(script, url));
    assert.equal(closer.status, 200);
    assert.match(closer.headers.get("content-type") ?? "", /^text\/javascript/);
    assert.match(await closer.text(), /window\.close\(\)/);

    const status = await oauthStatus(host, token);
    assert.equal(status.status, 200, status.text);
    assert.equal(status.body.status, "connected");
    assert.deepEqual(status.body.institution, { id: SANDBOX_OAUTH_BANK, name: "Sandbox OAuth Bank" });
    const chosen = [status.body.accounts[0].id];
    const success = await bankFrame(host, "POST", "/accounts", token, { body: { account_ids: chosen } });
    assert.equal(success.status, 200, success.text);
    assert.deepEqual(success.body.institution, { id: SANDBOX_OAUTH_BANK, name: "Sandbox OAuth Bank" });
    const exchanged = await exchange(host, success.body.public_token);
    assert.equal(exchanged.status, 200, exchanged.text);
    const list = await accounts(host, exchanged.body.access_token);
    assert.deepEqual(list.body.item.institution, { id: SANDBOX_OAUTH_BANK, name: "Sandbox OAuth Bank" });
    assert.deepEqual(
      list.body.accounts.map((account: Json) => account.id),
      chosen,
    );
  });

  test("Deny → status oauth_denied; the state is spent; starting again gives a new page that works", async () => {
    const token = await open();
    const url = (await startOAuth(host, token)).body.authorization_url;
    const page = await fetchPage(url);
    const form = readConsentForm(page, url);
    const denied = await pressButton(form, "Deny");
    assert.equal(denied.status, 200, denied.html);
    assert.match(denied.html, /denied/i);
    assert.match(denied.html, /You can close this window/);
    assert.equal((await oauthStatus(host, token)).body.status, "oauth_denied");
    expectError(await bankFrame(host, "POST", "/accounts", token, { body: { account_ids: ["acc_x"] } }), 409, "link_step_invalid");

    // The used state: the page and the form are refused with a clear page.
    const reopened = await fetchPage(url);
    assert.equal(reopened.status, 400);
    assert.match(reopened.headers.get("content-type") ?? "", /^text\/html/);
    assert.match(reopened.html, /<h1>[^<]*no longer valid[^<]*<\/h1>/i);
    const replayed = await pressButton(form, "Allow access");
    assert.equal(replayed.status, 400);
    assert.equal((await oauthStatus(host, token)).body.status, "oauth_denied", "a replayed form changed nothing");

    const retry = (await startOAuth(host, token)).body.authorization_url;
    assert.notEqual(retry, url);
    assert.equal((await oauthStatus(host, token)).body.status, "oauth_pending");
    assert.equal((await decideAtBank(retry, "Allow access")).status, 200);
    assert.equal((await oauthStatus(host, token)).body.status, "connected");
  });

  test("a double submit records one answer; the second gets the error page", async () => {
    const token = await open();
    const url = (await startOAuth(host, token)).body.authorization_url;
    const form = readConsentForm(await fetchPage(url), url);
    const [one, two] = await Promise.all([pressButton(form, "Allow access"), pressButton(form, "Deny")]);
    assert.deepEqual([one.status, two.status].sort(), [200, 400]);
    const status = (await oauthStatus(host, token)).body.status;
    assert.equal(status, one.status === 200 ? "connected" : "oauth_denied");
  });

  test("starting again replaces the pending state: the old page no longer works", async () => {
    const token = await open();
    const first = (await startOAuth(host, token)).body.authorization_url;
    await startOAuth(host, token);
    assert.equal((await fetchPage(first)).status, 400);
  });

  test("unknown, missing or malformed state; bad form posts → a 400 page", async () => {
    const base = `${host.url}/oauth/sandbox/authorize`;
    for (const url of [base, `${base}?state=`, `${base}?state=${"A".repeat(43)}`, `${base}?state=${"A".repeat(5000)}`, `${base}?state=%3Cscript%3E`]) {
      const page = await fetchPage(url);
      assert.equal(page.status, 400, url);
      assert.match(page.headers.get("content-type") ?? "", /^text\/html/);
      assert.match(page.headers.get("content-security-policy") ?? "", /default-src 'none'/);
      assert.ok(!page.html.includes("<script>"));
    }
    const token = await open();
    const url = (await startOAuth(host, token)).body.authorization_url;
    const state = new URL(url).searchParams.get("state") ?? "";
    const form = (body: string, type = "application/x-www-form-urlencoded") => fetchPage(url, { method: "POST", headers: { "Content-Type": type }, body });
    assert.equal((await form(`state=${state}&decision=maybe`)).status, 400);
    assert.equal((await form(`state=${state}`)).status, 400);
    assert.equal((await form(`state=${state}&decision=allow&decision=deny`)).status, 400);
    assert.equal((await form(`state=${state}&decision=allow&extra=1`)).status, 400);
    assert.equal((await form(JSON.stringify({ state, decision: "allow" }), "application/json")).status, 415);
    assert.equal((await oauthStatus(host, token)).body.status, "oauth_pending", "none of that decided anything");
    assert.equal((await form(`state=${state}&decision=allow`)).status, 200);
    assert.equal((await oauthStatus(host, token)).body.status, "connected");
  });

  test("status with nothing started → 409 link_step_invalid; a credentials bank cannot start OAuth; unknown → 404", async () => {
    const token = await open();
    expectError(await oauthStatus(host, token), 409, "link_step_invalid");
    expectError(await startOAuth(host, token, SANDBOX_SAVINGS_BANK), 400, "parameter_invalid", { param: "institution_id" });
    expectError(await startOAuth(host, token, "ins_999999"), 404, "resource_missing");
    expectError(await bankFrame(host, "POST", "/oauth/start", token, { body: {} }), 400, "parameter_missing", { param: "institution_id" });
    expectError(
      await bankFrame(host, "POST", "/oauth/start", token, { body: { institution_id: SANDBOX_OAUTH_BANK, redirect_uri: "https://evil.example.com" } }),
      400,
      "parameter_unknown",
      { param: "redirect_uri" },
    );
  });

  test("a page left open after the session was linked another way is refused", async () => {
    const token = await open();
    const url = (await startOAuth(host, token)).body.authorization_url;
    const connected = await signIn(host, token, sandboxUsers.good);
    await bankFrame(host, "POST", "/accounts", token, { body: { account_ids: [connected.body.accounts[0].id] } });
    assert.equal((await fetchPage(url)).status, 400);
  });
});

describe("choosing accounts", () => {
  test("before signing in → 409 link_step_invalid", async () => {
    expectError(await bankFrame(host, "POST", "/accounts", await open(), { body: { account_ids: ["acc_x"] } }), 409, "link_step_invalid");
  });

  test("ids must come from the connected step; at least one", async () => {
    const token = await open();
    const connected = await signIn(host, token, sandboxUsers.good);
    const ids = connected.body.accounts.map((account: Json) => account.id);
    const other = await signIn(host, await open(), sandboxUsers.good);
    expectError(await bankFrame(host, "POST", "/accounts", token, { body: { account_ids: [ids[0], "acc_unknown"] } }), 400, "parameter_invalid", { param: "account_ids.1" });
    expectError(await bankFrame(host, "POST", "/accounts", token, { body: { account_ids: [other.body.accounts[0].id] } }), 400, "parameter_invalid", { param: "account_ids.0" });
    expectError(await bankFrame(host, "POST", "/accounts", token, { body: { account_ids: [] } }), 400, "parameter_invalid", { param: "account_ids" });
    expectError(await bankFrame(host, "POST", "/accounts", token, { body: {} }), 400, "parameter_missing", { param: "account_ids" });
    expectError(await bankFrame(host, "POST", "/accounts", token, { body: { account_ids: ids[0] } }), 400, "parameter_invalid", { param: "account_ids" });
    expectError(await bankFrame(host, "POST", "/accounts", token, { body: { account_ids: [ids[0]], all: true } }), 400, "parameter_unknown", { param: "all" });
    // Still connected: a good choice works.
    const success = await bankFrame(host, "POST", "/accounts", token, { body: { account_ids: [ids[2], ids[0], ids[0]] } });
    assert.equal(success.status, 200, success.text);
    assert.deepEqual(
      success.body.accounts.map((account: Json) => account.id),
      [ids[0], ids[2]],
      "duplicates collapse; the bank's order",
    );
  });

  test("success → public token, institution and the chosen accounts without balances; linking twice → 409 session_not_open", async () => {
    const session = await createSession(host, { products: ["accounts"] });
    const connected = await signIn(host, session.client_token, sandboxUsers.good);
    const ids = connected.body.accounts.map((account: Json) => account.id);
    const success = await bankFrame(host, "POST", "/accounts", session.client_token, { body: { account_ids: ids } });
    assert.equal(success.status, 200, success.text);
    assert.match(success.body.public_token, /^public-sandbox-[A-Za-z0-9_-]{43}$/);
    assert.deepEqual(success.body.institution, { id: SANDBOX_SAVINGS_BANK, name: "Sandbox Savings Bank" });
    for (const account of success.body.accounts) assert.deepEqual(Object.keys(account).sort(), ["id", "mask", "name", "subtype", "type"]);
    assert.equal((await get(host, `/v1/bank_link_sessions/${session.id}`)).body.status, "linked");
    expectError(await bankFrame(host, "POST", "/accounts", session.client_token, { body: { account_ids: ids } }), 409, "session_not_open");
  });

  test("two concurrent selections → one item, one public token", async () => {
    const token = await open();
    const ids = (await signIn(host, token, sandboxUsers.good)).body.accounts.map((account: Json) => account.id);
    const answers = await Promise.all(Array.from({ length: 5 }, () => bankFrame(host, "POST", "/accounts", token, { body: { account_ids: ids } })));
    assert.equal(answers.filter((answer) => answer.status === 200).length, 1, answers.map((answer) => answer.text).join("\n"));
    for (const answer of answers.filter((candidate) => candidate.status !== 200)) expectError(answer, 409, "session_not_open");
  });
});

describe("credentials are never kept, logged or echoed", () => {
  test("no answer carries a username, a password or a code", async () => {
    // Every sign-in above went through the helpers, which kept every answer.
    assert.ok(transcript.length > 50, `${transcript.length} answers recorded`);
    for (const text of transcript) {
      for (const secret of [GOOD_PASSWORD, sandboxUsers.good, sandboxUsers.mfa, sandboxUsers.locked, ...Object.values(secrets)]) {
        assert.ok(!text.includes(secret), `an answer contains "${secret}": ${text.slice(0, 300)}`);
      }
    }
  });

  test("nothing in the host's stdout or stderr", () => {
    const output = host.output();
    assert.match(output, /listening on/, "the output was captured");
    for (const secret of [GOOD_PASSWORD, sandboxUsers.good, sandboxUsers.mfa, sandboxUsers.locked, ...Object.values(secrets)]) {
      assert.ok(!output.includes(secret), `the host printed "${secret}"`);
    }
  });

  test("nothing in the store: no credential, code, public or access token, OAuth state", async () => {
    // One more complete link, exchanged with an Idempotency-Key (its kept answer holds the access token).
    const linked = await linkItem(host);
    const exchanged = await exchange(host, linked.publicToken, { idempotencyKey: `secret-check-${Date.now()}` });
    assert.equal(exchanged.status, 200, exchanged.text);
    const oauthToken = await open();
    const authorization = (await startOAuth(host, oauthToken)).body.authorization_url;
    const state = new URL(authorization).searchParams.get("state") ?? "";
    await post(host, "/v1/bank_link_sessions", { products: ["accounts"] });
    // Stop the host so that PGlite has written everything and let go of its files.
    await host.stop();
    const needles = [
      GOOD_PASSWORD,
      sandboxUsers.good,
      sandboxUsers.mfa,
      sandboxUsers.locked,
      ...Object.values(secrets),
      linked.publicToken,
      exchanged.body.access_token,
      state,
      linked.session.client_token,
    ];
    const found = await findInStore(host.store, needles);
    assert.deepEqual(found, [], `found in the store:\n${found.join("\n")}`);
    // The probe does find what is stored: the item's id.
    assert.ok((await findInStore(host.store, [exchanged.body.item_id])).length > 0, "the store's files were searched");
  });
});
