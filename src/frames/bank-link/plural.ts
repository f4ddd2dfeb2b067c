/**
 * Counted phrases ("2 attempts left") in the current language's plural forms. English has
 * two (one, other); Arabic has six (zero, one, two, few, many, other); Japanese one. The
 * catalogs give the forms their language needs, each with the number already in it, so
 * French "0 tentative" and Arabic "محاولتان" come out right.
 */
import { currentLocale } from "../ui/i18n.js";

/** A phrase's forms by plural category; `other` is required, any other form falls back to it. */
export type PluralForms = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };

export function plural(count: number, forms: PluralForms): string {
  return forms[new Intl.PluralRules(currentLocale()).select(count)] ?? forms.other;
}
