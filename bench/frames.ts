/**
 * How soon a frame is ready and how much it loads, as a merchant's page sees it (issue 13;
 * `BENCH_ONLY=frames npm run bench`, or part of the whole `npm run bench`).
 *
 * A real widget host (`enclave serve`, PGlite in a temp dir, frames from dist/) on
 * http://127.0.0.1:<p>; the merchant's page on http://localhost:<q>, so every frame is on
 * another site and site isolation gives it its own renderer, as in production. Each sample
 * is a fresh browser context (a cold HTTP cache) that opens the page, then appends one
 * element and times, with performance.now() in the page:
 *
 * - `bare iframe`: an iframe whose page (a static server on the frames' origin) posts one
 *   message to its parent: the floor any framed widget stands on;
 * - `penpal`, `post-robot`, `zoid`: the same iframe with each library's handshake, the child
 *   side loading only its library (zoid's frame build): what other widget kits pay;
 * - `<enclave-checkout>`, `<enclave-bank-link mode="inline">`, `<enclave-identity mode="inline">`
 *   with `fetchClientToken` answering a token minted before the sample (the merchant's
 *   backend is not what is measured): append → `enclave-ready`.
 *
 * Targets take turns in rotating order within each round (BENCH_FRAMES_ROUNDS, default 7),
 * so the machine's drift hits all of them alike; each ratio is the median over rounds of the
 * target's time over the bare iframe's time in the same round.
 *
 * Also per flow: the frame's initial JS — every script the frame requested before it was
 * ready, gzip -9 as a merchant's customer downloads it — and how far the element's height
 * moved in the 1.5 s after `enclave-ready` (a jump the customer sees).
 *
 * Budgets (exit non-zero when missed): each frame's initial JS ≤ 40 KB gzip; checkout ready
 * ≤ 1.8 × the bare iframe; no height change after ready.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { chromium, type Browser, type Request as BrowserRequest } from "playwright-core";
import { EnclaveClient } from "../src/sdk/index.js";
import { startWidgetHost, type WidgetHostProcess } from "../test/server/support/widget-host.js";
import { chromiumLaunchOptions, freePort, median, serveStatic, type StaticFile } from "./support.js";

export const FRAME_JS_BUDGET_BYTES = 40 * 1024;
export const READY_RATIO_BUDGET = 1.8;
const ROUNDS = Number(process.env["BENCH_FRAMES_ROUNDS"] ?? 7);
const SETTLE_MS = 1500;
const SAMPLE_TIMEOUT_MS = 30_000;

const flows = ["checkout", "bank-link", "identity"] as const;
type Flow = (typeof flows)[number];
const handshakes = ["penpal", "post-robot", "zoid"] as const;
type Handshake = (typeof handshakes)[number];
type TargetName = "bare" | Handshake | Flow;
const targets: TargetName[] = ["bare", ...handshakes, ...flows];

const label: Record<TargetName, string> = {
  bare: "bare iframe (posts one message)",
  penpal: "penpal 7 handshake",
  "post-robot": "post-robot 10 handshake",
  zoid: "zoid 10 render",
  checkout: "<enclave-checkout> → enclave-ready",
  "bank-link": '<enclave-bank-link mode="inline"> → enclave-ready',
  identity: '<enclave-identity mode="inline"> → enclave-ready',
};

export interface FrameSample {
  ms: number;
  /** Largest height change of the element in SETTLE_MS after ready (flows only). */
  jumpPx: number;
  /** Scripts the frame requested before it was ready (flows only). */
  scripts: string[];
}

export interface FramesResult {
  browser: string;
  samples: Record<TargetName, FrameSample[]>;
  /** Per round: target time / bare time. */
  ratios: Record<TargetName, number[]>;
  /** Initial JS per flow, gzip -9 bytes, by script URL. */
  initialJs: Record<Flow, { gzip: number; files: number }>;
}

const nodeModules = fileURLToPath(new URL("../node_modules", import.meta.url));
/** A library's browser build, read from node_modules (penpal's package exports do not list it). */
const libraryFile = (path: string): Promise<string> => readFile(join(nodeModules, path), "utf8");

