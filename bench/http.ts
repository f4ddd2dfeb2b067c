/**
 * The widget host's HTTP speed, against reference endpoints started in the same run on
 * the same database (`npm run bench`; alone: `BENCH_ONLY=http npm run bench`).
 *
 * Started side by side, each in its own process:
 * - the widget host, built (`node dist/node/cli.js serve`, what production runs; set
 *   BENCH_HOST=tsx for `node --import tsx src/server/cli.ts serve`), seeded with sandbox
 *   keys and limits raised out of the way (ENCLAVE_LIMIT_*), so that every request is the
 *   full path a merchant's request takes: failed-authentication guard, secret key,
 *   api_requests limit, idempotency middleware, route, store;
 * - bench/http-reference.ts: node:http + `pg` (pool of 10, as the host's) inserting one
 *   row into a table shaped like payment_intents, and selecting one by primary key.
 *
 * Measured with autocannon (BENCH_HTTP_CONNECTIONS, default 20; pipelining 1;
 * BENCH_HTTP_SECONDS each, default 4) after a warm-up of every target, in
 * BENCH_HTTP_ROUNDS (default 3) interleaved rounds whose order rotates, so the machine's
 * drift hits every target alike. Each ratio is the median over rounds of host ÷ reference
 * measured in the same round. Goals (exit non-zero when missed):
 *   POST /v1/payment_intents        ≥ 0.6 × the reference insert
 *   GET  /v1/payment_intents/:id    ≥ 0.6 × the reference select
 * Reported only: GET /v1/transactions pages (a linked sandbox item, stored history) over
 * the reference select, and the same POST/GET pair with host and reference on PGlite.
 *
 * PostgreSQL: ENCLAVE_BENCH_DATABASE_URL, else ENCLAVE_TEST_DATABASE_URL, else the local
 * cluster (postgres://enclave:enclave@127.0.0.1:5432/postgres; start it with
 * `pg_ctlcluster 15 main start`); each run uses a fresh schema, dropped at the end.
 * BENCH_HTTP_STORES=pg or =pglite measures one store only. BENCH_HOST_NODE_OPTIONS passes
 * flags to the host's node (e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof` to profile it).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import autocannon, { type Request as CannonRequest } from "autocannon";
import pg from "pg";
import { SHOP_ORIGIN } from "../test/server/support/api.js";
import { linkedItem } from "../test/server/support/bank-link.js";
import type { WidgetHostProcess } from "../test/server/support/widget-host.js";

const root = fileURLToPath(new URL("..", import.meta.url));
const GOAL = 0.6;
const CONNECTIONS = Number(process.env["BENCH_HTTP_CONNECTIONS"] ?? 20);
const SECONDS = Number(process.env["BENCH_HTTP_SECONDS"] ?? 4);
const ROUNDS = Number(process.env["BENCH_HTTP_ROUNDS"] ?? 3);
const WARMUP_SECONDS = 2;
const START_TIMEOUT_MS = 90_000;
const LOCAL_CLUSTER = "postgres://enclave:enclave@127.0.0.1:5432/postgres";

export interface HttpCheck {
  ok: boolean;
  soft?: boolean;
  text: string;
}

interface Proc {
  url: string;
  output(): string;
  stop(): Promise<void>;
}

/** Spawns `command` and waits for `pattern` in its stdout; its first group is the URL. */
function start(args: string[], env: NodeJS.ProcessEnv, pattern: RegExp, what: string): Promise<Proc> {
  return new Promise((resolve, reject) => {
    const child: ChildProcess = spawn(process.execPath, args, { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] });
    const kill = (): void => void child.kill("SIGKILL");
    process.once("exit", kill);
    let output = "";
    const exited = new Promise<void>((done) => child.once("exit", () => done()));
    const timer = setTimeout(() => {
      kill();
      reject(new Error(`${what} did not start within ${START_TIMEOUT_MS} ms:\n${output}`));
    }, START_TIMEOUT_MS);
    child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stdout?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      const url = pattern.exec(output)?.[1];
      if (url) {
        clearTimeout(timer);
        resolve({
          url,
          output: () => output,
          stop: async () => {
            child.kill("SIGTERM");
            const forced = setTimeout(kill, 20_000);
            await exited;
            clearTimeout(forced);
            process.removeListener("exit", kill);
          },
        });
      }
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`${what} exited (${code}) before it served:\n${output}`));
    });
  });
}

