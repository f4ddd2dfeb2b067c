import { EnclaveError } from "../../protocol/errors.js";
import type { CheckoutSuccessDetail } from "../../protocol/events.js";
import { frameChecks } from "../../protocol/host-spec.js";
import type { EnclaveElementEventMap } from "../events.js";
import { ChallengeOverlay, challengePageUrl } from "../internal/challenge-overlay.js";
import { EnclaveElement, type FrameConnection } from "../internal/enclave-element.js";

/**
 * The whole card form — "Card number", "Expiration date", "Security code", "Postal code" —
 * in a frame served by the widget host, so card data never touches the merchant's page.
 * Set `publishable-key` and a client token (`clientToken`, or `fetchClientToken` to ask
 * your backend for one), wait for `enclave-ready`, then call `submit()` from your own Pay
 * button. The element follows the frame's height; style the frame's inside through
 * `appearance`, the element's box through the parts and properties below.
 *
 * When the bank asks for 3-D Secure, its page opens full-page above yours (a modal dialog,
 * full-screen on a phone); Escape or its close button gives the check up, and the payment
 * fails as a canceled challenge does.
 *
 * @summary A payment form in a secure frame, like Stripe's Payment Element: the page never sees card data.
 *
 * @event {CustomEvent<{ flow: "checkout" }>} enclave-ready - The frame connected and shows the payment. Detail: `{ flow }`.
 * @event {CustomEvent<{ complete: boolean, empty: boolean, brand: string, error?: { code, message } }>} enclave-change - The customer typed: `complete` when every field is valid, `brand` as soon as the number shows it (`visa`, `mastercard`, `amex`, `unknown`…). Detail: `{ complete, empty, brand, error? }`, never a digit of the card.
 * @event {CustomEvent<{ paymentIntent: { id: string, status: string, amount: number, currency: string } }>} enclave-success - The payment succeeded (after 3-D Secure when the bank asked for it). Detail: `{ paymentIntent: { id, status, amount, currency } }`. Confirm it on your backend before fulfilling.
 * @event {CustomEvent<{ code: string, message: string, retryable: boolean }>} enclave-error - Something failed: a setup mistake (`missing_publishable_key`, `invalid_host`), the frame not connecting (`frame_connect_timeout`), the origin or token refused. Detail: `{ code, message, retryable }`.
 * @event {CustomEvent<{ name: string, step: string, at: string }>} enclave-event - Progress for analytics (form shown, submitted, 3-D Secure opened…). Detail: `{ name, step, at }` (`at` an ISO 8601 time).
 *
 * @csspart frame - The iframe that holds the form.
 * @csspart challenge - The 3-D Secure dialog above the page.
 *
 * @cssprop --enclave-min-height - The least height the element takes, whatever the frame reports (default `3rem`).
 * @cssprop --enclave-loading-background - Colour of the skeleton shown, at the frame's expected height, until the frame is ready (default a faint neutral grey).
 * @cssprop --enclave-loading-radius - Corner radius of that skeleton (default `6px`).
 */
export class EnclaveCheckout extends EnclaveElement<"checkout"> {
  protected override readonly flow = "checkout" as const;
  protected override readonly frameChecks = frameChecks.checkout;
  protected override readonly frameTitle = "Secure payment form";

  #challenge?: ChallengeOverlay;

  override disconnectedCallback(): void {
    this.#challenge?.close(false);
    super.disconnectedCallback();
  }

  /**
   * The frame asks for the bank's page full-page. Only its widget host's own challenge
   * page is opened: any other address is refused, whoever asks.
   */
  protected override frameConnected(connection: FrameConnection<"checkout">, frameOrigin: string): void {
    connection.handle("openChallenge", ({ url, ...words }) => {
      const page = challengePageUrl(url, frameOrigin);
      if (!page) throw new EnclaveError("invalid_params", "The 3-D Secure page must be the widget host's own.");
      this.#challenge?.close(false);
      this.#challenge = new ChallengeOverlay(
        this.root,
        (what) => connection.emit("challenge", { what }),
        () => this.frame?.focus(),
      );
      this.#challenge.open(page, words);
      return {};
    });
    connection.handle("closeChallenge", () => {
      // Focus goes back to the form, where the frame shows (and focuses) how the payment ended.
      if (this.#challenge?.isOpen) this.#challenge.close();
      return {};
    });
  }

  /**
   * Validates the form and confirms the payment. Resolves with `{ paymentIntent }`;
   * rejects with `{ code, message, retryable, declineCode? }`.
   */
  async submit(): Promise<CheckoutSuccessDetail> {
    try {
      // The frame's answer was checked by the bridge against the checkout spec's submit result.
      return await this.requireConnection().call("submit", {}, { timeoutMs: 120_000 });
    } catch (error) {
      // The page's Pay button is usually disabled while paying, which drops focus to the
      // page body: give it to the form, where the frame focused the field to fix.
      if (this.isConnected && (document.activeElement === document.body || document.activeElement === null)) this.frame?.focus();
      throw EnclaveError.from(error);
    }
  }

  /**
   * Shows the payment's current amount after your backend changed it
   * (`POST /v1/payment_intents/:id`: a coupon, shipping), keeping what the customer typed.
   * Like Stripe's `elements.fetchUpdates()`. A confirm for a total the customer did not see
   * is refused (`amount_changed`): nothing is charged and the form shows the new total.
   */
  async refresh(): Promise<void> {
    await this.requireConnection().call("refresh", {});
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

/** `addEventListener("enclave-success", …)` on this element gets its own detail type. */
export interface EnclaveCheckout {
  addEventListener<K extends keyof EnclaveElementEventMap<CheckoutSuccessDetail>>(
    type: K,
    listener: (this: EnclaveCheckout, event: EnclaveElementEventMap<CheckoutSuccessDetail>[K]) => unknown,
    options?: boolean | AddEventListenerOptions,
  ): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions): void;
}
