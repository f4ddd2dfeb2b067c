/**
 * The frames' languages. One locale is current for the whole frame document (the host
 * element's `locale` attribute, or the browser's language, sent in `init`/`configure`);
 * every view re-renders when it changes (FrameElement adds a LocaleController).
 *
 * Words live in catalogs made with `defineMessages()`: English is the shape, and every
 * other language must fill the same shape, so TypeScript refuses a missing string.
 * Amounts, dates and country names never go in a catalog: they go through `Intl` with
 * `currentLocale()`, so "de-CH" gets Swiss number formats with German words.
 */
import type { ReactiveController, ReactiveControllerHost } from "lit";

export const supportedLanguages = ["en", "es", "fr", "de", "ja", "ar"] as const;
export type Language = (typeof supportedLanguages)[number];

const rightToLeft: ReadonlySet<Language> = new Set(["ar"]);

/** The language's own name for itself, for locale pickers (Storybook, the demo). */
export const languageNames: Record<Language, string> = {
  en: "English",
  es: "Español",
  fr: "Français",
  de: "Deutsch",
  ja: "日本語",
  ar: "العربية",
};

/** A well-formed BCP 47 tag, canonicalised; a malformed one falls back to English rather than throwing. */
export function canonicalLocale(tag: string | undefined): string {
  try {
    return Intl.getCanonicalLocales(tag || "en")[0] ?? "en";
  } catch {
    return "en";
  }
}

/** The catalog language for a tag: "es-MX" → "es", "pt-BR" → "en" (not offered yet). */
export function languageOf(tag: string | undefined): Language {
  const language = new Intl.Locale(canonicalLocale(tag)).language;
  return (supportedLanguages as readonly string[]).includes(language) ? (language as Language) : "en";
}

export function directionOf(tag: string | undefined): "ltr" | "rtl" {
  return rightToLeft.has(languageOf(tag)) ? "rtl" : "ltr";
}

let locale = "en";
const listeners = new Set<() => void>();

/** The full tag for `Intl` ("de-CH"). */
export function currentLocale(): string {
  return locale;
}

/** The catalog language ("de"). */
export function currentLanguage(): Language {
  return languageOf(locale);
}

/**
 * Makes `tag` the frame's locale: sets `lang` and `dir` on `root` (the frame's <html>, or a
 * story's wrapper) and re-renders every view.
 */
export function setLocale(tag: string | undefined, root: HTMLElement | undefined = globalThis.document?.documentElement): void {
  const next = canonicalLocale(tag);
  if (root) {
    root.lang = next;
    root.dir = directionOf(next);
  }
  if (next === locale) return;
  locale = next;
  for (const listener of listeners) listener();
}

export function onLocaleChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Re-renders its host whenever the locale changes. */
export class LocaleController implements ReactiveController {
  private unsubscribe: (() => void) | undefined;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  hostConnected(): void {
    this.unsubscribe = onLocaleChange(() => this.host.requestUpdate());
  }

  hostDisconnected(): void {
    this.unsubscribe?.();
  }
}

/** A catalog's shape: strings, functions that build strings, and nested groups of them. */
export type MessageShape = { readonly [key: string]: string | ((...args: never[]) => string) | MessageShape };

/** Widens an English catalog's literal strings to `string`, so translations can fill the same shape. */
export type Messages<T> = {
  readonly [K in keyof T]: T[K] extends string ? string : T[K] extends (...args: infer A) => string ? (...args: A) => string : Messages<T[K]>;
};

type Catalogs<T extends MessageShape> = { en: T } & Record<Exclude<Language, "en">, Messages<T>>;

/** The current language's catalog; `.catalogs` holds every language (tests look for English left behind). */
export interface MessageSet<T extends MessageShape> {
  (): Messages<T>;
  readonly catalogs: Readonly<Record<Language, Messages<T>>>;
}

/**
 * A set of catalogs, one per language, English first. Call the result in `render()` so
 * the view follows the locale.
 */
export function defineMessages<T extends MessageShape>(catalogs: Catalogs<T>): MessageSet<T> {
  const all = catalogs as Record<Language, Messages<T>>;
  return Object.assign(() => all[currentLanguage()], { catalogs: all });
}

/** A phrase's forms by plural category; `other` is required, any other form falls back to it. */
export type PluralForms = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };

/**
 * Counted phrases ("2 attempts left") in the current language's plural forms. English has
 * two (one, other); Arabic six (zero, one, two, few, many, other); Japanese one. Catalogs
 * give the forms their language needs, each with the number already in it.
 */
export function plural(count: number, forms: PluralForms): string {
  return forms[new Intl.PluralRules(currentLocale()).select(count)] ?? forms.other;
}

/**
 * Keeps `document.title` in the current language (what a screen reader announces for the
 * frame's document, or the phone's tab name); returns a function that stops it.
 */
export function titleFollowsLocale(title: () => string, target: Document = document): () => void {
  const show = (): void => {
    target.title = title();
  };
  show();
  return onLocaleChange(show);
}

export function formatDate(date: Date | number | string, options: Intl.DateTimeFormatOptions = { dateStyle: "medium" }): string {
  return new Intl.DateTimeFormat(currentLocale(), options).format(new Date(date));
}

export function formatNumber(value: number, options?: Intl.NumberFormatOptions): string {
  return new Intl.NumberFormat(currentLocale(), options).format(value);
}
