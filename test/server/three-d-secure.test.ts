/**
 * 3-D Secure decided on the widget host (issue 10, finding 6): the frame API cannot succeed
 * a payment; only the host's challenge page can, once, with its one-time id; that page is
 * framed only by the host's own frames (inside the merchant's allowed pages) and refuses
 * requests a browser marks as coming from another site. A real host process, real HTTP.
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { card, cards, confirm, createIntent, expectError, frameCall, get, post, SHOP_ORIGIN, sleep, toApiResponse, waitFor } from "./support/api.js";
import { answerChallenge, challengeUrl, openChallenge } from "./support/three-d-secure.js";
import { startWebhookReceiver, type WebhookReceiver } from "./support/webhook-receiver.js";
import { startWidgetHost, type WidgetHostProcess } from "./support/widget-host.js";

const MERCHANT_NAME = "Challenge Test Shop <&>";
let host: WidgetHostProcess;
let receiver: WebhookReceiver;

before(async () => {
  receiver = await startWebhookReceiver();
  host = await startWidgetHost({ env: { ENCLAVE_ALLOWED_ORIGINS: SHOP_ORIGIN, ENCLAVE_MERCHANT_NAME: MERCHANT_NAME, ENCLAVE_WEBHOOK_ALLOW_PRIVATE: "1" } });
  const endpoint = await post(host, "/v1/webhook_endpoints", { url: receiver.url, events: ["payment_intent.succeeded", "payment_intent.payment_failed"] });
  assert.equal(endpoint.status, 200, endpoint.text);
});

after(async () => {
  await host?.dispose();
  await receiver?.close();
});

/** An intent waiting for 3-D Secure, and its challenge page. */
async function pendingChallenge(amount = 4900): Promise<{ id: string; token: string; url: string }> {
  const intent = await createIntent(host, { amount, currency: "usd" });
  const url = challengeUrl(host, await confirm(host, intent.client_token, card(cards.threeDSecure)));
  return { id: intent.id, token: intent.client_token, url };
}

const status = async (id: string): Promise<string> => (await get(host, `/v1/payment_intents/${id}`)).body.status;
const frameStatus = (token: string) => frameCall(host, "GET", "/payment_intents/three_d_secure", { token });

describe("the frame cannot decide 3-D Secure", () => {
  test("posting { outcome: 'complete' } to the frame API does not succeed the payment", async () => {
    const { id, token } = await pendingChallenge();
    const forged = await frameCall(host, "POST", "/payment_intents/three_d_secure", { token, body: { outcome: "complete" } });
    assert.ok(forged.status >= 400, `refused, not ${forged.status} ${forged.text}`);
    assert.notEqual(forged.body?.status, "succeeded");
    assert.equal(await status(id), "requires_action");
    // Nor does any body on the frame's only 3-D Secure write, which gives up.
    expectError(await frameCall(host, "POST", "/payment_intents/three_d_secure/abandon", { token, body: { outcome: "complete" } }), 400, "parameter_unknown", { param: "outcome" });
    assert.equal(await status(id), "requires_action");
    await sleep(300);
    assert.equal(receiver.deliveriesFor("payment_intent.succeeded", id).length, 0, "no payment_intent.succeeded was sent");
  });

  test("the frame learns where the challenge stands, without the challenge id", async () => {
    const { token, url } = await pendingChallenge();
    const waiting = await frameStatus(token);
    assert.equal(waiting.status, 200, waiting.text);
    assert.equal(waiting.body.status, "requires_action");
    assert.deepEqual(waiting.body.next_action, { type: "three_d_secure" });
    assert.ok(!waiting.text.includes(new URL(url).pathname.split("/").at(-1) ?? "-"), "the id is not given again");
  });

  test("abandoning (Escape in the frame) fails the payment and closes its challenge page", async () => {
    const { id, token, url } = await pendingChallenge();
    const abandoned = await frameCall(host, "POST", "/payment_intents/three_d_secure/abandon", { token, body: {} });
    assert.equal(abandoned.status, 200, abandoned.text);
    assert.equal(abandoned.body.status, "requires_payment_method");
    assert.equal(abandoned.body.last_payment_error.code, "payment_intent_authentication_failure");
    assert.equal((await answerChallenge(url, "complete")).status, 410);
    assert.equal(await status(id), "requires_payment_method");
    const retry = await confirm(host, token, card(cards.visa));
    assert.equal(retry.body.status, "succeeded", retry.text);
  });
});

