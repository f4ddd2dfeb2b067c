/**
 * What the widget host serves besides its API: the frame pages with the merchant's
 * frame-ancestors policy, their assets, the loader `/v1/enclave.js`, and
 * `/v1/openapi.json`. Needs the built frames and loader in dist/ (`npm test` builds them;
 * alone: `npx tsx scripts/build.ts frames loader`).
 */
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { asApiResponse, call, expectError, get, post, rawRequest, SHOP_ORIGIN } from "./support/api.js";
import { randomKeys, root, startWidgetHost, type WidgetHostProcess } from "./support/widget-host.js";

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
    for (const [path, listed] of files) {
      const served = await fetch(`${host.url}${path}${path.endsWith(".html") ? `?pk=${host.publishableKey}` : ""}`);
      const bytes = Buffer.from(await served.arrayBuffer());
      assert.equal(served.status, 200, path);
      assert.equal(listed.integrity, `sha384-${createHash("sha384").update(bytes).digest("base64")}`, `${path} is served as listed`);
      assert.equal(listed.bytes, bytes.byteLength);
      // Whatever a page loads is listed too, so a monitor sees every script of the payment page.
      if (path.endsWith(".html")) {
        for (const [, asset] of bytes.toString("utf8").matchAll(/(?:src|href)="(\/frames\/assets\/[^"]+)"/g)) assert.ok(files.has(asset ?? ""), `${asset} (loaded by ${path}) is listed`);
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
