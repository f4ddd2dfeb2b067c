/**
 * The widget host's resident memory (RSS), for `npm run bench` (bench/run.ts) or alone:
 * `node --import tsx bench/memory.ts`. For each store — PGlite always, PostgreSQL when
 * ENCLAVE_TEST_DATABASE_URL is set or postgres://enclave:enclave@127.0.0.1:5432/postgres
 * answers — it starts `enclave serve` on a fresh store (the built dist/node/cli.js, as
 * merchants run it; built here if missing) and reads its RSS just after the start, after
 * 20k requests and after a second 20k. The requests are a realistic mix driven by
 * autocannon: create a payment intent, read one back, list the allowed origins, fetch the loader.
 *
 * Budgets (issue 11): PGlite ≤ 300 MiB, PostgreSQL ≤ 150 MiB, at every reading; and no
 * growth across the second 20k (at most 10% — a settled heap still moves a little).
 * Tunables: BENCH_MEMORY_REQUESTS (20000), BENCH_MEMORY_CONNECTIONS (10).
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";
import pg from "pg";

const root = fileURLToPath(new URL("..", import.meta.url));
const MiB = 1024 * 1024;
export const PGLITE_BUDGET_MIB = 300;
export const POSTGRES_BUDGET_MIB = 150;
/** The second 20k may end at most this much above the first: a settled heap still moves a little. */
export const GROWTH_ALLOWANCE = 1.1;
const REQUESTS = Number(process.env["BENCH_MEMORY_REQUESTS"] ?? 20_000);
const CONNECTIONS = Number(process.env["BENCH_MEMORY_CONNECTIONS"] ?? 10);
const LOCAL_POSTGRES = "postgres://enclave:enclave@127.0.0.1:5432/postgres";

export interface MemoryResult {
  store: "PGlite" | "PostgreSQL";
  budgetMib: number;
  startMib: number;
  firstMib: number;
  secondMib: number;
  /** Non-2xx answers over both rounds (a bench that mostly hit errors would measure nothing). */
  errors: number;
}

/** Resident set size of a process, from /proc (Linux) or ps. */
function rssOf(pid: number): number {
  try {
    const line = readFileSync(`/proc/${pid}/status`, "utf8")
      .split("\n")
      .find((each) => each.startsWith("VmRSS:"));
    if (line) return Number(line.replace(/\D+/g, "")) * 1024;
  } catch {
    // not Linux
  }
  return Number(execFileSync("ps", ["-o", "rss=", "-p", String(pid)], { encoding: "utf8" }).trim()) * 1024;
}

async function postgresUrl(): Promise<string | undefined> {
  const url = process.env["ENCLAVE_TEST_DATABASE_URL"] || LOCAL_POSTGRES;
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.end();
    return url;
  } catch {
    return undefined;
  }
}

interface Host {
  child: ChildProcess;
  url: string;
  secretKey: string;
  exited: Promise<void>;
}

