/** Node-side helpers of bench/run.ts: Chromium, ports, static servers, statistics. */
import { execFile } from "node:child_process";
import { createServer, type OutgoingHttpHeaders } from "node:http";
import { createServer as createNetServer } from "node:net";
import { promisify } from "node:util";
import { chromiumLaunchOptions } from "../test/support/chromium.js";

export { chromiumLaunchOptions };

/** The version of the Chromium the bench drives (test/support/chromium.ts picks it), for the report. */
export async function chromiumVersion(): Promise<string> {
  const { executablePath, env } = await chromiumLaunchOptions();
  const { stdout } = await promisify(execFile)(executablePath, ["--version"], { timeout: 30_000, env });
  return stdout.trim();
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createNetServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

export interface StaticFile {
  body: string | Uint8Array;
  type: string;
}

export interface StaticServer {
  port: number;
  close(): Promise<void>;
}

/**
 * Serves a fixed set of files from memory on 127.0.0.1 (or `at.host`, e.g. "localhost" for a
 * second origin), with the same headers on each.
 */
export async function serveStatic(files: Map<string, StaticFile>, headers: OutgoingHttpHeaders, at: { host?: string; port?: number } = {}): Promise<StaticServer> {
  const port = at.port ?? (await freePort());
  const host = at.host ?? "127.0.0.1";
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? "/", "http://x").pathname;
    const file = files.get(path);
    if (!file) {
      response.writeHead(404, { "Content-Type": "text/plain" }).end("not found");
      return;
    }
    response.writeHead(200, { ...headers, "Content-Type": file.type, "Cache-Control": "no-store" }).end(file.body);
  });
  server.keepAliveTimeout = 1_000;
  await new Promise<void>((resolve) => server.listen(port, host, resolve));
  return {
    port,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Nearest-rank percentile of an ascending array. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

export function median(values: readonly number[]): number {
  return percentile(
    [...values].sort((a, b) => a - b),
    50,
  );
}

export function mean(values: readonly number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}
