/**
 * Server-side rendering imports the package in Node: nothing may throw or touch the DOM.
 * The source entries are imported directly; the published ones by the package's own name,
 * through its exports map (so after `npm run build`, which npm test runs first), each with
 * its declarations beside it. React also renders the wrappers on the server.
 */
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { createElement } from "react";
import { renderToString } from "react-dom/server";

const root = new URL("../../", import.meta.url);

describe("importing the host entries in Node", () => {
  for (const entry of [
    "elements/index",
    "elements/checkout/enclave-checkout",
    "elements/bank-link/enclave-bank-link",
    "elements/identity/enclave-identity",
    "react/index",
    "vue/index",
  ]) {
    it(`src/${entry} imports without throwing`, async () => {
      const module = (await import(`../../src/${entry}.js`)) as Record<string, unknown>;
      assert.ok(Object.keys(module).length > 0);
    });
  }

  it("the SDK imports without pulling the server in", async () => {
    const sdk = (await import("../../src/sdk/index.js")) as Record<string, unknown>;
    assert.equal(typeof sdk["EnclaveClient"], "function");
  });
});

describe("every entry of the exports map, as published", () => {
  const { name, exports } = JSON.parse(readFileSync(new URL("package.json", root), "utf8")) as {
    name: string;
    exports: Record<string, string | { types?: string; import?: string }>;
  };
  const codeEntries = Object.entries(exports).filter((entry): entry is [string, { types?: string; import?: string }] => typeof entry[1] === "object");

  it("lists the React and Vue entries", () => {
    assert.ok(codeEntries.some(([subpath]) => subpath === "./react"));
    assert.ok(codeEntries.some(([subpath]) => subpath === "./vue"));
  });

  for (const [subpath, targets] of codeEntries) {
    const specifier = subpath === "." ? name : `${name}/${subpath.slice(2)}`;

    it(`${specifier} has its types, and imports in Node without throwing`, async () => {
      assert.ok(targets.types, `${subpath} names its types`);
      assert.ok(targets.import, `${subpath} names its module`);
      for (const file of [targets.types, targets.import]) {
        assert.ok(existsSync(new URL(file, root)), `${file} exists (run npm run build first)`);
      }
      const module = (await import(specifier)) as Record<string, unknown>;
      assert.ok(Object.keys(module).length > 0, `${specifier} exports something`);
    });
  }
});

describe("rendering the React wrappers on the server", () => {
  it("renders each element with its attributes and without its client token", async () => {
    const { EnclaveBankLink, EnclaveCheckout, EnclaveIdentity } = await import("../../src/react/index.js");
    const html = renderToString(
      createElement(
        "div",
        null,
        createElement(EnclaveCheckout, { publishableKey: "pk_test_ssr12345", host: "https://widgets.example.com", locale: "fr", clientToken: "ct_secret_ssr" }),
        createElement(EnclaveBankLink, { publishableKey: "pk_test_ssr12345", mode: "inline", onExit: () => undefined }),
        createElement(EnclaveIdentity, { publishableKey: "pk_test_ssr12345", className: "verify" }),
      ),
    );
    assert.match(html, /<enclave-checkout publishable-key="pk_test_ssr12345" host="https:\/\/widgets\.example\.com" locale="fr"><\/enclave-checkout>/);
    assert.match(html, /<enclave-bank-link publishable-key="pk_test_ssr12345" mode="inline"><\/enclave-bank-link>/);
    assert.match(html, /<enclave-identity publishable-key="pk_test_ssr12345" class="verify"><\/enclave-identity>/);
    assert.doesNotMatch(html, /ct_secret_ssr/, "a client token never goes into the HTML");
  });
});
