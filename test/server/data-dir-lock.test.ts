/**
 * A PGlite data dir is opened by one process at a time (CONTRACT v1.1, Host settings):
 * a second `enclave serve` / `enclave keys` on it exits non-zero naming the holder; a lock
 * left by a `kill -9` is taken over by the next start with the data intact; two starters
 * racing for one stale lock: exactly one wins; SIGTERM releases it. PostgreSQL mode takes
 * no lock (its database has its own), so this suite runs on PGlite only.
 */
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { acquireDataDirLock, DataDirLocked, LOCK_FILE, processStartOf, type LockHolder } from "../../src/server/store/data-dir-lock.js";
import { createIntent, get, type CreatedIntent } from "./support/api.js";
import { createStore, removeStore, root, runCli, startWidgetHost, storeArgs, testDatabaseUrl, type StoreLocation, type WidgetHostProcess } from "./support/widget-host.js";
import { sleep } from "../support/wait.js";

const lockModule = join(root, "src/server/store/data-dir-lock.ts");

/** The pid of a process that has exited: no process of this host has it now (barring quick reuse). */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ["-e", ""], { stdio: "ignore" });
  const pid = child.pid ?? 0;
  await new Promise((resolve) => child.once("exit", resolve));
  return pid;
}

function staleRecord(pid: number, extra: Partial<LockHolder> = {}): LockHolder {
  return { id: `stale${Date.now().toString(36)}${pid}`, pid, hostname: hostname(), since: "2020-01-01T00:00:00.000Z", command: "enclave serve (killed)", ...extra };
}

function readHolder(dataDir: string): LockHolder {
  return JSON.parse(readFileSync(join(dataDir, LOCK_FILE), "utf8")) as LockHolder;
}

/** Runs acquireDataDirLock(dir) in its own process, which holds a won lock for `holdMs`; resolves to its one line. */
function racer(dataDir: string, holdMs: number): Promise<string> {
  const code =
    `const { acquireDataDirLock } = await import(${JSON.stringify(lockModule)});` +
    `try { const lock = acquireDataDirLock(process.argv[1]); console.log("won " + lock.holder.id); setTimeout(() => lock.release(), ${holdMs}); }` +
    `catch (error) { console.log("lost " + error.message); }`;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", code, dataDir], { cwd: root, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (err += chunk.toString()));
    child.once("error", reject);
    child.once("exit", () => (out.trim() ? resolve(out.trim()) : reject(new Error(`racer printed nothing: ${err}`))));
  });
}

describe("PGlite data dir lock: two processes on one data dir", { skip: testDatabaseUrl ? "PostgreSQL mode takes no data dir lock" : false }, () => {
  let store: StoreLocation;
  let host: WidgetHostProcess | undefined;
  let intent: CreatedIntent;

  before(async () => {
    store = await createStore();
    host = await startWidgetHost({ store });
    intent = await createIntent(host, { amount: 4321, currency: "eur" });
  });

  after(async () => {
    await host?.stop();
    if (store) await removeStore(store);
  });

  test("the lock file names the serving process", () => {
    assert.ok(host);
    const holder = readHolder(store.dataDir);
    assert.equal(holder.pid, host.pid);
    assert.equal(holder.hostname, hostname());
    assert.match(holder.command, /serve/);
  });

  test("a second `enclave serve` on the same data dir exits non-zero naming the holder's pid, one line, no stack", async () => {
    assert.ok(host);
    const result = await runCli(["serve", "--port", "0", "--host", "127.0.0.1", ...storeArgs(store)]);
    assert.equal(result.code, 1, result.stdout + result.stderr);
    assert.match(result.stderr, new RegExp(`in use by process ${host.pid} on ${hostname()}`));
    assert.match(result.stderr, new RegExp(`kill ${host.pid}`));
    assert.doesNotMatch(result.stderr, /\n\s+at /, "no stack trace");
    assert.doesNotMatch(result.stdout, /listening/);
    // The first host is untouched.
    assert.equal((await get(host, `/v1/payment_intents/${intent.id}`)).status, 200);
  });

  test("`enclave keys` and `enclave rotate-keys` refuse likewise while it serves", async () => {
    assert.ok(host);
    for (const args of [["keys", "--json"], ["rotate-keys"]]) {
      const result = await runCli([...args, ...storeArgs(store)]);
      assert.equal(result.code, 1, `${args.join(" ")}: ${result.stdout}${result.stderr}`);
      assert.match(result.stderr, new RegExp(`in use by process ${host.pid}`));
      assert.equal(result.stdout, "", "no keys printed");
    }
  });

  test("after a kill -9 the lock is stale: the next start takes it over and the data is intact", async () => {
    assert.ok(host);
    const killed = host.pid;
    process.kill(killed, "SIGKILL");
    const exit = await host.stop();
    assert.equal(exit.signal, "SIGKILL");
    host = undefined;
    assert.equal(readHolder(store.dataDir).pid, killed, "a kill -9 leaves the lock behind");

    host = await startWidgetHost({ store, seed: false });
    assert.equal(readHolder(store.dataDir).pid, host.pid);
    assert.match(host.output(), new RegExp(`took over the stale lock .*process ${killed}`));
    const read = await get(host, `/v1/payment_intents/${intent.id}`);
    assert.equal(read.status, 200, read.text);
    assert.equal(read.body.amount, 4321);
  });

  test("SIGTERM releases the lock; then `enclave keys` works", async () => {
    assert.ok(host);
    const exit = await host.stop();
    assert.equal(exit.code, 0, host.output());
    host = undefined;
    assert.equal(existsSync(join(store.dataDir, LOCK_FILE)), false, "no lock file after a clean stop");
    const keys = await runCli(["keys", "--json", ...storeArgs(store)]);
    assert.equal(keys.code, 0, keys.stderr);
    assert.equal(existsSync(join(store.dataDir, LOCK_FILE)), false, "`keys` releases it too");
  });
});

