/**
 * `sessionKind` (src/server/ids.ts), the one place a session id's prefix is read: every
 * route that takes a session id or a client token's session decides its flow with it.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { newSessionId, sessionKind, type SessionKind } from "../../src/server/ids.js";

describe("sessionKind", () => {
  test("tells the three flows apart by prefix", () => {
    assert.equal(sessionKind("pi_3Hh8aZ0kLmNoPqRs"), "checkout");
    assert.equal(sessionKind("bls_3Hh8aZ0kLmNoPqRs"), "bank_link");
    assert.equal(sessionKind("ids_3Hh8aZ0kLmNoPqRs"), "identity");
  });

  test("is undefined for anything not shaped like our session ids", () => {
    for (const id of [
      "",
      "pi_",
      "pi_short",
      "pi_has-dash-0123",
      `pi_${"a".repeat(65)}`,
      "item_3Hh8aZ0kLmNoPqRs",
      "PI_3Hh8aZ0kLmNoPqRs",
      " pi_3Hh8aZ0kLmNoPqRs",
      "pi_3Hh8aZ0kLmNoPqRs\n",
    ]) {
      assert.equal(sessionKind(id), undefined, JSON.stringify(id));
    }
  });

  test("knows every id newSessionId makes", () => {
    for (const kind of ["checkout", "bank_link", "identity"] satisfies SessionKind[]) assert.equal(sessionKind(newSessionId(kind)), kind);
  });
});
