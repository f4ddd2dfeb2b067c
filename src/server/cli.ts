#!/usr/bin/env node
/**
 * `enclave serve [--port 4000] [--host localhost] [--data-dir .enclave] [--database-url URL]`
 * runs the widget host; `enclave keys [--json]` prints the sandbox merchant's keys, and
 * with `--roll [--expires-in <hours>]` gives it a new secret key first (the old one works
 * for the overlap, 24 hours by default); `enclave rotate-keys` re-seals everything sealed
 * at rest under a new key (src/server/key-rotation.ts); `enclave doctor <url>` says what
 * would stop the frames on a merchant page, with the fixes (src/server/doctor/).
 */
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { ConfigError } from "./config.js";
import { loaderIntegrity, loaderScriptTag } from "./loader-integrity.js";
import { createWidgetHost } from "./app.js";
import { rotateKeys } from "./key-rotation.js";
import { runDoctor } from "./doctor/run.js";
import { findMerchantByPublishableKey, rollSecretKey } from "./store/merchants.js";
import { configureLog, errorFields, flushLog, log } from "./observability/log.js";

const usage = `Usage:
  enclave serve [--port 4000] [--host localhost] [--data-dir .enclave] [--database-url URL]
  enclave keys [--json] [--roll [--expires-in <hours, default 24; fractions allowed>]] [--data-dir .enclave] [--database-url URL]
  enclave rotate-keys [--data-dir .enclave] [--database-url URL]
  enclave doctor <merchant page URL> [--widget-host URL] [--publishable-key pk_…] [--json]`;

const DEFAULT_OVERLAP_HOURS = 24;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  let values: {
    port?: string | undefined;
    host?: string | undefined;
    "data-dir"?: string | undefined;
    "database-url"?: string | undefined;
    json?: boolean | undefined;
    roll?: boolean | undefined;
    "expires-in"?: string | undefined;
    "widget-host"?: string | undefined;
    "publishable-key"?: string | undefined;
  };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: rest,
      allowPositionals: true,
      options: {
        port: { type: "string" },
        host: { type: "string" },
        "data-dir": { type: "string" },
        "database-url": { type: "string" },
        json: { type: "boolean" },
        roll: { type: "boolean" },
        "expires-in": { type: "string" },
        "widget-host": { type: "string" },
        "publishable-key": { type: "string" },
      },
      strict: true,
    }));
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${usage}`);
    return 2;
  }
  if (command === "doctor") {
    const [url, ...extra] = positionals;
    if (!url || extra.length > 0) {
      console.error(`enclave doctor takes one merchant page URL.\n\n${usage}`);
      return 2;
    }
    return runDoctor({ url, host: values["widget-host"], publishableKey: values["publishable-key"], json: values.json });
  }
  if (positionals.length > 0 || values["widget-host"] !== undefined || values["publishable-key"] !== undefined) {
    console.error(`${command ?? ""} takes no ${positionals.length > 0 ? `argument "${positionals[0] ?? ""}"` : "--widget-host or --publishable-key"}.\n\n${usage}`);
    return 2;
  }
  if (command !== "serve" && command !== "keys" && command !== "rotate-keys") {
    console.error(usage);
    return command === undefined || command === "help" || command === "--help" ? 0 : 2;
  }
  const dataDir = resolve(values["data-dir"] ?? process.env["ENCLAVE_DATA_DIR"] ?? ".enclave");
  // What `keys` and `rotate-keys` print on stdout is their answer (scripts parse it): log lines go to stderr.
  if (command !== "serve") configureLog({ stream: process.stderr });
  if (command === "rotate-keys") return rotateKeys({ dataDir, databaseUrl: values["database-url"] }, (line) => console.log(line));
  if ((values.roll || values["expires-in"] !== undefined) && command !== "keys") {
    console.error(`--roll and --expires-in go with enclave keys.\n\n${usage}`);
    return 2;
  }
  if (values["expires-in"] !== undefined && !values.roll) {
    console.error(`--expires-in goes with --roll.\n\n${usage}`);
    return 2;
  }
  const overlapHours = Number(values["expires-in"] ?? DEFAULT_OVERLAP_HOURS);
  if (!/^\d+(\.\d+)?$/.test(values["expires-in"] ?? "24") || !(overlapHours >= 0 && overlapHours <= 720)) {
    console.error(`--expires-in must be a number of hours from 0 to 720, e.g. 24 or 0.5 (got ${values["expires-in"]}).`);
    return 2;
  }
  const port = Number(values.port ?? process.env["PORT"] ?? 4000);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    console.error(`--port must be a port number (got ${values.port}).`);
    return 2;
  }
  const host = await createWidgetHost({
    dataDir,
    databaseUrl: values["database-url"],
    deliverWebhooks: command === "serve",
  });
  const keys = host.sandboxKeys;
  if (command === "keys") {
    try {
      if (values.roll) {
        const merchant = await findMerchantByPublishableKey(host.store, keys.publishableKey);
        if (!merchant) throw new ConfigError(`no merchant has the publishable key ${keys.publishableKey}`);
        const rolled = await rollSecretKey(host.store, merchant.id, Math.round(overlapHours * 3600));
        const expires = rolled.previousExpiresAt.toISOString();
        console.log(
          values.json
            ? JSON.stringify({ publishable_key: keys.publishableKey, secret_key: rolled.secretKey, previous_secret_key_expires_at: expires })
            : `publishable key: ${keys.publishableKey}\nsecret key: ${rolled.secretKey}\nthe previous secret key works until ${expires}`,
        );
      } else {
        console.log(
          values.json
            ? JSON.stringify({ publishable_key: keys.publishableKey, secret_key: keys.secretKey })
            : `publishable key: ${keys.publishableKey}\nsecret key: ${keys.secretKey}`,
        );
      }
    } finally {
      await host.close();
    }
    return 0;
  }
  const listener = await host.listen(port, values.host ?? "localhost");
  flushLog();
  console.log(`Enclave widget host listening on ${listener.url}`);
  console.log(`  loader: ${listener.url}/v1/enclave.js`);
  const integrity = await loaderIntegrity(host.distDir);
  console.log(integrity ? `  script tag: ${loaderScriptTag(listener.url, integrity)}` : "  script tag: the loader is not built yet (npm run build)");
  console.log(`  publishable key: ${keys.publishableKey}`);
  console.log(`  secret key: ${keys.secretKey}`);
  // Graceful: stop accepting, finish requests and claimed webhook deliveries, exit 0 within
  // ENCLAVE_SHUTDOWN_TIMEOUT_MS (src/server/shutdown.ts). A second signal exits at once.
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (stopping) {
      log.error("shutdown: second signal, exiting at once", { signal });
      process.exit(signal === "SIGINT" ? 130 : 143);
    }
    stopping = true;
    const started = Date.now();
    log.info("shutdown started", { signal, timeout_ms: host.shutdownTimeoutMs });
    // The last resort, should closing the store itself hang.
    setTimeout(() => {
      log.error("shutdown did not finish in time; exiting", { timeout_ms: host.shutdownTimeoutMs });
      process.exit(1);
    }, host.shutdownTimeoutMs + 5000).unref();
    host.shutdown().then(
      (report) => {
        log.info("shutdown complete", { duration_ms: Date.now() - started, forced: report.forced, requests_cut: report.requestsCut, deliveries_cut: report.deliveriesCut });
        process.exit(0);
      },
      (error: unknown) => {
        log.error("shutdown failed", errorFields(error, true));
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
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
