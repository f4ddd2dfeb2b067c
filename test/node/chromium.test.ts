/**
 * test/support/chromium.ts, the one place that picks the browser every suite drives: clear
 * errors for a bad CHROMIUM_PATH or ENCLAVE_BROWSER, and the Chromium from npm
 * (@sparticuz/chromium, ENCLAVE_BROWSER=bundled) launched with our flags — text renders and
 * a frame on a second origin runs in a process of its own (site isolation on, which that
 * package's serverless defaults would turn off) and still posts messages to its page.
 * CI has Debian's Chromium, so without this file nothing there would run the npm one.
 */
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { createServer, type Server } from "node:http";
import { after, before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { chromium, type Browser } from "playwright-core";
import { chromiumLaunchOptions, findChromium } from "../support/chromium.js";

const root = fileURLToPath(new URL("../..", import.meta.url));

/** findChromium in a fresh process (it remembers its answer per process), with `env` on top of ours. */
async function findIn(env: Record<string, string | undefined>): Promise<{ ok: true; found: unknown } | { ok: false; message: string }> {
  const script = 'import { findChromium } from "./test/support/chromium.ts"; process.stdout.write(JSON.stringify(await findChromium()));';
  try {
    const { stdout } = await promisify(execFile)(process.execPath, ["--import", "tsx", "--input-type=module", "--eval", script], {
      cwd: root,
      env: { ...process.env, ...env },
      timeout: 5 * 60_000,
    });
    return { ok: true, found: JSON.parse(stdout) as unknown };
  } catch (error) {
    return { ok: false, message: String((error as { stderr?: unknown }).stderr ?? error) };
  }
}

describe("which Chromium the suites drive", () => {
  it("refuses a CHROMIUM_PATH that is not an executable file, naming it and what to do", async () => {
    const result = await findIn({ CHROMIUM_PATH: "/nonexistent/chromium", ENCLAVE_BROWSER: undefined });
    assert.equal(result.ok, false);
    if (result.ok) return;
    assert.match(result.message, /CHROMIUM_PATH is "\/nonexistent\/chromium", which is not an executable file/);
    assert.match(result.message, /apt-get install chromium/);
  });

  it("uses CHROMIUM_PATH when it is an executable", async () => {
    const result = await findIn({ CHROMIUM_PATH: process.execPath, ENCLAVE_BROWSER: undefined });
    assert.deepEqual(result, { ok: true, found: { executablePath: process.execPath, source: "CHROMIUM_PATH", env: {} } });
  });

  it("refuses an ENCLAVE_BROWSER it does not know", async () => {
    const result = await findIn({ ENCLAVE_BROWSER: "firefox" });
    assert.equal(result.ok, false);
    if (result.ok) return;
    assert.match(result.message, /ENCLAVE_BROWSER must be "auto", "system" or "bundled", not "firefox"/);
  });
});

describe(
  "the Chromium from npm (ENCLAVE_BROWSER=bundled)",
  { skip: process.platform !== "linux" || process.arch !== "x64" ? "@sparticuz/chromium is Linux x64 only" : false },
  () => {
    let browser: Browser;
    let page: Server;
    let frame: Server;
    let pageOrigin: string;
    let frameOrigin: string;

    async function listen(server: Server, host: string): Promise<string> {
      await new Promise<void>((resolve) => server.listen(0, host, resolve));
      const address = server.address();
      if (address === null || typeof address === "string") throw new Error("no port");
      return `http://${host}:${address.port}`;
    }

    before(async () => {
      frame = createServer((_request, response) => {
        response.setHeader("content-type", "text/html");
        response.end("<script>parent.postMessage({ from: location.origin }, '*')</script>");
      });
      frameOrigin = await listen(frame, "127.0.0.1");
      page = createServer((_request, response) => {
        response.setHeader("content-type", "text/html");
        response.end(`<span id="text" style="font: 40px sans-serif">Payé 123</span><iframe src="${frameOrigin}/"></iframe>`);
      });
      pageOrigin = await listen(page, "localhost");

      process.env["ENCLAVE_BROWSER"] = "bundled";
      browser = await chromium.launch(await chromiumLaunchOptions());
    });

    after(async () => {
      await browser?.close();
      page?.close();
      frame?.close();
    });

    it("is the npm one, unpacked where only this user can write", async () => {
      const found = await findChromium();
      assert.equal(found.source, "bundled");
      assert.match(found.executablePath, /enclave-chromium-[\d.]+-\d+\/chromium$/);
      assert.match(browser.version(), /^\d+\./);
    });

    it("renders text and lets a frame on a second origin, in a process of its own, post to its page", async () => {
      const tab = await browser.newPage();
      // Listening before the frame loads, which may post before goto() returns.
      await tab.addInitScript(() => {
        addEventListener("message", (event) => ((window as unknown as { received: unknown }).received = event.data));
      });
      await tab.goto(pageOrigin);
      await tab.waitForFunction(() => (window as unknown as { received?: unknown }).received !== undefined);
      const received = await tab.evaluate(() => (window as unknown as { received: { from: string } }).received);
      assert.equal(received.from, frameOrigin);

      const width = await tab.evaluate(() => document.getElementById("text")?.getBoundingClientRect().width ?? 0);
      assert.ok(width > 100, `text has a width (${width}px): a font was found`);

      // With site isolation the cross-origin frame is a target of its own (an out-of-process iframe).
      const session = await browser.newBrowserCDPSession();
      const { targetInfos } = (await session.send("Target.getTargets")) as { targetInfos: { type: string; url: string }[] };
      assert.ok(
        targetInfos.some((target) => target.type === "iframe" && target.url.startsWith(frameOrigin)),
        `the frame on ${frameOrigin} runs out of process: ${JSON.stringify(targetInfos.map(({ type, url }) => ({ type, url })))}`,
      );
      await session.detach();
      await tab.close();
    });
  },
);
