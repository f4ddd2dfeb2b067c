/**
 * The bank link on a phone (375×740, touch, mobile viewport), through the demo as a customer
 * would: the success screen stays until "Done", a locked account offers another bank or
 * Exit, focus lands on the field to fix after a wrong password or code, and a bank window
 * the customer closes is noticed. Axe on each of those screens; screenshots go to
 * /tmp/bank-phone-*.png for a person to look at.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Browser, ElementHandle, Page } from "playwright-core";
import { bankLinkDialogOpen as dialogOpen, bankLinkFrameOf as frameOf, bankLinkSteps } from "./support/bank-link-steps.js";
import { axeViolations, launchBrowser, newPhonePage, phone, startDemo, type RunningDemo } from "./harness.js";

const { openBankLink, chooseInstitution, signIn } = bankLinkSteps("tap");

const logged = (page: Page, event: string) => page.getByRole("log", { name: "Event log" }).locator("li", { hasText: new RegExp(`^${event} `) });

/** What names the frame's focused element: its label, or its text (shadow roots and all). */
const focusedName = (page: Page): Promise<string> =>
  frameOf(page).evaluate(() => {
    let active: Element | null = document.activeElement;
    while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
    if (!active) return "";
    const labelled = active.id ? active.getRootNode() : null;
    const label = labelled instanceof ShadowRoot ? labelled.querySelector(`label[for="${active.id}"]`)?.textContent : null;
    return (label ?? active.textContent ?? "").trim();
  });

/** Waits (up to 2 s: focus follows a re-render) for the frame's focus to be on `name`. */
async function expectFocus(page: Page, name: string, why: string): Promise<void> {
  let seen = "";
  for (const started = Date.now(); Date.now() - started < 2_000; await page.waitForTimeout(50)) {
    seen = await focusedName(page);
    if (seen === name) return;
  }
  assert.equal(seen, name, why);
}

/** The element keyboard focus is on, through the page, its shadow roots, the frame and the frame's shadow roots. */
async function focusedElement(page: Page): Promise<{ where: "page" | "frame"; handle: ElementHandle<Element> | null; isDialog: boolean }> {
  const deepActive = (): Element | null => {
    let active: Element | null = document.activeElement;
    while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
    return active;
  };
  const onPage = await page.evaluateHandle(deepActive);
  const pageElement = onPage.asElement();
  const tag = pageElement ? await pageElement.evaluate((element) => element.tagName) : "";
  if (tag !== "IFRAME") return { where: "page", handle: pageElement, isDialog: tag === "DIALOG" };
  const inFrame = (await frameOf(page).evaluateHandle(deepActive)).asElement();
  return { where: "frame", handle: inFrame, isDialog: false };
}

/** What a Tab stop shows of itself: the part of its box inside the dialog and the screen (0 when nothing). */
async function visibleHeight(page: Page, handle: ElementHandle<Element>): Promise<number> {
  const box = await handle.boundingBox();
  const dialog = await page.locator("enclave-bank-link").locator("dialog").boundingBox();
  const viewport = page.viewportSize();
  if (!box || !dialog || !viewport) return 0;
  const top = Math.max(box.y, dialog.y, 0);
  const bottom = Math.min(box.y + box.height, dialog.y + dialog.height, viewport.height);
  return Math.max(0, bottom - top);
}

