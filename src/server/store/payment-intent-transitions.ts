/**
 * The payment intent's state machine as pure functions: a status and what happens to it
 * give the next status, or the error code of a refusal. No I/O: the store applies what
 * this says under the intent's row lock (payment-intents.ts `withLockedPaymentIntent`),
 * and test/server/payment-intent-transitions.test.ts covers every pair.
 *
 *   requires_payment_method ──confirm──► processing ──approved──────────► succeeded
 *            ▲                               │ └──action_required──► requires_action
 *            └────────────declined───────────┘                          │  │
 *            └──────────────────────authentication_failed───────────────┘  └─authenticated─► succeeded
 *   requires_payment_method, requires_action ──cancel──► canceled
 *
 * `processing` lasts only while the processor answers, inside one confirm's lock; it is
 * never stored, but an intent found in it is treated as confirmed.
 */
import type { PaymentIntentStatus } from "../../protocol/api.js";
import { ErrorCode } from "../../protocol/errors.js";

export type PaymentIntentEvent =
  /** A confirm with a valid card: may it reach the processor? */
  | "confirm"
  /** The processor's answers to a confirm. */
  | "approved"
  | "declined"
  | "action_required"
  /** The merchant cancels. */
  | "cancel"
  /** The customer completed 3-D Secure on the issuer's page. */
  | "authenticated"
  /** 3-D Secure failed, was abandoned, or expired unanswered. */
  | "authentication_failed"
  /** The merchant refunds part or all of the payment (the status stays). */
  | "refund";

/** Why an event is refused in a status; the route words the message. */
export type TransitionRefusal = typeof ErrorCode.sessionNotOpen | typeof ErrorCode.unexpectedState;

/** The status after the event (the same status: nothing changes), or a refusal. */
export type TransitionOutcome = { status: PaymentIntentStatus } | { error: TransitionRefusal };

const to = (status: PaymentIntentStatus): TransitionOutcome => ({ status });
/** The same status: nothing changes. */
const stay = to;
const refuse = (error: TransitionRefusal): TransitionOutcome => ({ error });

export function nextStatus(status: PaymentIntentStatus, event: PaymentIntentEvent): TransitionOutcome {
  switch (event) {
    case "confirm":
      if (status === "requires_payment_method") return to("processing");
      // Exactly once: a second confirm (a double click, another tab) sees the first one's result.
      if (status === "canceled") return refuse(ErrorCode.sessionNotOpen);
      return stay(status);
    case "approved":
      return status === "processing" ? to("succeeded") : refuse(ErrorCode.unexpectedState);
    case "declined":
      return status === "processing" ? to("requires_payment_method") : refuse(ErrorCode.unexpectedState);
    case "action_required":
      return status === "processing" ? to("requires_action") : refuse(ErrorCode.unexpectedState);
    case "cancel":
      if (status === "requires_payment_method" || status === "requires_action") return to("canceled");
      return status === "canceled" ? stay(status) : refuse(ErrorCode.unexpectedState);
    // A challenge answered after the intent moved on changes nothing.
    case "authenticated":
      return status === "requires_action" ? to("succeeded") : stay(status);
    case "authentication_failed":
      return status === "requires_action" ? to("requires_payment_method") : stay(status);
    case "refund":
      return status === "succeeded" ? stay(status) : refuse(ErrorCode.unexpectedState);
  }
}

/** The status after an event that cannot be refused where it is used (a processor's answer to a confirm it was given). */
export function requireNextStatus(status: PaymentIntentStatus, event: PaymentIntentEvent): PaymentIntentStatus {
  const outcome = nextStatus(status, event);
  if ("error" in outcome) throw new Error(`payment intent: ${event} is not possible in ${status}`);
  return outcome.status;
}
