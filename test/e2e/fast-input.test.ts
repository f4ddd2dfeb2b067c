/**
 * Every flow's happy path driven at full speed, as a merchant's own Playwright tests drive
 * it: each action is issued the moment Playwright's auto-wait finds the next control
 * visible and enabled — never a sleep, never a wait for a screen to "settle". Each click
 * or key press must either take effect or land on a control that is not yet interactive
 * (then Playwright waits for it): the checks are what a customer would notice (the
 * document type and country they chose are the ones verified, Submit advances, the bank
 * they picked is the one linked, the card they typed is the one charged).
 *
 * Each path runs several times in a row, because a lost input is a race: once proves little.
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import type { Browser, FrameLocator, Page } from "playwright-core";
import { launchBrowser, startDemo, type RunningDemo } from "./harness.js";
import { writeTestPhotos, type TestPhotos } from "./support/images.js";

/** How many times each path runs (ENCLAVE_FAST_INPUT_ROUNDS to hunt a race for longer). */
const rounds = Number(process.env["ENCLAVE_FAST_INPUT_ROUNDS"] ?? "2");
/** A lost click shows as the next control never appearing: fail on that step, well before the test's own timeout. */
const step = { timeout: 15_000 };

async function startIdentity(page: Page, demo: RunningDemo): Promise<FrameLocator> {
  await page.goto(`${demo.demoUrl}/onboarding`);
  await page.getByRole("button", { name: "Verify your identity" }).click();
  return page.frameLocator("enclave-identity >> iframe");
}

/** Consent, then the document type and the country, each the moment its control is there. */
async function chooseDocumentFast(frame: FrameLocator, how: "mouse" | "keyboard"): Promise<void> {
  if (how === "mouse") {
    await frame.getByRole("button", { name: "Continue" }).click(step);
    await frame.locator("label", { hasText: "Driver's license" }).first().click(step);
    await frame.getByRole("combobox", { name: "Issuing country" }).selectOption("CA", step);
    await frame.getByRole("button", { name: "Continue" }).click(step);
  } else {
    await frame.getByRole("button", { name: "Continue" }).press("Enter", step);
    await frame.getByRole("radio", { name: /^ID card/ }).press("Space", step);
    await frame.getByRole("combobox", { name: "Issuing country" }).selectOption("GB", step);
    await frame.getByRole("button", { name: "Continue" }).press("Enter", step);
  }
}

/**
 * Records, on every animation frame, where `tag`'s frame sits on the merchant page. A frame
 * that slides while the customer aims (a dialog re-centring as the frame's height changes)
 * carries the control under the pointer away: the click lands on another control, or none.
 */
async function watchFramePosition(page: Page, tag: string): Promise<() => Promise<number[]>> {
  // A string, not a function: the page runs it as written (no helpers added by the TS loader).
  await page.evaluate(`(() => {
    const tops = (window.__frameTops = []);
    const iframe = () => document.querySelector(${JSON.stringify(tag)})?.shadowRoot?.querySelector("iframe");
    const sample = () => {
      const box = iframe()?.getBoundingClientRect();
      // Once the frame has a height: before that there is nothing to aim at.
      if (box && box.height > 0 && tops.at(-1) !== Math.round(box.top)) tops.push(Math.round(box.top));
      if (!window.__frameTopsDone) requestAnimationFrame(sample);
    };
    sample();
  })()`);
  return async () => (await page.evaluate(`(window.__frameTopsDone = true, window.__frameTops)`)) as number[];
}

/** Presses "Done" on "You're verified" (it stays until then, issue 13), then reads what the page was told. */
async function verificationResult(page: Page, frame: FrameLocator): Promise<string> {
  await frame.getByRole("button", { name: "Done" }).click({ timeout: 30_000 });
  const panel = page.getByRole("region", { name: "Verification result" });
  await panel
    .getByText(/Statusverified|requires_input/)
    .first()
    .waitFor({ timeout: 30_000 });
  return (await panel.textContent()) ?? "";
}

