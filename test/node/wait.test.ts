/**
 * The test kit's wait helper (test/support/wait.ts), which node and browser suites share:
 * it resolves with the first truthy answer, as soon as there is one, and otherwise fails
 * naming what it waited for.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { waitFor } from "../support/wait.js";

describe("waitFor", () => {
  test("resolves with the first truthy answer of a sync or async check, without waiting out the timeout", async () => {
    let calls = 0;
    const started = Date.now();
    const value = await waitFor(() => (++calls === 3 ? { found: calls } : undefined), 5_000, "the third call", 10);
    assert.deepEqual(value, { found: 3 });
    assert.ok(Date.now() - started < 1_000, "it stopped once the check held");
    assert.equal(await waitFor(async () => "ready", 100, "an async check"), "ready");
  });

  test("fails after the timeout, naming what it waited for", async () => {
    const started = Date.now();
    await assert.rejects(
      waitFor(() => false, 120, "a webhook that never comes", 10),
      { message: "timed out after 120 ms waiting for a webhook that never comes" },
    );
    assert.ok(Date.now() - started >= 120, "it kept trying until the timeout");
    let seen = 0;
    await assert.rejects(
      waitFor(
        () => ++seen > 1_000,
        60,
        () => `the count to pass 1000 (it reached ${seen})`,
        10,
      ),
      { message: /^timed out after 60 ms waiting for the count to pass 1000 \(it reached \d+\)$/ },
    );
  });

  test("a check that throws ends the wait at once with its error", async () => {
    const started = Date.now();
    await assert.rejects(
      waitFor(
        () => {
          throw new Error("the host exited");
        },
        5_000,
        "a host",
      ),
      { message: "the host exited" },
    );
    assert.ok(Date.now() - started < 1_000);
  });
});
