/**
 * `enclave doctor <url>`: fetches a merchant page as a browser would (headers and HTML),
 * finds the widget host from the loader's script tag (or `--host`), asks that host for its
 * current loader and for the frame page it would serve the page's publishable key, then
 * prints every finding of checks.ts with its fix. Exit code: 0 when nothing blocks the
 * frames, 1 when something does, 2 when the page or the host could not be read.
 */
import { createHash } from "node:crypto";
import { diagnose, type Finding, type Flow } from "./checks.js";
import { parsePolicies } from "./csp.js";
import { scanPage, type PageScan } from "./page.js";

export interface DoctorOptions {
  url: string;
  /** The widget host (`--widget-host`), when the page has no loader tag (an app that bundles enclave-kit). */
  host?: string | undefined;
  publishableKey?: string | undefined;
  json?: boolean | undefined;
  fetch?: typeof fetch;
  print?: (line: string) => void;
  printError?: (line: string) => void;
}

const MAX_PAGE_BYTES = 5 * 1024 * 1024;
const TIMEOUT_MS = 10_000;

class DoctorError extends Error {}

async function read(fetchImpl: typeof fetch, url: URL, what: string): Promise<{ response: Response; body: Uint8Array }> {
  let response: Response;
  try {
    response = await fetchImpl(url, { redirect: "follow", signal: AbortSignal.timeout(TIMEOUT_MS), headers: { Accept: "text/html,application/javascript,*/*" } });
  } catch (error) {
    throw new DoctorError(`Could not fetch ${what} (${url.href}): ${(error as Error).message}`);
  }
  const length = Number(response.headers.get("content-length") ?? 0);
  if (length > MAX_PAGE_BYTES) throw new DoctorError(`${what} is larger than ${MAX_PAGE_BYTES / 1024 / 1024} MB.`);
  const body = new Uint8Array(await response.arrayBuffer());
  if (body.byteLength > MAX_PAGE_BYTES) throw new DoctorError(`${what} is larger than ${MAX_PAGE_BYTES / 1024 / 1024} MB.`);
  return { response, body };
}

const flowOfTag: Record<string, Flow> = { "enclave-checkout": "checkout", "enclave-bank-link": "bank-link", "enclave-identity": "identity" };

function flowsOf(scan: PageScan): Flow[] {
  const flows = [...new Set(scan.elements.map((element) => flowOfTag[element.tag]).filter((flow): flow is Flow => flow !== undefined))];
  // Elements a script adds later are not in the HTML: check for all three.
  return flows.length > 0 ? flows : ["checkout", "bank-link", "identity"];
}

const marks: Record<Finding["severity"], string> = { ok: "✔", warning: "⚠", blocker: "✘" };

export async function runDoctor(options: DoctorOptions): Promise<number> {
  const fetchImpl = options.fetch ?? fetch;
  const print = options.print ?? ((line: string) => console.log(line));
  try {
    let page: URL;
    try {
      page = new URL(options.url);
    } catch {
      throw new DoctorError(`Not a URL: ${options.url}`);
    }
    if (page.protocol !== "http:" && page.protocol !== "https:") throw new DoctorError(`Only http(s) pages can be checked (got ${page.protocol}).`);
    const { response, body } = await read(fetchImpl, page, "the page");
    if (!response.ok) throw new DoctorError(`The page answered ${response.status}.`);
    // After redirects, the origin the browser would show the page on.
    const finalPage = new URL(response.url || page.href);
    const scan = scanPage(new TextDecoder().decode(body));
    const loader = scan.scripts.find((script) => /\/v1\/enclave\.js(?:[?#]|$)/.test(new URL(script.src, finalPage).pathname + new URL(script.src, finalPage).search));
    const hostText = options.host ?? (loader ? new URL(loader.src, finalPage).origin : undefined);
    if (!hostText)
      throw new DoctorError(
        'The page has no Enclave loader (<script src="…/v1/enclave.js">). If your bundle imports enclave-kit, name the widget host: --widget-host https://enclave.example.com',
      );
    let host: URL;
    try {
      host = new URL(hostText);
    } catch {
      throw new DoctorError(`--widget-host is not a URL: ${hostText}`);
    }

    const loaderFile = await read(fetchImpl, new URL("/v1/enclave.js", host), "the widget host's loader");
    if (!loaderFile.response.ok) throw new DoctorError(`The widget host answered ${loaderFile.response.status} for /v1/enclave.js: is ${host.origin} an Enclave widget host?`);
    const currentIntegrity = `sha384-${createHash("sha384").update(loaderFile.body).digest("base64")}`;

    const publishableKey = options.publishableKey ?? scan.elements.find((element) => element.publishableKey)?.publishableKey;
    let frameAncestors: { publishableKey: string; sources: string[] } | undefined;
    if (publishableKey) {
      const framePage = new URL("/frames/checkout.html", host);
      framePage.searchParams.set("pk", publishableKey);
      const frame = await read(fetchImpl, framePage, "the widget host's frame page");
      const policy = parsePolicies(frame.response.headers.get("content-security-policy") ?? "")[0];
      frameAncestors = { publishableKey, sources: policy?.get("frame-ancestors") ?? ["'none'"] };
    }

    const headers = response.headers;
    const findings = diagnose({
      page: finalPage,
      headers: {
        csp: headers.get("content-security-policy") ? [headers.get("content-security-policy") ?? ""] : [],
        permissionsPolicy: headers.get("permissions-policy") ?? undefined,
        coop: headers.get("cross-origin-opener-policy") ?? undefined,
        coep: headers.get("cross-origin-embedder-policy") ?? undefined,
      },
      scan,
      host,
      loader,
      currentIntegrity,
      flows: flowsOf(scan),
      frameAncestors,
    });
    const blockers = findings.filter((finding) => finding.severity === "blocker").length;
    const warnings = findings.filter((finding) => finding.severity === "warning").length;
    if (options.json) {
      print(JSON.stringify({ page: finalPage.href, host: host.origin, blockers, warnings, findings }, null, 2));
    } else {
      print(`enclave doctor ${finalPage.href}`);
      print(`  widget host: ${host.origin}${options.host ? "" : " (from the loader's script tag)"}`);
      if (!publishableKey) print("  (no publishable-key on the page's elements: pass --publishable-key pk_… to check the allowed origins too)");
      for (const finding of findings) {
        print(`  ${marks[finding.severity]} ${finding.message}`);
        if (finding.fix) print(`      fix: ${finding.fix}`);
      }
      print(
        blockers
          ? `${blockers} problem${blockers === 1 ? "" : "s"} will stop the frames on this page; ${warnings} warning${warnings === 1 ? "" : "s"}.`
          : `Nothing stops the frames on this page; ${warnings} warning${warnings === 1 ? "" : "s"}.`,
      );
    }
    return blockers > 0 ? 1 : 0;
  } catch (error) {
    if (!(error instanceof DoctorError)) throw error;
    if (options.json) print(JSON.stringify({ error: error.message }));
    else (options.printError ?? ((line: string) => console.error(line)))(`enclave doctor: ${error.message}`);
    return 2;
  }
}
