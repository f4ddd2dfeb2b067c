/**
 * The issuing-country choice: every ISO 3166-1 alpha-2 code, named in the customer's
 * language by `Intl.DisplayNames` (no country names shipped in the bundle) and sorted by
 * those names as that language sorts them.
 */
import { canonicalLocale } from "../ui/i18n.js";

/** ISO 3166-1 alpha-2: the 249 officially assigned codes. */
export const isoCountryCodes: readonly string[] = (
  "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ " +
  "CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR " +
  "GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP " +
  "KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT " +
  "MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW " +
  "SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG " +
  "UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW"
).split(" ");

export interface CountryOption {
  /** ISO 3166-1 alpha-2, uppercase: what the API takes. */
  code: string;
  /** The country's name in the customer's language. */
  name: string;
}

/** Named and sorted once per locale: a re-render of the document screen reuses the list. */
const optionsByLocale = new Map<string, readonly CountryOption[]>();

/**
 * Every code `Intl.DisplayNames` can name in `locale`, sorted by name with
 * `localeCompare` in that locale ("Åland" sorts where a Swede expects it). A malformed
 * tag gets English names rather than an exception.
 */
export function countryOptions(locale: string): readonly CountryOption[] {
  const language = canonicalLocale(locale);
  const cached = optionsByLocale.get(language);
  if (cached) return cached;
  // fallback "none": a code the runtime cannot name is left out, not shown as "XK".
  const names = new Intl.DisplayNames([language], { type: "region", fallback: "none" });
  const options: CountryOption[] = [];
  for (const code of isoCountryCodes) {
    const name = names.of(code);
    if (name) options.push({ code, name });
  }
  options.sort((a, b) => a.name.localeCompare(b.name, language));
  optionsByLocale.set(language, options);
  return options;
}

/**
 * The country to preselect: the locale's region ("en-GB" → GB), or the region its
 * language is most likely spoken in ("fr" → FR, "en" → US), else the US.
 */
export function defaultCountry(locale: string): string {
  try {
    const region = new Intl.Locale(canonicalLocale(locale)).maximize().region;
    if (region && isoCountryCodes.includes(region)) return region;
  } catch {
    // An unusable tag: the default below.
  }
  return "US";
}
