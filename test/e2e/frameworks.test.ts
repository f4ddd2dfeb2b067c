/**
 * React and Vue apps as merchants write them from docs/react.md and docs/vue.md: each is
 * built with vite from `test/frameworks/<app>/`, importing the package by its name (so
 * through its exports map and the built `dist/`), served by a backend on its own origin
 * that mints client tokens with the server SDK, and driven in Chromium by accessible
 * names: the checkout gets ready and pays, bank link opens and reports the exit, identity
 * opens. Both apps are also type-checked against the published declarations: with tsc,
 * and the Vue app's templates with vue-tsc (strictTemplates), as a merchant's CI would.
 *
 * Needs `npm run build` first (npm test runs it before this suite).
 */
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { promisify } from "node:util";
import type { Browser, FrameLocator, Page } from "playwright-core";
import { build } from "vite";
import { startAppBackend, type AppBackend } from "../frameworks/backend.js";
import { startWidgetHost, type WidgetHostProcess } from "../server/support/widget-host.js";
import { freePort, launchBrowser, root } from "./harness.js";

const run = promisify(execFile);

const apps = [
  { name: "React", directory: "react-app", base: "/react/" },
  { name: "Vue", directory: "vue-app", base: "/vue/" },
] as const;

/** What the apps import: the package's built entries and their declarations, and the frames the host serves. */
const builtFiles = ["dist/esm/react.js", "dist/esm/vue.js", "dist/esm/index.js", "dist/types/react/index.d.ts", "dist/types/vue/index.d.ts", "dist/frames/checkout.html"];

async function openApp(browser: Browser, backend: AppBackend, base: string): Promise<{ page: Page; pageErrors: string[] }> {
  const page = await browser.newPage();
  const pageErrors: string[] = [];
  page.on("pageerror", (error) => pageErrors.push(error.message));
  await page.goto(`${backend.origin}${base}`);
  return { page, pageErrors };
}

async function fillSandboxVisa(frame: FrameLocator): Promise<void> {
  await frame.getByRole("textbox", { name: "Card number" }).pressSequentially("4242424242424242");
  await frame.getByRole("textbox", { name: "Expiration date" }).pressSequentially("1234");
  await frame.getByRole("textbox", { name: "Security code" }).fill("123");
  const postal = frame.getByRole("textbox", { name: "Postal code" });
  if (await postal.isVisible()) await postal.fill("94107");
}

/**
 * Activates an app button from the keyboard. A mouse click right after the elements report
 * ready can land in the checkout's frame: the page is still growing around it, and
 * Chromium sends the click to the cross-origin frame that stood there a moment earlier.
 */
async function pressButton(page: Page, name: string): Promise<void> {
  await page.getByRole("button", { name }).press("Enter");
}

async function shownErrors(page: Page): Promise<string[]> {
  return page.getByRole("list", { name: "Errors" }).getByRole("listitem").allTextContents();
}