/** The frames' origin: a bare page and each library's child page. */
async function childPages(parentOrigin: string): Promise<Map<string, StaticFile>> {
  const html = (body: string): StaticFile => ({
    type: "text/html; charset=utf-8",
    body: `<!doctype html><html lang="en"><meta charset="utf-8"><title>child</title><body>${body}</body></html>`,
  });
  const js = (body: string): StaticFile => ({ type: "text/javascript; charset=utf-8", body });
  const origin = JSON.stringify(parentOrigin);
  return new Map<string, StaticFile>([
    ["/bare.html", html(`<p>ready</p><script>parent.postMessage("bare-ready", ${origin});</script>`)],
    ["/penpal.js", js(await libraryFile("penpal/dist/penpal.min.js"))],
    [
      "/penpal.html",
      html(
        `<script src="/penpal.js"></script><script>Penpal.connect({ messenger: new Penpal.WindowMessenger({ remoteWindow: parent, allowedOrigins: [${origin}] }), methods: { ping: () => "pong" } });</script>`,
      ),
    ],
    ["/post-robot.js", js(await libraryFile("post-robot/dist/post-robot.min.js"))],
    ["/post-robot.html", html(`<script src="/post-robot.js"></script><script>postRobot.on("ping", { domain: ${origin} }, () => "pong");</script>`)],
    ["/zoid.js", js(await libraryFile("@krakenjs/zoid/dist/zoid.frame.min.js"))],
    [
      "/zoid.html",
      html(
        `<script src="/zoid.js"></script><script>zoid.create({ tag: "bench-zoid", url: location.href }); window.xprops && window.xprops.onReady && window.xprops.onReady();</script>`,
      ),
    ],
  ]);
}

/**
 * The merchant's page. `window.sample(target, token)` appends one element and resolves with
 * the time to its ready signal and, for flows, the height change after it.
 */
