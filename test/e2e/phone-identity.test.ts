/**
 * The bank-link and identity modals through the demo on a phone (375×740, touch, mobile
 * viewport rules) and on a desktop: the whole modal and its close button on screen, even
 * though the demo's page is wider than the phone (its header does not wrap: the layout
 * viewport grows past the screen); one header for both flows with the step; the `open`
 * progress event only once the customer opens the flow; axe clean on the page and in the
 * frame (issue 13).
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Browser, Page } from "playwright-core";
import { axeViolations, launchBrowser, newPhonePage, startDemo, type RunningDemo } from "./harness.js";

interface Flow {
  name: string;
  /** The demo creates the element on the click and opens it on `enclave-ready` (identity). */
  createdOnClick: boolean;
  path: string;
  opener: string;
  tag: string;
  framePath: string;
}

const flows: Flow[] = [
  { name: "identity", createdOnClick: true, path: "/onboarding", opener: "Verify your identity", tag: "enclave-identity", framePath: "/frames/identity.html" },
  { name: "bank link", createdOnClick: false, path: "/bank", opener: "Link a bank", tag: "enclave-bank-link", framePath: "/frames/bank-link.html" },
];

type Box = { x: number; y: number; width: number; height: number };

/** What the customer sees: the visual viewport, in the page's CSS px (where boundingBox() measures). */
async function visibleArea(page: Page): Promise<Box> {
  return page.evaluate(() => {
    const view = visualViewport;
    return view ? { x: view.offsetLeft, y: view.offsetTop, width: view.width, height: view.height } : { x: 0, y: 0, width: innerWidth, height: innerHeight };
  });
}

function assertInside(inner: Box | null, outer: Box, what: string): void {
  assert.ok(inner, `${what} is drawn`);
  const slack = 0.5;
  assert.ok(
    inner.x >= outer.x - slack && inner.y >= outer.y - slack && inner.x + inner.width <= outer.x + outer.width + slack && inner.y + inner.height <= outer.y + outer.height + slack,
    `${what} ${JSON.stringify(inner)} is inside what the customer sees ${JSON.stringify(outer)}`,
  );
}

async function openCount(page: Page): Promise<number> {
  return page
    .getByRole("log", { name: "Event log" })
    .getByText(/"name":"open"/)
    .count();
}

describe("the modals on a phone and on a desktop", () => {
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

  for (const flow of flows) {
    for (const device of ["phone", "desktop"] as const) {
      it(`${flow.name} on a ${device}: the whole modal and its Close button on screen, the step shown, open on open(), axe clean`, async () => {
        const page = device === "phone" ? await newPhonePage(browser) : await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
        try {
          await page.goto(`${demo.demoUrl}${flow.path}`);
          if (!flow.createdOnClick) {
            await page.getByRole("log", { name: "Event log" }).getByText("enclave-ready").waitFor({ timeout: 20_000 });
            await new Promise((resolve) => setTimeout(resolve, 300));
            assert.equal(await openCount(page), 0, "no open event while the flow only loads behind the page");
          }

          await page.getByRole("button", { name: flow.opener }).click();
          const frame = page.frameLocator(`${flow.tag} >> iframe`);
          await frame.getByRole("button", { name: "Continue" }).first().waitFor({ timeout: 20_000 });
          await page
            .getByRole("log", { name: "Event log" })
            .getByText(/"name":"open","step":"consent"/)
            .waitFor();
          assert.equal(await openCount(page), 1, "one open event, on open(), with the step the customer sees");

          const visible = await visibleArea(page);
          const dialog = await page.locator(`${flow.tag} >> dialog`).boundingBox();
          assertInside(dialog, visible, "the dialog");
          if (device === "phone") {
            assert.deepEqual(dialog, visible, "full screen on a phone");
          } else {
            assert.ok(dialog && dialog.width < 500, "a card on a desktop");
          }
          const close = frame.getByRole("button", { name: "Close" });
          assertInside(await close.boundingBox(), visible, "the Close button");
          assertInside(await frame.getByRole("button", { name: "Continue" }).first().boundingBox(), visible, "Continue");
          await frame.getByText("Step 1 of 4").waitFor();

          const inFrame = page.frames().find((candidate) => candidate.url().includes(flow.framePath));
          assert.ok(inFrame, "the frame is on the page");
          assert.deepEqual(await axeViolations(inFrame), [], "the frame");
          await page.screenshot({ path: `/tmp/ident-e2e-${flow.name.replace(" ", "-")}-${device}.png` });

          // Close is reachable and works: the one leave confirmation, then Leave closes the modal.
          await close.click();
          await frame.getByRole("button", { name: "Stay" }).waitFor();
          assertInside(await frame.getByRole("button", { name: "Leave" }).boundingBox(), visible, "Leave");
          await frame.getByRole("button", { name: "Leave" }).click();
          await page.getByRole("log", { name: "Event log" }).getByText("enclave-exit").first().waitFor();
          assert.equal(await page.locator(`${flow.tag} >> dialog`).isVisible(), false, "the modal closed");
        } finally {
          await page.context().close();
        }
      });
    }
  }
});
