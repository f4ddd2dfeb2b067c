/**
 * What the widget host serves besides its API: the frame pages with the merchant's
 * frame-ancestors policy, their assets, the loader `/v1/enclave.js`, and
 * `/v1/openapi.json`. Needs the built frames and loader in dist/ (`npm test` builds them;
 * alone: `npx tsx scripts/build.ts frames loader`).
 *
 * Compression and caching are checked on the bytes as they travel (node:http, which never
 * decodes a body; fetch would, and would hide what was sent).
 */
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { after, before, describe, test } from "node:test";
import { asApiResponse, call, expectError, get, post, rawRequest, SHOP_ORIGIN } from "./support/api.js";
import { randomKeys, root, startWidgetHost, type WidgetHostProcess } from "./support/widget-host.js";
import { onTheWire as requestOnTheWire, type WireResponse } from "./support/on-the-wire.js";

const DEMO_ORIGIN = "http://localhost:3000";
let host: WidgetHostProcess;

before(async () => {
  for (const file of ["dist/frames/checkout.html", "dist/loader/enclave.js"]) {
    assert.ok(existsSync(join(root, file)), `${file} is missing: build it first with \`npx tsx scripts/build.ts frames loader\` (npm test does)`);
  }
  host = await startWidgetHost({ env: { ENCLAVE_ALLOWED_ORIGINS: `${SHOP_ORIGIN},${DEMO_ORIGIN}` } });
});

after(async () => {
  await host?.dispose();
});

function directives(policy: string): Map<string, string> {
  return new Map(
    policy
      .split(";")
      .map((part) => part.trim())
      .filter(Boolean)
      .map((part) => {
        const [name = "", ...values] = part.split(/\s+/);
        return [name, values.join(" ")] as [string, string];
      }),
  );
}

