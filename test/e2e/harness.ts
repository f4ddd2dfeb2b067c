/**
 * End-to-end harness: runs `scripts/start.ts` (what `npm start` runs) as a real process
 * on free ports with a fresh data dir, and drives Chromium with playwright-core (which one:
 * test/support/chromium.ts).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { createServer as createHttpServer, type Server } from "node:http";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium, type Browser, type Frame, type Page } from "playwright-core";
import { chromiumLaunchOptions } from "../support/chromium.js";

export const root = fileURLToPath(new URL("../..", import.meta.url));

/**
 * Chromium with our flags: CHROMIUM_PATH, a system one, or the one from npm
 * (test/support/chromium.ts decides). `extraArgs` add to the flags, e.g. a fake camera.
 */
export async function launchBrowser(extraArgs: readonly string[] = []): Promise<Browser> {
  return chromium.launch(await chromiumLaunchOptions(extraArgs));
}

/** The phone the issue-13 checks use: 375×740 CSS px, touch, mobile viewport rules (Playwright's mobile emulation). */
export const phone = { viewport: { width: 375, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true } as const;

/** A page in a fresh context emulating `phone`; close it with `page.context().close()`. */
export async function newPhonePage(browser: Browser): Promise<Page> {
  const context = await browser.newContext(phone);
  return context.newPage();
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

export interface RunningDemo {
  demoUrl: string;
  hostUrl: string;
  publishableKey: string;
  secretKey: string;
  output: () => string;
  /** Sends Ctrl-C (SIGINT) and resolves with the exit code. */
  stop: () => Promise<number | null>;
}

export async function startDemo(env: Record<string, string> = {}): Promise<RunningDemo> {
  const [hostPort, demoPort] = [await freePort(), await freePort()];
  const dataDir = await mkdtemp(join(tmpdir(), "enclave-e2e-"));
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", join(root, "scripts/start.ts")], {
    cwd: root,
    env: { ...process.env, ENCLAVE_PORT: String(hostPort), DEMO_PORT: String(demoPort), ENCLAVE_DATA_DIR: dataDir, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));

  // Starting compiles the host with tsx and opens PGlite: CPU-bound, and on a loaded CI machine
  // (the e2e suite must pass with stress-ng on every core) it took over a minute. The limit
  // is a backstop for a hung start, not a measure of speed; an exit fails at once.
  const started = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`demo did not start:\n${output}`)), 180_000);
    const poll = setInterval(() => {
      if (output.includes("Press Ctrl-C")) {
        clearInterval(poll);
        clearTimeout(timer);
        resolve();
      }
    }, 50);
    void exited.then((code) => {
      clearInterval(poll);
      clearTimeout(timer);
      reject(new Error(`demo exited with ${code}:\n${output}`));
    });
  });
  try {
    await started;
  } catch (error) {
    // A start that failed must not outlive its suite: the child's pipes kept the test file's
    // process (and so the whole run) waiting for it, and it held its ports and data dir.
    child.kill("SIGKILL");
    await exited;
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }

  const key = (label: string): string => output.match(new RegExp(`${label}: (\\S+)`))?.[1] ?? "";
  return {
    demoUrl: `http://localhost:${demoPort}`,
    hostUrl: `http://localhost:${hostPort}`,
    publishableKey: key("publishable key"),
    secretKey: key("secret key"),
    output: () => output,
    stop: async () => {
      child.kill("SIGINT");
      const code = await exited;
      await rm(dataDir, { recursive: true, force: true });
      return code;
    },
  };
}

/** A bare page on its own origin (not among the allowed ones) that embeds a checkout. */
export async function serveForeignMerchant(html: string): Promise<{ url: string; close: () => Promise<void> }> {
  const port = await freePort();
  const server: Server = createHttpServer((_, response) => {
    response.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
    response.end(html);
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** Runs axe-core in a page or frame (through the debugger, so the frame's CSP does not block it). */
export async function axeViolations(target: Page | Frame): Promise<{ id: string; help: string; nodes: number }[]> {
  const source = await readFile(join(root, "node_modules/axe-core/axe.min.js"), "utf8");
  await target.evaluate(source);
  const results = await target.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run: (context: Document, options: object) => Promise<{ violations: { id: string; help: string; nodes: unknown[] }[] }> } }).axe;
    const { violations } = await axe.run(document, { resultTypes: ["violations"] });
    return violations.map((violation) => ({ id: violation.id, help: violation.help, nodes: violation.nodes.length }));
  });
  return results;
}
