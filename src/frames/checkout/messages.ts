/**
 * Every word the checkout frame shows or says, in English: the shape each translation in
 * `locales/` fills (TypeScript refuses a missing or extra key). Amounts never go in here:
 * they go through `Intl` with the current locale (ui/format.ts).
 *
 * The contract's accessible names ("Card number", "Expiration date", "Security code",
 * "Postal code") are the English values. "Complete authentication" / "Fail authentication" are
 * on the widget host's own 3-D Secure page (src/server/routes/three-d-secure-pages.ts).
 */
import { commonErrorMessage } from "../ui/common-messages.js";
import { defineMessages, type Messages } from "../ui/i18n.js";

const en = {
  /** The frame document's title, which names the frame for assistive technology. */
  pageTitle: "Enclave secure payment form",
  loading: "Loading payment details",
  amountDue: "Amount due",
  paying: (merchant: string) => `Paying ${merchant}`,
  processing: "Processing your payment…",
  waitingForBank: "Waiting for your bank to confirm the payment…",
  /** The form cannot be shown and nothing more precise is known. */
  cannotShow: "This payment form can't be shown right now.",

  success: {
    title: "Payment successful",
    paidTo: (merchant: string) => `Paid to ${merchant}.`,
    paid: "Paid.",
  },

  fields: {
    cardNumber: "Card number",
    expiry: "Expiration date",
    expiryPlaceholder: "MM / YY",
    securityCode: "Security code",
    postalCode: "Postal code",
    optional: "Optional",
  },

  /** The "?" beside the security code. Its button never says "security code", so the field stays the only thing named so. */
  securityCodeHelp: {
    button: "Where do I find this code?",
    heading: "Card verification code",
    onBack: "The 3-digit code on the back of your card, beside the signature strip.",
    onFront: "The 4-digit code printed on the front of your card, above the card number.",
    /** Before the brand is known. */
    eitherSide: "The 3-digit code on the back of your card, beside the signature strip. On American Express cards it has 4 digits and is on the front.",
  },

  /** What is wrong with a field, shown under it once the customer leaves it (and sent, in English, in `change`). */
  fieldErrors: {
    numberIncomplete: "Your card number is incomplete.",
    numberInvalid: "Your card number is invalid.",
    expiryIncomplete: "Your card's expiration date is incomplete.",
    expiryInPast: "Your card's expiration date is in the past.",
    expiryTooFarAhead: "Your card's expiration date is too far in the future.",
    securityCodeIncomplete: "Your card's security code is incomplete.",
    securityCodeLength: (digits: number) => `Your card's security code must have ${digits} digits.`,
    postalCodeIncomplete: "Your postal code is incomplete.",
  },

  /** Why a payment failed or the form cannot be used, by error code (see checkoutErrorMessage). */
  paymentErrors: {
    declined: "Your card was declined.",
    insufficientFunds: "Your card has insufficient funds.",
    expiredCard: "Your card has expired.",
    incorrectSecurityCode: "Your card's security code is incorrect.",
    invalidExpiry: "Your card's expiration date is invalid.",
    invalidSecurityCode: "Your card's security code is invalid.",
    authenticationFailed: "We couldn't authenticate your payment. Try again or use another card.",
    notCompleted: "Your payment could not be completed. Check your card details or use another card.",
    formExpired: "This payment form has expired. Refresh the page to try again.",
    paymentClosed: "This payment is no longer open: it has already been completed or canceled.",
    /** The merchant changed the total after the customer saw it; nothing was charged. */
    amountChanged: "The total has changed. Check the new amount and pay again.",
  },

  /** The 3-D Secure dialog around the host's challenge page (which carries the two answers). */
  threeDSecure: {
    title: "Confirm this payment",
    challengeFrame: "The bank's page, where you answer its check",
    close: "Cancel authentication",
  },
};

/** The shape every language fills. */
export type CheckoutMessages = Messages<typeof en>;
export type FieldErrorWords = CheckoutMessages["fieldErrors"];

/** The checkout's words in the current language; `.catalogs.en` is what the merchant reads in events. */
export const checkoutMessages = defineMessages(en, {
  es: () => import("./locales/es.js").then((module) => module.es),
  fr: () => import("./locales/fr.js").then((module) => module.fr),
  de: () => import("./locales/de.js").then((module) => module.de),
  ja: () => import("./locales/ja.js").then((module) => module.ja),
  ar: () => import("./locales/ar.js").then((module) => module.ar),
});

/**
 * The customer's words, in the current language, for an error code (and a decline's
 * `declineCode`): why a payment failed, or why the form cannot be used. The error's own
 * `message` is English for the merchant's developers and never shown here.
 */
export function checkoutErrorMessage(code: string, declineCode = ""): string {
  const { paymentErrors, fieldErrors } = checkoutMessages();
  switch (code) {
    case "card_declined":
      return declineMessage(declineCode);
    case "expired_card":
      return paymentErrors.expiredCard;
    case "incorrect_cvc":
      return paymentErrors.incorrectSecurityCode;
    case "incorrect_number":
      return fieldErrors.numberInvalid;
    case "invalid_expiry_year":
      return paymentErrors.invalidExpiry;
    case "invalid_cvc":
      return paymentErrors.invalidSecurityCode;
    case "payment_intent_authentication_failure":
      return paymentErrors.authenticationFailed;
    case "payment_intent_unexpected_state":
      return paymentErrors.notCompleted;
    // The checkout sits inline on the merchant's page: there is no window to close, the page is reloaded.
    case "client_token_expired":
    case "client_token_invalid":
    case "client_token_bound":
    case "client_token_unavailable":
      return paymentErrors.formExpired;
    case "session_not_open":
      return paymentErrors.paymentClosed;
    case "amount_changed":
      return paymentErrors.amountChanged;
    default:
      return commonErrorMessage(code);
  }
}

function declineMessage(declineCode: string): string {
  const { paymentErrors } = checkoutMessages();
  switch (declineCode) {
    case "insufficient_funds":
      return paymentErrors.insufficientFunds;
    case "expired_card":
      return paymentErrors.expiredCard;
    case "incorrect_cvc":
      return paymentErrors.incorrectSecurityCode;
    default:
      // generic_decline, and on purpose lost_card, stolen_card, fraudulent…: issuers ask
      // that the customer be told only that the card was declined.
      return paymentErrors.declined;
  }
}
