/**
 * What the card fields do as the customer types, without any DOM: brand detection
 * (credit-card-type), formatting by brand ("4242 4242 4242 4242", Amex "3782 822463
 * 10005", expiry "MM / YY") and where the caret goes after a reformat.
 */
import creditCardType from "credit-card-type";

export type CardField = "number" | "expiry" | "cvc" | "postalCode";

/** The fields in the order they appear; the first bad one gets focus and names the error. */
export const cardFields: readonly CardField[] = ["number", "expiry", "cvc", "postalCode"];

/**
 * What the customer typed, as the fields show it. It never leaves the frame except as
 * the body of the confirm request.
 */
export interface CardValue {
  number: string;
  expiry: string;
  cvc: string;
  postalCode: string;
}

export const emptyCardValue: Readonly<CardValue> = Object.freeze({ number: "", expiry: "", cvc: "", postalCode: "" });

export interface CardBrand {
  /** credit-card-type's id ("visa", "american-express", …) or "unknown". */
  type: string;
  niceType: string;
  gaps: number[];
  lengths: number[];
  code: { name: string; size: number };
}

/** Before the brand is known: the common layout, and up to 19 digits and a 4-digit code allowed. */
export const unknownBrand: Readonly<CardBrand> = Object.freeze({
  type: "unknown",
  niceType: "Card",
  gaps: [4, 8, 12],
  lengths: [12, 13, 14, 15, 16, 17, 18, 19],
  code: { name: "CVC", size: 4 },
});

export function digitsOf(text: string): string {
  return text.replace(/\D/g, "");
}

/**
 * The brand of a (partial) card number. Only a single candidate names one: "4" could
 * still be Visa, Elo or Maestro, and a mark that changed as digits arrive would flicker.
 */
export function detectBrand(number: string): CardBrand {
  const candidates = creditCardType(digitsOf(number));
  return candidates.length === 1 && candidates[0] ? candidates[0] : unknownBrand;
}

export function maxNumberDigits(brand: CardBrand): number {
  return Math.max(...brand.lengths);
}

/** Digits grouped by the brand's gaps, cut at the brand's longest number. */
export function formatCardNumber(text: string): string {
  const digits = digitsOf(text);
  const brand = detectBrand(digits);
  let formatted = "";
  for (const [index, digit] of [...digits.slice(0, maxNumberDigits(brand))].entries()) {
    if (brand.gaps.includes(index)) formatted += " ";
    formatted += digit;
  }
  return formatted;
}

/** The security code: digits only, no longer than the brand's code. */
export function formatCvc(text: string, brand: CardBrand): string {
  return digitsOf(text).slice(0, brand.code.size);
}

/** Letters, digits, spaces and hyphens: every country's postal code fits, nothing else gets in. */
export function formatPostalCode(text: string): string {
  return text.replace(/[^A-Za-z0-9 -]/g, "").slice(0, 10);
}

/**
 * "MM / YY" from whatever was typed or autofilled: "4" → "04 / ", "13" → "01 / 3",
 * "1/" → "01 / ", "12/2034" and "122034" → "12 / 34". While deleting, a complete month
 * is not followed by " / ", so the next backspace removes a digit.
 */
export function formatExpiry(text: string, deleting = false): string {
  const { month, year } = splitExpiry(text);
  if (month.length < 2 || (year === "" && deleting)) return month;
  return `${month} / ${year}`;
}

function splitExpiry(text: string): { month: string; year: string } {
  // A month the customer closed with a separator: "1/", "1/34", "12 / 3", "12/2034".
  const separated = /^\D*(\d{1,2})\s*[/.-]\s*(\d*)\D*$/.exec(text);
  const typedMonth = separated?.[1];
  if (separated && typedMonth && Number(typedMonth) >= 1 && Number(typedMonth) <= 12) {
    return { month: typedMonth.padStart(2, "0"), year: twoDigitYear(separated[2] ?? "") };
  }
  const digits = digitsOf(text);
  const first = digits[0];
  if (first === undefined) return { month: "", year: "" };
  // 2–9 can only start a one-digit month; 1x above 12 is month 1 followed by the year.
  if (first > "1" || (digits.length >= 2 && Number(digits.slice(0, 2)) > 12)) {
    return { month: `0${first}`, year: twoDigitYear(digits.slice(1)) };
  }
  if (digits.startsWith("00")) return { month: "0", year: "" };
  return { month: digits.slice(0, 2), year: twoDigitYear(digits.slice(2)) };
}

/** Autofill may give four digits ("2034"); typing past the field gives extra ones. */
function twoDigitYear(digits: string): string {
  return digits.length >= 4 && digits.startsWith("20") ? digits.slice(2, 4) : digits.slice(0, 2);
}

/** Month and four-digit year from a formatted expiry, or undefined while it is incomplete. */
export function parseExpiry(expiry: string): { month: number; year: number } | undefined {
  const match = /^(\d{2}) \/ (\d{2})$/.exec(expiry);
  if (!match) return undefined;
  return { month: Number(match[1]), year: 2000 + Number(match[2]) };
}

// ---- the caret ----------------------------------------------------------------------

const isDigit = (character: string): boolean => character >= "0" && character <= "9";

/** How many digits stand before `caret` in `text`. */
export function digitsBefore(text: string, caret: number): number {
  return digitsOf(text.slice(0, caret)).length;
}

/**
 * Where the caret goes in `formatted` so that the same number of digits stands before
 * it as before the reformat; at the end if it was at the end (so "12" → "12 / |").
 */
export function caretFor(formatted: string, digitCount: number, wasAtEnd: boolean): number {
  if (wasAtEnd) return formatted.length;
  if (digitCount === 0) return 0;
  let seen = 0;
  for (let index = 0; index < formatted.length; index++) {
    if (isDigit(formatted[index] ?? "") && ++seen === digitCount) return index + 1;
  }
  return formatted.length;
}

/**
 * Backspace or Delete next to a separator (" ", " / ") would only remove the separator,
 * which the next reformat puts back: the caret would not move and nothing would happen.
 * Returns the edit a customer means instead — the separator and the digit beyond it —
 * or undefined when the plain edit is fine.
 */
export function editAcrossSeparator(text: string, caret: number, direction: "backward" | "forward"): { text: string; caret: number } | undefined {
  if (direction === "backward") {
    let start = caret;
    while (start > 0 && !isDigit(text[start - 1] ?? "")) start--;
    if (start === caret || start === 0) return undefined;
    return { text: text.slice(0, start - 1) + text.slice(caret), caret: start - 1 };
  }
  let end = caret;
  while (end < text.length && !isDigit(text[end] ?? "")) end++;
  if (end === caret || end === text.length) return undefined;
  return { text: text.slice(0, caret) + text.slice(end + 1), caret };
}