describe("the host's challenge page", () => {
  test("shows the amount, the merchant and the two answers as form posts, with no script", async () => {
    const { url } = await pendingChallenge(123456);
    const page = await openChallenge(url);
    assert.equal(page.status, 200, page.text);
    assert.match(page.headers.get("content-type") ?? "", /^text\/html/);
    assert.ok(page.text.includes("$1,234.56"), "the amount");
    assert.ok(page.text.includes("Challenge Test Shop &lt;&amp;&gt;"), "the merchant's name, escaped");
    assert.match(page.text, /<form method="post">/);
    assert.match(page.text, /<button type="submit" name="decision" value="complete">Complete authentication<\/button>/);
    assert.match(page.text, /<button type="submit" name="decision" value="fail">Fail authentication<\/button>/);
    assert.doesNotMatch(page.text, /<script/i);
  });

  test("refuses to be framed by any other origin, runs no script and leaks its URL in no Referer", async () => {
    const { url } = await pendingChallenge();
    const page = await openChallenge(url);
    const csp = page.headers.get("content-security-policy") ?? "";
    const directives = new Map(
      csp
        .split(";")
        .map((part) => part.trim().split(/\s+/))
        .map(([name = "", ...values]) => [name, values]),
    );
    // Every ancestor is checked: the host's own checkout frame ('self') and the merchant's page around it.
    assert.deepEqual(directives.get("frame-ancestors"), ["'self'", SHOP_ORIGIN]);
    assert.deepEqual(directives.get("default-src"), ["'none'"]);
    assert.equal(directives.get("script-src"), undefined, "no script-src: scripts fall back to default-src 'none'");
    assert.deepEqual(directives.get("form-action"), ["'self'"]);
    assert.equal(page.headers.get("referrer-policy"), "no-referrer");
    assert.equal(page.headers.get("cache-control"), "no-store");
  });

  test("a request a browser marks as coming from another site is refused, and decides nothing", async () => {
    const { id, url } = await pendingChallenge();
    for (const site of ["cross-site", "same-site"]) {
      // A link or a top-level navigation to it: refused.
      const page = await openChallenge(url, { "Sec-Fetch-Site": site, "Sec-Fetch-Dest": "document" });
      assert.equal(page.status, 403, `${site}: ${page.text}`);
      assert.doesNotMatch(page.text, /Complete authentication/);
      // An answer is only ever posted by the page's own form (same origin), even from a frame.
      assert.equal((await answerChallenge(url, "complete", { "Sec-Fetch-Site": site })).status, 403);
    }
    assert.equal(await status(id), "requires_action");
  });

  test("the merchant's page may open it in its own iframe (issue 13: 3-D Secure full-page); frame-ancestors names the allowed pages", async () => {
    const { id, url } = await pendingChallenge();
    const page = await openChallenge(url, { "Sec-Fetch-Site": "cross-site", "Sec-Fetch-Dest": "iframe" });
    assert.equal(page.status, 200, page.text);
    assert.match(page.text, /Complete authentication/);
    assert.deepEqual(
      page.headers
        .get("content-security-policy")
        ?.split(";")
        .map((directive) => directive.trim())
        .find((directive) => directive.startsWith("frame-ancestors")),
      `frame-ancestors 'self' ${SHOP_ORIGIN}`,
    );
    assert.equal(await status(id), "requires_action", "opening it decides nothing");
  });

  test("Complete succeeds the payment once: a second answer is refused and nothing is charged twice", async () => {
    const { id, token, url } = await pendingChallenge();
    const done = await answerChallenge(url, "complete");
    assert.equal(done.status, 200, done.text);
    assert.match(done.text, /Payment authenticated/);
    assert.equal(await status(id), "succeeded");
    const learned = await frameStatus(token);
    assert.equal(learned.body.status, "succeeded");
    assert.equal(learned.body.next_action, null);

    const again = await answerChallenge(url, "complete");
    assert.equal(again.status, 410);
    assert.match(again.text, /This authentication is no longer valid/);
    assert.equal((await answerChallenge(url, "fail")).status, 410, "a second answer cannot flip it either");
    assert.equal(await status(id), "succeeded");
    assert.equal((await openChallenge(url)).status, 410, "the page itself is gone");
    await waitFor(() => receiver.deliveriesFor("payment_intent.succeeded", id).length > 0, 10_000, "the payment_intent.succeeded webhook");
    await sleep(300);
    assert.equal(receiver.deliveriesFor("payment_intent.succeeded", id).length, 1, "one charge, one event");
    assert.equal(receiver.deliveriesFor("payment_intent.payment_failed", id).length, 0);
  });

  test("ten answers at once: one wins, the others are refused", async () => {
    const { id, url } = await pendingChallenge();
    const answers = await Promise.all(Array.from({ length: 10 }, (_, index) => answerChallenge(url, index % 2 === 0 ? "complete" : "fail")));
    assert.equal(answers.filter((answer) => answer.status === 200).length, 1, answers.map((answer) => answer.status).join(" "));
    assert.ok(answers.every((answer) => answer.status === 200 || answer.status === 410));
    const final = await status(id);
    assert.ok(final === "succeeded" || final === "requires_payment_method", final);
    await sleep(500);
    const events = receiver.deliveriesFor("payment_intent.succeeded", id).length + receiver.deliveriesFor("payment_intent.payment_failed", id).length;
    assert.ok(events <= 1, `at most one outcome event (${events})`);
  });

  test("Fail declines it with payment_intent_authentication_failure; another card then works", async () => {
    const { id, token, url } = await pendingChallenge();
    const failed = await answerChallenge(url, "fail");
    assert.equal(failed.status, 200, failed.text);
    assert.match(failed.text, /Authentication failed/);
    const stored = (await get(host, `/v1/payment_intents/${id}`)).body;
    assert.equal(stored.status, "requires_payment_method");
    assert.equal(stored.last_payment_error.code, "payment_intent_authentication_failure");
    const learned = await frameStatus(token);
    assert.equal(learned.body.status, "requires_payment_method");
    assert.equal(learned.body.last_payment_error.code, "payment_intent_authentication_failure");
    assert.equal((await answerChallenge(url, "complete")).status, 410);
    assert.equal((await confirm(host, token, card(cards.visa))).body.status, "succeeded");
  });

  test("an unknown or malformed id: a clear page, and challenge_invalid for an API client", async () => {
    for (const path of [`/three_d_secure/tds_${"A".repeat(43)}`, "/three_d_secure/nope", `/three_d_secure/tds_${"A".repeat(200)}`]) {
      const page = await openChallenge(`${host.url}${path}`);
      assert.equal(page.status, 404, `${path}: ${page.text}`);
      assert.match(page.text, /This authentication is no longer valid/);
      assert.doesNotMatch(page.text, /Complete authentication/);
      expectError(await toApiResponse(await fetch(`${host.url}${path}`, { headers: { Accept: "application/json" } })), 404, "challenge_invalid");
      expectError(await answerChallenge(`${host.url}${path}`, "complete", { Accept: "application/json" }), 404, "challenge_invalid");
    }
  });

  test("a used id answers challenge_invalid (410) to an API client", async () => {
    const { url } = await pendingChallenge();
    assert.equal((await answerChallenge(url, "complete")).status, 200);
    expectError(await answerChallenge(url, "complete", { Accept: "application/json" }), 410, "challenge_invalid");
  });

  test("a second confirm opens a new challenge: the old page stops working", async () => {
    const { id, token, url: first } = await pendingChallenge();
    const second = challengeUrl(host, await confirm(host, token, card(cards.threeDSecure)));
    assert.notEqual(second, first);
    assert.equal((await answerChallenge(first, "complete")).status, 410);
    assert.equal(await status(id), "requires_action");
    assert.equal((await answerChallenge(second, "complete")).status, 200);
    assert.equal(await status(id), "succeeded");
  });

  test("after the merchant cancels, the page decides nothing", async () => {
    const { id, url } = await pendingChallenge();
    assert.equal((await post(host, `/v1/payment_intents/${id}/cancel`, {})).body.status, "canceled");
    assert.equal((await answerChallenge(url, "complete")).status, 410);
    assert.equal(await status(id), "canceled");
  });

  test("a form with no decision, two decisions or another one is refused; a non-form body too", async () => {
    const { id, url } = await pendingChallenge();
    const form = (body: string) =>
      fetch(url, { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded", "Sec-Fetch-Site": "same-origin" }, body }).then(toApiResponse);
    expectError(await form(""), 400, "parameter_invalid", { param: "decision" });
    expectError(await form("decision=complete&decision=fail"), 400, "parameter_invalid", { param: "decision" });
    expectError(await form("decision=succeeded"), 400, "parameter_invalid", { param: "decision" });
    expectError(await form("decision=complete&outcome=complete"), 400, "parameter_invalid", { param: "decision" });
    const json = await fetch(url, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ decision: "complete" }) }).then(toApiResponse);
    expectError(json, 415, "unsupported_media_type");
    assert.equal(await status(id), "requires_action");
  });
});