describe("PGlite data dir lock: the lock itself", () => {
  let dir: string;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), "enclave-lock-test-"));
  });

  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  test("two serves racing for one stale lock: exactly one listens, the other exits 1 naming it", { skip: testDatabaseUrl ? "PGlite only" : false }, async () => {
    const scratch = await createStore();
    try {
      // A first start makes the database, so that both racers only open it.
      const first = await startWidgetHost({ store: scratch });
      await first.stop();
      writeFileSync(join(scratch.dataDir, LOCK_FILE), JSON.stringify(staleRecord(await deadPid())));
      const [a, b] = await Promise.allSettled([startWidgetHost({ store: scratch, seed: false }), startWidgetHost({ store: scratch, seed: false })]);
      const winners = [a, b].filter((result): result is PromiseFulfilledResult<WidgetHostProcess> => result.status === "fulfilled");
      const losers = [a, b].filter((result): result is PromiseRejectedResult => result.status === "rejected");
      try {
        assert.equal(winners.length, 1, `exactly one starts: ${losers.map((loser) => String(loser.reason)).join("\n")}`);
        const winner = winners[0]?.value;
        assert.ok(winner);
        assert.match(String(losers[0]?.reason), new RegExp(`exited \\(code 1[\\s\\S]*in use by process ${winner.pid}`));
        assert.equal(readHolder(scratch.dataDir).pid, winner.pid);
      } finally {
        for (const winner of winners) await winner.value.stop();
      }
    } finally {
      await removeStore(scratch);
    }
  });

  test("racing for a stale lock, four processes at a time, five times: exactly one wins each time", async () => {
    for (let round = 0; round < 5; round++) {
      const dataDir = join(dir, `race-${round}`);
      await mkdir(dataDir);
      writeFileSync(join(dataDir, LOCK_FILE), JSON.stringify(staleRecord(await deadPid())));
      const lines = await Promise.all([0, 1, 2, 3].map(() => racer(dataDir, 3000)));
      const won = lines.filter((line) => line.startsWith("won "));
      assert.equal(won.length, 1, `round ${round}: ${lines.join(" | ")}`);
      for (const line of lines.filter((each) => !each.startsWith("won "))) assert.match(line, /^lost The data dir .* is in use by process \d+/);
    }
  });

  test("a lock taken on another host is never assumed stale, and the message says so", async () => {
    const dataDir = join(dir, "other-host");
    const lockPath = join(dataDir, LOCK_FILE);
    {
      await mkdir(dataDir);
      writeFileSync(lockPath, JSON.stringify(staleRecord(1, { hostname: "some-other-host.example" })));
      assert.throws(
        () => acquireDataDirLock(dataDir),
        (error: unknown) => {
          assert.ok(error instanceof DataDirLocked);
          assert.match(error.message, /process 1 on some-other-host\.example/);
          assert.match(error.message, /another host, so it is never assumed stale/);
          assert.match(error.message, new RegExp(`delete ${lockPath.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`));
          return true;
        },
      );
      assert.equal(readHolder(dataDir).hostname, "some-other-host.example", "left as it was");
    }
  });

  test(
    "a reused pid (same pid, another process start time) is stale; the live holder is not",
    { skip: processStartOf(process.pid) === undefined ? "needs /proc" : false },
    async () => {
      const dataDir = join(dir, "reused");
      await mkdir(dataDir);
      const sleeper = spawn(process.execPath, ["-e", "setTimeout(() => {}, 60000)"], { stdio: "ignore" });
      try {
        const pid = sleeper.pid ?? 0;
        await sleep(200);
        const start = processStartOf(pid);
        assert.ok(start);
        writeFileSync(join(dataDir, LOCK_FILE), JSON.stringify(staleRecord(pid, { processStart: start })));
        assert.throws(() => acquireDataDirLock(dataDir), new RegExp(`in use by process ${pid}`));
        writeFileSync(join(dataDir, LOCK_FILE), JSON.stringify(staleRecord(pid, { processStart: String(Number(start) - 1) })));
        const lock = acquireDataDirLock(dataDir);
        assert.equal(readHolder(dataDir).pid, process.pid);
        assert.throws(() => acquireDataDirLock(dataDir), /already open in this process/);
        lock.release();
        assert.equal(existsSync(join(dataDir, LOCK_FILE)), false);
      } finally {
        sleeper.kill("SIGKILL");
      }
    },
  );

  test("release() leaves a lock that is no longer ours alone", async () => {
    const dataDir = join(dir, "not-ours");
    await mkdir(dataDir);
    const lock = acquireDataDirLock(dataDir);
    const other = staleRecord(1, { hostname: "elsewhere.example" });
    writeFileSync(join(dataDir, LOCK_FILE), JSON.stringify(other));
    lock.release();
    assert.equal(readHolder(dataDir).id, other.id);
  });
});
