/**
 * Runs the real widget host (`node --import tsx src/server/cli.ts serve …`) as a child
 * process for the server suites: one host per test file, on a free port of 127.0.0.1,
 * on a fresh store.
 *
 * The store is PGlite in a fresh temporary data dir, or — when ENCLAVE_TEST_DATABASE_URL
 * is set (CI's second run) — a fresh schema of that PostgreSQL database, reached with
 * `options=-c search_path=<schema>` in the connection string. A fresh schema per store
 * keeps runs apart although the database outlives them (an unseeded first start really
 * is a first start), and the seeded keys are random anyway.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";

export const root = fileURLToPath(new URL("../../..", import.meta.url));
const cli = join(root, "src/server/cli.ts");
const START_TIMEOUT_MS = 90_000;
const STOP_TIMEOUT_MS = 20_000;

/** Where a host keeps its data; pass the same one to a restarted host. */
export interface StoreLocation {
  dataDir: string;
  /** Set in PostgreSQL mode: the test database URL pointed at this store's own schema. */
  databaseUrl?: string;
  schema?: string;
}

export interface SeedKeys {
  publishableKey: string;
  secretKey: string;
}

export interface StartOptions {
  /** A store from an earlier host (restart); by default a fresh one the host owns. */
  store?: StoreLocation;
  /** Keys to seed (ENCLAVE_PUBLISHABLE_KEY / ENCLAVE_SECRET_KEY); random ones by default, `false` for none. */
  seed?: SeedKeys | false;
  /** ENCLAVE_ALLOWED_ORIGINS, ENCLAVE_MERCHANT_NAME, ENCLAVE_CLIENT_TOKEN_TTL_SECONDS, … */
  env?: Record<string, string>;
}

export interface WidgetHostProcess {
  /** `http://127.0.0.1:<port>`, as the host printed it. */
  url: string;
  port: number;
  /** The host process's pid (it holds a PGlite data dir's lock). */
  pid: number;
  publishableKey: string;
  secretKey: string;
  store: StoreLocation;
  /** Everything the process printed so far (stdout and stderr). */
  output(): string;
  stdout(): string;
  /** SIGTERM, then waits for the exit; the store stays (restart with it). */
  stop(): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Sends `signal` (e.g. SIGKILL: a host that dies mid-run) and waits for the exit. */
  kill(signal: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Sends a signal and returns at once (a second signal during shutdown); stop() still waits for the exit. */
  signal(name: NodeJS.Signals): void;
  /** stop() and, when the host created its store, removes it. */
  dispose(): Promise<void>;
}

export const testDatabaseUrl = process.env["ENCLAVE_TEST_DATABASE_URL"] || undefined;

/**
 * For a suite that polls the frame API every 50 ms (waitFor) from one address with one
 * publishable key, hundreds of times a minute — far faster than any frame (docs/limits.md).
 */
export const pollingLimits: Record<string, string> = { ENCLAVE_LIMIT_FRAME_REQUESTS_IP: "100000/60" };

/** Random sandbox keys in the formats the host accepts. */
export function randomKeys(): SeedKeys {
  const body = (): string =>
    randomBytes(18)
      .toString("base64")
      .replace(/[^A-Za-z0-9]/g, "")
      .padEnd(20, "x")
      .slice(0, 24);
  return { publishableKey: `pk_test_${body()}`, secretKey: `sk_test_${body()}` };
}

/** A fresh data dir, plus a fresh schema in PostgreSQL mode. */
export async function createStore(): Promise<StoreLocation> {
  const dataDir = await mkdtemp(join(tmpdir(), "enclave-server-test-"));
  if (!testDatabaseUrl) return { dataDir };
  const schema = `enclave_test_${Date.now().toString(36)}_${randomBytes(4).toString("hex")}`;
  const client = new pg.Client({ connectionString: testDatabaseUrl });
  await client.connect();
  try {
    await client.query(`CREATE SCHEMA ${schema}`);
  } finally {
    await client.end();
  }
  const url = new URL(testDatabaseUrl);
  url.searchParams.delete("options");
  const separator = url.search ? "&" : "?";
  return { dataDir, schema, databaseUrl: `${url.toString()}${separator}options=${encodeURIComponent(`-c search_path=${schema}`)}` };
}

export async function removeStore(store: StoreLocation): Promise<void> {
  await rm(store.dataDir, { recursive: true, force: true });
  if (store.schema && testDatabaseUrl) {
    const client = new pg.Client({ connectionString: testDatabaseUrl });
    await client.connect();
    try {
      await client.query(`DROP SCHEMA IF EXISTS ${store.schema} CASCADE`);
    } finally {
      await client.end();
    }
  }
}

/** The environment of a child: this process's, less anything that would configure the host. */
export function childEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (name.startsWith("ENCLAVE_") || name === "DATABASE_URL" || name === "PORT") continue;
    env[name] = value;
  }
  return { ...env, ...extra };
}

