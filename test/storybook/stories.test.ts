/**
 * Storybook as a designer opens it: the built Storybook (`npm run build-storybook`) served
 * as static files, and every story and every docs page in its index visited in headless
 * Chromium.
 *
 * A visit fails on any console error or uncaught exception, on a story Storybook could not
 * render, and — for stories — on any axe violation, with the a11y addon's own settings. The
 * host-element stories run against a real widget host (its URL passed as the preview URL's
 * `enclaveHost`, its publishable key and a fresh client token as story args), must show
 * the state they are named after, and their connected frames must pass axe too.
 *
 * Needs `dist/frames` (`npm run build -- frames`) for the widget host's frames.
 * `STORYBOOK_GLOBALS="theme:night;locale:ar"` runs every story under other toolbar values.
 */
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import type { Browser, Frame, Page } from "playwright-core";
import { launchBrowser, root } from "../e2e/harness.js";
import { serveStatic, type StaticServer } from "./support/static-server.js";
import { startWidgetHost, STORYBOOK_PUBLISHABLE_KEY, type Flow, type WidgetHost } from "./support/widget-host.js";

interface IndexEntry {
  type: "story" | "docs";
  id: string;
  title: string;
  name: string;
  tags?: string[];
}

const staticDir = join(root, "storybook-static");
if (!existsSync(join(staticDir, "index.json"))) throw new Error("storybook-static/ is missing: run `npm run build-storybook` first (npm run test:storybook does).");
const entries = Object.values((JSON.parse(readFileSync(join(staticDir, "index.json"), "utf8")) as { entries: Record<string, IndexEntry> }).entries);
const stories = entries.filter((entry) => entry.type === "story");
const docsPages = entries.filter((entry) => entry.type === "docs");

/** Toolbar values for every visit, in Storybook's URL syntax (`theme:night;locale:ar`); none: the defaults. */
const toolbarGlobals = process.env["STORYBOOK_GLOBALS"] ?? "";

const hostTitles: Record<string, Flow> = { "Host elements/Checkout": "checkout", "Host elements/Bank link": "bank-link", "Host elements/Identity": "identity" };

/** What each host-element story must show the merchant's page; the three elements share the states. */
interface HostOutcome {
  /** Text that must appear in the story's event log. */
  logged?: string;
  /** The quiet placeholder of a frame still connecting. */
  connecting?: true;
  /** The flow's dialog is open on the page. */
  dialogOpen?: true;
  /** A variable the frame must have applied from the story's appearance. */
  frameVariable?: [name: string, value: string];
  /** The API refused the frame with this status, which Chromium also reports in the console. */
  frameRefusedWith?: number;
}

const hostOutcomes: Record<string, HostOutcome> = {
  Ready: { logged: "enclave-ready" },
  Opened: { logged: "enclave-ready", dialogOpen: true },
  Inline: { logged: "enclave-ready" },
  "Custom Appearance": { logged: "enclave-ready", frameVariable: ["--enclave-color-primary", "#0a7d3b"] },
  "Invalid Appearance": { logged: '"code":"invalid_appearance"' },
  "Missing Publishable Key": { logged: '"code":"missing_publishable_key"' },
  "Secret Key Instead Of Publishable": { logged: '"code":"invalid_publishable_key"' },
  "Invalid Host": { logged: '"code":"invalid_host"' },
  "Widget Host Unreachable": { connecting: true },
  "Client Token Invalid": { logged: '"code":"client_token_invalid"', frameRefusedWith: 401 },
  "Backend Fails": { logged: '"code":"client_token_unavailable"' },
};

let browser: Browser;
let storybook: StaticServer;
let widgetHost: WidgetHost;
let axeSource: string;

before(async () => {
  storybook = await serveStatic(staticDir);
  widgetHost = await startWidgetHost(root, [storybook.origin]);
  browser = await launchBrowser();
  axeSource = await readFile(join(root, "node_modules/axe-core/axe.min.js"), "utf8");
});

after(async () => {
  await browser?.close();
  await widgetHost?.stop();
  await storybook?.close();
});