function merchantPage(hostUrl: string, childOrigin: string, publishableKey: string): Map<string, StaticFile> {
  const script = `
const childOrigin = ${JSON.stringify(childOrigin)};
Enclave.configure({ publishableKey: ${JSON.stringify(publishableKey)} });
const frame = (path) => { const iframe = document.createElement("iframe"); iframe.src = childOrigin + path; iframe.title = "bench"; return iframe; };
const fromChild = (data) => new Promise((resolve) => addEventListener("message", function on(event) {
  if (event.origin === childOrigin && event.data === data) { removeEventListener("message", on); resolve(); }
}));
const handshakes = {
  bare: async (main) => { const done = fromChild("bare-ready"); main.append(frame("/bare.html")); await done; },
  penpal: async (main) => {
    const iframe = frame("/penpal.html"); main.append(iframe);
    const connection = Penpal.connect({ messenger: new Penpal.WindowMessenger({ remoteWindow: iframe.contentWindow, allowedOrigins: [childOrigin] }), methods: {} });
    await connection.promise;
  },
  "post-robot": async (main) => {
    const iframe = frame("/post-robot.html"); main.append(iframe);
    await postRobot.send(iframe.contentWindow, "ping", {}, { domain: childOrigin, timeout: 20000 });
  },
  zoid: async (main) => {
    await new Promise((resolve, reject) => {
      window.BenchZoid = window.BenchZoid || zoid.create({ tag: "bench-zoid", url: childOrigin + "/zoid.html", dimensions: { width: "300px", height: "150px" } });
      window.BenchZoid({ onReady: resolve }).render(main).catch(reject);
    });
  },
};
window.sample = async (target, token) => {
  const main = document.querySelector("main");
  const started = performance.now();
  if (handshakes[target]) { await handshakes[target](main); return { ms: performance.now() - started, jumpPx: 0 }; }
  const element = document.createElement("enclave-" + target);
  if (target !== "checkout") element.setAttribute("mode", "inline");
  element.fetchClientToken = async () => token;
  const ready = new Promise((resolve, reject) => {
    element.addEventListener("enclave-ready", resolve, { once: true });
    element.addEventListener("enclave-error", (event) => reject(new Error(event.detail.code + ": " + event.detail.message)), { once: true });
  });
  main.append(element);
  await ready;
  const ms = performance.now() - started;
  const readyAt = performance.timeOrigin + performance.now();
  const heightAtReady = element.getBoundingClientRect().height;
  let jumpPx = 0;
  const until = performance.now() + ${SETTLE_MS};
  while (performance.now() < until) {
    await new Promise((resolve) => requestAnimationFrame(resolve));
    jumpPx = Math.max(jumpPx, Math.abs(element.getBoundingClientRect().height - heightAtReady));
  }
  return { ms, jumpPx, readyAt };
};
window.benchLoaded = true;`;
  const page = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Frames bench shop</title><link rel="icon" href="data:,">
<script src="${hostUrl}/v1/enclave.js"></script><script src="/penpal.js"></script><script src="/post-robot.js"></script><script src="/zoid.js"></script>
<script type="module" src="/merchant.js"></script></head><body><main style="width:480px"></main></body></html>`;
  return new Map<string, StaticFile>([
    ["/", { type: "text/html; charset=utf-8", body: page }],
    ["/merchant.js", { type: "text/javascript; charset=utf-8", body: script }],
  ]);
}

/** A client token for one sample of `flow`, minted by the merchant's backend (the SDK). */
async function mint(enclave: EnclaveClient, flow: Flow): Promise<string> {
  if (flow === "checkout") return (await enclave.paymentIntents.create({ amount: 2599, currency: "usd" })).client_token;
  if (flow === "bank-link") return (await enclave.bankLinkSessions.create({ products: ["transactions"] })).client_token;
  return (await enclave.identitySessions.create({ type: "document" })).client_token;
}

async function gzipBytesOf(urls: Iterable<string>): Promise<number> {
  let total = 0;
  for (const url of urls) total += gzipSync(Buffer.from(await (await fetch(url)).arrayBuffer()), { level: 9 }).byteLength;
  return total;
}

async function sampleOnce(browser: Browser, pageUrl: string, hostOrigin: string, target: TargetName, token: string | undefined): Promise<FrameSample> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    // Only what was requested before ready is the frame's initial JS: a chunk the first
    // screen loads after it (a lazy step) must not count, so each request is kept with
    // its start time (the browser's clock, like the page's readyAt) and filtered after.
    const scripts: BrowserRequest[] = [];
    const onRequest = (request: BrowserRequest): void => {
      if (request.resourceType() === "script" && request.frame() !== page.mainFrame() && request.url().startsWith(hostOrigin)) scripts.push(request);
    };
    await page.goto(pageUrl);
    await page.waitForFunction(() => "benchLoaded" in window, undefined, { timeout: SAMPLE_TIMEOUT_MS });
    page.on("request", onRequest);
    const result = await page.evaluate(
      ([name, clientToken]) =>
        (window as unknown as { sample(target: string, token?: string): Promise<{ ms: number; jumpPx: number; readyAt?: number }> }).sample(name, clientToken),
      [target, token] as const,
    );
    const { readyAt = Number.POSITIVE_INFINITY, ...measured } = result;
    const initial = scripts.filter((request) => request.timing().startTime <= readyAt).map((request) => request.url());
    return { ...measured, scripts: [...new Set(initial)] };
  } finally {
    await context.close();
  }
}

export async function measureFrames(): Promise<FramesResult> {
  const merchantPort = await freePort();
  const merchantOrigin = `http://localhost:${merchantPort}`;
  const host: WidgetHostProcess = await startWidgetHost({ env: { ENCLAVE_ALLOWED_ORIGINS: merchantOrigin, ENCLAVE_LOG_LEVEL: "warn" } });
  const children = await serveStatic(await childPages(merchantOrigin), {});
  const childOrigin = `http://127.0.0.1:${children.port}`;
  const files = merchantPage(host.url, childOrigin, host.publishableKey);
  for (const [path, source] of [
    ["/penpal.js", "penpal/dist/penpal.min.js"],
    ["/post-robot.js", "post-robot/dist/post-robot.min.js"],
    ["/zoid.js", "@krakenjs/zoid/dist/zoid.min.js"],
  ] as const) {
    files.set(path, { type: "text/javascript; charset=utf-8", body: await libraryFile(source) });
  }
  const merchant = await serveStatic(files, {}, { host: "localhost", port: merchantPort });
  const browser = await chromium.launch(await chromiumLaunchOptions());
  const enclave = new EnclaveClient(host.secretKey, { host: host.url });
  const samples = Object.fromEntries(targets.map((name) => [name, [] as FrameSample[]])) as Record<TargetName, FrameSample[]>;
  const ratios = Object.fromEntries(targets.map((name) => [name, [] as number[]])) as Record<TargetName, number[]>;
  try {
    // One unmeasured pass: the host's first requests (migrations done, files read) and the browser's.
    for (const target of targets) await sampleOnce(browser, `${merchantOrigin}/`, host.url, target, isFlow(target) ? await mint(enclave, target) : undefined);
    for (let round = 0; round < ROUNDS; round++) {
      const order = targets.map((_, index) => targets[(index + round) % targets.length] as TargetName);
      const times = new Map<TargetName, number>();
      for (const target of order) {
        const token = isFlow(target) ? await mint(enclave, target) : undefined;
        const sample = await sampleOnce(browser, `${merchantOrigin}/`, host.url, target, token);
        samples[target].push(sample);
        times.set(target, sample.ms);
      }
      const bare = times.get("bare") ?? Number.NaN;
      for (const target of targets) ratios[target].push((times.get(target) ?? Number.NaN) / bare);
    }
    const initialJs = {} as FramesResult["initialJs"];
    for (const flow of flows) {
      const urls = new Set(samples[flow].flatMap((sample) => sample.scripts));
      initialJs[flow] = { gzip: await gzipBytesOf(urls), files: urls.size };
    }
    return { browser: browser.version(), samples, ratios, initialJs };
  } finally {
    await browser.close();
    await merchant.close();
    await children.close();
    await host.dispose();
  }
}

