/**
 * `npm run bench` (after `scripts/build.ts frames loader`): the two numbers our design
 * promises to keep small, checked against budgets.
 *
 * 1. Bridge cost. Every interaction of a merchant page with a frame is one RPC round trip
 *    over the bridge, and every message on it is parsed by zod (envelope + spec schema) —
 *    that safety must not cost us the speed of the usual library for the job. So the same
 *    headless Chromium run measures our bridge (connectToFrame/connectToParent +
 *    BridgeEndpoint, `echo` spec) against penpal 7 (WindowMessenger + connect), with the
 *    frame on a real second origin (host page on http://localhost:<p1>, frames on
 *    http://127.0.0.1:<p2>, so site isolation puts them in separate renderer processes as
 *    in production). Measured: per-call latency of sequential calls (median, p95) and
 *    throughput with many calls in flight. Two extra rows give context and are not
 *    budgeted: `raw-port`, a bare MessagePort echo (the floor), and `enclave-jitless`, our
 *    bridge with zod jitless on both sides, as the shipped loader and frames configure it
 *    for CSP. The host page is cross-origin isolated (COOP/COEP) so performance.now() has
 *    5 µs rather than 100 µs resolution; implementations take turns in short blocks, in
 *    rotating order, so the machine's drift hits all of them alike. Also printed, not
 *    budgeted: per-message CPU costs (zod parses, timers, structuredClone) measured in a
 *    page of their own, which explain the round-trip differences.
 * 2. Loader size: dist/loader/enclave.js is the one script every merchant page loads,
 *    so its gzip size (level 9) is budgeted.
 * 3. Photos off the event loop (image-pool.ts): an unrelated GET's p99 while four
 *    decompression bombs at the pixel budget are checked, over its idle p99 in the same
 *    run, median of repeats; budget ≤ 3×.
 * 4. The widget host's resident memory after start and after two rounds of 20k requests,
 *    on PGlite and PostgreSQL (memory.ts): ≤ 300 / 150 MiB, no growth in the second round.
 * 5. The widget host's HTTP speed against minimal node:http + pg endpoints on the same
 *    database (bench/http.ts; goals ≥ 0.6× for POST and GET of a payment intent).
 *    `BENCH_ONLY=http npm run bench` runs this section alone (BENCH_ONLY=bridge the others).
 * 6. The frames as a merchant's page sees them (bench/frames.ts): append → enclave-ready
 *    against a bare cross-origin iframe, penpal, post-robot and zoid in the same run; each
 *    frame's initial JS; the height change after ready. Budgets ≤ 40 KB gzip per frame,
 *    checkout ready ≤ 1.8×, no jump. `BENCH_ONLY=frames` runs it alone.
 *
 * Exits 1 when a budget fails. Tunables: BENCH_CALLS (latency samples per implementation),
 * BENCH_ROUNDS and BENCH_THROUGHPUT_MS (throughput), BENCH_INVESTIGATE=1 (adds two variants
 * of our bridge with its envelope parsing patched in the page, see envelope-patches.ts).
 */
