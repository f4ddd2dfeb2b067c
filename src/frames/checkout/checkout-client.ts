/**
 * The checkout frame's calls to the widget host, typed: a thin layer over FrameApi (same
 * authentication, token refresh and error envelopes). The paths live here and nowhere else.
 *
 *   GET  /v1/frame/session                                  → FrameSessionResponse
 *   POST /v1/frame/payment_intents/confirm                  { card, amount } → FramePaymentIntent
 *   GET  /v1/frame/payment_intents/three_d_secure           → FramePaymentIntent
 *   POST /v1/frame/payment_intents/three_d_secure/abandon   → FramePaymentIntent
 */
import type { FrameCardDetails, FrameConfirmBody, FramePaymentIntent, FrameSessionResponse } from "../../protocol/api.js";

export const checkoutPaths = {
  confirm: "/v1/frame/payment_intents/confirm",
  threeDSecure: "/v1/frame/payment_intents/three_d_secure",
  abandon: "/v1/frame/payment_intents/three_d_secure/abandon",
} as const;

/** What the client needs of FrameApi (a fake in the controller's suite). */
export interface CheckoutRequests {
  getSession(): Promise<FrameSessionResponse>;
  request<T>(method: string, path: string, body?: unknown): Promise<T>;
}

/** What the checkout controller calls. */
export interface CheckoutApi {
  session(): Promise<FrameSessionResponse>;
  /**
   * Confirms the payment with the card; the card goes in this one request and nowhere else.
   * `amountShown` is the total on the customer's screen: a different one at the server is refused.
   */
  confirm(card: FrameCardDetails, amountShown: number): Promise<FramePaymentIntent>;
  /** Where the 3-D Secure challenge stands (the intent's status is the only truth). */
  threeDSecureStatus(): Promise<FramePaymentIntent>;
  /** The customer gave the challenge up: it fails. */
  abandonThreeDSecure(): Promise<FramePaymentIntent>;
}

export class CheckoutClient implements CheckoutApi {
  constructor(private readonly api: CheckoutRequests) {}

  /** During `init`: an expired token is the page's to refresh (see FrameApi.getSession). */
  session(): Promise<FrameSessionResponse> {
    return this.api.getSession();
  }

  confirm(card: FrameCardDetails, amountShown: number): Promise<FramePaymentIntent> {
    const body: FrameConfirmBody = { card, amount: amountShown };
    return this.api.request<FramePaymentIntent>("POST", checkoutPaths.confirm, body);
  }

  threeDSecureStatus(): Promise<FramePaymentIntent> {
    return this.api.request<FramePaymentIntent>("GET", checkoutPaths.threeDSecure);
  }

  abandonThreeDSecure(): Promise<FramePaymentIntent> {
    return this.api.request<FramePaymentIntent>("POST", checkoutPaths.abandon, {});
  }
}