describe("the bank link on a phone (375×740)", () => {
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

  it("shows the success screen until Done, then reports success and closes", async () => {
    const page = await newPhonePage(browser);
    const frame = await openBankLink(page, demo);
    await chooseInstitution(frame, "Sandbox Savings Bank");
    await signIn(frame, "user_good", "pass_good");
    await frame.getByRole("checkbox").first().check();
    await frame.getByRole("button", { name: "Continue" }).tap();
    await frame.getByRole("heading", { name: "Connected to Sandbox Savings Bank" }).waitFor();
    await page.waitForTimeout(1000);
    assert.equal(await dialogOpen(page), true, "still on show a second later");
    assert.equal(await logged(page, "enclave-success").count(), 0, "no success before Done");
    assert.deepEqual(await axeViolations(frameOf(page)), [], "the success screen");
    await page.screenshot({ path: "/tmp/bank-phone-success.png" });
    await frame.getByRole("button", { name: "Done" }).tap();
    await logged(page, "enclave-success").first().waitFor();
    assert.match((await logged(page, "enclave-success").first().textContent()) ?? "", /"publicToken":"public-.*"institution":\{"id":"ins_100001"/);
    assert.equal(await dialogOpen(page), false, "Done closes the dialog");
    await page.context().close();
  });

  // Issue 13: Tab reached an invisible stop, the dialog's scroll container (the frame taller
  // than a short screen makes the dialog scroll, and Chrome makes a scroller a Tab stop).
  // Opening must not scroll either (the header and its Close stay at the top).
  for (const [size, screen] of [
    ["375×740 (phone)", phone],
    ["800×320 (a short screen)", { viewport: { width: 800, height: 320 }, hasTouch: true }],
  ] as const) {
    it(`at ${size}: opens unscrolled, and every Tab stop is something the customer sees`, async () => {
      const context = await browser.newContext(screen);
      const page = await context.newPage();
      const frame = await openBankLink(page, demo);
      const dialog = page.locator("enclave-bank-link").locator("dialog");
      await page.waitForTimeout(500);
      assert.equal(await dialog.evaluate((element) => element.scrollTop), 0, "the dialog is not scrolled on open");
      const close = await frame.getByRole("button", { name: "Close" }).elementHandle();
      assert.ok(close && (await visibleHeight(page, close)) > 0, "Close is on screen on open");
      await page.screenshot({ path: `/tmp/ident-bank-tab-${screen.viewport.height}-open.png` });
      const seen: string[] = [];
      for (let press = 1; press <= 12; press++) {
        await page.keyboard.press("Tab");
        const focused = await focusedElement(page);
        assert.equal(focused.isDialog, false, `Tab ${press} stopped on the dialog box, which shows nothing to act on (after ${seen.join(", ")})`);
        assert.ok(focused.handle, `Tab ${press} put focus somewhere`);
        const name = await focused.handle.evaluate(
          (element) => `${element.tagName.toLowerCase()} ${(element.getAttribute("aria-label") ?? element.textContent ?? "").trim().slice(0, 30)}`,
        );
        seen.push(`${focused.where}: ${name}`);
        assert.ok((await visibleHeight(page, focused.handle)) > 0, `Tab ${press} (${focused.where}: ${name}) is on screen`);
      }
      await context.close();
    });
  }

  it("puts focus on the field to fix after a wrong password and a wrong code, and reports both as retryable", async () => {
    const page = await newPhonePage(browser);
    const frame = await openBankLink(page, demo);
    await chooseInstitution(frame, "Sandbox Savings Bank");
    await signIn(frame, "user_mfa", "not-the-password");
    await frame.getByText("The username or password is incorrect.").waitFor();
    await expectFocus(page, "Password", "focus on the password after a wrong one");
    await logged(page, "enclave-error")
      .filter({ hasText: /"code":"invalid_credentials".*"retryable":true/ })
      .waitFor();
    await page.screenshot({ path: "/tmp/bank-phone-wrong-password.png" });

    await frame.getByLabel("Password", { exact: true }).fill("pass_good");
    await frame.getByRole("button", { name: "Submit" }).tap();
    const code = frame.getByRole("textbox", { name: "Verification code" });
    await code.fill("000000");
    await frame.getByRole("button", { name: "Submit" }).tap();
    await frame.getByText("That code is incorrect. You have 2 attempts left.").waitFor();
    await expectFocus(page, "Verification code", "focus on the code after a wrong one");
    await logged(page, "enclave-error")
      .filter({ hasText: /"code":"invalid_mfa_code".*"retryable":true/ })
      .waitFor();
    assert.deepEqual(await axeViolations(frameOf(page)), [], "a wrong code");
    await page.context().close();
  });

  it("offers another bank or Exit on a locked account", async () => {
    const page = await newPhonePage(browser);
    const frame = await openBankLink(page, demo);
    await chooseInstitution(frame, "Sandbox Savings Bank");
    await signIn(frame, "user_locked", "pass_good");
    await frame.getByRole("button", { name: "Choose another bank" }).waitFor();
    assert.equal(await frame.getByRole("button", { name: "Submit" }).count(), 0, "no Submit that cannot work");
    await expectFocus(page, "Choose another bank", "focus on the way out");
    assert.deepEqual(await axeViolations(frameOf(page)), [], "a locked account");
    await page.screenshot({ path: "/tmp/bank-phone-locked.png" });
    await frame.getByRole("button", { name: "Exit" }).tap();
    await logged(page, "enclave-exit").filter({ hasText: '"step":"credentials"' }).waitFor();
    assert.equal(await dialogOpen(page), false, "Exit closes the dialog");
    await page.context().close();
  });

  it("notices the bank's window closed by the customer, and offers Try again and another bank", async () => {
    const page = await newPhonePage(browser);
    const frame = await openBankLink(page, demo);
    await chooseInstitution(frame, "Sandbox OAuth Bank");
    const [popup] = await Promise.all([page.waitForEvent("popup"), frame.getByRole("button", { name: "Continue" }).tap()]);
    await popup.getByRole("heading", { name: "Sandbox OAuth Bank" }).waitFor();
    await popup.close();
    await frame.getByText("The window for Sandbox OAuth Bank was closed before you finished signing in.").waitFor({ timeout: 2_500 });
    await expectFocus(page, "Try again", "focus on Try again");
    assert.deepEqual(await axeViolations(frameOf(page)), [], "the closed window");
    await page.screenshot({ path: "/tmp/bank-phone-oauth-closed.png" });
    await frame.getByRole("button", { name: "Choose another bank" }).tap();
    await frame.getByRole("combobox", { name: "Search institutions" }).waitFor();
    await page.context().close();
  });
});