import { readFile } from "node:fs/promises";
import { basename, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import { chromium, type Browser } from "playwright-core";
import { IMAGE_P99_RATIO_BUDGET, imageBombRows, measureImageBombs, medianRatio } from "./image-pool.js";
import { framesChecks, framesRows, measureFrames } from "./frames.js";
import { measureHttp } from "./http.js";
import { measureMemory, memoryChecks, memoryRows } from "./memory.js";
import { implNames, investigateOnly, type ImplName, type MicroResult } from "./spec.js";
import { chromiumLaunchOptions, chromiumVersion, mean, median, percentile, serveStatic, type StaticFile, type StaticServer } from "./support.js";

const root = fileURLToPath(new URL("..", import.meta.url));
const benchDir = fileURLToPath(new URL(".", import.meta.url));

const LOADER_BUDGET_BYTES = 12 * 1024;
/** Our median may be up to 10% above penpal's: run-to-run noise, not a real difference. */
const LATENCY_NOISE_ALLOWANCE = 1.1;
/**
 * Throughput is reported, and fails only when clearly worse: below half of penpal's.
 * With 200 calls in flight it is bounded by cross-process postMessage and the two main
 * threads; the same implementation's rounds spread by ±15% on a busy machine (GC,
 * scheduling), so a 10% bound would flake, while the per-message CPU it would catch is
 * already what the latency budget and the per-message table watch. Halving it takes a
 * real regression (say, work per message that grows with calls in flight), which is what
 * this bound is for. Under 90% of penpal's prints a warning.
 */
const THROUGHPUT_FAIL_RATIO = 0.5;
const THROUGHPUT_WARN_RATIO = 0.9;

const ROUNDS = Number(process.env["BENCH_ROUNDS"] ?? 3);
const WARMUP_CALLS = 300;
const CALLS = Number(process.env["BENCH_CALLS"] ?? 2000);
/**
 * Latency is measured in short blocks, implementations taking turns, because the
 * machine's speed drifts within seconds (other processes, CPU frequency): with one
 * 2000-call block per implementation per round, two near-identical paths (our bridge with
 * and without zod's JIT) came out 45% apart. Each block re-warms its path with a few
 * discarded calls first.
 */
const BLOCK_CALLS = 100;
const BLOCK_WARMUP = 20;
const CONCURRENCY = 200;
const THROUGHPUT_MS = Number(process.env["BENCH_THROUGHPUT_MS"] ?? 2000);

/** BENCH_INVESTIGATE=1 adds variants of our bridge with its envelope parsing patched. */
const investigate = process.env["BENCH_INVESTIGATE"] === "1";
const impls: ImplName[] = implNames.filter((name) => investigate || !investigateOnly.includes(name));

const hostEntries = [...impls.map((name) => `host-${name}`), "host-page"];
const frameEntries = impls.map((name) => `frame-${name}`);
const microEntry = "page-micro";

/** Bundles the browser entries in memory: one self-contained ESM file each (own zod copy). */
async function bundle(): Promise<Map<string, string>> {
  const result = await build({
    entryPoints: [...hostEntries, ...frameEntries, microEntry].map((name) => join(benchDir, `${name}.ts`)),
    bundle: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    minify: true,
    write: false,
    outdir: join(benchDir, "out"),
    logLevel: "warning",
  });
  return new Map(result.outputFiles.map((file) => [basename(file.path), file.text]));
}

const html = (title: string, scripts: string[]): StaticFile => ({
  type: "text/html; charset=utf-8",
  body: `<!doctype html><html lang="en"><meta charset="utf-8"><link rel="icon" href="data:,"><title>${title}</title><body>${scripts
    .map((name) => `<script type="module" src="/${name}.js"></script>`)
    .join("")}</body></html>`,
});

const js = (body: string): StaticFile => ({ type: "text/javascript; charset=utf-8", body });

interface ImplResult {
  samples: number[];
  /** Median of each latency block, in block order (blocks of all implementations interleave). */
  blockMedians: number[];
  rates: number[];
}

function fmtMs(ms: number): string {
  return ms >= 1 ? `${ms.toFixed(2)} ms` : `${(ms * 1000).toFixed(0)} µs`;
}

const fmtInt = (value: number): string => Math.round(value).toLocaleString("en-US");

async function loaderGzipBytes(): Promise<{ raw: number; gzip: number }> {
  const source = await readFile(join(root, "dist/loader/enclave.js"));
  return { raw: source.byteLength, gzip: gzipSync(source, { level: 9 }).byteLength };
}

async function measureBridges(browserVersion: string): Promise<{ results: Record<ImplName, ImplResult>; micro: MicroResult[]; header: string }> {
  const files = await bundle();
  const servers: StaticServer[] = [];
  let browser: Browser | undefined;
  try {
    const frameFiles = new Map<string, StaticFile>(frameEntries.map((name) => [`/${name}.html`, html(name, [name])]));
    for (const name of frameEntries) frameFiles.set(`/${name}.js`, js(files.get(`${name}.js`)!));
    // The frames must opt in to being embedded by a cross-origin-isolated page.
    const frameServer = await serveStatic(frameFiles, {
      "Cross-Origin-Embedder-Policy": "require-corp",
      "Cross-Origin-Resource-Policy": "cross-origin",
    });
    servers.push(frameServer);

    const hostFiles = new Map<string, StaticFile>([
      ["/", html("bridge bench", hostEntries)],
      ["/micro.html", html("per-message costs", [microEntry])],
    ]);
    for (const name of [...hostEntries, microEntry]) hostFiles.set(`/${name}.js`, js(files.get(`${name}.js`)!));
    const hostServer = await serveStatic(hostFiles, {
      "Cross-Origin-Opener-Policy": "same-origin",
      "Cross-Origin-Embedder-Policy": "require-corp",
    });
    servers.push(hostServer);

    const hostOrigin = `http://localhost:${hostServer.port}`;
    const frameOrigin = `http://127.0.0.1:${frameServer.port}`;

    browser = await chromium.launch(await chromiumLaunchOptions());
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
    page.on("console", (message) => {
      if (message.type() === "error") problems.push(`console: ${message.text()} (${message.location().url})`);
    });
    await page.goto(`${hostOrigin}/?frame=${encodeURIComponent(frameOrigin)}`);
    try {
      await page.waitForFunction(() => window.__bench !== undefined, undefined, { timeout: 30_000 });
    } catch (error) {
      throw new Error(`the bench page did not connect to its frames:\n${problems.join("\n")}\n${String(error)}`, { cause: error });
    }
    const isolated = await page.evaluate(() => window.__bench!.crossOriginIsolated);
    const frameUrls = page
      .frames()
      .slice(1)
      .map((frame) => new URL(frame.url()).origin);
    if (frameUrls.length !== impls.length || frameUrls.some((origin) => origin !== frameOrigin)) throw new Error(`unexpected frames: ${frameUrls.join(", ")}`);

    const results = Object.fromEntries(impls.map((name) => [name, { samples: [], blockMedians: [], rates: [] }])) as unknown as Record<ImplName, ImplResult>;
    const rotate = (round: number): ImplName[] => impls.map((_, index) => impls[(index + round) % impls.length]!);

    for (const impl of impls) {
      // warm every path: JIT, IPC, the frame's process
      await page.evaluate(([name, ms]) => window.__bench!.throughput(name, 50, ms), [impl, 300] as const);
      await page.evaluate(([name, calls]) => window.__bench!.latency(name, 0, calls), [impl, WARMUP_CALLS] as const);
    }
    const blocks = Math.max(1, Math.round(CALLS / BLOCK_CALLS));
    for (let block = 0; block < blocks; block++) {
      for (const impl of rotate(block)) {
        const samples = await page.evaluate(([name, warmup, calls]) => window.__bench!.latency(name, warmup, calls), [impl, BLOCK_WARMUP, BLOCK_CALLS] as const);
        results[impl].samples.push(...samples);
        results[impl].blockMedians.push(median(samples));
      }
    }
    for (let round = 0; round < ROUNDS; round++) {
      for (const impl of rotate(round)) {
        const { calls, ms } = await page.evaluate(([name, concurrency, duration]) => window.__bench!.throughput(name, concurrency, duration), [
          impl,
          CONCURRENCY,
          THROUGHPUT_MS,
        ] as const);
        results[impl].rates.push((calls / ms) * 1000);
      }
    }
    if (problems.length > 0) throw new Error(problems.join("\n"));

    await page.goto(`${hostOrigin}/micro.html`);
    await page.waitForFunction(() => window.__benchMicro !== undefined);
    const micro = await page.evaluate(() => window.__benchMicro!());
    if (problems.length > 0) throw new Error(problems.join("\n"));

    const header = [
      `${browserVersion}, headless; host page ${hostOrigin} → frames on ${frameOrigin}`,
      `crossOriginIsolated: ${isolated ? "yes (5 µs timer)" : "NO (100 µs timer: latencies are coarse)"}`,
      `latency: ${blocks * BLOCK_CALLS} sequential calls per implementation after ${WARMUP_CALLS} warm-up, in ${blocks} interleaved blocks of ${BLOCK_CALLS}`,
      `throughput: ${ROUNDS} rounds × ${THROUGHPUT_MS / 1000} s with ${CONCURRENCY} calls in flight (median of rounds)`,
    ].join("\n");
    return { results, micro, header };
  } finally {
    await browser?.close();
    for (const server of servers) await server.close();
  }
}

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  return rows
    .map((row, index) => {
      const last = row.length - 1;
      const line = row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : column === last ? cell : cell.padStart(widths[column]!))).join("   ");
      return index === 0 ? `${line}\n${"─".repeat(widths.reduce((sum, width) => sum + width + 3, -3))}` : line;
    })
    .join("\n");
}