describe("frame pages", () => {
  test("/frames/checkout.html?pk=… is locked down and embeddable only on the merchant's origins", async () => {
    const response = await fetch(`${host.url}/frames/checkout.html?pk=${host.publishableKey}`);
    assert.equal(response.status, 200);
    assert.match(response.headers.get("content-type") ?? "", /^text\/html/);
    const policy = directives(response.headers.get("content-security-policy") ?? "");
    assert.deepEqual((policy.get("frame-ancestors") ?? "").split(" ").sort(), [DEMO_ORIGIN, SHOP_ORIGIN].sort());
    assert.equal(policy.get("script-src"), "'self'");
    assert.equal(policy.get("default-src"), "'none'");
    assert.equal(policy.get("object-src"), "'none'");
    assert.equal(policy.get("base-uri"), "'none'");
    assert.equal(policy.get("frame-src"), "'self'", "only the host's own 3-D Secure page may be shown inside");
    assert.equal(response.headers.get("referrer-policy"), "no-referrer");
    assert.equal(response.headers.get("x-content-type-options"), "nosniff");
    const permissions = response.headers.get("permissions-policy") ?? "";
    assert.match(permissions, /camera=\(\)/, "checkout needs no camera");
    assert.match(permissions, /microphone=\(\)/);
    assert.equal(response.headers.get("set-cookie"), null);
    assert.equal(response.headers.getSetCookie().length, 0);
    const html = await response.text();
    assert.match(html, /<html/i);
    // Never a secret in the page.
    assert.ok(!html.includes(host.secretKey));
  });

  test("an origin added through the API is in the next page's frame-ancestors", async () => {
    const added = await post(host, "/v1/allowed_origins", { origin: "https://late.example.net" });
    assert.equal(added.status, 200, added.text);
    const response = await fetch(`${host.url}/frames/checkout.html?pk=${host.publishableKey}`);
    const policy = directives(response.headers.get("content-security-policy") ?? "");
    assert.ok((policy.get("frame-ancestors") ?? "").split(" ").includes("https://late.example.net"));
  });

  test("an unknown, malformed or missing pk → frame-ancestors 'none'", async () => {
    for (const query of [`?pk=${randomKeys().publishableKey}`, "?pk=garbage", `?pk=${host.secretKey}`, "", "?pk="]) {
      const response = await fetch(`${host.url}/frames/checkout.html${query}`);
      assert.equal(response.status, 200, query);
      const policy = directives(response.headers.get("content-security-policy") ?? "");
      assert.equal(policy.get("frame-ancestors"), "'none'", `pk query ${JSON.stringify(query)}`);
      assert.equal(response.headers.get("set-cookie"), null);
    }
  });

  test("each frame page loads one script and nothing else before it runs: no stylesheet, no chunk the script imports statically (issue 13)", async () => {
    for (const flow of ["checkout", "bank-link"]) {
      const page = await (await fetch(`${host.url}/frames/${flow}.html?pk=${host.publishableKey}`)).text();
      const loads = [...page.matchAll(/<(script|link)\b[^>]*>/g)].map(([tag]) => tag);
      assert.equal(loads.length, 1, `${flow}.html loads ${loads.join(", ")}`);
      const [, entry = ""] = /^<script type="module" crossorigin src="\/frames\/assets\/([^"]+\.js)"><\/script>$/.exec(`${loads[0]}</script>`) ?? [];
      assert.ok(entry, `${flow}.html's one load is its module script: ${loads[0]}`);
      const script = await readFile(join(root, "dist/frames/assets", entry), "utf8");
      assert.doesNotMatch(script, /\bimport\s*[{*\w][^;()]*?from\s*["'`]/, `${entry} imports no other file before it runs (later steps and languages are import())`);
    }
  });

  test("an unknown frame page → 404", async () => {
    for (const path of ["/frames/unknown.html", "/frames/checkout.htm", "/frames/CHECKOUT.html", "/frames/", "/frames/index.html"]) {
      const response = await call(host, "GET", path, { key: null });
      assert.equal(response.status, 404, `${path}: ${response.status} ${response.text.slice(0, 200)}`);
      expectError(response, 404, "route_not_found");
    }
  });

  test("the frame assets are served with their type, immutable and nosniff", async () => {
    const files = await readdir(join(root, "dist/frames/assets"));
    const script = files.find((file) => file.endsWith(".js"));
    assert.ok(script, "a built frame script in dist/frames/assets");
    const response = await fetch(`${host.url}/frames/assets/${script}`);
    assert.equal(response.status, 200);
    assert.match(response.headers.get("content-type") ?? "", /^text\/javascript/);
    assert.equal(response.headers.get("x-content-type-options"), "nosniff");
    assert.match(response.headers.get("cache-control") ?? "", /immutable/);
    assert.equal(await response.text(), await readFile(join(root, "dist/frames/assets", script), "utf8"));
    expectError(await call(host, "GET", "/frames/assets/nope-123.js", { key: null }), 404, "route_not_found");
  });

  test("path traversal finds nothing outside the built frames", async () => {
    const attempts = [
      "/frames/assets/..%2f..%2fpackage.json",
      "/frames/assets/..%2F..%2F..%2Fpackage.json",
      "/frames/assets/%2e%2e%2f%2e%2e%2fpackage.json",
      "/frames/assets/..%252f..%252fpackage.json",
      "/frames/assets/..%5c..%5cpackage.json",
      "/frames/assets/../../package.json",
      "/frames/assets/../../../package.json",
      "/frames/../package.json",
      "/frames/%2e%2e/%2e%2e/package.json",
      "/frames/..%2f..%2fpackage.json",
      "/frames/assets/..",
      "/frames/assets/...json",
      "/frames/assets/.%2e/.%2e/package.json",
      "/v1/..%2f..%2fpackage.json",
      "/frames/assets/%2e%2e%2f%2e%2e%2fsrc%2fserver%2fapp.ts",
      "/frames/assets/..%2f..%2f..%2fetc%2fpasswd",
    ];
    const packageJson = await readFile(join(root, "package.json"), "utf8");
    for (const path of attempts) {
      const response = await rawRequest(host, { method: "GET", path });
      // Under /v1 the merchant API asks for a key first (401); elsewhere nothing is found.
      const refused = path.startsWith("/v1/") ? [400, 401, 404] : [400, 404];
      assert.ok(refused.includes(response.status), `${path} → ${response.status}`);
      assert.ok(!response.text.includes('"enclave-kit"') && !response.text.includes(packageJson.slice(0, 40)), `${path} must not leak package.json`);
      assert.ok(!response.text.includes("root:x:0:0"), `${path} must not leak /etc/passwd`);
      assert.ok(!response.text.includes("createWidgetHost"), `${path} must not leak sources`);
    }
    expectError(asApiResponse(await rawRequest(host, { method: "GET", path: "/frames/assets/..%2f..%2fpackage.json" })), 404, "route_not_found");
  });
});

describe("the loader", () => {
  test("/v1/enclave.js is JavaScript that any origin may load", async () => {
    const response = await fetch(`${host.url}/v1/enclave.js`, { headers: { Origin: "https://anywhere.example" } });
    assert.equal(response.status, 200);
    assert.match(response.headers.get("content-type") ?? "", /^(text|application)\/javascript/);
    assert.equal(response.headers.get("access-control-allow-origin"), "*");
    assert.equal(response.headers.get("x-content-type-options"), "nosniff");
    assert.equal(response.headers.get("set-cookie"), null);
    const script = await response.text();
    assert.ok(script.length > 100);
    assert.equal(script, await readFile(join(root, "dist/loader/enclave.js"), "utf8"));
  });
});

/** One request with exactly these headers (no Accept-Encoding unless given), answered undecoded. */
const onTheWire = (path: string, headers: Record<string, string> = {}, method = "GET"): Promise<WireResponse> => requestOnTheWire(host.port, path, headers, method);

const decode = (response: WireResponse): Buffer => {
  const coding = response.headers["content-encoding"];
  if (coding === "br") return brotliDecompressSync(response.body);
  if (coding === "gzip") return gunzipSync(response.body);
  assert.equal(coding, undefined, "no other coding is sent");
  return response.body;
};

const varyNames = (response: WireResponse): string[] =>
  String(response.headers["vary"] ?? "")
    .split(",")
    .map((name) => name.trim().toLowerCase());

describe("compression and caching", () => {
  /** Each kind of file the host serves from dist/: its URL and its file. */
  let served: { url: string; file: string }[] = [];

  before(async () => {
    const assets = await readdir(join(root, "dist/frames/assets"));
    const script = assets.find((file) => file.endsWith(".js"));
    // The frames have no stylesheet of their own any more (their script adopts it, issue 13);
    // a frame page, its script and the loader are every kind of file served from dist/.
    assert.ok(script, "a built frame script in dist/frames/assets");
    served = [
      { url: "/v1/enclave.js", file: "dist/loader/enclave.js" },
      { url: `/frames/checkout.html?pk=${host.publishableKey}`, file: "dist/frames/checkout.html" },
      { url: `/frames/assets/${script}`, file: `dist/frames/assets/${script}` },
    ];
  });

  test("the build wrote a .br and a .gz beside every served file (and none for source maps)", async () => {
    for (const dir of ["dist/frames", "dist/frames/assets", "dist/loader"]) {
      const names = await readdir(join(root, dir));
      for (const name of names.filter((file) => /\.(js|css|html|svg)$/.test(file))) {
        assert.ok(names.includes(`${name}.br`) && names.includes(`${name}.gz`), `${dir}/${name} has its .br and .gz`);
        const bytes = await readFile(join(root, dir, name));
        assert.deepEqual(brotliDecompressSync(await readFile(join(root, dir, `${name}.br`))), bytes, `${dir}/${name}.br decodes to the file`);
        assert.deepEqual(gunzipSync(await readFile(join(root, dir, `${name}.gz`))), bytes, `${dir}/${name}.gz decodes to the file`);
      }
      assert.ok(!names.some((file) => /\.map\.(br|gz)$/.test(file)), `${dir}: no compressed source maps`);
    }
  });

  test("br and gzip are sent to who asks, smaller, with Content-Length, and decode to the built file", async () => {
    for (const { url, file } of served) {
      const built = await readFile(join(root, file));
      for (const [acceptEncoding, expected] of [
        ["br", "br"],
        ["gzip", "gzip"],
        ["gzip, deflate, br, zstd", "br"],
        ["br;q=0.5, gzip", "gzip"],
        ["BR;Q=0.9, gzip;q=0.8", "br"],
        ["x-gzip", "gzip"],
        ["*", "br"],
        ["gzip, *;q=0", "gzip"],
        ["identity;q=0.1, gzip;q=0.5", "gzip"],
      ] as const) {
        const response = await onTheWire(url, { "Accept-Encoding": acceptEncoding });
        assert.equal(response.status, 200, `${url} (${acceptEncoding})`);
        assert.equal(response.headers["content-encoding"], expected, `${url} with Accept-Encoding: ${acceptEncoding}`);
        assert.equal(Number(response.headers["content-length"]), response.body.byteLength, `${url}: Content-Length is the coded length`);
        assert.ok(response.body.byteLength < built.byteLength, `${url} as ${expected} is smaller than the file`);
        assert.deepEqual(decode(response), built, `${url} as ${expected} decodes to the built file`);
        assert.ok(varyNames(response).includes("accept-encoding"), `${url}: Vary: Accept-Encoding`);
      }
    }
  });

  test("identity when nothing (or nothing we have) is accepted, still with Vary", async () => {
    for (const { url, file } of served) {
      const built = await readFile(join(root, file));
      const cases: Record<string, string>[] = [
        {},
        { "Accept-Encoding": "" },
        { "Accept-Encoding": "br;q=0, gzip;q=0" },
        { "Accept-Encoding": "identity" },
        { "Accept-Encoding": "*;q=0" },
        { "Accept-Encoding": "deflate, zstd" },
        { "Accept-Encoding": "br;q=2" },
        { "Accept-Encoding": "gzip;q=banana, br;q=0" },
        { "Accept-Encoding": "identity, br;q=0.5" },
        // RFC 9110: when nothing acceptable is available, send identity rather than refuse.
        { "Accept-Encoding": "identity;q=0, br;q=0, gzip;q=0" },
      ];
      for (const headers of cases) {
        const response = await onTheWire(url, headers);
        assert.equal(response.status, 200, `${url} ${JSON.stringify(headers)}`);
        assert.equal(response.headers["content-encoding"], undefined, `${url} ${JSON.stringify(headers)} is not coded`);
        assert.deepEqual(response.body, built, `${url} ${JSON.stringify(headers)} is the built file`);
        assert.equal(Number(response.headers["content-length"]), built.byteLength);
        assert.ok(varyNames(response).includes("accept-encoding"), `${url}: Vary even on identity`);
      }
    }
  });

  test("a strong ETag per coding; If-None-Match with it (weakly compared, in a list, or *) → 304 with no body", async () => {
    for (const { url } of served) {
      const tags = new Map<string, string>();
      for (const coding of ["br", "gzip", "identity"]) {
        const response = await onTheWire(url, { "Accept-Encoding": coding });
        const etag = String(response.headers["etag"] ?? "");
        assert.match(etag, /^"[\x21\x23-\x7e]+"$/, `${url} (${coding}): a strong ETag`);
        tags.set(coding, etag);
        for (const ifNoneMatch of [etag, `W/${etag}`, `"stale", ${etag}`, `"a,b" , W/"x",${etag}`, "*"]) {
          const again = await onTheWire(url, { "Accept-Encoding": coding, "If-None-Match": ifNoneMatch });
          assert.equal(again.status, 304, `${url} (${coding}) If-None-Match: ${ifNoneMatch}`);
          assert.equal(again.body.byteLength, 0, "a 304 has no body");
          assert.equal(again.headers["etag"], etag, "the 304 names the same representation");
          assert.equal(again.headers["cache-control"], response.headers["cache-control"]);
          assert.equal(again.headers["vary"], response.headers["vary"]);
          assert.equal(again.headers["x-content-type-options"], "nosniff");
          assert.equal(again.headers["content-encoding"], undefined);
        }
        // Another representation's tag, an unknown one, a malformed field: the full answer.
        for (const ifNoneMatch of ['"nope"', etag.slice(1, -1), `${etag.slice(0, -1)}x"`, `${etag} garbage`, `"unterminated, ${etag}`]) {
          const full = await onTheWire(url, { "Accept-Encoding": coding, "If-None-Match": ifNoneMatch });
          assert.equal(full.status, 200, `${url} (${coding}) If-None-Match: ${ifNoneMatch}`);
          assert.equal(Number(full.headers["content-length"]), full.body.byteLength);
          assert.ok(full.body.byteLength > 0);
        }
      }
      assert.equal(new Set(tags.values()).size, 3, `${url}: br, gzip and identity have distinct ETags`);
      // A client holding the gzip copy that now asks for br gets br, not a 304 for the wrong bytes.
      const switched = await onTheWire(url, { "Accept-Encoding": "br", "If-None-Match": tags.get("gzip") ?? "" });
      assert.equal(switched.status, 200);
      assert.equal(switched.headers["content-encoding"], "br");
    }
  });

  test("hashed assets are immutable for a year; frame pages and the loader are revalidated on every use", async () => {
    for (const { url } of served) {
      const response = await onTheWire(url, { "Accept-Encoding": "br" });
      const cacheControl = String(response.headers["cache-control"] ?? "");
      if (url.startsWith("/frames/assets/")) {
        assert.equal(cacheControl, "public, max-age=31536000, immutable", url);
      } else {
        assert.match(cacheControl, /(^|, )no-cache(,|$)/, `${url} is revalidated: ${cacheControl}`);
        assert.doesNotMatch(cacheControl, /immutable|max-age=[1-9]/, `${url} is not kept without asking: ${cacheControl}`);
      }
    }
    const loader = await onTheWire("/v1/enclave.js", { "Accept-Encoding": "br", Origin: "https://anywhere.example" });
    assert.equal(loader.headers["access-control-allow-origin"], "*");
    assert.equal(loader.headers["cross-origin-resource-policy"], "cross-origin");
    assert.match(String(loader.headers["content-type"]), /^text\/javascript/);
  });

  test("a frame page's 304 carries its CSP, and a change of allowed origins changes its ETag", async () => {
    const url = `/frames/checkout.html?pk=${host.publishableKey}`;
    const first = await onTheWire(url, { "Accept-Encoding": "br" });
    const etag = String(first.headers["etag"]);
    const revalidated = await onTheWire(url, { "Accept-Encoding": "br", "If-None-Match": etag });
    assert.equal(revalidated.status, 304);
    assert.equal(revalidated.headers["content-security-policy"], first.headers["content-security-policy"]);
    assert.equal(revalidated.headers["referrer-policy"], "no-referrer");
    const added = await post(host, "/v1/allowed_origins", { origin: "https://etag.example.org" });
    assert.equal(added.status, 200, added.text);
    const after = await onTheWire(url, { "Accept-Encoding": "br", "If-None-Match": etag });
    assert.equal(after.status, 200, "the cached copy's CSP is out of date: a full answer, not a 304");
    assert.notEqual(after.headers["etag"], etag);
    assert.match(String(after.headers["content-security-policy"]), /frame-ancestors [^;]*https:\/\/etag\.example\.org/);
    // Another merchant's (or no merchant's) page: same bytes, other headers, other ETag.
    const anonymous = await onTheWire("/frames/checkout.html", { "Accept-Encoding": "br", "If-None-Match": String(after.headers["etag"]) });
    assert.equal(anonymous.status, 200);
    assert.match(String(anonymous.headers["content-security-policy"]), /frame-ancestors 'none'/);
  });

  test("HEAD answers the GET's headers, Content-Length included, without the body; and 304 too", async () => {
    for (const { url } of served) {
      for (const coding of ["br", "gzip", "identity"]) {
        const got = await onTheWire(url, { "Accept-Encoding": coding });
        const head = await onTheWire(url, { "Accept-Encoding": coding }, "HEAD");
        assert.equal(head.status, 200, `HEAD ${url}`);
        assert.equal(head.body.byteLength, 0);
        for (const name of ["content-length", "content-encoding", "content-type", "etag", "cache-control", "vary", "x-content-type-options"]) {
          assert.equal(head.headers[name], got.headers[name], `HEAD ${url} (${coding}): ${name}`);
        }
        const conditional = await onTheWire(url, { "Accept-Encoding": coding, "If-None-Match": String(got.headers["etag"]) }, "HEAD");
        assert.equal(conditional.status, 304, `HEAD ${url} (${coding}) If-None-Match`);
      }
    }
  });

  test("the compressed copies are not files of their own: asked for by name, nothing is found", async () => {
    const script = (served[2]?.url ?? "").replace(/^\/frames\/assets\//, "");
    for (const path of [
      `/frames/assets/${script}.br`,
      `/frames/assets/${script}.gz`,
      `/frames/assets/${script}%2Ebr`,
      "/frames/checkout.html.br",
      "/frames/checkout.html.gz",
      "/frames/checkout.br",
      "/loader/enclave.js.br",
      "/loader/enclave.js",
      "/enclave.js.br",
      "/frames/assets/..%2f..%2floader%2fenclave.js.br",
      "/frames/assets/..%2fcheckout.html.br",
    ]) {
      const response = await rawRequest(host, { method: "GET", path, headers: { "Accept-Encoding": "br, gzip" } });
      assert.equal(response.status, 404, `${path} → ${response.status}`);
      expectError(asApiResponse(response), 404, "route_not_found");
    }
    // Under /v1 an unknown path is the merchant API's: it asks for a key, and serves no loader copy.
    for (const path of ["/v1/enclave.js.br", "/v1/enclave.js.gz", "/v1/enclave.br"]) {
      const response = await onTheWire(path, { "Accept-Encoding": "br, gzip" });
      assert.ok([401, 404].includes(response.status), `${path} → ${response.status}`);
      assert.equal(response.headers["content-encoding"], undefined);
      assert.match(String(response.headers["content-type"]), /^application\/json/);
    }
  });

  test("the host's own pages' stylesheets and script: ETag and 304", async () => {
    for (const [path, type] of [
      ["/three_d_secure/page.css", /^text\/css/],
      ["/oauth/sandbox/page.css", /^text\/css/],
      ["/oauth/sandbox/close.js", /^text\/javascript/],
    ] as const) {
      const response = await onTheWire(path);
      assert.equal(response.status, 200, path);
      assert.match(String(response.headers["content-type"]), type);
      assert.equal(response.headers["x-content-type-options"], "nosniff");
      assert.equal(response.headers["cross-origin-resource-policy"], "same-origin");
      assert.equal(response.headers["cache-control"], "public, max-age=300");
      assert.equal(Number(response.headers["content-length"]), response.body.byteLength);
      const etag = String(response.headers["etag"] ?? "");
      assert.match(etag, /^"[\x21\x23-\x7e]+"$/, `${path}: a strong ETag`);
      const again = await onTheWire(path, { "If-None-Match": `W/${etag}` });
      assert.equal(again.status, 304, path);
      assert.equal(again.body.byteLength, 0);
      assert.equal(again.headers["etag"], etag);
      assert.equal(again.headers["cache-control"], "public, max-age=300");
      assert.equal((await onTheWire(path, { "If-None-Match": '"other"' })).status, 200);
    }
  });
});

describe("openapi", () => {
  const routes: [string, string][] = [
    ["get", "/v1/allowed_origins"],
    ["post", "/v1/allowed_origins"],
    ["post", "/v1/payment_intents"],
    ["get", "/v1/payment_intents/{id}"],
    ["post", "/v1/payment_intents/{id}/cancel"],
    ["post", "/v1/refunds"],
    ["post", "/v1/client_tokens"],
    ["post", "/v1/webhook_endpoints"],
    ["get", "/v1/webhook_endpoints"],
    ["get", "/v1/webhook_endpoints/{id}"],
    ["delete", "/v1/webhook_endpoints/{id}"],
    ["post", "/v1/webhook_endpoints/{id}/rotate_secret"],
    ["get", "/v1/frame/session"],
    ["post", "/v1/frame/payment_intents/confirm"],
    ["get", "/v1/frame/payment_intents/three_d_secure"],
    ["post", "/v1/frame/payment_intents/three_d_secure/abandon"],
    ["get", "/v1/frames/manifest.json"],
  ];

  test("/v1/frames/manifest.json lists the SHA-384 of the loader, each frame page and every asset they load, as served", async () => {
    const response = await get(host, "/v1/frames/manifest.json", { key: null });
    assert.equal(response.status, 200, response.text.slice(0, 300));
    assert.equal(response.body.object, "frame_manifest");
    const files = new Map<string, { integrity: string; bytes: number }>(response.body.files.map((file: { path: string; integrity: string; bytes: number }) => [file.path, file]));
    for (const path of ["/v1/enclave.js", "/frames/checkout.html", "/frames/bank-link.html", "/frames/identity.html"]) assert.ok(files.has(path), `${path} is listed`);
    // The decoded files (what SRI checks), not their compressed copies.
    for (const path of files.keys()) assert.doesNotMatch(path, /\.(br|gz)$/, `${path}: no compressed copy is listed`);
    for (const [path, listed] of files) {
      // fetch asks for br and gzip and decodes: the integrity holds for the decoded bytes.
      const served = await fetch(`${host.url}${path}${path.endsWith(".html") ? `?pk=${host.publishableKey}` : ""}`);
      const bytes = Buffer.from(await served.arrayBuffer());
      assert.equal(served.status, 200, path);
      assert.equal(listed.integrity, `sha384-${createHash("sha384").update(bytes).digest("base64")}`, `${path} is served as listed`);
      assert.equal(listed.bytes, bytes.byteLength);
      // Whatever a page loads is listed too, so a monitor sees every script of the payment page.
      if (path.endsWith(".html")) {
        for (const [, asset] of bytes.toString("utf8").matchAll(/(?:src|href)="(\/frames\/assets\/[^"]+)"/g))
          assert.ok(files.has(asset ?? ""), `${asset} (loaded by ${path}) is listed`);
      }
    }
  });

  test("/v1/openapi.json is OpenAPI 3 and lists every route the host answers", async () => {
    const response = await get(host, "/v1/openapi.json", { key: null });
    assert.equal(response.status, 200, response.text.slice(0, 300));
    assert.match(response.headers.get("content-type") ?? "", /^application\/json/);
    const document = response.body;
    assert.match(document.openapi, /^3\./);
    assert.equal(typeof document.info?.title, "string");
    for (const [method, path] of routes) {
      const operation = document.paths?.[path]?.[method];
      assert.ok(operation, `${method.toUpperCase()} ${path} is documented`);
      assert.ok(operation.responses?.["200"], `${method.toUpperCase()} ${path} documents its answer`);
      if (method === "post") assert.ok(operation.requestBody, `${method.toUpperCase()} ${path} documents its body`);
    }
    assert.ok(document.components?.schemas?.Error, "the error envelope is documented");
  });

  test("every documented route exists: none answers route_not_found", async () => {
    const document = (await get(host, "/v1/openapi.json", { key: null })).body;
    for (const [path, operations] of Object.entries(document.paths as Record<string, Record<string, unknown>>)) {
      for (const method of Object.keys(operations)) {
        const concrete = path.replace(/\{\w+\}/g, "pi_DoesNotExist123456");
        const response = await call(host, method.toUpperCase(), concrete, method === "post" ? { body: {} } : {});
        assert.notEqual(response.body?.error?.code, "route_not_found", `${method.toUpperCase()} ${path} is documented but not served`);
      }
    }
  });

  test("the documented request bodies refuse unknown fields, as the API does", async () => {
    const document = (await get(host, "/v1/openapi.json", { key: null })).body;
    const schema = document.paths["/v1/payment_intents"].post.requestBody.content["application/json"].schema;
    assert.equal(schema.additionalProperties, false);
    assert.deepEqual([...schema.required].sort(), ["amount", "currency"]);
  });
});
