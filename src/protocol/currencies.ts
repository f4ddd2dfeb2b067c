/**
 * ISO 4217: the currencies a payment may be made in, and how many minor units each has.
 * The server accepts only these codes (lowercase, as the API writes them); the frames turn
 * an amount in minor units into a price with `currencyExponent`, so the server and the
 * customer's screen agree that 1000 jpy is ¥1,000 and 1000 kwd is 1.000 KD.
 *
 * Active codes only: funds (BOV, CHE, CHW, CLF, COU, MXV, USN, UYI, UYW), precious metals,
 * SDR and the test and "no currency" codes (XTS, XXX) are not means of payment.
 */

/** The currencies whose minor unit is not the hundredth (ISO 4217's "minor unit" column). */
const exponents: Readonly<Record<string, number>> = {
  bhd: 3,
  bif: 0,
  clp: 0,
  djf: 0,
  gnf: 0,
  iqd: 3,
  isk: 0,
  jod: 3,
  jpy: 0,
  kmf: 0,
  krw: 0,
  kwd: 3,
  lyd: 3,
  omr: 3,
  pyg: 0,
  rwf: 0,
  tnd: 3,
  ugx: 0,
  vnd: 0,
  vuv: 0,
  xaf: 0,
  xof: 0,
  xpf: 0,
};

/** How many decimals the currency's major unit has: 2 for usd, 0 for jpy, 3 for kwd. */
export function currencyExponent(currency: string): number {
  return exponents[currency.toLowerCase()] ?? 2;
}
