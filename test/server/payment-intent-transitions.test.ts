/**
 * The payment intent's state machine (src/server/store/payment-intent-transitions.ts) on
 * its own: every status with every event, as a table, so a changed rule shows here first.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { paymentIntentStatuses, type PaymentIntentStatus } from "../../src/protocol/api.js";
import { ErrorCode } from "../../src/protocol/errors.js";
import { nextStatus, requireNextStatus, type PaymentIntentEvent, type TransitionOutcome } from "../../src/server/store/payment-intent-transitions.js";

const events: PaymentIntentEvent[] = ["confirm", "approved", "declined", "action_required", "cancel", "authenticated", "authentication_failed", "refund"];
const unexpected: TransitionOutcome = { error: ErrorCode.unexpectedState };

/** Every status × event; `same` where the status stays as it is. */
const expected: Record<PaymentIntentStatus, Record<PaymentIntentEvent, TransitionOutcome | "same">> = {
  requires_payment_method: {
    confirm: { status: "processing" },
    approved: unexpected,
    declined: unexpected,
    action_required: unexpected,
    cancel: { status: "canceled" },
    authenticated: "same",
    authentication_failed: "same",
    refund: unexpected,
  },
  processing: {
    confirm: "same",
    approved: { status: "succeeded" },
    declined: { status: "requires_payment_method" },
    action_required: { status: "requires_action" },
    cancel: unexpected,
    authenticated: "same",
    authentication_failed: "same",
    refund: unexpected,
  },
  requires_action: {
    confirm: "same",
    approved: unexpected,
    declined: unexpected,
    action_required: unexpected,
    cancel: { status: "canceled" },
    authenticated: { status: "succeeded" },
    authentication_failed: { status: "requires_payment_method" },
    refund: unexpected,
  },
  succeeded: {
    confirm: "same",
    approved: unexpected,
    declined: unexpected,
    action_required: unexpected,
    cancel: unexpected,
    authenticated: "same",
    authentication_failed: "same",
    refund: "same",
  },
  canceled: {
    confirm: { error: ErrorCode.sessionNotOpen },
    approved: unexpected,
    declined: unexpected,
    action_required: unexpected,
    cancel: "same",
    authenticated: "same",
    authentication_failed: "same",
    refund: unexpected,
  },
};

describe("payment intent transitions", () => {
  for (const status of paymentIntentStatuses) {
    test(`from ${status}`, () => {
      for (const event of events) {
        const want = expected[status][event];
        assert.deepEqual(nextStatus(status, event), want === "same" ? { status } : want, `${status} + ${event}`);
      }
    });
  }

  test("a confirm goes to the processor once: only from requires_payment_method", () => {
    const reaching = paymentIntentStatuses.filter((status) => {
      const outcome = nextStatus(status, "confirm");
      return "status" in outcome && outcome.status !== status;
    });
    assert.deepEqual(reaching, ["requires_payment_method"]);
  });

  test("nothing but a processor's approval or a completed challenge makes a payment succeed", () => {
    for (const status of paymentIntentStatuses) {
      for (const event of events) {
        const outcome = nextStatus(status, event);
        if (status !== "succeeded" && "status" in outcome && outcome.status === "succeeded") assert.ok(event === "approved" || event === "authenticated", `${status} + ${event}`);
      }
    }
  });

  test("requireNextStatus gives the status, and throws where the event is refused", () => {
    assert.equal(requireNextStatus("processing", "declined"), "requires_payment_method");
    assert.throws(() => requireNextStatus("succeeded", "approved"), /approved is not possible in succeeded/);
  });
});
