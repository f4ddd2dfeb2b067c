/**
 * The demo shop and its checkout on a phone (375×740, touch, mobile viewport), where issue
 * 13 found them wanting: every demo page fits the screen without sideways scrolling, and
 * the bank's 3-D Secure page opens full-screen above the shop, its close button on screen,
 * instead of inside the 320 px form. Screenshots go to /tmp/checkout-phone-*.png.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Browser, FrameLocator, Page } from "playwright-core";
import { axeViolations, launchBrowser, newPhonePage, startDemo, type RunningDemo } from "./harness.js";

async function openCheckout(page: Page, demo: RunningDemo): Promise<FrameLocator> {
  await page.goto(demo.demoUrl);
  await page.getByRole("button", { name: "Continue to payment" }).tap();
  const frame = page.frameLocator("enclave-checkout >> iframe");
  await frame.getByRole("textbox", { name: "Card number" }).waitFor({ timeout: 20_000 });
  return frame;
}

async function fillCard(frame: FrameLocator, number: string): Promise<void> {
  await frame.getByRole("textbox", { name: "Card number" }).pressSequentially(number);
  await frame.getByRole("textbox", { name: "Expiration date" }).pressSequentially("1234");
  await frame.getByRole("textbox", { name: "Security code" }).fill("123");
  const postal = frame.getByRole("textbox", { name: "Postal code" });
  if (await postal.isVisible()) await postal.fill("94107");
}

/** How far the page reaches sideways beyond the screen (0 when it fits). */
function overflowX(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

describe("the demo shop on a phone (375×740)", () => {
  let demo: RunningDemo;
  let browser: Browser;

  before(async () => {
    demo = await startDemo();
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    if (demo) assert.equal(await demo.stop(), 0);
  });

  for (const [name, path] of [
    ["shop", "/"],
    ["bank", "/bank"],
    ["onboarding", "/onboarding"],
  ] as const) {
    it(`fits the ${name} page in the screen, header included, without sideways scrolling`, async () => {
      const page = await newPhonePage(browser);
      await page.goto(new URL(path, demo.demoUrl).href);
      await page.getByRole("navigation", { name: "Demo pages" }).waitFor();
      assert.equal(await overflowX(page), 0, "no sideways scrolling");
      const header = await page.locator(".site-header").boundingBox();
      assert.ok(header && header.width <= 375, `the header fits: ${JSON.stringify(header)}`);
      await page.screenshot({ path: `/tmp/checkout-phone-${name}.png`, fullPage: true });
      await page.close();
    });
  }

  it("fits the payment step too, the checkout frame included", async () => {
    const page = await newPhonePage(browser);
    await openCheckout(page, demo);
    assert.equal(await overflowX(page), 0);
    const frame = await page.locator("enclave-checkout").boundingBox();
    assert.ok(frame && frame.x >= 0 && frame.x + frame.width <= 375, `the form fits: ${JSON.stringify(frame)}`);
    await page.close();
  });

  it("opens 3-D Secure full-screen above the shop, accessible, and its close button gives the check up", async () => {
    const page = await newPhonePage(browser);
    const frame = await openCheckout(page, demo);
    await fillCard(frame, "4000002760003184");
    await page.getByRole("button", { name: /^Pay / }).tap();
    const bank = page.frameLocator(`enclave-checkout dialog iframe[title="The bank's page, where you answer its check"]`);
    await bank.getByRole("button", { name: "Complete authentication" }).waitFor({ timeout: 20_000 });
    const dialog = await page.locator("enclave-checkout dialog").boundingBox();
    assert.deepEqual(dialog, { x: 0, y: 0, width: 375, height: 740 }, "the whole screen");
    const close = page.getByRole("button", { name: "Cancel authentication" });
    const closeBox = await close.boundingBox();
    assert.ok(closeBox && closeBox.x >= 0 && closeBox.x + closeBox.width <= 375 && closeBox.y >= 0 && closeBox.width >= 44, `close on screen: ${JSON.stringify(closeBox)}`);
    const answers = await bank.getByRole("button", { name: "Complete authentication" }).boundingBox();
    assert.ok(answers && answers.x + answers.width <= 375 && answers.y + answers.height <= 740, `the bank's answers on screen: ${JSON.stringify(answers)}`);
    assert.deepEqual(await axeViolations(page), [], "the shop with the 3-D Secure dialog open is accessible");
    await page.screenshot({ path: "/tmp/checkout-phone-3ds.png" });
    await close.tap();
    await page
      .locator("#payment-status")
      .filter({ hasText: /authenticate/i })
      .waitFor({ timeout: 20_000 });
    assert.equal(await page.locator("enclave-checkout dialog").count(), 0);
    assert.equal(await page.evaluate(() => document.activeElement?.tagName), "ENCLAVE-CHECKOUT", "focus is back in the form, not on the page body");
    await page.screenshot({ path: "/tmp/checkout-phone-3ds-closed.png" });
    await page.close();
  });
});