/** What went wrong in the page or its frames while it was open. */
function watchConsole(page: Page, tolerated: (text: string, url: string) => boolean): string[] {
  const problems: string[] = [];
  page.on("console", (message) => {
    if (message.type() !== "error") return;
    const url = message.location().url;
    if (!tolerated(message.text(), url)) problems.push(`console error: ${message.text()} (${url})`);
  });
  page.on("pageerror", (error) => problems.push(`uncaught: ${error.stack ?? error.message}`));
  return problems;
}

/** Waits for Storybook to have rendered the story or the docs page, and fails with its error display if it could not. */
async function waitForRender(page: Page, viewMode: "story" | "docs"): Promise<void> {
  const shown = await page.waitForFunction(
    (mode) => {
      const classes = document.body.classList;
      if (classes.contains("sb-show-errordisplay"))
        return `error: ${document.querySelector("#error-message")?.textContent ?? ""} ${document.querySelector("#error-stack")?.textContent ?? ""}`;
      if (classes.contains("sb-show-nopreview")) return "error: no preview";
      if (mode === "story") return classes.contains("sb-show-main") && document.querySelector("#storybook-root")?.childElementCount ? "rendered" : false;
      return document.querySelector("#storybook-docs .sbdocs-content") ? "rendered" : false;
    },
    viewMode,
    { timeout: 30_000 },
  );
  const state = await shown.jsonValue();
  assert.equal(state, "rendered", `Storybook could not render it: ${state}`);
  // Not "networkidle": a connected frame keeps talking to its widget host.
  await page.waitForLoadState("load");
  await settle(page);
}

/** Lit renders asynchronously, and views nest: waits until every element has rendered. */
async function settle(target: Page | Frame): Promise<void> {
  // No named inner functions: tsx would wrap them in a helper the page does not have.
  await target.evaluate(async () => {
    for (let round = 0; round < 4; round++) {
      const pending: Promise<unknown>[] = [];
      const roots: ParentNode[] = [document];
      for (let root = roots.pop(); root; root = roots.pop()) {
        for (const element of root.querySelectorAll("*")) {
          if ("updateComplete" in element) pending.push((element as { updateComplete: Promise<unknown> }).updateComplete);
          if (element.shadowRoot) roots.push(element.shadowRoot);
        }
      }
      await Promise.all(pending);
      await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    }
  });
}

interface Violation {
  id: string;
  help: string;
  targets: string[];
}

/**
 * axe-core as the a11y addon runs it: on the story (not Storybook's own wrappers), without
 * the `region` rule (a component has no page landmarks). Frames are checked on their own.
 */
