/**
 * The checkout frame's controller: the only code that talks to the bridge and the API.
 * It drives the pure view (checkout-view) through one `CheckoutScreen` at a time
 * (checkout-screen.ts) and listens to its DOM events. Card data stays in this frame: it
 * goes to the widget host's own API in the confirm request and nowhere else — no event,
 * result or error carries a digit of it.
 *
 *   load()   session (checkout-client.ts)                → ready (or error)
 *   submit() validate → confirm
 *            → [requires_action: the host element shows the widget host's page at
 *               next_action.url full-page above the merchant's page (`openChallenge`);
 *               the customer answers there; this frame only learns the result from its
 *               server: the challenge's status each time the element says the page loaded
 *               (and every 2 s), or abandon when it says the customer gave up (fails it)]
 *            → success (resolve + `success`) | decline (reject + `error`)
 *            | amount_changed (the merchant changed the total after the customer saw it:
 *              nothing charged; the new total shows, what was typed stays)
 *   refresh() session again → the new amount on screen (a coupon, shipping), fields kept
 */
import type { FramePaymentIntent } from "../../protocol/api.js";
import type { CheckoutSubmitResult } from "../../protocol/bridge.js";
import { EnclaveError, ErrorCode } from "../../protocol/errors.js";
import type { ChangeDetail } from "../../protocol/events.js";
import type { ParentEndpoint } from "../frame-shell.js";
import { FrameController, type ControllerEndpoint } from "../ui/frame-controller.js";
import { cardFields, emptyCardValue, type CardField } from "./card-input.js";
import { cardFieldParams, changeDetail, englishMessage, firstInvalidField, toCardDetails, validateCard, type CardCheck, type TouchedFields } from "./card-validation.js";
import type { CheckoutApi } from "./checkout-client.js";
import { renderCheckoutScreen, type CheckoutScreen } from "./checkout-screen.js";
import type { EnclaveCheckoutView } from "./checkout-view.js";
import type { CardInputDetail } from "./events.js";
import { checkoutMessages } from "./messages.js";
import { ChallengeSignals } from "./three-d-secure-challenge.js";

export type { CheckoutApi } from "./checkout-client.js";

/** The parts of the bridge the controller uses (a fake in tests): it also asks the host element to show the challenge. */
export type CheckoutEndpoint = ControllerEndpoint<"checkout"> & Pick<ParentEndpoint<"checkout">, "call" | "on">;

/** The field a decline asks the customer to fix; other declines focus their message. */
const fieldToFix: Partial<Record<string, CardField>> = {
  incorrect_number: "number",
  expired_card: "expiry",
  invalid_expiry_year: "expiry",
  incorrect_cvc: "cvc",
  invalid_cvc: "cvc",
};

/** Progress names sent as `event` for analytics, with the step they belong to. */
export type ProgressName = "session_resumed" | "form_started" | "submit" | "three_d_secure_shown" | "payment_succeeded" | "payment_failed";

/** The steps progress events name. */
export type CheckoutStep = "payment_details" | "three_d_secure" | "complete";

export class CheckoutController extends FrameController<"checkout", CheckoutScreen, ProgressName, CheckoutStep> {
  private api: CheckoutApi | undefined;
  private lastChange: string;
  private formStarted = false;
  private submission: Promise<CheckoutSubmitResult> | undefined;
  private paid: CheckoutSubmitResult | undefined;
  private loadError: EnclaveError | undefined;
  private readonly challenge = new ChallengeSignals();

  constructor(
    private readonly view: EnclaveCheckoutView,
    private readonly bridge: CheckoutEndpoint,
    clock: () => Date = () => new Date(),
  ) {
    const endpoint = bridge;
    super(endpoint, { name: "loading" }, clock);
    // The empty form is where every page starts: `change` fires from the first difference.
    this.lastChange = JSON.stringify(changeDetail(validateCard(emptyCardValue), {}));
    endpoint.handle("submit", () => this.submit());
    endpoint.handle("refresh", () => this.refresh());
    this.handleSharedMethods({ clear: () => this.clear(), focus: () => this.focus() });
    view.addEventListener("enclave-card-input", this.onCardInput);
    // A hint to ask the server (the page loaded, the customer gave up), never an outcome.
    bridge.on("challenge", ({ what }) => this.signalChallenge(what === "abandoned" ? "abandon" : "load"));
  }

