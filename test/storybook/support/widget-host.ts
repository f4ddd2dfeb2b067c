/**
 * A real widget host (`enclave serve`, from source, frames from `dist/frames`) for the
 * host-element stories, allowing the Storybook's origin, with a sandbox merchant whose keys
 * the test knows; and the merchant backend's one job here, minting client tokens.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const STORYBOOK_PUBLISHABLE_KEY = "pk_test_storybooksuite00000001";
const STORYBOOK_SECRET_KEY = "sk_test_storybooksuite000000000000000001";

export type Flow = "checkout" | "bank-link" | "identity";

/** The call that opens a session of each flow; each answers with its first `client_token`. */
const sessionRequests: Record<Flow, { path: string; body: unknown }> = {
  checkout: { path: "/v1/payment_intents", body: { amount: 4900, currency: "usd", description: "Storybook" } },
  "bank-link": { path: "/v1/bank_link_sessions", body: { products: ["accounts", "balances", "transactions"] } },
  identity: { path: "/v1/identity_sessions", body: { type: "document", options: { require_selfie: true } } },
};

export interface WidgetHost {
  url: string;
  /** A client token for a new session of `flow`, as the merchant's backend would mint it. */
  clientToken: (flow: Flow) => Promise<string>;
  stop: () => Promise<void>;
}

export async function startWidgetHost(root: string, allowedOrigins: string[]): Promise<WidgetHost> {
  const dataDir = await mkdtemp(join(tmpdir(), "enclave-storybook-"));
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", join(root, "src/server/cli.ts"), "serve", "--port", "0", "--host", "127.0.0.1", "--data-dir", dataDir], {
    cwd: root,
    env: {
      ...process.env,
      ENCLAVE_PUBLISHABLE_KEY: STORYBOOK_PUBLISHABLE_KEY,
      ENCLAVE_SECRET_KEY: STORYBOOK_SECRET_KEY,
      ENCLAVE_ALLOWED_ORIGINS: allowedOrigins.join(","),
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the widget host did not start:\n${output}`)), 60_000);
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      const port = output.match(/listening on http:\/\/[^:\s]+:(\d+)/)?.[1];
      if (port) {
        clearTimeout(timer);
        resolve(`http://127.0.0.1:${port}`);
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("exit", (code) => reject(new Error(`the widget host exited with ${code}:\n${output}`)));
  });

  return {
    url,
    async clientToken(flow) {
      const { path, body } = sessionRequests[flow];
      const response = await fetch(`${url}${path}`, {
        method: "POST",
        headers: { Authorization: `Bearer ${STORYBOOK_SECRET_KEY}`, "Content-Type": "application/json" },
        body: JSON.stringify(body),
      });
      const session = (await response.json()) as { client_token?: string };
      if (!response.ok || !session.client_token) throw new Error(`${path} answered ${response.status}: ${JSON.stringify(session)}`);
      return session.client_token;
    },
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once("exit", resolve));
        child.kill("SIGTERM");
        await exited;
      }
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
