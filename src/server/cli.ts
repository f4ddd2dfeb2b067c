#!/usr/bin/env node
/**
 * `enclave serve [--port 4000] [--host localhost] [--data-dir .enclave] [--database-url URL]`
 * runs the widget host; `enclave keys [--json]` prints the sandbox merchant's keys.
 */
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { ConfigError } from "./config.js";
import { loaderIntegrity, loaderScriptTag } from "./loader-integrity.js";
import { createWidgetHost } from "./app.js";

const usage = `Usage:
  enclave serve [--port 4000] [--host localhost] [--data-dir .enclave] [--database-url URL]
  enclave keys [--json] [--data-dir .enclave] [--database-url URL]`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  let values: { port?: string | undefined; host?: string | undefined; "data-dir"?: string | undefined; "database-url"?: string | undefined; json?: boolean | undefined };
  try {
    ({ values } = parseArgs({
      args: rest,
      options: { port: { type: "string" }, host: { type: "string" }, "data-dir": { type: "string" }, "database-url": { type: "string" }, json: { type: "boolean" } },
      strict: true,
    }));
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${usage}`);
    return 2;
  }
  if (command !== "serve" && command !== "keys") {
    console.error(usage);
    return command === undefined || command === "help" || command === "--help" ? 0 : 2;
  }
  const port = Number(values.port ?? process.env["PORT"] ?? 4000);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    console.error(`--port must be a port number (got ${values.port}).`);
    return 2;
  }
  const host = await createWidgetHost({
    dataDir: resolve(values["data-dir"] ?? process.env["ENCLAVE_DATA_DIR"] ?? ".enclave"),
    databaseUrl: values["database-url"],
    deliverWebhooks: command === "serve",
  });
  const keys = host.sandboxKeys;
  if (command === "keys") {
    console.log(values.json ? JSON.stringify({ publishable_key: keys.publishableKey, secret_key: keys.secretKey }) : `publishable key: ${keys.publishableKey}\nsecret key: ${keys.secretKey}`);
    await host.close();
    return 0;
  }
  const listener = await host.listen(port, values.host ?? "localhost");
  console.log(`Enclave widget host listening on ${listener.url}`);
  console.log(`  loader: ${listener.url}/v1/enclave.js`);
  const integrity = await loaderIntegrity(host.distDir);
  console.log(integrity ? `  script tag: ${loaderScriptTag(listener.url, integrity)}` : "  script tag: the loader is not built yet (npm run build)");
  console.log(`  publishable key: ${keys.publishableKey}`);
  console.log(`  secret key: ${keys.secretKey}`);
  const stop = async (): Promise<void> => {
    await listener.close();
    await host.close();
    process.exit(0);
  };
  process.once("SIGINT", () => void stop());
  process.once("SIGTERM", () => void stop());
  return -1;
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (error: unknown) => {
    console.error(error instanceof ConfigError ? `enclave: ${error.message}` : error);
    process.exit(1);
  },
);
