/**
 * PGlite as the widget host runs it: one process at a time on a data dir (data-dir-lock.ts),
 * and sized for a host that must fit in a few hundred MiB.
 *
 * Memory, as measured (RSS of PGlite alone, 0.4.6, Node 20):
 * - PostgreSQL's own defaults, which PGlite keeps: `shared_buffers` 128 MB and 100
 *   connections' worth of shared memory, all allocated (and touched) in the WASM heap at
 *   start — 286 MiB just after opening. PGlite is one backend in one process, and its reads
 *   go through Node's file system, i.e. the OS page cache, so a small buffer pool costs
 *   little: with 16 MB and 5 connections it opens at 157 MiB.
 * - The first start runs initdb in a second, throwaway PGlite instance; V8 keeps its WASM
 *   memory until a full GC that a quiet process may never run (670 MiB resident after it,
 *   276 after a forced GC). So initdb runs in a child process instead, which gives all of it
 *   back when it exits — into a staging dir that is renamed into place, so an interrupted
 *   first start leaves no half-made data dir.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync } from "node:fs";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PGliteDialect } from "kysely-pglite-dialect";
import type { Dialect, Driver } from "kysely";
import { acquireDataDirLock, type DataDirLock } from "./data-dir-lock.js";

/** Added to PGlite's start parameters (see the memory notes above). */
export const PGLITE_SETTINGS = ["-c", "shared_buffers=16MB", "-c", "max_connections=5"];

/** Runs initdb for `pgdata` in a child process (its memory goes back to the OS when it exits). */
async function initialize(pgdata: string): Promise<void> {
  const staging = `${pgdata}.initializing`;
  rmSync(staging, { recursive: true, force: true });
  const module = import.meta.resolve("@electric-sql/pglite");
  const code = `const { PGlite } = await import(${JSON.stringify(module)}); const db = await PGlite.create(process.argv[1]); await db.close();`;
  const output = await new Promise<{ code: number | null; stderr: string }>((resolve, reject) => {
    const child = spawn(process.execPath, ["--input-type=module", "-e", code, staging], { stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
    child.once("error", reject);
    child.once("exit", (exitCode) => resolve({ code: exitCode, stderr }));
  });
  if (output.code !== 0 || !existsSync(join(staging, "PG_VERSION"))) {
    rmSync(staging, { recursive: true, force: true });
    throw new Error(`PGlite could not create its database in ${pgdata} (initdb exited ${output.code}):\n${output.stderr}`);
  }
  renameSync(staging, pgdata);
}

/** A Kysely dialect whose driver, once destroyed (Kysely.destroy), also gives the data dir back. */
class LockedPGliteDialect extends PGliteDialect {
  constructor(
    pglite: PGlite,
    private readonly lock: DataDirLock,
  ) {
    super(pglite);
  }

  override createDriver(): Driver {
    const driver = super.createDriver();
    const destroy = driver.destroy.bind(driver);
    const lock = this.lock;
    driver.destroy = async () => {
      try {
        await destroy();
      } finally {
        lock.release();
      }
    };
    return driver;
  }
}

/** Locks `dataDir` for this process and opens PGlite in `<dataDir>/pgdata`; throws DataDirLocked when another process has it. */
export async function openPGlite(dataDir: string): Promise<Dialect> {
  mkdirSync(dataDir, { recursive: true });
  const lock = acquireDataDirLock(dataDir);
  try {
    const pgdata = join(dataDir, "pgdata");
    if (!existsSync(join(pgdata, "PG_VERSION"))) {
      if (existsSync(pgdata)) {
        if (readdirSync(pgdata).length > 0) throw new Error(`${pgdata} exists but holds no database (no PG_VERSION). Move it away to start afresh.`);
        rmSync(pgdata, { recursive: true });
      }
      await initialize(pgdata);
    }
    const pglite = await PGlite.create(pgdata, { startParams: [...PGlite.defaultStartParams, ...PGLITE_SETTINGS] });
    return new LockedPGliteDialect(pglite, lock);
  } catch (error) {
    lock.release();
    throw error;
  }
}