const notes: Record<ImplName, string> = {
  enclave: "our bridge (budgeted)",
  penpal: "penpal 7.0.6 (reference)",
  "raw-port": "bare MessagePort echo (floor)",
  "enclave-jitless": "our bridge, zod jitless (as shipped)",
  "enclave-discriminated": "our bridge, envelopes as z.discriminatedUnion (investigation)",
  "enclave-unchecked": "our bridge, envelopes not parsed (investigation)",
};

// BENCH_ONLY=http (a comma list of sections: bridge, http, frames) runs only those; all by default.
const benchOnly = new Set(
  (process.env["BENCH_ONLY"] ?? "")
    .split(",")
    .map((name) => name.trim())
    .filter(Boolean),
);
const runs = (section: string): boolean => benchOnly.size === 0 || benchOnly.has(section);
const httpChecks = runs("http") ? await measureHttp() : [];
const frames = runs("frames") ? await measureFrames() : undefined;
if (frames) {
  console.log(`\nFrames as a merchant's page sees them (bench/frames.ts): cold cache, frame on another site, Chromium ${frames.browser}`);
  console.log(table(framesRows(frames)));
}
const framesBudgets = frames ? framesChecks(frames) : [];
if (!runs("bridge")) {
  for (const check of [...httpChecks, ...framesBudgets]) console.log(`${check.ok ? "✔ ok  " : "✘ FAIL"}  ${check.text}`);
  process.exit([...httpChecks, ...framesBudgets].every((check) => check.ok) ? 0 : 1);
}

