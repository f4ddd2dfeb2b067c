/**
 * One process at a time on a PGlite data dir. PGlite is PostgreSQL in single-user mode:
 * it takes no lock of its own, and two processes writing one data dir corrupt it. So the
 * store holds `<dataDir>/enclave.lock` while it is open: a small JSON record of the holder
 * (pid, hostname, when, command line, and — on Linux — the kernel's start time of that
 * pid and the boot id, to tell a reused pid from the holder).
 *
 * - Taking it is atomic: the record is written to a file of our own, then hard-linked to
 *   the lock's name (link fails with EEXIST when it is held), so the lock is never seen
 *   half-written; where hard links are not supported, `open(…, "wx")` (O_EXCL).
 * - A held lock is refused with DataDirLocked (a ConfigError: the CLI prints one line and
 *   exits 1) naming the holder and how to stop it.
 * - A stale lock (its pid is gone from this host, was reused by another process, or the
 *   machine rebooted since) is taken over. Two starters may find the same stale lock: each
 *   first creates, exclusively, a guard named after that record's random id, so only one of
 *   them at a time may replace it; it replaces the lock only if it still holds that very
 *   record (an atomic rename of its own record over it), then reads the lock back to make
 *   sure it is its own. Since every record's id is new, a replaced record never comes back:
 *   the other starter, getting the guard later, finds a live holder and is refused.
 * - A lock from another hostname (a data dir on a shared network drive) is never assumed
 *   stale: we cannot see that host's processes.
 * - Released when the store closes, and on a normal exit; a `kill -9` leaves it behind,
 *   stale, and the next start takes it over.
 */
