/**
 * `enclave doctor`'s judgement: from what was fetched (the merchant page's headers and HTML,
 * the widget host's loader and frame-page headers), every reason the frames would not work
 * there, each with the exact fix. Pure: run.ts fetches, this decides, tests feed it directly
 * or through real pages.
 */
import { allows, governing, parsePolicies, type Policy } from "./csp.js";
import type { PageScan, PageScript } from "./page.js";

export type Flow = "checkout" | "bank-link" | "identity";

export interface Finding {
  /** `blocker`: the frames will not work; `warning`: they work, but something should change; `ok`: checked and fine. */
  severity: "blocker" | "warning" | "ok";
  code: string;
  message: string;
  fix?: string;
}

export interface PageFacts {
  page: URL;
  /** Response headers of the page, lower-case names; CSP headers may repeat. */
  headers: { csp: string[]; permissionsPolicy?: string | undefined; coop?: string | undefined; coep?: string | undefined };
  scan: PageScan;
  /** The widget host's origin (from the loader's script tag, or `--host`). */
  host: URL;
  /** The loader's script tag on the page, if any. */
  loader: PageScript | undefined;
  /** `sha384-…` of the loader the host serves now (undefined: not fetched). */
  currentIntegrity: string | undefined;
  /** The flows the page uses. */
  flows: Flow[];
  /** `frame-ancestors` the host sends for this page's publishable key (undefined: not known). */
  frameAncestors: { publishableKey: string; sources: string[] } | undefined;
}

const hostList = (host: URL): string => host.origin;

function cspFindings(facts: PageFacts): Finding[] {
  const policies: { origin: string; policy: Policy }[] = [
    ...facts.headers.csp.flatMap((header) => parsePolicies(header).map((policy) => ({ origin: "the Content-Security-Policy header", policy }))),
    ...facts.scan.metaPolicies.flatMap((content) => parsePolicies(content).map((policy) => ({ origin: "the page's CSP <meta> tag", policy }))),
  ];
  const findings: Finding[] = [];
  const loaderUrl = facts.loader ? new URL(facts.loader.src, facts.page) : new URL("/v1/enclave.js", facts.host);
  const frameUrl = new URL("/frames/checkout.html", facts.host);
  let scriptOk = true;
  let frameOk = true;
  for (const { origin, policy } of policies) {
    const script = governing(policy, "script-src-elem");
    if (script) {
      const strictDynamic = script.sources.some((source) => source.toLowerCase() === "'strict-dynamic'");
      const allowed = strictDynamic ? facts.loader?.nonce !== undefined : allows(script.sources, loaderUrl, facts.page);
      if (!allowed) {
        scriptOk = false;
        findings.push({
          severity: "blocker",
          code: "csp_script_src",
          message: strictDynamic
            ? `${origin} uses 'strict-dynamic' in ${script.directive}, and the loader's script tag has no nonce: the browser will not run it.`
            : `${origin} does not allow the loader (${loaderUrl.href}) in ${script.directive}: the browser will not run it.`,
          fix: strictDynamic
            ? `Give the loader's <script> tag the page's nonce: <script src="${loaderUrl.href}" nonce="…">.`
            : `Add ${hostList(facts.host)} to ${script.directive}: ${script.directive} ${[...script.sources.filter((s) => s.toLowerCase() !== "'none'"), hostList(facts.host)].join(" ")}`,
        });
      }
    }
    const frame = governing(policy, "frame-src");
    if (frame && !allows(frame.sources, frameUrl, facts.page)) {
      frameOk = false;
      findings.push({
        severity: "blocker",
        code: "csp_frame_src",
        message: `${origin} does not allow frames from ${hostList(facts.host)} (${frame.directive}): the element stays empty.`,
        fix: `Add frame-src ${["'self'", hostList(facts.host)].join(" ")} (a frame-src of its own, so ${frame.directive === "frame-src" ? "it" : frame.directive} keeps its other sources).`,
      });
    }
  }
  if (scriptOk)
    findings.push({ severity: "ok", code: "csp_script_src", message: policies.length ? "CSP lets the loader run." : "No Content-Security-Policy: the loader may run." });
  if (frameOk)
    findings.push({
      severity: "ok",
      code: "csp_frame_src",
      message: policies.length ? `CSP lets frames from ${hostList(facts.host)} load.` : "No Content-Security-Policy: the frames may load.",
    });
  // The page itself never calls the widget host: the frames do, under their own policy.
  findings.push({ severity: "ok", code: "csp_connect_src", message: "connect-src: nothing to add (only the frames call the widget host, under the host's own policy)." });
  return findings;
}

