/**
 * `enclave doctor <url>` against a real widget host process and merchant pages served with
 * each problem it names (CONTRACT v1.1 "Developer tools"): CSP script-src and frame-src
 * (header and <meta>, 'strict-dynamic'), Permissions-Policy camera, COOP and COEP, an origin
 * the host does not allow, a loader without SRI, with a stale hash or without crossorigin.
 * Every blocker exits 1 and prints its fix; a clean page exits 0; an unreadable page exits 2.
 */
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import { runDoctor } from "../../src/server/doctor/run.js";
import { startWidgetHost, type WidgetHostProcess } from "../server/support/widget-host.js";

let host: WidgetHostProcess;
let shop: Server;
let shopUrl = "";
let integrity = "";

interface ShopPage {
  headers?: Record<string, string>;
  /** The loader tag's attributes after src (default: the right integrity and crossorigin). */
  loader?: string | null;
  body?: string;
}

/** Each path of the merchant's shop: its headers and its HTML. */
const pages: Record<string, () => ShopPage> = {
  "/clean": () => ({ headers: { "Content-Security-Policy": `script-src 'self' ${host.url}; frame-src ${host.url}` } }),
  "/no-frame-src": () => ({ headers: { "Content-Security-Policy": `default-src 'self'; script-src 'self' ${host.url}` } }),
  "/no-script-src": () => ({ headers: { "Content-Security-Policy": `script-src 'self'; frame-src *` } }),
  "/meta-csp": () => ({ body: `<meta http-equiv="Content-Security-Policy" content="frame-src 'self'">` }),
  "/strict-dynamic": () => ({ headers: { "Content-Security-Policy": "script-src 'nonce-abc' 'strict-dynamic'; frame-src *" } }),
  "/strict-dynamic-nonce": () => ({
    headers: { "Content-Security-Policy": "script-src 'nonce-abc' 'strict-dynamic'; frame-src *" },
    loader: `integrity="${integrity}" crossorigin="anonymous" nonce="abc"`,
  }),
  "/no-camera": () => ({
    headers: { "Permissions-Policy": "camera=(self), geolocation=()" },
    body: `<enclave-identity publishable-key="${host.publishableKey}"></enclave-identity>`,
  }),
  "/camera-delegated": () => ({
    headers: { "Permissions-Policy": `camera=(self "${host.url}")` },
    body: `<enclave-identity publishable-key="${host.publishableKey}"></enclave-identity>`,
  }),
  "/coop": () => ({ headers: { "Cross-Origin-Opener-Policy": "same-origin" }, body: `<enclave-bank-link publishable-key="${host.publishableKey}"></enclave-bank-link>` }),
  "/coep": () => ({ headers: { "Cross-Origin-Embedder-Policy": "require-corp" } }),
  "/no-sri": () => ({ loader: "" }),
  "/stale-sri": () => ({ loader: `integrity="sha384-${"A".repeat(64)}" crossorigin="anonymous"` }),
  "/sri-without-cors": () => ({ loader: `integrity="${integrity}"` }),
  "/with-key": () => ({ body: `<enclave-checkout publishable-key="${host.publishableKey}"></enclave-checkout>` }),
  "/bundled": () => ({ loader: null }),
};

before(async () => {
  shop = createServer((request, response) => {
    const make = pages[new URL(request.url ?? "/", "http://shop.invalid").pathname];
    if (!make) {
      response.writeHead(404).end("no such page");
      return;
    }
    const page = make();
    const loaderAttributes = page.loader === undefined ? `integrity="${integrity}" crossorigin="anonymous"` : page.loader;
    const loaderTag = loaderAttributes === null ? "" : `<script src="${host.url}/v1/enclave.js" ${loaderAttributes}></script>`;
    response.writeHead(200, { "Content-Type": "text/html; charset=utf-8", ...page.headers });
    response.end(`<!doctype html><html><head><!-- <script src="https://evil.example/v1/enclave.js"></script> -->${loaderTag}</head><body>${page.body ?? ""}</body></html>`);
  });
  await new Promise<void>((resolve) => shop.listen(0, "127.0.0.1", resolve));
  shopUrl = `http://127.0.0.1:${(shop.address() as AddressInfo).port}`;
  host = await startWidgetHost({ env: { ENCLAVE_ALLOWED_ORIGINS: shopUrl } });
  const loader = await fetch(`${host.url}/v1/enclave.js`);
  integrity = `sha384-${createHash("sha384")
    .update(new Uint8Array(await loader.arrayBuffer()))
    .digest("base64")}`;
});
after(async () => {
  shop.close();
  await host.dispose();
});

interface Report {
  code: number;
  lines: string[];
  findings: { severity: string; code: string; message: string; fix?: string }[];
}

async function doctor(path: string, extra: { host?: string; publishableKey?: string } = {}): Promise<Report> {
  const lines: string[] = [];
  const code = await runDoctor({ url: `${shopUrl}${path}`, json: true, ...extra, print: (line) => lines.push(line) });
  const parsed = JSON.parse(lines.join("\n")) as { findings?: Report["findings"] };
  return { code, lines, findings: parsed.findings ?? [] };
}

const blockers = (report: Report): string[] => report.findings.filter((finding) => finding.severity === "blocker").map((finding) => finding.code);
const finding = (report: Report, code: string) => report.findings.find((candidate) => candidate.code === code);

