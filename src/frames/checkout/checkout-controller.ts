/**
 * The checkout frame's controller: the only code that talks to the bridge and the API.
 * It drives the pure view (checkout-view) through its properties and listens to its DOM
 * events. Card data stays in this frame: it goes to the widget host's own API in the
 * confirm request and nowhere else — no event, result or error carries a digit of it.
 *
 *   load()   GET  /v1/frame/session                      → ready (or error)
 *   submit() validate → POST /v1/frame/payment_intents/confirm
 *            → [requires_action: 3-D Secure dialog showing the host's page at next_action.url;
 *               the customer answers there, on the host; this frame only learns the result:
 *               GET …/three_d_secure each time that page loads (and every 2 s), or
 *               POST …/three_d_secure/abandon on Escape (fails it)]
 *            → success (resolve + `success`) | decline (reject + `error`)
 */
import type { FrameCardDetails, FramePaymentIntent, FrameSessionResponse } from "../../protocol/api.js";
import type { CheckoutSubmitResult } from "../../protocol/bridge.js";
import { EnclaveError, ErrorCode } from "../../protocol/errors.js";
import type { ChangeDetail } from "../../protocol/events.js";
import type { ParentEndpoint } from "../frame-shell.js";
import { cardFields, emptyCardValue } from "./card-input.js";
import { cardFieldParams, changeDetail, englishMessage, firstInvalidField, toCardDetails, validateCard, type CardCheck, type TouchedFields } from "./card-validation.js";
import type { EnclaveCheckoutView } from "./checkout-view.js";
import type { CardInputDetail } from "./events.js";

const confirmPath = "/v1/frame/payment_intents/confirm";
const threeDSecurePath = "/v1/frame/payment_intents/three_d_secure";
const abandonPath = "/v1/frame/payment_intents/three_d_secure/abandon";

/** How often the frame asks where the challenge stands when no page load said so (a fallback). */
const CHALLENGE_POLL_MS = 2000;

/** What wakes the challenge loop: the page loaded, the customer gave up, or the poll timer. */
type ChallengeSignal = "load" | "abandon" | "tick";

/** The parts of the bridge the controller uses (a fake in tests). */
export type CheckoutEndpoint = Pick<ParentEndpoint<"checkout">, "emit" | "handle">;

/** The parts of FrameApi the controller uses (a fake in tests). */
export interface CheckoutApi {
  getSession(): Promise<FrameSessionResponse>;
  request<T>(method: string, path: string, body?: unknown): Promise<T>;
}

/** Progress names sent as `event` for analytics, with the step they belong to. */
export type ProgressName = "session_resumed" | "form_started" | "submit" | "three_d_secure_shown" | "payment_succeeded" | "payment_failed";

export class CheckoutController {
  private api: CheckoutApi | undefined;
  private lastChange: string;
  private formStarted = false;
  private submission: Promise<CheckoutSubmitResult> | undefined;
  private paid: CheckoutSubmitResult | undefined;
  private loadError: EnclaveError | undefined;
  private challengeWaiter: ((signal: ChallengeSignal) => void) | undefined;
  private pendingSignal: ChallengeSignal | undefined;

  constructor(
    private readonly view: EnclaveCheckoutView,
    private readonly endpoint: CheckoutEndpoint,
    private readonly clock: () => Date = () => new Date(),
  ) {
    // The empty form is where every page starts: `change` fires from the first difference.
    this.lastChange = JSON.stringify(changeDetail(validateCard(emptyCardValue), {}));
    endpoint.handle("submit", () => this.submit());
    endpoint.handle("clear", () => {
      this.clear();
      return {};
    });
    endpoint.handle("focus", async () => {
      await this.focus();
      return {};
    });
    view.addEventListener("enclave-card-input", this.onCardInput);
    view.addEventListener("enclave-challenge-load", () => this.signalChallenge("load"));
    view.addEventListener("enclave-challenge-abandon", () => this.signalChallenge("abandon"));
  }

