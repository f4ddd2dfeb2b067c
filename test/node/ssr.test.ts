/** Server-side rendering imports the host entries in Node: nothing may throw or touch the DOM. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";

describe("importing the host entries in Node", () => {
  for (const entry of ["index", "checkout/enclave-checkout", "bank-link/enclave-bank-link", "identity/enclave-identity"]) {
    it(`src/elements/${entry} imports without throwing`, async () => {
      const module = (await import(`../../src/elements/${entry}.js`)) as Record<string, unknown>;
      assert.ok(Object.keys(module).length > 0);
    });
  }

  it("the SDK imports without pulling the server in", async () => {
    const sdk = (await import("../../src/sdk/index.js")) as Record<string, unknown>;
    assert.equal(typeof sdk["EnclaveClient"], "function");
  });
});
