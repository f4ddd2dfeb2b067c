/**
 * The sandbox card processor: checks a card again on the server (the frame's checks are
 * a convenience, never trusted), then answers as the contract's sandbox cards say.
 * Brand, Luhn, lengths and expiry come from Braintree's card-validator, the library the
 * frame uses too, so both sides agree on what a valid card is.
 */
import cardValidator from "card-validator";
import type { FrameCardDetails } from "../../protocol/api.js";
import { ErrorCode } from "../../protocol/errors.js";
import { hmacSha256 } from "../ids.js";
import type { CardOnFile, PaymentError } from "../store/payment-intents.js";

export type CardCheck = { ok: true; card: CardOnFile } | { ok: false; error: PaymentError & { param: string } };

export type ProcessorAnswer = { outcome: "succeeded" } | { outcome: "requires_action" } | { outcome: "declined"; error: PaymentError };

const declines: Record<string, PaymentError> = {
  "4000000000000002": { code: ErrorCode.cardDeclined, decline_code: "generic_decline", message: "Your card was declined." },
  "4000000000009995": { code: ErrorCode.cardDeclined, decline_code: "insufficient_funds", message: "Your card has insufficient funds." },
  "4000000000000069": { code: ErrorCode.expiredCard, decline_code: "expired_card", message: "Your card has expired." },
  "4000000000000127": { code: ErrorCode.incorrectCvc, decline_code: "incorrect_cvc", message: "Your card's security code is incorrect." },
};
const threeDSecureCards = new Set(["4000002760003184"]);

/** Validates what the customer typed and returns what may be stored: never the number or the CVC. */
export function checkCard(card: FrameCardDetails, fingerprintKey: string, now = new Date()): CardCheck {
  const number = cardValidator.number(card.number);
  if (!number.isValid || !number.card) {
    return { ok: false, error: { code: ErrorCode.incorrectNumber, message: "Your card number is invalid.", param: "card.number" } };
  }
  const expiry = cardValidator.expirationDate({ month: String(card.exp_month), year: String(card.exp_year) });
  const endOfExpiryMonth = new Date(Date.UTC(card.exp_year, card.exp_month, 1));
  if (!expiry.isValid || endOfExpiryMonth <= now) {
    return { ok: false, error: { code: ErrorCode.invalidExpiryYear, message: "Your card's expiration date is in the past or too far ahead.", param: "card.exp_year" } };
  }
  if (card.cvc.length !== number.card.code.size) {
    return { ok: false, error: { code: ErrorCode.invalidCvc, message: `Your card's security code must have ${number.card.code.size} digits.`, param: "card.cvc" } };
  }
  return {
    ok: true,
    card: {
      brand: number.card.type,
      last4: card.number.slice(-4),
      exp_month: card.exp_month,
      exp_year: card.exp_year,
      // Keyed per merchant so that one merchant's fingerprints say nothing to another.
      fingerprint: hmacSha256(fingerprintKey, card.number).slice(0, 32),
    },
  };
}

export function authorize(cardNumber: string): ProcessorAnswer {
  const decline = declines[cardNumber];
  if (decline) return { outcome: "declined", error: decline };
  if (threeDSecureCards.has(cardNumber)) return { outcome: "requires_action" };
  return { outcome: "succeeded" };
}
