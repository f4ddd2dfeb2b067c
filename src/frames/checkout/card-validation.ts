/**
 * Whether what the customer typed is a card we may send, field by field, with Braintree's
 * card-validator — the library the server's sandbox processor checks with too, so the two
 * agree on Luhn, lengths by brand, security code length and the expiry window.
 *
 * The postal code is optional. The frame cannot know the country that issued a card (the
 * sandbox has no BIN table), many countries have no postal codes at all (Ireland before
 * 2015, Hong Kong, the UAE, …), and a field that appeared or vanished as digits arrive
 * would move the fields under the customer's hands and confuse screen readers. So it is
 * always shown, marked "Optional", sent when given for the issuer's address check, and
 * refused only when given and implausible (fewer than 3 letters or digits).
 */
import cardValidator from "card-validator";
import { ErrorCode } from "../../protocol/errors.js";
import type { FrameCardDetails } from "../../protocol/api.js";
import type { ChangeDetail } from "../../protocol/events.js";
import { cardFields, detectBrand, digitsOf, parseExpiry, type CardBrand, type CardField, type CardValue } from "./card-input.js";
import { checkoutMessages, type FieldErrorWords } from "./messages.js";

export interface FieldError {
  code: ErrorCode;
  /**
   * The error in a catalog's words: the current language's under the field, English
   * (`englishMessage`) for the merchant in `change` and in a rejected `submit()`.
   */
  describe(words: FieldErrorWords): string;
}

/** What the merchant's developers read: the error in the English catalog's words. */
export function englishMessage(error: FieldError): string {
  return error.describe(checkoutMessages.catalogs.en.fieldErrors);
}

export type CardErrors = Partial<Record<CardField, FieldError>>;

/** Fields whose errors the customer should see: left (blurred) after typing, or all after a submit. */
export type TouchedFields = Partial<Record<CardField, boolean>>;

export interface CardCheck {
  brand: CardBrand;
  errors: CardErrors;
  /** Every required field valid, and the postal code valid or empty. */
  complete: boolean;
  /** Nothing typed in any field. */
  empty: boolean;
}

/** The API parameter each field fills, for `param` on errors (as Stripe names them). */
export const cardFieldParams: Record<CardField, string> = {
  number: "card.number",
  expiry: "card.exp_month",
  cvc: "card.cvc",
  postalCode: "card.postal_code",
};

export function validateCard(value: CardValue): CardCheck {
  const brand = detectBrand(value.number);
  const errors: CardErrors = {};
  const numberError = checkNumber(value.number, brand);
  if (numberError) errors.number = numberError;
  const expiryError = checkExpiry(value.expiry);
  if (expiryError) errors.expiry = expiryError;
  const cvcError = checkCvc(value.cvc, brand);
  if (cvcError) errors.cvc = cvcError;
  const postalCodeError = checkPostalCode(value.postalCode);
  if (postalCodeError) errors.postalCode = postalCodeError;
  return {
    brand,
    errors,
    complete: Object.keys(errors).length === 0,
    empty: cardFields.every((field) => value[field].trim() === ""),
  };
}

function checkNumber(number: string, brand: CardBrand): FieldError | undefined {
  const digits = digitsOf(number);
  const verdict = cardValidator.number(digits);
  if (verdict.isValid) return undefined;
  // card-validator calls a full-length Visa number that fails Luhn "potentially valid"
  // (Visa may have 19 digits); a customer who typed 16 digits has finished, so it is invalid.
  const stillTyping = verdict.isPotentiallyValid && digits.length < Math.min(...brand.lengths);
  if (digits === "" || stillTyping) return { code: ErrorCode.incompleteCard, describe: (words) => words.numberIncomplete };
  return { code: ErrorCode.incorrectNumber, describe: (words) => words.numberInvalid };
}

function checkExpiry(expiry: string): FieldError | undefined {
  const parsed = parseExpiry(expiry);
  if (!parsed) return { code: ErrorCode.incompleteCard, describe: (words) => words.expiryIncomplete };
  const month = String(parsed.month).padStart(2, "0");
  if (cardValidator.expirationDate({ month, year: String(parsed.year) }).isValid) return undefined;
  const now = new Date();
  const inThePast = parsed.year < now.getFullYear() || (parsed.year === now.getFullYear() && parsed.month < now.getMonth() + 1);
  return inThePast
    ? { code: ErrorCode.invalidExpiryYear, describe: (words) => words.expiryInPast }
    : { code: ErrorCode.invalidExpiryYear, describe: (words) => words.expiryTooFarAhead };
}

function checkCvc(cvc: string, brand: CardBrand): FieldError | undefined {
  // Before the brand is known, either length may be right.
  const sizes = brand.type === "unknown" ? [3, 4] : brand.code.size;
  const verdict = cardValidator.cvv(cvc, sizes);
  if (verdict.isValid) return undefined;
  if (cvc === "" || verdict.isPotentiallyValid) return { code: ErrorCode.invalidCvc, describe: (words) => words.securityCodeIncomplete };
  // Longer than the brand allows: typed for another card before the number changed.
  return { code: ErrorCode.invalidCvc, describe: (words) => words.securityCodeLength(brand.code.size) };
}

function checkPostalCode(postalCode: string): FieldError | undefined {
  const trimmed = postalCode.trim();
  if (trimmed === "" || cardValidator.postalCode(trimmed, { minLength: 3 }).isValid) return undefined;
  return { code: ErrorCode.incompleteCard, describe: (words) => words.postalCodeIncomplete };
}

/** The first field, in form order, whose error the customer can see. */
export function firstVisibleError(check: CardCheck, touched: TouchedFields): { field: CardField; error: FieldError } | undefined {
  for (const field of cardFields) {
    const error = check.errors[field];
    if (error && touched[field]) return { field, error };
  }
  return undefined;
}

/** The first field, in form order, that is not valid, with its error. */
export function firstInvalidField(check: CardCheck): { field: CardField; error: FieldError } | undefined {
  for (const field of cardFields) {
    const error = check.errors[field];
    if (error) return { field, error };
  }
  return undefined;
}

/**
 * The `change` event's detail: exactly `{ complete, empty, brand }`, plus `error` when the
 * customer can see one. Never a digit of the card.
 */
export function changeDetail(check: CardCheck, touched: TouchedFields): ChangeDetail {
  const detail: ChangeDetail = { complete: check.complete, empty: check.empty, brand: check.brand.type };
  const visible = firstVisibleError(check, touched);
  // A field error is the customer's to fix, and fixing it is the retry.
  if (visible) detail.error = { code: visible.error.code, message: englishMessage(visible.error), retryable: true };
  return detail;
}

/** The confirm request's card, from a complete form. */
export function toCardDetails(value: CardValue): FrameCardDetails {
  const expiry = parseExpiry(value.expiry);
  if (!expiry) throw new Error("toCardDetails needs a complete form");
  const card: FrameCardDetails = {
    number: digitsOf(value.number),
    exp_month: expiry.month,
    exp_year: expiry.year,
    cvc: value.cvc,
  };
  const postalCode = value.postalCode.trim();
  if (postalCode !== "") card.postal_code = postalCode;
  return card;
}