  /**
   * Resumes the payment session with `api` (a new one after each `init`, bound to its
   * token) and shows what is due. Rejects, and shows why, when the session cannot be used.
   */
  async load(api: CheckoutApi): Promise<void> {
    this.api = api;
    this.loadError = undefined;
    try {
      const { session, merchant } = await api.getSession();
      Object.assign(this.view, { amount: session.amount, currency: session.currency, merchantName: merchant.name, errorCode: "", declineCode: "", state: "ready" });
      await this.view.updateComplete;
      this.endpoint.emit("ready", { flow: "checkout" });
      this.progress("session_resumed", "payment_details");
    } catch (error) {
      const reason = EnclaveError.from(error);
      this.loadError = reason;
      // The view words it by code in the customer's language; `reason.message` is the merchant's.
      Object.assign(this.view, { state: "error", errorCode: reason.code });
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

  /** Empties the form (and forgets a decline message). */
  clear(): void {
    Object.assign(this.view, { card: emptyCardValue, touched: {} });
    if (this.view.state === "declined") Object.assign(this.view, { state: "ready", errorCode: "", declineCode: "" });
    this.reportChange(validateCard(emptyCardValue), {});
  }

  /** Focuses the card number. */
  focus(): Promise<void> {
    return this.view.focusField("number");
  }

  private async confirm(): Promise<CheckoutSubmitResult> {
    const api = this.api;
    if (!api || this.view.state === "loading" || this.view.state === "error") {
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
    Object.assign(this.view, { state: "processing", errorCode: "", declineCode: "" });
    try {
      const body: { card: FrameCardDetails } = { card: toCardDetails(card) };
      let intent = await api.request<FramePaymentIntent>("POST", confirmPath, body);
      if (intent.status === "requires_action" && intent.next_action?.type === "three_d_secure") {
        intent = await this.authenticate(api, intent);
      }
      if (intent.status !== "succeeded") {
        throw new EnclaveError(ErrorCode.unexpectedState, "Your payment could not be completed. Try again or use another card.", { retryable: true });
      }
      const result: CheckoutSubmitResult = { paymentIntent: { id: intent.id, status: intent.status, amount: intent.amount, currency: intent.currency } };
      this.paid = result;
      // Paid: the card is no longer needed, so it is no longer kept.
      Object.assign(this.view, { card: emptyCardValue, touched: {}, amount: intent.amount, currency: intent.currency, state: "succeeded" });
      this.endpoint.emit("success", result);
      this.progress("payment_succeeded", "complete");
      return result;
    } catch (error) {
      // A decline keeps what was typed: the customer may fix one field or try another card.
      const reason = EnclaveError.from(error);
      Object.assign(this.view, { state: "declined", errorCode: reason.code, declineCode: reason.declineCode ?? "" });
      this.endpoint.emit("error", { code: reason.code, message: reason.message, retryable: reason.retryable });
      this.progress("payment_failed", "payment_details");
      throw reason;
    }
  }

  /**
   * Shows the host's 3-D Secure page in the dialog and waits until the host says how it
   * ended: the intent's status is the only truth, whatever the page or this frame saw.
   */
  private async authenticate(api: CheckoutApi, pending: FramePaymentIntent): Promise<FramePaymentIntent> {
    const url = pending.next_action?.url;
    // Only the host's own page: this frame never shows another origin's page as the bank's.
    if (!url || new URL(url, location.href).origin !== location.origin) {
      throw new EnclaveError(ErrorCode.unexpectedState, "Your payment could not be completed. Try again or use another card.", { retryable: true });
    }
    this.pendingSignal = undefined;
    Object.assign(this.view, { challengeUrl: url, state: "authenticating" });
    this.progress("three_d_secure_shown", "three_d_secure");
    try {
      for (;;) {
        const signal = await this.nextChallengeSignal();
        let intent: FramePaymentIntent;
        if (signal === "abandon") {
          this.view.state = "processing";
          intent = await api.request<FramePaymentIntent>("POST", abandonPath, {});
        } else {
          intent = await api.request<FramePaymentIntent>("GET", threeDSecurePath);
        }
        if (intent.status === "requires_action") continue;
        if (intent.status === "requires_payment_method" && intent.last_payment_error) {
          const { code, message } = intent.last_payment_error;
          throw new EnclaveError(code as ErrorCode, message, { retryable: true });
        }
        return intent;
      }
    } finally {
      this.challengeWaiter = undefined;
      this.pendingSignal = undefined;
      this.view.challengeUrl = "";
    }
  }

  /** The next thing that happened to the challenge; a load or an abandon seen meanwhile is not lost. */
  private nextChallengeSignal(): Promise<ChallengeSignal> {
    const pending = this.pendingSignal;
    if (pending) {
      this.pendingSignal = undefined;
      return Promise.resolve(pending);
    }
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.challengeWaiter = undefined;
        resolve("tick");
      }, CHALLENGE_POLL_MS);
      this.challengeWaiter = (signal) => {
        clearTimeout(timer);
        this.challengeWaiter = undefined;
        resolve(signal);
      };
    });
  }

  private signalChallenge(signal: ChallengeSignal): void {
    if (this.view.state !== "authenticating") return;
    if (this.challengeWaiter) this.challengeWaiter(signal);
    // An abandon outranks a load that has not been looked at yet.
    else if (this.pendingSignal !== "abandon") this.pendingSignal = signal;
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

  private progress(name: ProgressName, step: string): void {
    this.endpoint.emit("event", { name, step, at: this.clock().toISOString() });
  }
}
