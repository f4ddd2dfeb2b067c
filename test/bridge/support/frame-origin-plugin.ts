/**
 * A @web/test-runner plugin that gives the bridge tests a real second origin. It runs a
 * tiny HTTP server on 127.0.0.1 (the test pages load from localhost, so the two are
 * cross-origin and cross-site) that serves:
 *
 * - `/frame.html`: the test frame, whose script is frame-app.ts bundled by esbuild on
 *   each request (so it always runs the current src/bridge code, never a build);
 * - `/silent.html`: a page with no script, for a frame that never says hello.
 *
 * The test pages learn the frame's origin from `/__bridge-test/env.json` on the dev server.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = fileURLToPath(new URL("../../..", import.meta.url));
const frameApp = fileURLToPath(new URL("./frame-app.ts", import.meta.url));

const pages: Record<string, string> = {
  "/frame.html": `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Bridge test frame</title>
<script type="module" src="/frame-app.js"></script></head><body></body></html>`,
  "/silent.html": `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>A frame that never answers</title></head><body></body></html>`,
};

/** The part of the dev server's request context this plugin reads. */
interface ServeContext {
  path: string;
}

export interface BridgeTestEnv {
  frameOrigin: string;
}

async function bundleFrameApp(): Promise<string> {
  const result = await build({
    entryPoints: [frameApp],
    bundle: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    // The project's tsconfig, so esbuild compiles class fields as tsc does.
    tsconfig: `${root}tsconfig.json`,
    sourcemap: "inline",
    write: false,
    logLevel: "silent",
  });
  const output = result.outputFiles[0];
  if (!output) throw new Error("esbuild produced no bundle for the bridge test frame");
  return output.text;
}

async function respond(request: IncomingMessage, response: ServerResponse): Promise<void> {
  const path = new URL(request.url ?? "/", "http://frame.invalid").pathname;
  const send = (status: number, type: string, body: string): void => {
    response.writeHead(status, { "Content-Type": `${type}; charset=utf-8`, "Cache-Control": "no-store" });
    response.end(body);
  };
  try {
    const page = pages[path];
    if (page !== undefined) send(200, "text/html", page);
    else if (path === "/frame-app.js") send(200, "text/javascript", await bundleFrameApp());
    else send(404, "text/plain", "not found");
  } catch (error) {
    // Shown in the test's browser logs as a failed module load, with esbuild's message.
    send(500, "text/plain", error instanceof Error ? error.message : String(error));
  }
}

export function frameOriginPlugin() {
  let server: Server | undefined;
  let env: BridgeTestEnv = { frameOrigin: "" };

  return {
    name: "enclave-bridge-frame-origin",

    async serverStart(): Promise<void> {
      const started = createServer((request, response) => void respond(request, response));
      await new Promise<void>((resolve, reject) => {
        started.once("error", reject);
        // Port 0: the OS picks a free port, so parallel runs never collide.
        started.listen(0, "127.0.0.1", resolve);
      });
      server = started;
      env = { frameOrigin: `http://127.0.0.1:${(started.address() as AddressInfo).port}` };
    },

    async serverStop(): Promise<void> {
      const stopping = server;
      if (!stopping) return;
      server = undefined;
      stopping.closeAllConnections();
      await new Promise<void>((resolve) => stopping.close(() => resolve()));
    },

    serve(context: ServeContext): { body: string; type: string } | undefined {
      if (context.path === "/__bridge-test/env.json") return { body: JSON.stringify(env), type: "json" };
      return undefined;
    },
  };
}