async function axeViolations(target: Page | Frame, where: "story" | "frame"): Promise<Violation[]> {
  // In a story the a11y addon has its own axe, which runs after each render: share it (one
  // axe runs at a time per page) and wait for its run to end.
  if (!(await target.evaluate(() => "axe" in globalThis))) await target.evaluate(axeSource);
  return target.evaluate(async (scope) => {
    type AxeResult = { violations: { id: string; help: string; nodes: { target: unknown[] }[] }[] };
    const axe = (globalThis as unknown as { axe: { run: (context: unknown, options: object) => Promise<AxeResult> } }).axe;
    const context = scope === "story" ? { include: [document.body], exclude: [[".sb-wrapper"], ["#storybook-docs"], ["#storybook-highlights-root"]] } : document;
    const options = { resultTypes: ["violations"], iframes: false, rules: { region: { enabled: false } } };
    for (let attempt = 0; ; attempt++) {
      try {
        const { violations } = await axe.run(context, options);
        return violations.map((violation) => ({ id: violation.id, help: violation.help, targets: violation.nodes.map((node) => JSON.stringify(node.target)) }));
      } catch (error) {
        if (attempt > 100 || !String(error).includes("already running")) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  }, where);
}

const describeViolations = (violations: Violation[]): string => violations.map((violation) => `${violation.id}: ${violation.help} — ${violation.targets.join(", ")}`).join("\n");

/** The widget host's frame inside the story, once it has loaded. */
function widgetHostFrame(page: Page): Frame | undefined {
  return page.frames().find((frame) => frame.url().startsWith(`${widgetHost.url}/frames/`));
}

async function visitHostStory(page: Page, story: IndexEntry, outcome: HostOutcome): Promise<void> {
  const log = page.locator(".host-story-log");
  if (outcome.logged) await log.getByText(outcome.logged, { exact: false }).first().waitFor({ timeout: 20_000 });
  if (outcome.connecting) {
    const connecting = await page.evaluate(() => document.querySelector("#storybook-root [data-connecting]") !== null);
    assert.ok(connecting, `${story.id}: the element should show its placeholder while it connects`);
  }
  if (outcome.dialogOpen) {
    await page.waitForFunction(() => {
      const element = document.querySelector("#storybook-root enclave-bank-link, #storybook-root enclave-identity");
      return element?.shadowRoot?.querySelector("dialog")?.open === true;
    });
  }
  const frame = widgetHostFrame(page);
  if (outcome.frameVariable) {
    assert.ok(frame, `${story.id}: the widget host's frame should be there`);
    await frame.waitForFunction(({ property, expected }) => getComputedStyle(document.documentElement).getPropertyValue(property).trim() === expected, {
      property: outcome.frameVariable[0],
      expected: outcome.frameVariable[1],
    });
  }
  // A connected frame the customer can see must pass axe as well.
  if (frame && outcome.logged === "enclave-ready" && (await page.locator("#storybook-root iframe").first().isVisible())) {
    await settle(frame);
    const violations = await axeViolations(frame, "frame");
    assert.deepEqual(violations, [], `${story.id}: the frame has accessibility violations:\n${describeViolations(violations)}`);
  }
}

describe("every story", { concurrency: 3 }, () => {
  for (const story of stories) {
    it(`${story.title} › ${story.name}`, async () => {
      const flow = hostTitles[story.title];
      const outcome = flow ? hostOutcomes[story.name] : undefined;
      if (flow) assert.ok(outcome, `${story.id}: add what this host-element story must show to hostOutcomes`);
      const tags = new Set(story.tags ?? []);
      const args = [
        ...(tags.has("widget-host") ? [`publishableKey:${STORYBOOK_PUBLISHABLE_KEY}`] : []),
        ...(tags.has("client-token") && flow ? [`clientToken:${await widgetHost.clientToken(flow)}`] : []),
      ];

      const page = await browser.newPage({ viewport: { width: 1000, height: 900 } });
      try {
        // Only what the story is about: an API refusal it shows on purpose is reported by Chromium too.
        const refusal = outcome?.frameRefusedWith;
        const problems = watchConsole(page, (text, url) => refusal !== undefined && url.startsWith(widgetHost.url) && text.includes(`status of ${refusal}`));
        const query = new URLSearchParams({ id: story.id, viewMode: "story", enclaveHost: widgetHost.url });
        // Storybook's own `args` syntax (key:value;…), which URLSearchParams would escape.
        const storybookParams = `${args.length > 0 ? `&args=${args.join(";")}` : ""}${toolbarGlobals ? `&globals=${toolbarGlobals}` : ""}`;
        await page.goto(`${storybook.origin}/iframe.html?${query.toString()}${storybookParams}`);
        await waitForRender(page, "story");
        if (outcome) await visitHostStory(page, story, outcome);

        const violations = await axeViolations(page, "story");
        assert.deepEqual(violations, [], `accessibility violations:\n${describeViolations(violations)}`);
        assert.deepEqual(problems, []);
      } finally {
        await page.close();
      }
    });
  }
});

describe("every docs page", { concurrency: 2 }, () => {
  it("includes the guides a new user starts from", () => {
    const titles = new Set(docsPages.map((page) => page.title));
    for (const guide of ["Getting started", "Script tag", "React", "Vue", "Server SDK", "Sandbox values"]) assert.ok(titles.has(`Docs/${guide}`), `Docs/${guide}`);
    for (const element of Object.keys(hostTitles)) assert.ok(titles.has(element), `autodocs for ${element}`);
  });

  for (const docs of docsPages) {
    it(`${docs.title} › ${docs.name}`, async () => {
      const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
      try {
        const problems = watchConsole(page, () => false);
        const query = new URLSearchParams({ id: docs.id, viewMode: "docs", enclaveHost: widgetHost.url });
        await page.goto(`${storybook.origin}/iframe.html?${query.toString()}`);
        await waitForRender(page, "docs");
        assert.deepEqual(problems, []);
      } finally {
        await page.close();
      }
    });
  }
});