async function startHost(args: string[]): Promise<Host> {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) if (!name.startsWith("ENCLAVE_") && name !== "DATABASE_URL") env[name] = value;
  // The bench is one client at full speed: the per-IP and per-key limits are not what it measures.
  for (const name of ["API_REQUESTS", "PAYMENT_INTENTS_CREATE"]) env[`ENCLAVE_LIMIT_${name}`] = "1000000/1";
  const child = spawn(process.execPath, [join(root, "dist/node/cli.js"), "serve", "--port", "0", "--host", "127.0.0.1", ...args], {
    cwd: root,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const deadline = Date.now() + 120_000;
  for (;;) {
    const url = /listening on (http:\/\/\S+)/.exec(output)?.[1];
    const secretKey = /secret key: (sk_test_\S+)/.exec(output)?.[1];
    if (url && secretKey) return { child, url, secretKey, exited };
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`the widget host did not start:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** One round of `amount` requests, the mix cycling; returns the non-2xx count. */
async function load(host: Host, intentId: string, amount: number): Promise<number> {
  const auth = { authorization: `Bearer ${host.secretKey}` };
  const result = await autocannon({
    url: host.url,
    connections: CONNECTIONS,
    amount,
    requests: [
      {
        method: "POST",
        path: "/v1/payment_intents",
        headers: { ...auth, "content-type": "application/json" },
        body: JSON.stringify({ amount: 1999, currency: "usd", metadata: { order: "bench" } }),
      },
      { method: "GET", path: `/v1/payment_intents/${intentId}`, headers: auth },
      { method: "GET", path: "/v1/allowed_origins", headers: auth },
      { method: "GET", path: "/v1/enclave.js" },
    ],
  });
  return result.non2xx + result.errors;
}

async function measure(store: MemoryResult["store"], args: string[]): Promise<MemoryResult> {
  const host = await startHost(args);
  try {
    // Settle: let start-up work (migrations, warm-up) finish before the first reading.
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const startMib = rssOf(host.child.pid ?? 0) / MiB;
    const created = await fetch(`${host.url}/v1/payment_intents`, {
      method: "POST",
      headers: { authorization: `Bearer ${host.secretKey}`, "content-type": "application/json" },
      body: JSON.stringify({ amount: 500, currency: "usd" }),
    });
    const intent = (await created.json()) as { id: string };
    let errors = await load(host, intent.id, REQUESTS);
    const firstMib = rssOf(host.child.pid ?? 0) / MiB;
    errors += await load(host, intent.id, REQUESTS);
    const secondMib = rssOf(host.child.pid ?? 0) / MiB;
    return { store, budgetMib: store === "PGlite" ? PGLITE_BUDGET_MIB : POSTGRES_BUDGET_MIB, startMib, firstMib, secondMib, errors };
  } finally {
    host.child.kill("SIGTERM");
    await host.exited;
  }
}

export async function measureMemory(): Promise<MemoryResult[]> {
  if (!existsSync(join(root, "dist/node/cli.js"))) {
    execFileSync(process.execPath, ["--import", "tsx", join(root, "scripts/build.ts"), "node"], { cwd: root, stdio: "inherit" });
  }
  const results: MemoryResult[] = [];
  const dataDir = await mkdtemp(join(tmpdir(), "enclave-bench-memory-"));
  try {
    results.push(await measure("PGlite", ["--data-dir", join(dataDir, "pglite")]));
    const url = await postgresUrl();
    if (url) {
      const schema = `enclave_bench_${randomBytes(4).toString("hex")}`;
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      await client.query(`CREATE SCHEMA ${schema}`);
      try {
        const scoped = new URL(url);
        scoped.searchParams.set("options", `-c search_path=${schema}`);
        results.push(await measure("PostgreSQL", ["--data-dir", join(dataDir, "pg"), "--database-url", scoped.toString()]));
      } finally {
        await client.query(`DROP SCHEMA ${schema} CASCADE`);
        await client.end();
      }
    } else {
      console.log(`(no PostgreSQL at ENCLAVE_TEST_DATABASE_URL or ${LOCAL_POSTGRES}: PostgreSQL row skipped)`);
    }
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
  return results;
}

export function memoryRows(results: MemoryResult[]): string[][] {
  return [
    ["store", "RSS after start", `after ${REQUESTS / 1000}k requests`, `after another ${REQUESTS / 1000}k`, "budget", "non-2xx"],
    ...results.map((result) => [
      result.store,
      `${result.startMib.toFixed(0)} MiB`,
      `${result.firstMib.toFixed(0)} MiB`,
      `${result.secondMib.toFixed(0)} MiB`,
      `≤ ${result.budgetMib} MiB`,
      String(result.errors),
    ]),
  ];
}

export function memoryChecks(results: MemoryResult[]): { ok: boolean; text: string }[] {
  return results.flatMap((result) => {
    const peak = Math.max(result.startMib, result.firstMib, result.secondMib);
    return [
      {
        ok: peak <= result.budgetMib,
        text: `memory, ${result.store}: RSS at most ${peak.toFixed(0)} MiB (start, ${REQUESTS / 1000}k, ${(2 * REQUESTS) / 1000}k); budget ≤ ${result.budgetMib} MiB`,
      },
      {
        ok: result.secondMib <= result.firstMib * GROWTH_ALLOWANCE,
        text: `memory, ${result.store}: ${result.firstMib.toFixed(0)} → ${result.secondMib.toFixed(0)} MiB across the second ${REQUESTS / 1000}k; budget: no growth (≤ ${((GROWTH_ALLOWANCE - 1) * 100).toFixed(0)}%)`,
      },
      { ok: result.errors === 0, text: `memory, ${result.store}: ${result.errors} non-2xx answers (the load must be real requests)` },
    ];
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const results = await measureMemory();
  for (const row of memoryRows(results)) console.log(row.join("\t"));
  const checks = memoryChecks(results);
  for (const check of checks) console.log(`${check.ok ? "✔ ok  " : "✘ FAIL"}  ${check.text}`);
  process.exitCode = checks.every((check) => check.ok) ? 0 : 1;
}
