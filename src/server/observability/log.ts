/**
 * The host's log: one JSON object per line, `{"time","level","msg",…fields}`, on stdout
 * (the startup banner of `enclave serve` stays plain text; `enclave keys` and
 * `rotate-keys` send log lines to stderr so their stdout stays what a script reads).
 *
 * Lines are cheap: below the level nothing is built; at or above it one string is made
 * and queued, and the queue is written every FLUSH_MS or once it holds FLUSH_BYTES: one
 * write for hundreds of access-log lines under load, where each write is a syscall that
 * costs as much as a request's own work (bench/http.ts). Warnings and errors are written
 * at once, after what is queued, and `flushLog()` runs on exit, so the last lines before a
 * crash are kept; only a SIGKILL can lose the last FLUSH_MS of info lines.
 *
 * Never log a secret: callers pass ids, route patterns and counts, never a header, a
 * body, a query string or a token.
 */
export const logLevels = ["debug", "info", "warn", "error"] as const;
export type LogLevel = (typeof logLevels)[number];

const rank: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export type LogFields = Record<string, string | number | boolean | null | undefined>;

interface Sink {
  write(text: string): unknown;
}

/** How long an info line may wait to be written, and how much may wait. */
const FLUSH_MS = 50;
const FLUSH_BYTES = 64 * 1024;

let threshold = rank.info;
let sink: Sink = process.stdout;
let queued = "";
let flushScheduled = false;

/** Sets the level (ENCLAVE_LOG_LEVEL) and, for commands whose stdout is their answer, the stream. */
export function configureLog(options: { level?: LogLevel; stream?: Sink }): void {
  if (options.level) threshold = rank[options.level];
  if (options.stream) {
    flushLog();
    sink = options.stream;
  }
}

export function logEnabled(level: LogLevel): boolean {
  return rank[level] >= threshold;
}

/** Writes what is queued now (before the banner, on shutdown, on exit). */
export function flushLog(): void {
  flushScheduled = false;
  if (queued === "") return;
  const text = queued;
  queued = "";
  sink.write(text);
}

process.on("exit", flushLog);

/** A line from its parts; `fields` must not repeat time, level or msg. */
export function formatLine(level: LogLevel, msg: string, fields?: LogFields): string {
  const head = `{"time":"${new Date().toISOString()}","level":"${level}","msg":${JSON.stringify(msg)}`;
  if (fields === undefined) return `${head}}\n`;
  const rest = JSON.stringify(fields);
  return rest === "{}" ? `${head}}\n` : `${head},${rest.slice(1)}\n`;
}

/** Queues (debug, info) or writes (warn, error) a line already formatted by `formatLine`. */
export function writeLine(level: LogLevel, line: string): void {
  if (rank[level] >= rank.warn) {
    queued += line;
    flushLog();
    return;
  }
  queued += line;
  if (queued.length >= FLUSH_BYTES) flushLog();
  else if (!flushScheduled) {
    flushScheduled = true;
    // Unref'd: a queued line never keeps a finished process alive (exit flushes it).
    setTimeout(flushLog, FLUSH_MS).unref();
  }
}

function emit(level: LogLevel, msg: string, fields?: LogFields): void {
  if (rank[level] < threshold) return;
  writeLine(level, formatLine(level, msg, fields));
}

/** An error as log fields: its message, and its stack only when asked (an unexpected error). */
export function errorFields(error: unknown, withStack = false): LogFields {
  if (!(error instanceof Error)) return { error: String(error) };
  return withStack ? { error: error.message, stack: error.stack } : { error: error.message };
}

export const log = {
  debug: (msg: string, fields?: LogFields): void => emit("debug", msg, fields),
  info: (msg: string, fields?: LogFields): void => emit("info", msg, fields),
  warn: (msg: string, fields?: LogFields): void => emit("warn", msg, fields),
  error: (msg: string, fields?: LogFields): void => emit("error", msg, fields),
};