describe("every flow at full speed, with no waits between steps", () => {
  let demo: RunningDemo;
  let browser: Browser;
  let cameraBrowser: Browser;
  let photos: TestPhotos;
  let photoDir: string;

  before(async () => {
    photoDir = mkdtempSync(join(tmpdir(), "enclave-fast-photos-"));
    photos = writeTestPhotos(photoDir);
    demo = await startDemo();
    browser = await launchBrowser();
    cameraBrowser = await launchBrowser(["--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream", `--use-file-for-fake-video-capture=${photos.fakeCamera}`]);
  });

  after(async () => {
    await browser?.close();
    await cameraBrowser?.close();
    if (demo) assert.equal(await demo.stop(), 0);
    rmSync(photoDir, { recursive: true, force: true });
  });

  it("the identity and bank-link dialogs stay put while their screens change height", async () => {
    const page = await browser.newPage();
    const frame = await startIdentity(page, demo);
    const identityTops = await watchFramePosition(page, "enclave-identity");
    await chooseDocumentFast(frame, "mouse");
    await frame.getByLabel("Upload front of document", { exact: true }).setInputFiles(photos.document, step);
    await frame.getByLabel("Upload back of document", { exact: true }).setInputFiles(photos.documentBack, step);
    await frame.getByLabel("Upload selfie", { exact: true }).setInputFiles(photos.selfie, step);
    await frame.getByRole("button", { name: "Submit" }).click(step);
    await verificationResult(page, frame);
    const identity = await identityTops();
    assert.deepEqual(identity, identity.slice(0, 1), "the identity frame never moved on the page (its top, in px, as it moved)");

    await page.goto(`${demo.demoUrl}/bank`);
    await page.getByRole("button", { name: "Link a bank" }).click(step);
    const bankTops = await watchFramePosition(page, "enclave-bank-link");
    const bank = page.frameLocator("enclave-bank-link >> iframe");
    await bank.getByRole("button", { name: "Continue" }).click(step);
    await bank
      .getByRole("button", { name: /^Sandbox Savings Bank/ })
      .or(bank.getByRole("option", { name: /Sandbox Savings Bank/ }))
      .first()
      .click(step);
    await bank.getByRole("textbox", { name: "Username" }).fill("user_good", step);
    await bank.getByLabel("Password", { exact: true }).fill("pass_good", step);
    await bank.getByRole("button", { name: "Submit" }).click(step);
    await bank.getByRole("checkbox").first().waitFor(step);
    const bankLink = await bankTops();
    assert.deepEqual(bankLink, bankLink.slice(0, 1), "the bank-link frame never moved on the page (its top, in px, as it moved)");
    await page.close();
  });

  it("identity by upload: the type and country clicked are the ones verified, and Submit advances", async () => {
    for (let round = 1; round <= rounds; round++) {
      const page = await browser.newPage();
      const frame = await startIdentity(page, demo);
      await chooseDocumentFast(frame, "mouse");
      await frame.getByLabel("Upload front of document", { exact: true }).setInputFiles(photos.document, step);
      await frame.getByLabel("Upload back of document", { exact: true }).setInputFiles(photos.documentBack, step);
      await frame.getByLabel("Upload selfie", { exact: true }).setInputFiles(photos.selfie, step);
      await frame.getByRole("button", { name: "Submit" }).click(step);
      // Submit advanced: the frame says it is checking, or already has the outcome.
      await frame
        .getByRole("heading", { name: /Verifying your identity|verified/ })
        .first()
        .waitFor(step);
      const result = await verificationResult(page, frame);
      assert.match(result, /Statusverified/, `round ${round}`);
      assert.match(result, /Driver's license, CA, ending in \d{4}/, `round ${round}: the document type and country chosen`);
      await page.close();
    }
  });

  it("identity by keyboard: Enter and Space on each control as soon as it is there", async () => {
    for (let round = 1; round <= rounds; round++) {
      const page = await browser.newPage();
      const frame = await startIdentity(page, demo);
      await chooseDocumentFast(frame, "keyboard");
      await frame.getByLabel("Upload front of document", { exact: true }).setInputFiles(photos.document, step);
      await frame.getByLabel("Upload back of document", { exact: true }).setInputFiles(photos.documentBack, step);
      await frame.getByLabel("Upload selfie", { exact: true }).setInputFiles(photos.selfie, step);
      await frame.getByRole("button", { name: "Submit" }).press("Enter", step);
      const result = await verificationResult(page, frame);
      assert.match(result, /Statusverified/, `round ${round}`);
      assert.match(result, /ID card, GB, ending in \d{4}/, `round ${round}: the document type and country chosen`);
      await page.close();
    }
  });

  it("identity by camera: Use camera, Take photo and Use this photo as soon as each is enabled", async () => {
    for (let round = 1; round <= rounds; round++) {
      const page = await cameraBrowser.newPage();
      const frame = await startIdentity(page, demo);
      await chooseDocumentFast(frame, "mouse");
      for (const next of ["Upload back of document", "Upload selfie", null]) {
        await frame.getByRole("button", { name: "Use camera" }).click(step);
        await frame.getByRole("button", { name: "Take photo" }).click(step);
        await frame.getByRole("button", { name: "Use this photo" }).click(step);
        if (next) await frame.getByLabel(next, { exact: true }).waitFor(step);
      }
      await frame.getByRole("button", { name: "Submit" }).click(step);
      const result = await verificationResult(page, frame);
      assert.match(result, /Statusverified/, `round ${round}`);
      assert.match(result, /Driver's license, CA/, `round ${round}`);
      await page.close();
    }
  });

  it("bank link with a verification code: the bank picked is linked, every Submit advances", async () => {
    for (let round = 1; round <= rounds; round++) {
      const page = await browser.newPage();
      await page.goto(`${demo.demoUrl}/bank`);
      await page.getByRole("button", { name: "Link a bank" }).click(step);
      const frame = page.frameLocator("enclave-bank-link >> iframe");
      await frame.getByRole("button", { name: "Continue" }).click(step);
      await frame
        .getByRole("searchbox", { name: "Search institutions" })
        .or(frame.getByRole("combobox", { name: "Search institutions" }))
        .fill("Northstar", step);
      await frame
        .getByRole("option", { name: /Northstar Credit Union/ })
        .or(frame.getByRole("button", { name: /^Northstar Credit Union/ }))
        .first()
        .click(step);
      await frame.getByRole("textbox", { name: "Username" }).fill("user_mfa", step);
      await frame.getByLabel("Password", { exact: true }).fill("pass_good", step);
      await frame.getByRole("button", { name: "Submit" }).click(step);
      // The code typed and sent with Enter, the moment its box appears.
      await frame.getByRole("textbox", { name: "Verification code" }).fill("123456", step);
      await frame.getByRole("textbox", { name: "Verification code" }).press("Enter", step);
      await frame.getByRole("checkbox").first().check(step);
      await frame.getByRole("button", { name: "Continue" }).click(step);
      // The success screen stays until Done (issue 13), which hands the page the result.
      await frame.getByRole("button", { name: "Done" }).click(step);
      const panel = page.getByRole("region", { name: "Linked accounts" });
      await panel.getByRole("table", { name: "Recent transactions" }).locator("tbody tr").first().waitFor({ timeout: 20_000 });
      assert.match((await panel.textContent()) ?? "", /Connected to Northstar Credit Union/, `round ${round}`);
      await page.close();
    }
  });

  it("checkout: the card typed at full speed is the one charged", async () => {
    for (let round = 1; round <= rounds; round++) {
      const page = await browser.newPage();
      await page.goto(demo.demoUrl);
      await page.getByRole("button", { name: "Continue to payment" }).click(step);
      const frame = page.frameLocator("enclave-checkout >> iframe");
      await frame.getByRole("textbox", { name: "Card number" }).pressSequentially("5555555555554444", step);
      await frame.getByRole("textbox", { name: "Expiration date" }).pressSequentially("1234", step);
      await frame.getByRole("textbox", { name: "Security code" }).pressSequentially("123", step);
      const postal = frame.getByRole("textbox", { name: "Postal code" });
      if (await postal.isVisible()) await postal.pressSequentially("94107", step);
      await page.getByRole("button", { name: /^Pay / }).click(step);
      const receipt = page.getByRole("region", { name: "Payment received" });
      await receipt.waitFor({ timeout: 20_000 });
      const text = (await receipt.textContent()) ?? "";
      assert.match(text, /succeeded/, `round ${round}`);
      assert.match(text, /mastercard ending in 4444/, `round ${round}`);
      await page.close();
    }
  });

  it("checkout: Continue to payment clicked while the shop page is still loading its cart starts the payment", async () => {
    const page = await browser.newPage();
    // The cart's catalog answers late, as on a slow network: the button is on the page
    // before the script that listens to it is ready.
    await page.route("**/api/catalog", async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 1500));
      await route.continue();
    });
    await page.goto(demo.demoUrl, { waitUntil: "commit" });
    await page.getByRole("button", { name: "Continue to payment" }).click(step);
    await page.frameLocator("enclave-checkout >> iframe").getByRole("textbox", { name: "Card number" }).waitFor(step);
    await page.close();
  });
});