describe("React and Vue apps built with vite", () => {
  let host: WidgetHostProcess;
  let backend: AppBackend;
  let browser: Browser;
  let buildRoot: string;

  before(async () => {
    const missing = builtFiles.filter((path) => !existsSync(join(root, path)));
    assert.deepEqual(missing, [], "run `npm run build` before this suite");
    const port = await freePort();
    host = await startWidgetHost({ env: { ENCLAVE_ALLOWED_ORIGINS: `http://localhost:${port}` } });

    // As a merchant's CI would: the publishable key and the widget host are build-time settings.
    process.env["VITE_ENCLAVE_PUBLISHABLE_KEY"] = host.publishableKey;
    process.env["VITE_ENCLAVE_HOST"] = host.url;
    buildRoot = await mkdtemp(join(tmpdir(), "enclave-frameworks-"));
    const builtApps: Record<string, string> = {};
    for (const app of apps) {
      const outDir = join(buildRoot, app.directory);
      await build({ configFile: join(root, "test/frameworks", app.directory, "vite.config.ts"), logLevel: "warn", build: { outDir, emptyOutDir: true } });
      builtApps[app.base] = outDir;
    }

    backend = await startAppBackend({ port, widgetHost: host.url, secretKey: host.secretKey, apps: builtApps });
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await backend?.close();
    await host?.dispose();
    if (buildRoot) await rm(buildRoot, { recursive: true, force: true });
  });

  for (const app of apps) {
    it(`${app.name}: the app type-checks against the published declarations (the wrong props marked @ts-expect-error are refused)`, async () => {
      const tsc = join(root, "node_modules/typescript/bin/tsc");
      const result = await run(process.execPath, [tsc, "-p", join(root, "test/frameworks", app.directory)]).catch((error: { stdout?: string }) => error);
      assert.equal(result.stdout, "", `tsc found errors in test/frameworks/${app.directory}`);
    });

    if (app.directory === "vue-app") {
      // tsc reads no .vue file; vue-tsc checks the templates (App.vue, template-types.check.vue)
      // against the GlobalComponents entries of enclave-kit/vue.
      it("Vue: the templates type-check with vue-tsc and strictTemplates (the wrong bindings marked @vue-expect-error are refused)", async () => {
        const vueTsc = join(root, "node_modules/vue-tsc/bin/vue-tsc.js");
        // Any non-zero exit fails, with what vue-tsc printed (its errors go to stdout, a crash to stderr).
        const failure = await run(process.execPath, [vueTsc, "--noEmit", "-p", join(root, "test/frameworks", app.directory)]).then(
          () => undefined,
          (error: { stdout?: string; stderr?: string }) => `${error.stdout ?? ""}${error.stderr ?? ""}`,
        );
        assert.equal(failure, undefined, `vue-tsc found errors in test/frameworks/${app.directory}:\n${failure}`);
      });
    }

    if (app.directory === "vue-app") {
      // `:fetchClientToken` without `.prop`: Vue sets it as a property because the element has one.
      it("Vue: fetchClientToken bound without .prop reaches the element as a property and it gets ready", async () => {
        const { page, pageErrors } = await openApp(browser, backend, `${app.base}?plain-binding`);
        await page.getByRole("status", { name: "Checkout" }).getByText("Checkout ready").waitFor({ timeout: 20_000 });
        assert.equal(await page.locator("enclave-checkout").getAttribute("fetchclienttoken"), null, "not set as an attribute");
        assert.deepEqual(await shownErrors(page), []);
        assert.deepEqual(pageErrors, []);
        await page.close();
      });
    }

    if (app.directory === "react-app") {
      // A raw tag (no wrapper): React 19 sets fetchClientToken as a property only because the
      // element has an accessor of that name; a plain field would have made it an attribute.
      it("React 19: a raw <enclave-checkout> tag gets fetchClientToken as a property and gets ready", async () => {
        const { page, pageErrors } = await openApp(browser, backend, `${app.base}?raw-tag`);
        await page.getByRole("status", { name: "Checkout" }).getByText("Checkout ready").waitFor({ timeout: 20_000 });
        assert.equal(await page.locator("enclave-checkout").getAttribute("fetchclienttoken"), null, "not set as an attribute");
        assert.deepEqual(await shownErrors(page), []);
        assert.deepEqual(pageErrors, []);
        await page.close();
      });
    }

    it(`${app.name}: the checkout gets ready, pays with the sandbox Visa and hands the payment intent to the app`, async () => {
      const { page, pageErrors } = await openApp(browser, backend, app.base);
      const status = page.getByRole("status", { name: "Checkout" });
      await status.getByText("Checkout ready").waitFor({ timeout: 20_000 });

      const frame = page.frameLocator("enclave-checkout >> iframe");
      await fillSandboxVisa(frame);
      await page.getByRole("button", { name: "Pay $49.00" }).click();
      await status.getByText(/^Paid /).waitFor({ timeout: 20_000 });

      const shown = /^Paid (pi_\w+): succeeded, 4900 usd$/.exec(((await status.textContent()) ?? "").trim());
      assert.ok(shown, `the app shows the payment intent from onSuccess (${await status.textContent()})`);
      const intent = (await (await fetch(`${host.url}/v1/payment_intents/${shown[1]}`, { headers: { Authorization: `Bearer ${host.secretKey}` } })).json()) as { status: string };
      assert.equal(intent.status, "succeeded", "the backend sees the same payment intent succeeded");
      assert.deepEqual(await shownErrors(page), []);
      assert.deepEqual(pageErrors, []);
      await page.close();
    });

    it(`${app.name}: bank link opens from a button and reports the exit when the customer leaves`, async () => {
      const { page, pageErrors } = await openApp(browser, backend, app.base);
      const status = page.getByRole("status", { name: "Bank link" });
      await status.getByText("Bank link ready").waitFor({ timeout: 20_000 });

      await pressButton(page, "Link a bank");
      const frame = page.frameLocator("enclave-bank-link >> iframe");
      await frame.getByRole("button", { name: "Continue" }).waitFor({ timeout: 20_000 });
      await page.keyboard.press("Escape");
      // By keyboard, like the open buttons: a click is aimed by coordinates, and the dialog
      // may still be settling into place when the confirmation appears.
      await frame.getByRole("button", { name: "Leave" }).press("Enter");

      await status.getByText("Bank link closed: user_exit at consent").waitFor({ timeout: 10_000 });
      assert.equal(await frame.getByRole("button", { name: "Continue" }).isVisible(), false, "the dialog closed");
      assert.deepEqual(await shownErrors(page), []);
      assert.deepEqual(pageErrors, []);
      await page.close();
    });

    it(`${app.name}: identity opens from a button`, async () => {
      const { page, pageErrors } = await openApp(browser, backend, app.base);
      await page.getByRole("status", { name: "Identity" }).getByText("Identity ready").waitFor({ timeout: 20_000 });

      await pressButton(page, "Verify your identity");
      const frame = page.frameLocator("enclave-identity >> iframe");
      await frame.getByRole("button", { name: "Continue" }).waitFor({ timeout: 20_000 });
      assert.deepEqual(await shownErrors(page), []);
      assert.deepEqual(pageErrors, []);
      await page.close();
    });
  }
});