function isFlow(target: TargetName): target is Flow {
  return (flows as readonly string[]).includes(target);
}

const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;

export function framesRows(result: FramesResult): string[][] {
  const bareMedian = median(result.samples.bare.map((sample) => sample.ms));
  return [
    ["target", "median", "× bare iframe (paired)", "height change after ready", "initial JS (gzip -9)"],
    ...targets.map((target) => [
      label[target],
      `${median(result.samples[target].map((sample) => sample.ms)).toFixed(0)} ms`,
      target === "bare" ? `1.00 (${bareMedian.toFixed(0)} ms)` : median(result.ratios[target]).toFixed(2),
      isFlow(target) ? `${Math.max(...result.samples[target].map((sample) => sample.jumpPx)).toFixed(0)} px` : "",
      isFlow(target) ? `${kb(result.initialJs[target].gzip)} in ${result.initialJs[target].files} files` : "",
    ]),
  ];
}

export function framesChecks(result: FramesResult): { ok: boolean; text: string }[] {
  const checks = flows.map((flow) => ({
    ok: result.initialJs[flow].gzip <= FRAME_JS_BUDGET_BYTES,
    text: `${flow} frame initial JS: ${kb(result.initialJs[flow].gzip)} gzip -9; budget ≤ ${kb(FRAME_JS_BUDGET_BYTES)}`,
  }));
  const readyRatio = median(result.ratios.checkout);
  checks.push({
    ok: readyRatio <= READY_RATIO_BUDGET,
    text: `<enclave-checkout> ready: ${readyRatio.toFixed(2)} × a bare iframe (median of ${result.ratios.checkout.length} paired rounds); budget ≤ ${READY_RATIO_BUDGET}×`,
  });
  for (const flow of flows) {
    const jump = Math.max(...result.samples[flow].map((sample) => sample.jumpPx));
    checks.push({ ok: jump === 0, text: `${flow}: height change in the ${SETTLE_MS / 1000} s after enclave-ready: ${jump.toFixed(0)} px; budget 0` });
  }
  return checks;
}
