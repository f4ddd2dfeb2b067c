import { currencyExponent } from "../../protocol/currencies.js";

/**
 * Formats an amount in minor units for a locale, e.g. 2599 usd → "$25.99", 1000 jpy →
 * "¥1,000". The minor unit comes from ISO 4217, as the server counts it, not from the
 * locale data (which shows IQD without decimals although ISO gives it three).
 */
export function formatAmount(amount: number, currency: string, locale: string): string {
  const formatter = new Intl.NumberFormat(locale, { style: "currency", currency: currency.toUpperCase() });
  return formatter.format(amount / 10 ** currencyExponent(currency));
}