import { createHash, randomBytes } from "node:crypto";
import { closeSync, fsyncSync, linkSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { ConfigError } from "../config.js";

export const LOCK_FILE = "enclave.lock";

/** What the lock file holds. */
export interface LockHolder {
  /** Random, new for every lock taken: what a takeover compares. */
  id: string;
  pid: number;
  hostname: string;
  /** ISO time the lock was taken. */
  since: string;
  command: string;
  /** Linux: field 22 of /proc/<pid>/stat (clock ticks after boot), which tells a reused pid apart. */
  processStart?: string;
  /** Linux: /proc/sys/kernel/random/boot_id; after a reboot every pid of the record is meaningless. */
  bootId?: string;
}

/** The data dir is open in another process (or a takeover needs a person). */
export class DataDirLocked extends ConfigError {
  override name = "DataDirLocked";
  constructor(
    message: string,
    readonly holder?: LockHolder,
  ) {
    super(message);
  }
}

export interface DataDirLock {
  readonly path: string;
  readonly holder: LockHolder;
  /** Removes the lock file if it is still ours; idempotent. */
  release(): void;
}

/** Locks held by this process, released on exit if nothing released them before. */
const held = new Map<string, DataDirLock>();
let exitHookInstalled = false;

/** A partly written record (only possible on the open-"wx" fallback) older than this is from a writer that died. */
const UNREADABLE_GRACE_MS = 5_000;
/** A takeover guard lives for milliseconds; one this old was left by a process that died in the middle of a takeover. */
const ABANDONED_GUARD_MS = 30_000;

function readOptional(path: string): string | undefined {
  try {
    return readFileSync(path, "utf8").trim();
  } catch {
    return undefined;
  }
}

/** Field 22 (starttime) of /proc/<pid>/stat, or undefined where there is no procfs (macOS, Windows) or no such pid. */
export function processStartOf(pid: number): string | undefined {
  const stat = readOptional(`/proc/${pid}/stat`);
  if (stat === undefined) return undefined;
  // The command name (field 2) is in parentheses and may hold spaces or ")": fields 3… follow the last ")".
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return fields[22 - 3];
}

function bootId(): string | undefined {
  return readOptional("/proc/sys/kernel/random/boot_id");
}

function newRecord(): LockHolder {
  const record: LockHolder = {
    id: randomBytes(12).toString("hex"),
    pid: process.pid,
    hostname: hostname(),
    since: new Date().toISOString(),
    command: [process.argv0, ...process.argv.slice(1)].join(" ").slice(0, 500),
  };
  const start = processStartOf(process.pid);
  if (start !== undefined) record.processStart = start;
  const boot = bootId();
  if (boot !== undefined) record.bootId = boot;
  return record;
}

function parseRecord(text: string): LockHolder | undefined {
  try {
    const value = JSON.parse(text) as Partial<LockHolder>;
    if (typeof value.id === "string" && typeof value.pid === "number" && Number.isInteger(value.pid) && value.pid > 0 && typeof value.hostname === "string") {
      return {
        id: value.id,
        pid: value.pid,
        hostname: value.hostname,
        since: typeof value.since === "string" ? value.since : "an unknown time",
        command: typeof value.command === "string" ? value.command : "",
        ...(typeof value.processStart === "string" ? { processStart: value.processStart } : {}),
        ...(typeof value.bootId === "string" ? { bootId: value.bootId } : {}),
      };
    }
  } catch {
    // not JSON: see readLock
  }
  return undefined;
}

type LockState =
  | { kind: "absent" }
  | { kind: "record"; holder: LockHolder }
  /** Not a record we can read: `key` names this very file (inode, size, time) for the takeover guard. */
  | { kind: "unreadable"; key: string; ageMs: number };

function readLock(path: string): LockState {
  let text: string;
  let stats: ReturnType<typeof statSync>;
  try {
    stats = statSync(path);
    text = readFileSync(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return { kind: "absent" };
    throw error;
  }
  const holder = parseRecord(text);
  if (holder) return { kind: "record", holder };
  return { kind: "unreadable", key: `unreadable-${stats.ino}-${stats.size}-${Math.floor(stats.mtimeMs)}`, ageMs: Date.now() - stats.mtimeMs };
}

export type Liveness = { alive: true; reason: string } | { alive: false; reason: string };

/** Whether the holder of a record may still be running; only "not alive" when we can tell for sure. */
export function holderLiveness(holder: LockHolder): Liveness {
  if (holder.hostname !== hostname()) return { alive: true, reason: `on another host (${holder.hostname}), whose processes this one cannot see` };
  const boot = bootId();
  if (holder.bootId !== undefined && boot !== undefined && holder.bootId !== boot) return { alive: false, reason: "the machine has restarted since" };
  if (holder.pid === process.pid) {
    // Our own pid but not a lock this process took (those are refused before): an earlier life of this pid (a restarted container).
    const start = processStartOf(process.pid);
    if (holder.processStart !== undefined && start !== undefined) {
      return holder.processStart === start ? { alive: true, reason: "this very process" } : { alive: false, reason: "its pid is now this process's" };
    }
    return { alive: false, reason: "its pid is now this process's" };
  }
  try {
    process.kill(holder.pid, 0);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ESRCH") return { alive: false, reason: `process ${holder.pid} is no longer running` };
    // EPERM: alive, under another user.
    if (code !== "EPERM") return { alive: true, reason: `process ${holder.pid} could not be checked (${code ?? String(error)})` };
  }
  const start = processStartOf(holder.pid);
  if (holder.processStart !== undefined && start !== undefined && start !== holder.processStart) {
    return { alive: false, reason: `pid ${holder.pid} now belongs to another process` };
  }
  return { alive: true, reason: `process ${holder.pid} is running` };
}

function describe(dataDir: string, path: string, holder: LockHolder, liveness: Liveness): string {
  const who = `process ${holder.pid} on ${holder.hostname}, since ${holder.since}${holder.command ? ` (${holder.command})` : ""}`;
  if (holder.hostname !== hostname()) {
    return (
      `The data dir ${dataDir} is in use by ${who}. That lock was taken on another host, so it is never assumed stale. ` +
      `Stop the widget host there; if that host is gone for good, delete ${path}.`
    );
  }
  if (liveness.reason === "this very process") return `The data dir ${dataDir} is already open in this process.`;
  return (
    `The data dir ${dataDir} is in use by ${who}: PGlite admits one process at a time. ` +
    `Stop that process first (kill ${holder.pid}, or Ctrl-C where it runs), or give this one another data dir (--data-dir or ENCLAVE_DATA_DIR).`
  );
}

/** Writes `record` to a file only this call uses; returns its path. */
function writeOwnFile(path: string, record: LockHolder): string {
  const own = `${path}.${record.pid}.${record.id}.tmp`;
  writeRecord(openSync(own, "wx", 0o644), record);
  return own;
}

/** Writes `record` to the freshly created file `fd`, on disk before it is closed. */
function writeRecord(fd: number, record: LockHolder): void {
  try {
    writeSync(fd, `${JSON.stringify(record)}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function unlinkQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // already gone
  }
}

/** Creates the lock file holding `record` if there is none: true when we made it. */
function createExclusive(path: string, own: string, record: LockHolder): boolean {
  try {
    linkSync(own, path);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EEXIST") return false;
    if (code !== "EPERM" && code !== "ENOTSUP" && code !== "ENOSYS" && code !== "EOPNOTSUPP" && code !== "EXDEV") throw error;
  }
  // A filesystem without hard links: O_EXCL, then the record (readers treat a young unreadable lock as held).
  let fd: number;
  try {
    fd = openSync(path, "wx", 0o644);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw error;
  }
  writeRecord(fd, record);
  return true;
}

/**
 * Replaces the stale lock named by `staleKey` with our record, if nobody else does first.
 * True when the lock is now ours; false when someone else's takeover (or a new holder) came first.
 */
function takeOver(dataDir: string, path: string, own: string, record: LockHolder, staleKey: string, stillStale: (state: LockState) => boolean): boolean {
  // Hashed: the key comes from the lock file, which is not ours to trust as a file name.
  const guard = `${path}.takeover-${createHash("sha256").update(staleKey).digest("hex").slice(0, 32)}`;
  let fd: number;
  try {
    fd = openSync(guard, "wx", 0o644);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    // Another starter is taking over right now (a matter of milliseconds) — or died doing so.
    if (ageOf(guard) > ABANDONED_GUARD_MS) {
      throw new DataDirLocked(
        `A takeover of the stale lock of ${dataDir} was interrupted: ${guard} is left from it. If no widget host runs on this data dir, delete ${guard} and ${path}, then start again.`,
      );
    }
    return false;
  }
  try {
    writeSync(fd, `${JSON.stringify(record)}\n`);
    closeSync(fd);
    // Inside the guard: nobody else replaces this record now. Is it still the stale one?
    if (!stillStale(readLock(path))) return false;
    // Our own file stays as it is (we may need it again): a copy of it is moved over the lock.
    const replacement = `${own}.replace`;
    linkOrCopy(own, replacement);
    renameSync(replacement, path);
  } finally {
    // The lock no longer holds that record, so this guard can never be needed again.
    unlinkQuietly(guard);
  }
  const after = readLock(path);
  return after.kind === "record" && after.holder.id === record.id;
}

function ageOf(path: string): number {
  try {
    return Date.now() - statSync(path).mtimeMs;
  } catch {
    return 0;
  }
}

function linkOrCopy(from: string, to: string): void {
  try {
    linkSync(from, to);
  } catch {
    const fd = openSync(to, "wx", 0o644);
    try {
      writeSync(fd, readFileSync(from));
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  }
}

/**
 * Takes `<dataDir>/enclave.lock` for this process, taking over a stale one; throws
 * DataDirLocked when another live process holds it.
 */
export function acquireDataDirLock(dataDir: string): DataDirLock {
  const path = join(dataDir, LOCK_FILE);
  if (held.has(path)) throw new DataDirLocked(`The data dir ${dataDir} is already open in this process.`);
  const record = newRecord();
  const own = writeOwnFile(path, record);
  try {
    // A few rounds at most: each lost round means another process took or replaced the lock meanwhile.
    for (let round = 0; round < 50; round++) {
      if (createExclusive(path, own, record)) return hold(path, record);
      const state = readLock(path);
      if (state.kind === "absent") continue;
      if (state.kind === "unreadable") {
        if (state.ageMs < UNREADABLE_GRACE_MS) {
          sleepSync(Math.min(250, UNREADABLE_GRACE_MS - state.ageMs + 10));
          continue;
        }
        if (takeOver(dataDir, path, own, record, state.key, (now) => now.kind === "unreadable" && now.key === state.key)) return hold(path, record);
        sleepSync(10);
        continue;
      }
      const liveness = holderLiveness(state.holder);
      if (liveness.alive) throw new DataDirLocked(describe(dataDir, path, state.holder, liveness), state.holder);
      if (takeOver(dataDir, path, own, record, state.holder.id, (now) => now.kind === "record" && now.holder.id === state.holder.id)) {
        console.warn(`[enclave] took over the stale lock of ${dataDir} (held by process ${state.holder.pid} since ${state.holder.since}: ${liveness.reason}).`);
        return hold(path, record);
      }
      sleepSync(10);
    }
    throw new DataDirLocked(`The data dir ${dataDir} is being locked and unlocked by other processes all the time; try again, with one widget host per data dir.`);
  } finally {
    unlinkQuietly(own);
  }
}

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function hold(path: string, record: LockHolder): DataDirLock {
  let released = false;
  const lock: DataDirLock = {
    path,
    holder: record,
    release() {
      if (released) return;
      released = true;
      held.delete(path);
      const state = readLock(path);
      if (state.kind === "record" && state.holder.id === record.id) unlinkQuietly(path);
    },
  };
  held.set(path, lock);
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.on("exit", () => {
      for (const each of [...held.values()]) {
        try {
          each.release();
        } catch {
          // exiting anyway
        }
      }
    });
  }
  return lock;
}
