/**
 * `npm start`: builds what is missing, then runs the widget host on :4000 and the demo
 * merchant on :3000 in one process, prints both URLs and the sandbox keys, and stops
 * both cleanly on Ctrl-C.
 */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { createDemo } from "../demo/server.js";
import { createWidgetHost } from "../src/server/app.js";
import { ConfigError } from "../src/server/config.js";
import { loaderIntegrity, loaderScriptTag } from "../src/server/loader-integrity.js";

const fromRoot = (path: string): string => fileURLToPath(new URL(`../${path}`, import.meta.url));
const hostPort = Number(process.env["ENCLAVE_PORT"] ?? 4000);
const demoPort = Number(process.env["DEMO_PORT"] ?? 3000);
const widgetHost = `http://localhost:${hostPort}`;
const demoOrigins = [`http://localhost:${demoPort}`, `http://127.0.0.1:${demoPort}`];

const missing = ["dist/frames/checkout.html", "dist/frames/bank-link.html", "dist/frames/identity.html", "dist/loader/enclave.js"].filter((path) => !existsSync(fromRoot(path)));
if (missing.length > 0) {
  console.log(`Building the frames and the loader (missing: ${missing.join(", ")})…`);
  execFileSync(process.execPath, ["--import", "tsx", fromRoot("scripts/build.ts"), "frames", "loader"], { stdio: "inherit" });
}

process.env["ENCLAVE_ALLOWED_ORIGINS"] ??= demoOrigins.join(",");
process.env["ENCLAVE_MERCHANT_NAME"] ??= "Enclave Demo Shop";
// A developer trying the sandbox's wrong passwords, codes and declined cards again and
// again is not an attacker: these limits go up to 100 a minute here (docs/limits.md has the
// defaults; set any ENCLAVE_LIMIT_… yourself to try a limit out).
for (const name of ["CARD_DECLINES_INTENT", "CARD_DECLINES_FINGERPRINT", "BANK_PASSWORDS_SESSION", "BANK_PASSWORDS_USERNAME", "BANK_MFA_SESSION", "AUTH_FAILURES_IP"]) {
  process.env[`ENCLAVE_LIMIT_${name}`] ??= "100/60";
}
// The demo's webhook receiver is this machine (localhost:3000), which the SSRF guard refuses by default.
process.env["ENCLAVE_WEBHOOK_ALLOW_PRIVATE"] ??= "1";
// One JSON access-log line per request would bury the banner; ENCLAVE_LOG_LEVEL=info shows them.
process.env["ENCLAVE_LOG_LEVEL"] ??= "warn";
const dataDir = process.env["ENCLAVE_DATA_DIR"] ?? fromRoot(".enclave");
const host = await createWidgetHost({ dataDir }).catch((error: unknown) => {
  // A second `npm start` on the same data dir (its lock, src/server/store/data-dir-lock.ts), a bad setting: one line, no stack.
  if (!(error instanceof ConfigError)) throw error;
  console.error(`npm start: ${error.message}`);
  process.exit(1);
});
const hostListener = await host.listen(hostPort, "localhost");
const keys = host.sandboxKeys;

const { server: demo, connectWebhooks } = createDemo({ widgetHost, publishableKey: keys.publishableKey, secretKey: keys.secretKey, stateDir: dataDir });
await new Promise<void>((resolve, reject) => {
  demo.once("error", reject);
  demo.listen(demoPort, "localhost", resolve);
});
await connectWebhooks(`http://localhost:${demoPort}`);

console.log(`
  Enclave widget host  ${hostListener.url}
  Demo shop            http://localhost:${demoPort}   ← open this

  publishable key: ${keys.publishableKey}
  secret key: ${keys.secretKey}
  script tag: ${loaderScriptTag(hostListener.url, (await loaderIntegrity(host.distDir)) ?? "")}

  Press Ctrl-C to stop.`);

let stopping = false;
async function stop(): Promise<void> {
  if (stopping) return;
  stopping = true;
  console.log("\nStopping…");
  demo.closeAllConnections();
  await new Promise((resolve) => demo.close(resolve));
  await hostListener.close();
  await host.close();
  process.exit(0);
}
process.on("SIGINT", () => void stop());
process.on("SIGTERM", () => void stop());
