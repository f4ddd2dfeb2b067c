import { EnclaveError } from "../../protocol/errors.js";
import { EnclaveElement } from "../internal/enclave-element.js";

/**
 * @summary A payment form in a secure frame, like Stripe's Payment Element: the page never sees card data.
 *
 * @event enclave-ready - The frame connected and shows the payment. Detail: `{ flow }`.
 * @event enclave-change - The form changed. Detail: `{ complete, empty, brand, error? }`.
 * @event enclave-success - The payment succeeded. Detail: `{ paymentIntent: { id, status, amount, currency } }`.
 * @event enclave-error - Something failed. Detail: `{ code, message, retryable }`.
 * @event enclave-event - Progress for analytics. Detail: `{ name, step, at }`.
 *
 * @csspart frame - The iframe that holds the form.
 *
 * @cssprop --enclave-min-height - Height reserved before the frame reports its own.
 * @cssprop --enclave-loading-background - Background shown while the frame connects.
 */
export class EnclaveCheckout extends EnclaveElement {
  protected override readonly flow = "checkout" as const;
  protected override readonly frameTitle = "Secure payment form";

  /**
   * Validates the form and confirms the payment. Resolves with `{ paymentIntent }`;
   * rejects with `{ code, message, retryable, declineCode? }`.
   */
  async submit(): Promise<Record<string, unknown>> {
    try {
      return await this.requireConnection().call("submit", {}, { timeoutMs: 120_000 });
    } catch (error) {
      throw EnclaveError.from(error);
    }
  }

  /** Empties every field of the form. */
  async clear(): Promise<void> {
    await this.requireConnection().call("clear", {});
  }

  /** Moves keyboard focus to the form's first field. */
  override focus(): void {
    this.frame?.focus();
    void this.connection?.call("focus", {}).catch(() => undefined);
  }
}