const keyBody = (): string =>
  randomBytes(24)
    .toString("base64")
    .replace(/[^A-Za-z0-9]/g, "")
    .slice(0, 24)
    .padEnd(24, "x");

interface Host extends Proc {
  publishableKey: string;
  secretKey: string;
}

async function startHost(store: { dataDir: string; databaseUrl?: string }): Promise<Host> {
  const useTsx = process.env["BENCH_HOST"] === "tsx";
  const cli = useTsx ? ["--import", "tsx", join(root, "src/server/cli.ts")] : [join(root, "dist/node/cli.js")];
  if (!useTsx && !existsSync(cli[0] as string)) throw new Error("dist/node/cli.js is missing: run `npm run build -- node` (npm run bench does), or set BENCH_HOST=tsx");
  const nodeFlags = (process.env["BENCH_HOST_NODE_OPTIONS"] ?? "").split(/\s+/).filter(Boolean);
  const publishableKey = `pk_test_${keyBody()}`;
  const secretKey = `sk_test_${keyBody()}`;
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) if (!name.startsWith("ENCLAVE_") && name !== "DATABASE_URL" && name !== "PORT") env[name] = value;
  Object.assign(env, {
    ENCLAVE_PUBLISHABLE_KEY: publishableKey,
    ENCLAVE_SECRET_KEY: secretKey,
    ENCLAVE_ALLOWED_ORIGINS: SHOP_ORIGIN,
    // Out of the way, yet still spent on every request: the bench measures their cost, not their refusals.
    ENCLAVE_LIMIT_API_REQUESTS: "1000000000/60",
    ENCLAVE_LIMIT_PAYMENT_INTENTS_CREATE: "1000000000/60",
    ENCLAVE_LIMIT_FRAME_REQUESTS_IP: "1000000000/60",
    ENCLAVE_LIMIT_FRAME_REQUESTS_TOKEN: "1000000000/60",
  });
  const args = [
    ...nodeFlags,
    ...cli,
    "serve",
    "--port",
    "0",
    "--host",
    "127.0.0.1",
    "--data-dir",
    store.dataDir,
    ...(store.databaseUrl ? ["--database-url", store.databaseUrl] : []),
  ];
  const proc = await start(args, env, /Enclave widget host listening on (http:\/\/\S+)/, "the widget host");
  return { ...proc, publishableKey, secretKey };
}

function startReference(mode: "pg" | "pglite", target: string): Promise<Proc> {
  return start(["--import", "tsx", join(root, "bench/http-reference.ts"), mode, target], { ...process.env }, /reference listening on (http:\/\/\S+)/, "the reference server");
}

/** What the test helpers need of a host, to link a sandbox item through the frame API. */
function asTestHost(host: Host, dataDir: string): WidgetHostProcess {
  return {
    url: host.url,
    port: Number(new URL(host.url).port),
    pid: 0, // not used by the item-linking helpers
    publishableKey: host.publishableKey,
    secretKey: host.secretKey,
    store: { dataDir },
    output: host.output,
    stdout: host.output,
    stop: async () => ({ code: 0, signal: null }),
    kill: async () => ({ code: 0, signal: null }),
    signal: () => undefined,
    dispose: async () => undefined,
  };
}

interface Target {
  name: string;
  /** The reference this target's ratio is taken against, if any. */
  reference?: string;
  goal?: number;
  url: string;
  requests: CannonRequest[];
}

interface Sample {
  rate: number;
  p50: number;
  failures: number;
}

async function fire(target: Target, seconds: number): Promise<Sample> {
  const result = await autocannon({ url: target.url, connections: CONNECTIONS, pipelining: 1, duration: seconds, requests: target.requests, timeout: 30 });
  return { rate: result["2xx"] / seconds, p50: result.latency.p50, failures: result.non2xx + result.errors + result.timeouts };
}

