/**
 * The demo as a newcomer meets it: `npm start`, open the shop, continue to payment, and
 * see the checkout frame connect across origins and show the amount due.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Browser } from "playwright-core";
import { axeViolations, launchBrowser, serveForeignMerchant, startDemo, type RunningDemo } from "./harness.js";

describe("demo shop", () => {
  let demo: RunningDemo;
  let browser: Browser;

  before(async () => {
    demo = await startDemo();
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    if (demo) assert.equal(await demo.stop(), 0, "npm start stops cleanly on Ctrl-C");
  });

  it("prints both URLs and the sandbox keys", () => {
    assert.match(demo.output(), /Demo shop\s+http:\/\/localhost:\d+/);
    assert.match(demo.output(), /widget host\s+http:\/\/localhost:\d+/);
    assert.match(demo.publishableKey, /^pk_test_[A-Za-z0-9]+$/);
    assert.match(demo.secretKey, /^sk_test_[A-Za-z0-9]+$/);
  });

  it("connects the checkout frame across origins and shows the amount due", async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    await page.goto(demo.demoUrl);
    await page.getByRole("combobox", { name: "Quantity of Enclave mug" }).selectOption("2");
    await page.getByRole("button", { name: "Continue to payment" }).click();

    const frameElement = page.locator("enclave-checkout").locator('iframe[title="Secure payment form"]');
    await frameElement.waitFor();
    assert.equal(new URL((await frameElement.getAttribute("src")) ?? "").origin, demo.hostUrl, "the frame is served by the widget host");
    const frame = page.frameLocator("enclave-checkout >> iframe");
    // 1 hoodie ($49.00) + 2 mugs ($14.50 each)
    await frame.getByText("$78.00").waitFor({ timeout: 20_000 });
    await frame.getByText("Paying Enclave Demo Shop").waitFor();

    const log = page.getByRole("log", { name: "Event log" });
    await log.getByText('enclave-ready {"flow":"checkout"}').waitFor();
    assert.ok((await frameElement.evaluate((element) => element.getBoundingClientRect().height)) > 40, "the frame grew to its content");
    assert.deepEqual(errors, []);
    await page.close();
  });

  it("switches the frames' language from the shop's Language picker, keeping what was typed", async () => {
    const page = await browser.newPage();
    await page.goto(demo.demoUrl);
    await page.getByRole("button", { name: "Continue to payment" }).click();
    const frame = page.frameLocator("enclave-checkout >> iframe");
    await frame.getByRole("textbox", { name: "Card number" }).pressSequentially("4242424242424242", { timeout: 20_000 });
    await page.getByRole("combobox", { name: "Language" }).selectOption("de");
    const germanField = frame.getByRole("textbox", { name: "Kartennummer" });
    await germanField.waitFor();
    assert.equal(await germanField.inputValue(), "4242 4242 4242 4242");
    await frame.getByText("49,00 $").waitFor();
    await page.getByRole("combobox", { name: "Language" }).selectOption("ar");
    await frame.getByRole("textbox", { name: "رقم البطاقة" }).waitFor();
    assert.equal(await frame.locator("html").getAttribute("dir"), "rtl");
    // The choice holds on the shop's other pages.
    await page.getByRole("link", { name: "Link a bank" }).click();
    await page.locator('enclave-bank-link[locale="ar"]').waitFor({ state: "attached" });
    assert.equal(await page.getByRole("combobox", { name: "Language" }).inputValue(), "ar");
    await page.close();
  });

  it("has no accessibility violations on the shop page or in the frame", async () => {
    const page = await browser.newPage();
    await page.goto(demo.demoUrl);
    await page.getByRole("button", { name: "Continue to payment" }).click();
    await page.frameLocator("enclave-checkout >> iframe").getByText("$49.00").waitFor({ timeout: 20_000 });
    assert.deepEqual(await axeViolations(page), []);
    const frame = page.frames().find((candidate) => candidate.url().includes("/frames/checkout.html"));
    assert.ok(frame, "the checkout frame is on the page");
    assert.deepEqual(await axeViolations(frame), []);
    await page.close();
  });

  it("refuses to draw the frame on a site that is not an allowed origin", async () => {
    const foreign = await serveForeignMerchant(`<!doctype html><html lang="en"><title>Not allowed</title>
      <script src="${demo.hostUrl}/v1/enclave.js"></script>
      <enclave-checkout publishable-key="${demo.publishableKey}" client-token="ct_notarealtokenbutwellformed123"></enclave-checkout>`);
    const page = await browser.newPage();
    const refused: string[] = [];
    page.on("console", (message) => {
      if (/frame-ancestors/.test(message.text())) refused.push(message.text());
    });
    await page.goto(foreign.url);
    const detail = await page.evaluate(
      () => new Promise<unknown>((resolve) => document.querySelector("enclave-checkout")?.addEventListener("enclave-error", (event) => resolve((event as CustomEvent).detail))),
    );
    assert.equal((detail as { code: string }).code, "frame_connect_timeout");
    assert.equal((detail as { retryable: boolean }).retryable, true);
    assert.ok(refused.length > 0, "Chromium refused the frame because of its CSP frame-ancestors");
    await page.close();
    await foreign.close();
  });

  it("refuses a frame whose page origin is not allowed even when CSP is bypassed (the API checks the origin too)", async () => {
    const foreign = await serveForeignMerchant(`<!doctype html><html lang="en"><title>Not allowed</title>
      <script src="${demo.hostUrl}/v1/enclave.js"></script>
      <enclave-checkout publishable-key="${demo.publishableKey}"></enclave-checkout>`);
    // As an old browser that ignores frame-ancestors would: the frame page arrives without its CSP.
    const context = await browser.newContext();
    await context.route(`${demo.hostUrl}/frames/**`, async (route) => {
      const response = await route.fetch();
      const headers = { ...response.headers() };
      delete headers["content-security-policy"];
      await route.fulfill({ response, headers });
    });
    const page = await context.newPage();
    await page.goto(foreign.url);
    // A real token for a real session, minted by the merchant's backend.
    const { clientToken } = (await (
      await fetch(`${demo.demoUrl}/api/checkout`, { method: "POST", headers: { "Content-Type": "application/json" }, body: '{"items":[{"id":"mug","quantity":1}]}' })
    ).json()) as { clientToken: string };
    const detail = await page.evaluate((token) => {
      const checkout = document.querySelector("enclave-checkout") as HTMLElement & { clientToken?: string };
      const result = new Promise<unknown>((resolve) => checkout.addEventListener("enclave-error", (event) => resolve((event as CustomEvent).detail)));
      checkout.clientToken = token;
      return result;
    }, clientToken);
    assert.equal((detail as { code: string }).code, "origin_not_allowed");
    await context.close();
    await foreign.close();
  });

  it("works with two copies of enclave.js on a page the merchant registered through the API", async () => {
    const html = () => `<!doctype html><html lang="en"><title>Two copies</title>
      <script src="${demo.hostUrl}/v1/enclave.js"></script>
      <script src="${demo.hostUrl}/v1/enclave.js"></script>
      <main><enclave-checkout publishable-key="${demo.publishableKey}"></enclave-checkout></main>`;
    const merchant = await serveForeignMerchant(html());
    const origin = new URL(merchant.url).origin;
    const register = await fetch(`${demo.hostUrl}/v1/allowed_origins`, {
      method: "POST",
      headers: { Authorization: `Bearer ${demo.secretKey}`, "Content-Type": "application/json", "Idempotency-Key": `e2e-${Date.now()}` },
      body: JSON.stringify({ origin }),
    });
    assert.equal(register.status, 200, await register.clone().text());

    const page = await browser.newPage();
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    await page.goto(merchant.url);
    const { clientToken } = (await (
      await fetch(`${demo.demoUrl}/api/checkout`, { method: "POST", headers: { "Content-Type": "application/json" }, body: '{"items":[{"id":"stickers","quantity":3}]}' })
    ).json()) as { clientToken: string };
    const ready = await page.evaluate((token) => {
      const checkout = document.querySelector("enclave-checkout") as HTMLElement & { clientToken?: string };
      const result = new Promise<unknown>((resolve, reject) => {
        checkout.addEventListener("enclave-ready", (event) => resolve((event as CustomEvent).detail));
        checkout.addEventListener("enclave-error", (event) => reject(new Error(JSON.stringify((event as CustomEvent).detail))));
      });
      checkout.clientToken = token;
      return result;
    }, clientToken);
    assert.deepEqual(ready, { flow: "checkout" });
    await page.frameLocator("enclave-checkout >> iframe").getByText("$15.00").waitFor();
    assert.equal(await page.evaluate(() => typeof (window as unknown as { Enclave?: { configure?: unknown } }).Enclave?.configure), "function");
    assert.deepEqual(errors, []);
    await page.close();
    await merchant.close();
  });
});
