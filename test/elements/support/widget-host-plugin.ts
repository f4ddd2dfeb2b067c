/**
 * A @web/test-runner plugin that runs a real widget host (`enclave serve`) for the
 * element tests, on 127.0.0.1 while the test pages load from localhost: the frames are
 * really cross-origin. It also plays the merchant's backend at `/__merchant/*` (the
 * secret key stays in Node, as it would on a real backend) and tells the pages where
 * everything is through the module `/__enclave-test-env.js`.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../../..", import.meta.url));
export const TEST_PUBLISHABLE_KEY = "pk_test_elementsuite0000000001";
export const TEST_SECRET_KEY = "sk_test_elementsuite00000000000000000001";
export const TEST_CLIENT_TOKEN_TTL_SECONDS = 3;

interface PluginContext {
  path: string;
  method: string;
  body?: unknown;
  request: { method: string; url: string };
  req: NodeJS.ReadableStream;
}

export function widgetHostPlugin(options: { pageOrigins: () => string[] }) {
  let child: ChildProcess | undefined;
  let hostUrl = "";
  let dataDir = "";

  async function api(method: string, path: string, body?: unknown): Promise<{ status: number; json: unknown }> {
    const response = await fetch(`${hostUrl}${path}`, {
      method,
      headers: { Authorization: `Bearer ${TEST_SECRET_KEY}`, "Content-Type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, json: await response.json() };
  }

  return {
    name: "enclave-widget-host",

    async serverStart(): Promise<void> {
      dataDir = mkdtempSync(join(tmpdir(), "enclave-wtr-"));
      child = spawn(process.execPath, ["--import", "tsx", join(root, "src/server/cli.ts"), "serve", "--port", "0", "--host", "127.0.0.1", "--data-dir", dataDir], {
        cwd: root,
        env: {
          ...process.env,
          ENCLAVE_PUBLISHABLE_KEY: TEST_PUBLISHABLE_KEY,
          ENCLAVE_SECRET_KEY: TEST_SECRET_KEY,
          ENCLAVE_ALLOWED_ORIGINS: options.pageOrigins().join(","),
          ENCLAVE_CLIENT_TOKEN_TTL_SECONDS: String(TEST_CLIENT_TOKEN_TTL_SECONDS),
        },
        stdio: ["ignore", "pipe", "pipe"],
      });
      let output = "";
      hostUrl = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`widget host did not start:\n${output}`)), 60_000);
        const onData = (chunk: Buffer): void => {
          output += chunk.toString();
          const port = output.match(/listening on http:\/\/[^:\s]+:(\d+)/)?.[1];
          if (port) {
            clearTimeout(timer);
            resolve(`http://127.0.0.1:${port}`);
          }
        };
        child?.stdout?.on("data", onData);
        child?.stderr?.on("data", onData);
        child?.once("exit", (code) => reject(new Error(`widget host exited with ${code}:\n${output}`)));
      });
    },

    async serverStop(): Promise<void> {
      if (child && child.exitCode === null) {
        const exited = new Promise((resolve) => child?.once("exit", resolve));
        child.kill("SIGTERM");
        await exited;
      }
      rmSync(dataDir, { recursive: true, force: true });
    },

    async serve(context: PluginContext): Promise<{ body: string; type: string } | undefined> {
      if (context.path === "/__enclave-test-env.js") {
        const env = { hostUrl, publishableKey: TEST_PUBLISHABLE_KEY, clientTokenTtlSeconds: TEST_CLIENT_TOKEN_TTL_SECONDS };
        return { body: `export default ${JSON.stringify(env)};`, type: "js" };
      }
      if (context.path === "/__merchant/payment-intent") {
        const { json } = await api("POST", "/v1/payment_intents", { amount: 2599, currency: "usd", description: "Element test" });
        return { body: JSON.stringify(json), type: "json" };
      }
      if (context.path === "/__merchant/bank-link-session") {
        const { json } = await api("POST", "/v1/bank_link_sessions", { products: ["accounts"] });
        return { body: JSON.stringify(json), type: "json" };
      }
      if (context.path.startsWith("/__merchant/client-token/")) {
        const session = context.path.split("/").pop() ?? "";
        const { json } = await api("POST", "/v1/client_tokens", { session });
        return { body: JSON.stringify(json), type: "json" };
      }
      if (context.path.startsWith("/__merchant/cancel/")) {
        const id = context.path.split("/").pop() ?? "";
        const { json } = await api("POST", `/v1/payment_intents/${id}/cancel`);
        return { body: JSON.stringify(json), type: "json" };
      }
      return undefined;
    },
  };
}