export function storeArgs(store: StoreLocation): string[] {
  return store.databaseUrl ? ["--data-dir", store.dataDir, "--database-url", store.databaseUrl] : ["--data-dir", store.dataDir];
}

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs `enclave <args>` to its end (for `keys`, and for `serve` that must refuse to start). */
export function runCli(args: string[], env: Record<string, string> = {}, timeoutMs = START_TIMEOUT_MS): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", cli, ...args], { cwd: root, env: childEnv(env), stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`enclave ${args.join(" ")} did not exit within ${timeoutMs} ms:\n${stdout}\n${stderr}`));
    }, timeoutMs);
    child.once("error", reject);
    child.once("exit", (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

/** Starts `enclave serve --port 0 --host 127.0.0.1` and resolves once it printed its URL and keys. */
export async function startWidgetHost(options: StartOptions = {}): Promise<WidgetHostProcess> {
  const ownsStore = options.store === undefined;
  const store = options.store ?? (await createStore());
  const seed = options.seed === undefined ? randomKeys() : options.seed;
  const env: Record<string, string> = { ...(options.env ?? {}) };
  if (seed) {
    env["ENCLAVE_PUBLISHABLE_KEY"] = seed.publishableKey;
    env["ENCLAVE_SECRET_KEY"] = seed.secretKey;
  }
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", cli, "serve", "--port", "0", "--host", "127.0.0.1", ...storeArgs(store)], {
    cwd: root,
    env: childEnv(env),
    stdio: ["ignore", "pipe", "pipe"],
  });
  // Should this test process die without its after() hooks, the host must not outlive it.
  const killOnExit = (): void => {
    child.kill("SIGKILL");
  };
  process.once("exit", killOnExit);
  let output = "";
  let stdout = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
    stdout += chunk.toString();
  });
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => {
      process.removeListener("exit", killOnExit);
      resolve({ code, signal });
    }),
  );

  const ready = await new Promise<{ url: string; publishableKey: string; secretKey: string }>((resolve, reject) => {
    const done = (error?: Error): void => {
      clearInterval(poll);
      clearTimeout(timer);
      if (error) reject(error);
    };
    const timer = setTimeout(() => {
      done(new Error(`the widget host did not start within ${START_TIMEOUT_MS} ms:\n${output}`));
      child.kill("SIGKILL");
    }, START_TIMEOUT_MS);
    const poll = setInterval(() => {
      const url = /Enclave widget host listening on (http:\/\/\S+)/.exec(stdout)?.[1];
      const publishableKey = /publishable key: (pk_test_\S+)/.exec(stdout)?.[1];
      const secretKey = /secret key: (sk_test_\S+)/.exec(stdout)?.[1];
      if (url && publishableKey && secretKey) {
        done();
        resolve({ url, publishableKey, secretKey });
      }
    }, 25);
    void exited.then(({ code, signal }) => done(new Error(`the widget host exited (code ${code}, signal ${signal}) before it was ready:\n${output}`)));
  }).catch(async (error: unknown) => {
    if (ownsStore) await removeStore(store).catch(() => undefined);
    throw error;
  });

  let stopping: Promise<{ code: number | null; signal: NodeJS.Signals | null }> | undefined;
  const stop = (): Promise<{ code: number | null; signal: NodeJS.Signals | null }> => {
    stopping ??= (async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), STOP_TIMEOUT_MS);
      const result = await exited;
      clearTimeout(timer);
      return result;
    })();
    return stopping;
  };

  return {
    url: ready.url,
    port: Number(new URL(ready.url).port),
    pid: child.pid ?? 0,
    publishableKey: ready.publishableKey,
    secretKey: ready.secretKey,
    store,
    output: () => output,
    stdout: () => stdout,
    stop,
    async kill(signal) {
      child.kill(signal);
      return exited;
    },
    signal: (name) => void child.kill(name),
    async dispose() {
      await stop();
      if (ownsStore) await removeStore(store);
    },
  };
}
