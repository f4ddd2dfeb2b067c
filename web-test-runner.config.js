/**
 * @web/test-runner: the browser suites (bridge, frames, elements, modal, the test kit) in headless Chromium
 * (which one: test/support/chromium.ts), TypeScript source served through esbuild — never dist/.
 *
 * test/support/commonjs-plugin.ts serves CommonJS-only packages as ES modules.
 *
 * Two second origins stand beside the test pages (http://localhost:<port>):
 * - test/bridge/support/frame-origin-plugin.ts serves the bridge test frame from
 *   127.0.0.1 on a port of its own;
 * - test/elements/support/widget-host-plugin.ts runs the real widget host
 *   (`src/server/cli.ts serve`), allowing the test pages' origins.
 *
 * Run some suites only by naming their globs after the config, e.g.
 * `npx wtr --config web-test-runner.config.js "test/bridge/<glob>.test.ts"`.
 */
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";
import { esbuildPlugin } from "@web/dev-server-esbuild";
import { a11ySnapshotPlugin } from "@web/test-runner-commands/plugins";
import { chromeLauncher } from "@web/test-runner-chrome";
import { tsImport } from "tsx/esm/api";

// The plugins are TypeScript like the rest of test/; Node 20 needs tsx to load them.
const { widgetHostPlugin } = await tsImport("./test/elements/support/widget-host-plugin.ts", import.meta.url);
const { frameOriginPlugin } = await tsImport("./test/bridge/support/frame-origin-plugin.ts", import.meta.url);
const { commonJsPlugin } = await tsImport("./test/support/commonjs-plugin.ts", import.meta.url);
const { chromiumLaunchOptions } = await tsImport("./test/support/chromium.ts", import.meta.url);

/** @type {{ executablePath: string, args: string[], env: Record<string, string> }} */
const chromium = await chromiumLaunchOptions();

/** A port nothing listens on now, asked of the OS on the same interfaces the dev server binds. */
async function freePort() {
  const probe = createServer();
  await new Promise((resolve, reject) => {
    probe.once("error", reject);
    probe.listen(0, () => resolve(undefined));
  });
  const address = probe.address();
  await new Promise((resolve) => probe.close(() => resolve(undefined)));
  if (address === null || typeof address === "string") throw new Error("could not pick a port for the test pages");
  return address.port;
}

// Chosen before anything starts, because the widget host must be told which origins may
// embed its frames; `--port` on the command line still wins (see pagePort below).
let pagePort = await freePort();

/** Records the port the dev server really listens on, before the widget host is started. */
const pagePortPlugin = {
  name: "enclave-page-port",
  /** @param {{ config: { port?: number } }} args */
  serverStart({ config }) {
    if (typeof config.port === "number") pagePort = config.port;
  },
};

/**
 * Starts the wrapped plugin's server on the first request for one of its paths rather than
 * with the test runner, so running only the bridge or frame suites neither waits for the
 * widget host nor fails when it cannot start; the element suite then fails on its own,
 * with the widget host's output as the module's load error.
 *
 * @param {{ name: string, serverStart(): Promise<void>, serverStop(): Promise<void>, serve(context: { path: string }): unknown }} plugin
 * @param {(path: string) => boolean} ownsPath
 */
function startedOnDemand(plugin, ownsPath) {
  /** @type {Promise<void> | undefined} */
  let started;
  return {
    name: plugin.name,
    /** @param {{ path: string }} context */
    async serve(context) {
      if (!ownsPath(context.path)) return undefined;
      started ??= plugin.serverStart();
      await started;
      return plugin.serve(context);
    },
    async serverStop() {
      if (!started) return;
      await started.catch(() => undefined);
      await plugin.serverStop();
    },
  };
}

const rootDir = fileURLToPath(new URL(".", import.meta.url));

export default {
  rootDir,
  // test/modal: the modal host element, against the same widget host as test/elements.
  // test/support: the test kit's own browser tests (the view harness).
  files: ["test/bridge/**/*.test.ts", "test/frames/**/*.test.ts", "test/elements/**/*.test.ts", "test/modal/**/*.test.ts", "test/support/**/*.test.ts"],
  hostname: "localhost",
  port: pagePort,
  nodeResolve: true,
  // One test file at a time: the bridge tests measure timeouts in the hundreds of
  // milliseconds and the element tests share one widget host.
  concurrency: 1,
  concurrentBrowsers: 1,
  browserStartTimeout: 120_000,
  // The first element test file waits for the widget host to start (up to 60 s).
  testsStartTimeout: 90_000,
  testsFinishTimeout: 300_000,
  // lit prints this once per test page; everything else the pages log is kept.
  filterBrowserLogs: ({ args }) => !(typeof args[0] === "string" && args[0].startsWith("Lit is in dev mode")),
  testFramework: {
    config: { ui: "bdd", timeout: 30_000 },
  },
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath: chromium.executablePath,
        env: chromium.env,
        headless: true,
        // puppeteer adds its own headless flag for `headless: true`.
        args: chromium.args.filter((arg) => arg !== "--headless"),
      },
    }),
  ],
  plugins: [
    esbuildPlugin({
      ts: true,
      target: "es2022",
      // The project's tsconfig, so esbuild keeps tsc's semantics: useDefineForClassFields
      // false (lit's reactive properties) and verbatimModuleSyntax. The plugin also maps a
      // relative `./x.js` import in a .ts file to `./x.ts` when that file exists.
      tsconfig: fileURLToPath(new URL("./tsconfig.json", import.meta.url)),
    }),
    // Frame code imports CommonJS packages (card-validator, credit-card-type) as vite allows.
    commonJsPlugin(rootDir),
    // a11ySnapshot() for harness-style tests; the runner does not register it by default.
    a11ySnapshotPlugin(),
    pagePortPlugin,
    frameOriginPlugin(),
    startedOnDemand(
      widgetHostPlugin({ pageOrigins: () => [`http://localhost:${pagePort}`, `http://127.0.0.1:${pagePort}`] }),
      (path) => path === "/__enclave-test-env.js" || path.startsWith("/__merchant/"),
    ),
  ],
};