describe("enclave doctor", () => {
  test("a page with a right policy, pinned loader and allowed origin: nothing blocks (exit 0)", async () => {
    const report = await doctor("/clean", { publishableKey: host.publishableKey });
    assert.deepEqual(blockers(report), []);
    assert.equal(report.code, 0);
    assert.equal(finding(report, "origin_allowed")?.severity, "ok");
    assert.equal(finding(report, "loader_integrity")?.severity, "ok");
  });

  test("CSP without the host in frame-src (through default-src): the fix adds a frame-src", async () => {
    const report = await doctor("/no-frame-src");
    assert.deepEqual(blockers(report), ["csp_frame_src"]);
    assert.equal(report.code, 1);
    assert.match(finding(report, "csp_frame_src")?.fix ?? "", new RegExp(`frame-src 'self' ${host.url}`));
    assert.match(finding(report, "csp_frame_src")?.message ?? "", /default-src/);
  });

  test("CSP script-src without the host: the loader will not run, and the fix names the directive", async () => {
    const report = await doctor("/no-script-src");
    assert.deepEqual(blockers(report), ["csp_script_src"]);
    assert.equal(finding(report, "csp_script_src")?.fix, `Add ${host.url} to script-src: script-src 'self' ${host.url}`);
  });

  test("a CSP <meta> tag counts as much as the header", async () => {
    assert.deepEqual(blockers(await doctor("/meta-csp")), ["csp_frame_src"]);
  });

  test("'strict-dynamic': the loader needs the page's nonce", async () => {
    assert.deepEqual(blockers(await doctor("/strict-dynamic")), ["csp_script_src"]);
    assert.deepEqual(blockers(await doctor("/strict-dynamic-nonce")), []);
  });

  test("Permissions-Policy camera=(self) keeps the camera from the identity frame; naming the host fixes it", async () => {
    const report = await doctor("/no-camera");
    assert.deepEqual(blockers(report), ["permissions_policy_camera"]);
    assert.equal(finding(report, "permissions_policy_camera")?.fix, `Permissions-Policy: camera=(self "${host.url}")`);
    assert.deepEqual(blockers(await doctor("/camera-delegated")), []);
  });

  test("COOP same-origin breaks bank link's OAuth popup; COEP keeps the frames out", async () => {
    const coop = await doctor("/coop");
    assert.deepEqual(blockers(coop), ["coop_blocks_popups"]);
    assert.equal(finding(coop, "coop_blocks_popups")?.fix, "Cross-Origin-Opener-Policy: same-origin-allow-popups");
    assert.deepEqual(blockers(await doctor("/coep")), ["coep_blocks_frames"]);
  });

  test("an origin the host does not allow for the page's publishable key", async () => {
    const report = await doctor("/with-key");
    assert.equal(finding(report, "origin_allowed")?.severity, "ok", "the key on the page's element is read");
    const other = await startWidgetHost({ env: { ENCLAVE_ALLOWED_ORIGINS: "https://elsewhere.example" } });
    try {
      const refused = await doctor("/bundled", { host: other.url, publishableKey: other.publishableKey });
      assert.deepEqual(blockers(refused), ["origin_not_allowed"]);
      assert.match(finding(refused, "origin_not_allowed")?.fix ?? "", new RegExp(`/v1/allowed_origins \\{"origin":"${shopUrl}"\\}`));
    } finally {
      await other.dispose();
    }
  });

  test("the loader: without SRI warns; a stale hash or SRI without crossorigin blocks, with the right tag as the fix", async () => {
    const unpinned = await doctor("/no-sri");
    assert.equal(finding(unpinned, "loader_without_sri")?.severity, "warning");
    assert.equal(unpinned.code, 0);
    const stale = await doctor("/stale-sri");
    assert.deepEqual(blockers(stale), ["loader_integrity_mismatch"]);
    assert.equal(finding(stale, "loader_integrity_mismatch")?.fix, `<script src="${host.url}/v1/enclave.js" integrity="${integrity}" crossorigin="anonymous"></script>`);
    assert.deepEqual(blockers(await doctor("/sri-without-cors")), ["loader_integrity_without_cors"]);
  });

  test("a page without the loader needs --widget-host; an unreachable page exits 2", async () => {
    assert.equal((await doctor("/bundled")).code, 2);
    assert.equal((await doctor("/bundled", { host: host.url })).code, 0);
    assert.equal((await doctor("/no-such-page")).code, 2);
  });

  test("the enclave command prints each problem with its fix and exits 1", async () => {
    const cli = fileURLToPath(new URL("../../src/server/cli.ts", import.meta.url));
    // Not spawnSync: the shop's pages are served by this very process.
    const enclave = (...args: string[]) =>
      new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
        execFile(process.execPath, ["--import", "tsx", cli, ...args], { encoding: "utf8", timeout: 60_000 }, (error, stdout, stderr) =>
          resolve({ status: error ? (typeof error.code === "number" ? error.code : null) : 0, stdout, stderr }),
        );
      });
    const run = await enclave("doctor", `${shopUrl}/no-frame-src`);
    assert.equal(run.status, 1, run.stderr);
    assert.match(run.stdout, /✘ the Content-Security-Policy header does not allow frames from/);
    assert.match(run.stdout, /fix: Add frame-src 'self' http:\/\/127\.0\.0\.1:\d+/);
    assert.match(run.stdout, /1 problem will stop the frames on this page/);
    const usage = await enclave("doctor");
    assert.equal(usage.status, 2);
    assert.match(usage.stderr, /enclave doctor takes one merchant page URL/);
  });
});