  /**
   * Resumes the payment session with `api` (a new one after each `init`, bound to its
   * token) and shows what is due. Rejects, and shows why, when the session cannot be used.
   */
  async load(api: CheckoutApi): Promise<void> {
    this.api = api;
    this.loadError = undefined;
    try {
      const resumed = api.session();
      // The form is drawn while the session is on its way, not after: the page keeps the
      // frame hidden until `ready`, which waits for the answer, so the customer never sees
      // it without its amount (issue 13: ready sooner).
      if (this.screen.name === "loading") this.show({ name: "ready" });
      const { session, merchant } = await resumed;
      this.view.amount = session.amount;
      this.view.currency = session.currency;
      this.view.merchantName = merchant.name;
      this.show({ name: "ready" });
      await this.view.updateComplete;
      this.endpoint.emit("ready", { flow: "checkout" });
      this.progress("session_resumed", "payment_details");
    } catch (error) {
      const reason = EnclaveError.from(error);
      this.loadError = reason;
      // The view words it by code in the customer's language; `reason.message` is the merchant's.
      this.show({ name: "error", errorCode: reason.code });
      throw reason;
    }
  }

  /**
   * Validates the form and confirms the payment. A second call while one is in flight
   * gets the same promise (one confirm, however often the merchant's button is pressed);
   * after success, the same result.
   */
  submit(): Promise<CheckoutSubmitResult> {
    if (this.paid) return Promise.resolve(this.paid);
    this.submission ??= this.confirm().finally(() => {
      this.submission = undefined;
    });
    return this.submission;
  }

  /**
   * Shows the intent's current amount (the merchant changed it: a coupon, shipping) without
   * touching what the customer typed. A payment under way or done keeps its amount: the
   * server refuses to change it then.
   */
  async refresh(): Promise<Record<string, never>> {
    const api = this.api;
    if (!api || this.paid || this.submission) return {};
    await this.showCurrentAmount(api);
    return {};
  }

  private async showCurrentAmount(api: CheckoutApi): Promise<void> {
    const { session } = await api.session();
    this.view.amount = session.amount;
    this.view.currency = session.currency;
    await this.view.updateComplete;
  }

  /** Empties the form (and forgets a decline message). */
  clear(): void {
    this.emptyForm();
    if (this.screen.name === "declined") this.show({ name: "ready" });
    this.reportChange(validateCard(emptyCardValue), {});
  }

  /** Focuses the card number. */
  focus(): Promise<void> {
    return this.view.focusField("number");
  }

  protected override render(screen: CheckoutScreen): void {
    renderCheckoutScreen(this.view, screen);
  }

  private emptyForm(): void {
    this.view.card = emptyCardValue;
    this.view.touched = {};
  }

