/**
 * The title the host element gives its iframe (a screen reader names the frame by it), in
 * the six languages the frames speak. The frame sends it to the page with `ready` and on
 * every locale change (frame-shell.ts), so the title follows `locale` without the loader
 * carrying six languages: the loader has only the English one it shows while connecting
 * (the `frameTitle` of each element, which these English titles repeat).
 */
import { flowNames, type Flow } from "../protocol/events.js";

/** checkout, bank link, identity: in the order of `flowNames`. */
const titles: Record<string, readonly [string, string, string]> = {
  en: ["Secure payment form", "Link a bank account", "Verify your identity"],
  es: ["Formulario de pago seguro", "Vincular una cuenta bancaria", "Verifica tu identidad"],
  fr: ["Formulaire de paiement sécurisé", "Associer un compte bancaire", "Vérifiez votre identité"],
  de: ["Sicheres Zahlungsformular", "Bankkonto verknüpfen", "Identität bestätigen"],
  ja: ["安全な決済フォーム", "銀行口座の連携", "本人確認"],
  ar: ["نموذج الدفع الآمن", "ربط حساب مصرفي", "تحقّق من هويتك"],
};

/** The title of `flow`'s frame in `locale` (a BCP 47 tag); English for a language the frames do not speak. */
export function frameTitle(flow: Flow, locale: string): string {
  const row = titles[(locale.split("-")[0] ?? "").toLowerCase()] ?? titles["en"];
  return row?.[flowNames.indexOf(flow)] ?? "";
}