const browserVersion = await chromiumVersion();
const { results, micro, header } = await measureBridges(browserVersion);
const loader = await loaderGzipBytes();
const images = await measureImageBombs();
const memory = await measureMemory();

const summary = Object.fromEntries(
  impls.map((impl) => {
    const sorted = [...results[impl].samples].sort((a, b) => a - b);
    const rates = [...results[impl].rates].sort((a, b) => a - b);
    return [impl, { median: percentile(sorted, 50), p95: percentile(sorted, 95), mean: mean(sorted), rate: percentile(rates, 50), min: rates[0]!, max: rates.at(-1)! }];
  }),
) as Record<ImplName, { median: number; p95: number; mean: number; rate: number; min: number; max: number }>;

console.log(`\nBridge round trip (echo)\n${header}\n`);
console.log(
  table([
    ["implementation", "median", "p95", "mean", "calls/s", "calls/s range", "median vs penpal", "what"],
    ...impls.map((impl) => {
      const row = summary[impl];
      return [
        impl,
        fmtMs(row.median),
        fmtMs(row.p95),
        fmtMs(row.mean),
        fmtInt(row.rate),
        `${fmtInt(row.min)}–${fmtInt(row.max)}`,
        `${((row.median / summary.penpal.median) * 100).toFixed(0)}%`,
        notes[impl],
      ];
    }),
  ]),
);

// Paired view, robust to drift: per block, our median over penpal's median in the same round.
const pairedWith = (impl: ImplName): string => `${impl} ${median(results[impl].blockMedians.map((value, index) => value / results.penpal.blockMedians[index]!)).toFixed(2)}`;
console.log(
  `\npaired (robust to drift): median over ${results.penpal.blockMedians.length} blocks of block median / penpal's block median: ` +
    impls
      .filter((impl) => impl !== "penpal")
      .map(pairedWith)
      .join(", "),
);

console.log("\nPer-message CPU on the host page's main thread (best of 5 × 50,000; not budgeted)");
console.log(table([["operation", "ns/op"], ...micro.map((row) => [row.name, row.nsPerOp.toFixed(0)])]));

console.log(`\nAn unrelated GET while photo bombs are checked\n${images.header}\n`);
console.log(table(imageBombRows(images.results)));

console.log("\nThe widget host's resident memory (bench/memory.ts)");
console.log(table(memoryRows(memory)));

const checks: { ok: boolean; soft?: boolean; text: string }[] = [...httpChecks, ...framesBudgets];
for (const result of images.results) {
  const ratio = medianRatio(result);
  checks.push({
    ok: ratio <= IMAGE_P99_RATIO_BUDGET,
    text: `photos off the event loop: GET p99 under four ${result.kind} bombs = ${ratio.toFixed(2)} × idle p99 (median of ${result.ratios.length}); budget ≤ ${IMAGE_P99_RATIO_BUDGET}×`,
  });
}
checks.push({
  ok: loader.gzip <= LOADER_BUDGET_BYTES,
  text: `loader dist/loader/enclave.js: ${fmtInt(loader.gzip)} B gzip -9 (${fmtInt(loader.raw)} B raw); budget ≤ ${fmtInt(LOADER_BUDGET_BYTES)} B`,
});
const latencyLimit = summary.penpal.median * LATENCY_NOISE_ALLOWANCE;
checks.push({
  ok: summary.enclave.median <= latencyLimit,
  text: `latency: enclave median ${fmtMs(summary.enclave.median)}; budget ≤ penpal median ${fmtMs(summary.penpal.median)} × 1.10 = ${fmtMs(latencyLimit)} (10% allowed for run-to-run noise)`,
});
const throughputRatio = summary.enclave.rate / summary.penpal.rate;
checks.push({
  ok: throughputRatio >= THROUGHPUT_FAIL_RATIO,
  soft: throughputRatio < THROUGHPUT_WARN_RATIO,
  text: `throughput: enclave ${fmtInt(summary.enclave.rate)} calls/s = ${(throughputRatio * 100).toFixed(0)}% of penpal's ${fmtInt(summary.penpal.rate)}; fails only below ${THROUGHPUT_FAIL_RATIO * 100}%, warns below ${THROUGHPUT_WARN_RATIO * 100}%`,
});
checks.push(...memoryChecks(memory));

console.log("\nBudgets");
for (const check of checks) console.log(`${!check.ok ? "✘ FAIL" : check.soft ? "⚠ warn" : "✔ ok  "}  ${check.text}`);
const failed = checks.filter((check) => !check.ok).length;
console.log(failed === 0 ? "\nall budgets met" : `\n${failed} budget(s) failed`);
process.exitCode = failed === 0 ? 0 : 1;