/** Round-robin over `paths`, so that GETs spread over several rows or pages. */
function rotating(paths: string[], headers: Record<string, string>): CannonRequest[] {
  let next = 0;
  return [
    {
      method: "GET",
      headers,
      setupRequest: (request) => {
        request.path = paths[next++ % paths.length] as string;
        return request;
      },
    },
  ];
}

async function postJson(url: string, body: unknown, headers: Record<string, string> = {}): Promise<Record<string, unknown>> {
  const response = await fetch(url, { method: "POST", headers: { "Content-Type": "application/json", ...headers }, body: JSON.stringify(body) });
  const text = await response.text();
  if (!response.ok) throw new Error(`POST ${url}: ${response.status} ${text}`);
  return JSON.parse(text) as Record<string, unknown>;
}

const intentBody = JSON.stringify({ amount: 2599, currency: "usd", description: "Bench order" });

/** Targets for one store: host and reference, POST and GET; transactions pages on PostgreSQL. */
async function targetsFor(host: Host, reference: Proc, store: string, dataDir: string, withTransactions: boolean): Promise<Target[]> {
  const auth = { Authorization: `Bearer ${host.secretKey}` };
  const hostIds: string[] = [];
  const referenceIds: string[] = [];
  for (let index = 0; index < 20; index++) {
    hostIds.push(String((await postJson(`${host.url}/v1/payment_intents`, JSON.parse(intentBody), auth))["id"]));
    referenceIds.push(String((await postJson(`${reference.url}/ref/payment_intents`, JSON.parse(intentBody)))["id"]));
  }
  const json = { "Content-Type": "application/json" };
  const targets: Target[] = [
    {
      name: `${store} host POST /v1/payment_intents`,
      reference: `${store} reference insert`,
      goal: store === "pg" ? GOAL : undefined,
      url: host.url,
      requests: [{ method: "POST", path: "/v1/payment_intents", headers: { ...json, ...auth }, body: intentBody }],
    },
    { name: `${store} reference insert`, url: reference.url, requests: [{ method: "POST", path: "/ref/payment_intents", headers: json, body: intentBody }] },
    {
      name: `${store} host GET /v1/payment_intents/:id`,
      reference: `${store} reference select`,
      goal: store === "pg" ? GOAL : undefined,
      url: host.url,
      requests: rotating(
        hostIds.map((id) => `/v1/payment_intents/${id}`),
        auth,
      ),
    },
    {
      name: `${store} reference select`,
      url: reference.url,
      requests: rotating(
        referenceIds.map((id) => `/ref/payment_intents/${id}`),
        {},
      ),
    },
  ];
  if (withTransactions) {
    const item = await linkedItem(asTestHost(host, dataDir));
    const headers = { ...auth, "Enclave-Access-Token": item.accessToken };
    // Every page of the item's 90 days, 50 at a time, as a merchant pages through them.
    const pages = ["/v1/transactions?limit=50"];
    for (;;) {
      const response = await fetch(`${host.url}${pages.at(-1)}`, { headers });
      const page = (await response.json()) as { next_cursor: string | null };
      if (!response.ok || !page.next_cursor) break;
      pages.push(`/v1/transactions?limit=50&cursor=${encodeURIComponent(page.next_cursor)}`);
    }
    targets.push({
      name: `${store} host GET /v1/transactions (${pages.length} pages of 50)`,
      reference: `${store} reference select`,
      url: host.url,
      requests: rotating(pages, headers),
    });
  }
  return targets;
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
};

async function measure(targets: Target[]): Promise<Map<string, Sample[]>> {
  const samples = new Map<string, Sample[]>(targets.map((target) => [target.name, []]));
  for (const target of targets) await fire(target, WARMUP_SECONDS);
  for (let round = 0; round < ROUNDS; round++) {
    // Rotate by whole host/reference pairs' worth so each target runs early and late in turn.
    const order = targets.map((_, index) => targets[(index + round) % targets.length] as Target);
    for (const target of order) samples.get(target.name)?.push(await fire(target, SECONDS));
  }
  return samples;
}