describe("an expired challenge", () => {
  let shortHost: WidgetHostProcess;
  before(async () => {
    shortHost = await startWidgetHost({ env: { ENCLAVE_ALLOWED_ORIGINS: SHOP_ORIGIN, ENCLAVE_THREE_D_SECURE_TTL_SECONDS: "1", ENCLAVE_WEBHOOK_ALLOW_PRIVATE: "1" } });
  });
  after(async () => {
    await shortHost?.dispose();
  });

  test("shows a clear page, decides nothing, and the frame learns the payment failed authentication", async () => {
    const intent = await createIntent(shortHost, { amount: 4900, currency: "usd" });
    const url = challengeUrl(shortHost, await confirm(shortHost, intent.client_token, card(cards.threeDSecure)));
    await sleep(1500);
    const page = await openChallenge(url);
    assert.equal(page.status, 410);
    assert.match(page.text, /This authentication is no longer valid/);
    assert.equal((await answerChallenge(url, "complete")).status, 410);
    assert.equal((await get(shortHost, `/v1/payment_intents/${intent.id}`)).body.status, "requires_action");
    const learned = await frameCall(shortHost, "GET", "/payment_intents/three_d_secure", { token: intent.client_token });
    assert.equal(learned.body.status, "requires_payment_method", learned.text);
    assert.equal(learned.body.last_payment_error.code, "payment_intent_authentication_failure");
  });

  test("ENCLAVE_THREE_D_SECURE_TTL_SECONDS out of range stops the host with a clear message", async () => {
    await assert.rejects(startWidgetHost({ env: { ENCLAVE_THREE_D_SECURE_TTL_SECONDS: "0" } }), /ENCLAVE_THREE_D_SECURE_TTL_SECONDS/);
  });
});