  private async confirm(): Promise<CheckoutSubmitResult> {
    const api = this.api;
    if (!api || this.screen.name === "loading" || this.screen.name === "error") {
      throw this.loadError ?? new EnclaveError(ErrorCode.notConnected, "The payment form is still loading. Try again in a moment.", { retryable: true });
    }

    const card = this.view.card;
    const check = validateCard(card);
    const firstInvalid = firstInvalidField(check);
    if (firstInvalid) {
      // Every error shows now, as after a form's submit; the first bad field gets focus.
      const touched: TouchedFields = Object.fromEntries(cardFields.map((field) => [field, true]));
      this.view.touched = touched;
      this.reportChange(check, touched);
      void this.view.focusField(firstInvalid.field);
      throw new EnclaveError(ErrorCode.incompleteCard, englishMessage(firstInvalid.error), { retryable: true, param: cardFieldParams[firstInvalid.field] });
    }

    this.progress("submit", "payment_details");
    this.show({ name: "processing" });
    try {
      let intent = await api.confirm(toCardDetails(card), this.view.amount);
      if (intent.status === "requires_action" && intent.next_action?.type === "three_d_secure") {
        intent = await this.authenticate(api, intent);
      }
      if (intent.status !== "succeeded") {
        throw new EnclaveError(ErrorCode.unexpectedState, "Your payment could not be completed. Try again or use another card.", { retryable: true });
      }
      const result: CheckoutSubmitResult = { paymentIntent: { id: intent.id, status: intent.status, amount: intent.amount, currency: intent.currency } };
      this.paid = result;
      // Paid: the card is no longer needed, so it is no longer kept.
      this.emptyForm();
      this.view.amount = intent.amount;
      this.view.currency = intent.currency;
      this.show({ name: "succeeded" });
      this.endpoint.emit("success", result);
      this.progress("payment_succeeded", "complete");
      return result;
    } catch (error) {
      // A decline keeps what was typed: the customer may fix one field or try another card.
      const reason = EnclaveError.from(error);
      // Nothing was charged: show the total the customer would pay now, beside the message.
      if (reason.code === ErrorCode.amountChanged) await this.showCurrentAmount(api).catch(() => undefined);
      this.show({ name: "declined", errorCode: reason.code, declineCode: reason.declineCode ?? "" });
      // Where the customer goes next: the field to fix, or the message (announced as it appears).
      const field = fieldToFix[reason.code] ?? fieldToFix[reason.declineCode ?? ""];
      await (field ? this.view.focusField(field) : this.view.focusNotice());
      this.endpoint.emit("error", { code: reason.code, message: reason.message, retryable: reason.retryable });
      this.progress("payment_failed", "payment_details");
      throw reason;
    }
  }

  /**
   * Has the host element show the widget host's 3-D Secure page full-page and waits until
   * the server says how it ended: the intent's status is the only truth, whatever the
   * page, the element or this frame saw.
   */
  private async authenticate(api: CheckoutApi, pending: FramePaymentIntent): Promise<FramePaymentIntent> {
    const url = pending.next_action?.url;
    // Only the host's own page: this frame never shows another origin's page as the bank's.
    if (!url || new URL(url, location.href).origin !== location.origin) {
      throw new EnclaveError(ErrorCode.unexpectedState, "Your payment could not be completed. Try again or use another card.", { retryable: true });
    }
    this.challenge.reset();
    this.show({ name: "authenticating" });
    this.progress("three_d_secure_shown", "three_d_secure");
    const words = checkoutMessages().threeDSecure;
    try {
      try {
        await this.bridge.call("openChallenge", { url, title: words.title, frameTitle: words.challengeFrame, closeLabel: words.close });
      } catch {
        // The page could not show it: the customer cannot answer, so it fails as giving up does.
        this.challenge.signal("abandon");
      }
      for (;;) {
        const signal = await this.challenge.next();
        let intent: FramePaymentIntent;
        if (signal === "abandon") {
          this.show({ name: "processing" });
          intent = await api.abandonThreeDSecure();
        } else {
          intent = await api.threeDSecureStatus();
        }
        if (intent.status === "requires_action") continue;
        if (intent.status === "requires_payment_method" && intent.last_payment_error) {
          const { code, message } = intent.last_payment_error;
          throw new EnclaveError(code as ErrorCode, message, { retryable: true });
        }
        return intent;
      }
    } finally {
      this.challenge.reset();
      await this.bridge.call("closeChallenge", {}).catch(() => undefined);
    }
  }

  private signalChallenge(signal: "load" | "abandon"): void {
    if (this.screen.name === "authenticating") this.challenge.signal(signal);
  }

  private readonly onCardInput = (event: CustomEvent<CardInputDetail>): void => {
    const check = validateCard(event.detail.value);
    if (!this.formStarted && !check.empty) {
      this.formStarted = true;
      this.progress("form_started", "payment_details");
    }
    this.reportChange(check, event.detail.touched);
  };

  /** Emits `change` when what the merchant may know — complete, empty, brand, the visible error — changed. */
  private reportChange(check: CardCheck, touched: TouchedFields): void {
    const detail: ChangeDetail = changeDetail(check, touched);
    const key = JSON.stringify(detail);
    if (key === this.lastChange) return;
    this.lastChange = key;
    this.endpoint.emit("change", detail);
  }
}