function report(targets: Target[], samples: Map<string, Sample[]>, checks: HttpCheck[]): string[] {
  const lines: string[] = [];
  for (const target of targets) {
    const mine = samples.get(target.name) ?? [];
    const rates = mine.map((sample) => sample.rate);
    const failures = mine.reduce((sum, sample) => sum + sample.failures, 0);
    let ratioText = "";
    if (target.reference) {
      const theirs = samples.get(target.reference) ?? [];
      const ratio = median(mine.map((sample, index) => sample.rate / (theirs[index]?.rate ?? Number.NaN)));
      ratioText = `  = ${ratio.toFixed(2)} × ${target.reference}`;
      if (target.goal !== undefined)
        checks.push({
          ok: ratio >= target.goal && failures === 0,
          text: `${target.name}: ${ratio.toFixed(2)} × ${target.reference} (median of ${mine.length} paired rounds); goal ≥ ${target.goal}×${failures ? `; ${failures} failed requests` : ""}`,
        });
    }
    lines.push(
      `${target.name.padEnd(52)} ${Math.round(median(rates)).toString().padStart(6)} req/s (${Math.round(Math.min(...rates))}–${Math.round(Math.max(...rates))}), p50 ${median(mine.map((sample) => sample.p50)).toFixed(1)} ms${failures ? `, ${failures} FAILED` : ""}${ratioText}`,
    );
    if (failures > 0 && target.goal === undefined) checks.push({ ok: false, text: `${target.name}: ${failures} requests failed (non-2xx, errors or timeouts)` });
  }
  return lines;
}

/** A fresh schema of the bench database; its URL carries the search_path. */
async function freshSchema(baseUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const schema = `enclave_bench_${Date.now().toString(36)}_${randomBytes(3).toString("hex")}`;
  const client = new pg.Client({ connectionString: baseUrl });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(
      `cannot reach PostgreSQL at ${baseUrl.replace(/:[^:@/]*@/, ":…@")} (${String(error)}); set ENCLAVE_BENCH_DATABASE_URL or start the local cluster (pg_ctlcluster 15 main start)`,
      { cause: error },
    );
  }
  await client.query(`CREATE SCHEMA ${schema}`);
  await client.end();
  const url = new URL(baseUrl);
  url.searchParams.delete("options");
  url.searchParams.set("options", `-c search_path=${schema}`);
  return {
    url: url.toString(),
    drop: async () => {
      const dropper = new pg.Client({ connectionString: baseUrl });
      await dropper.connect();
      await dropper.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await dropper.end();
    },
  };
}

async function runStore(store: "pg" | "pglite", lines: string[], checks: HttpCheck[]): Promise<void> {
  const dataDir = await mkdtemp(join(tmpdir(), "enclave-bench-http-"));
  const schema = store === "pg" ? await freshSchema(process.env["ENCLAVE_BENCH_DATABASE_URL"] || process.env["ENCLAVE_TEST_DATABASE_URL"] || LOCAL_CLUSTER) : undefined;
  const procs: Proc[] = [];
  try {
    const host = await startHost(schema ? { dataDir, databaseUrl: schema.url } : { dataDir });
    procs.push(host);
    const reference = await startReference(store, schema ? schema.url : join(dataDir, "reference-pgdata"));
    procs.push(reference);
    const targets = await targetsFor(host, reference, store, dataDir, store === "pg");
    const samples = await measure(targets);
    lines.push(...report(targets, samples, checks));
  } finally {
    for (const proc of procs.reverse()) await proc.stop();
    await schema?.drop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

/** Runs the HTTP bench; prints its table and returns its checks. */
export async function measureHttp(): Promise<HttpCheck[]> {
  const stores = (process.env["BENCH_HTTP_STORES"] ?? "pg,pglite").split(",").filter((store): store is "pg" | "pglite" => store === "pg" || store === "pglite");
  const lines: string[] = [];
  const checks: HttpCheck[] = [];
  for (const store of stores) await runStore(store, lines, checks);
  const how = process.env["BENCH_HOST"] === "tsx" ? "node --import tsx src/server/cli.ts serve" : "node dist/node/cli.js serve (built)";
  console.log(
    `\nWidget host HTTP vs minimal node:http endpoints on the same database\nhost: ${how}; autocannon ${CONNECTIONS} connections, pipelining 1, ${ROUNDS} interleaved rounds × ${SECONDS} s after ${WARMUP_SECONDS} s warm-up each\n`,
  );
  console.log(lines.join("\n"));
  return checks;
}