/** `camera=(self "https://host")` → ["self", "https://host"]; `camera=*` → ["*"]; `camera=()` → []. */
function allowlist(header: string, feature: string): string[] | undefined {
  const entry = new RegExp(`(?:^|,)\\s*${feature}\\s*=\\s*(\\*|\\([^)]*\\)|[^,\\s]+)`, "i").exec(header);
  if (!entry) return undefined;
  const value = entry[1] ?? "";
  if (value === "*") return ["*"];
  return (value.replace(/^\(|\)$/g, "").match(/"[^"]*"|[^\s"]+/g) ?? []).map((item) => item.replace(/"/g, ""));
}

function permissionFindings(facts: PageFacts): Finding[] {
  const header = facts.headers.permissionsPolicy;
  const findings: Finding[] = [];
  const feature = (name: string, severity: "blocker" | "warning", why: string): void => {
    const list = header ? allowlist(header, name) : undefined;
    // Absent: the default allowlist ('self') still lets the element's allow="…" delegate it.
    if (list === undefined || list.includes("*") || list.includes(facts.host.origin)) {
      findings.push({ severity: "ok", code: `permissions_policy_${name}`, message: `Permissions-Policy lets the identity frame use ${name}.` });
      return;
    }
    findings.push({
      severity,
      code: `permissions_policy_${name}`,
      message: `Permissions-Policy ${name}=(${list.join(" ")}) keeps ${name} from the identity frame: ${why}`,
      fix: `Permissions-Policy: ${name}=(self "${facts.host.origin}")`,
    });
  };
  if (facts.flows.includes("identity")) {
    feature("camera", "blocker", "the customer cannot photograph a document or take a selfie.");
    feature("clipboard-write", "warning", '"Copy link" in the phone hand-off will not copy.');
  }
  return findings;
}

function isolationFindings(facts: PageFacts): Finding[] {
  const findings: Finding[] = [];
  const coep = facts.headers.coep?.trim().toLowerCase();
  if (coep && coep !== "unsafe-none") {
    findings.push({
      severity: "blocker",
      code: "coep_blocks_frames",
      message: `Cross-Origin-Embedder-Policy: ${coep} lets only documents that opt in to it load in frames; Enclave's frames do not (they are not cross-origin isolated).`,
      fix: "Drop Cross-Origin-Embedder-Policy from the pages that show Enclave elements.",
    });
  }
  const coop = facts.headers.coop?.trim().toLowerCase();
  if (coop === "same-origin" && facts.flows.includes("bank-link")) {
    findings.push({
      severity: "blocker",
      code: "coop_blocks_popups",
      message: "Cross-Origin-Opener-Policy: same-origin cuts the bank link frame off from the bank's OAuth popup: OAuth banks cannot finish.",
      fix: "Cross-Origin-Opener-Policy: same-origin-allow-popups",
    });
  }
  if (findings.length === 0) findings.push({ severity: "ok", code: "cross_origin_policies", message: "COOP/COEP let the frames and their popups work." });
  return findings;
}

function loaderFindings(facts: PageFacts): Finding[] {
  const loader = facts.loader;
  if (!loader) {
    return [
      {
        severity: "warning",
        code: "loader_missing",
        message: `No <script src="…/v1/enclave.js"> on the page (fine if your bundle imports enclave-kit): checked against ${facts.host.origin}.`,
      },
    ];
  }
  const tag = `<script src="${new URL(loader.src, facts.page).href}" integrity="${facts.currentIntegrity ?? "sha384-…"}" crossorigin="anonymous"></script>`;
  if (!loader.integrity) {
    return [{ severity: "warning", code: "loader_without_sri", message: "The loader's script tag has no integrity: a changed file would run unchecked.", fix: tag }];
  }
  if (loader.crossOrigin === undefined && new URL(loader.src, facts.page).origin !== facts.page.origin) {
    return [
      {
        severity: "blocker",
        code: "loader_integrity_without_cors",
        message: "The loader's script tag has integrity but no crossorigin attribute: the browser cannot check a cross-origin file fetched without CORS, so it refuses to run it.",
        fix: tag,
      },
    ];
  }
  if (facts.currentIntegrity && !loader.integrity.split(/\s+/).includes(facts.currentIntegrity)) {
    return [
      {
        severity: "blocker",
        code: "loader_integrity_mismatch",
        message: `The loader's integrity (${loader.integrity}) is not the file the widget host serves now: the browser refuses to run it.`,
        fix: tag,
      },
    ];
  }
  return [{ severity: "ok", code: "loader_integrity", message: "The loader is pinned with integrity, and it matches the widget host's file." }];
}

function originFindings(facts: PageFacts): Finding[] {
  const ancestors = facts.frameAncestors;
  if (!ancestors) return [];
  const allowed = ancestors.sources.some((source) => source !== "'none'" && source !== "'self'" && allows([source], facts.page, facts.page));
  if (allowed) return [{ severity: "ok", code: "origin_allowed", message: `${facts.page.origin} is an allowed origin for ${ancestors.publishableKey}.` }];
  return [
    {
      severity: "blocker",
      code: "origin_not_allowed",
      message: `The widget host does not let ${ancestors.publishableKey}'s frames be shown on ${facts.page.origin} (elements there emit enclave-error origin_not_allowed).`,
      fix: `Allow it: POST ${facts.host.origin}/v1/allowed_origins {"origin":"${facts.page.origin}"} with your secret key (or ENCLAVE_ALLOWED_ORIGINS on the host).`,
    },
  ];
}

export function diagnose(facts: PageFacts): Finding[] {
  const findings = [...loaderFindings(facts), ...cspFindings(facts), ...permissionFindings(facts), ...isolationFindings(facts), ...originFindings(facts)];
  const local = ["localhost", "127.0.0.1", "[::1]"].includes(facts.page.hostname);
  if (facts.page.protocol !== "https:" && !local) {
    findings.push({
      severity: "warning",
      code: "page_not_https",
      message: "The page is served over http: browsers keep the camera and secure features from it.",
      fix: "Serve the page over https.",
    });
  }
  return findings;
}
