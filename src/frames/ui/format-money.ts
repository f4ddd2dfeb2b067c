/**
 * Formats an amount in major units (a bank balance: 1234.5 usd → "$1,234.50") for a
 * locale. format.ts is the minor-unit twin used for payments.
 */
export function formatMoney(amount: number, currency: string, locale: string): string {
  try {
    return new Intl.NumberFormat(locale, { style: "currency", currency: currency.toUpperCase() }).format(amount);
  } catch {
    // An unknown currency code or locale: the number, at least, in the page's language.
    return `${new Intl.NumberFormat(undefined, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(amount)} ${currency.toUpperCase()}`;
  }
}
