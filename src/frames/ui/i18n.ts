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
/** Bumped by every setLocale(): a slower language load that lost the race applies nothing. */
let localeRequest = 0;

/** The full tag for `Intl` ("de-CH"). */
export function currentLocale(): string {
  return locale;
}

/** The catalog language ("de"). */
export function currentLanguage(): Language {
  return languageOf(locale);
}

/**
 * Makes `tag` the frame's locale: loads its language's catalogs (English is bundled, the
 * others are a dynamic import each), then sets `lang` and `dir` on `root` (the frame's
 * <html>, or a story's wrapper) and re-renders every view, so no view ever shows a mix.
 *
 * Resolves once the words are on screen. A language already loaded applies at once, before
 * the promise resolves. A language that fails to load (the network dropped) falls back to
 * English rather than leaving the frame without words; asking again retries. When calls
 * overlap, the last one wins.
 */
export async function setLocale(tag: string | undefined, root: HTMLElement | undefined = globalThis.document?.documentElement): Promise<void> {
  const request = ++localeRequest;
  let next = canonicalLocale(tag);
  const language = languageOf(next);
  if (!languageLoaded(language)) {
    try {
      await loadLanguage(language);
    } catch (error) {
      console.warn(`[enclave] the "${language}" words could not be loaded; showing English`, error);
      next = "en";
    }
    if (request !== localeRequest) return;
  }
  if (root) {
    root.lang = next;
    root.dir = directionOf(next);
  }
  if (next === locale) return;
  locale = next;
  for (const listener of listeners) listener();
}

/** Every message set of the frame, so a language switch can load all of their catalogs first. */
const messageSets = new Set<{ loaded(language: Language): boolean; load(language: Language): Promise<unknown> }>();

function languageLoaded(language: Language): boolean {
  return [...messageSets].every((set) => set.loaded(language));
}

/** Loads `language` for every message set (each its own chunk, fetched side by side). */
export async function loadLanguage(language: Language): Promise<void> {
  await Promise.all([...messageSets].map((set) => set.load(language)));
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

/** How a flow's catalog in one language arrives: a dynamic import, so each language is its own chunk. */
export type CatalogLoaders<T extends MessageShape> = Record<Exclude<Language, "en">, () => Promise<Messages<T>>>;

/**
 * The current language's catalog (English until that language is loaded). `.catalogs` holds
 * the languages loaded so far, English always (what the merchant reads in events);
 * `.load(language)` brings one in (tests compare every language's words).
 */
export interface MessageSet<T extends MessageShape> {
  (): Messages<T>;
  readonly catalogs: Readonly<{ en: Messages<T> } & Partial<Record<Language, Messages<T>>>>;
  load(language: Language): Promise<Messages<T>>;
}

/**
 * A set of catalogs: English, bundled, is the shape; every other language is a loader
 * (`() => import("./locales/de.js").then((module) => module.de)`), called the first time
 * the frame switches to it. Call the result in `render()` so the view follows the locale.
 */
// `en` is both the shape (T) and a catalog of it (Messages<T> only widens its strings).
export function defineMessages<T extends MessageShape>(en: T & Messages<T>, loaders: CatalogLoaders<T>): MessageSet<T> {
  const english: Messages<T> = en;
  const catalogs: { en: Messages<T> } & Partial<Record<Language, Messages<T>>> = { en: english };
  const pending = new Map<Language, Promise<Messages<T>>>();
  const load = (language: Language): Promise<Messages<T>> => {
    const catalog = catalogs[language];
    if (catalog) return Promise.resolve(catalog);
    if (language === "en") return Promise.resolve(english);
    let loading = pending.get(language);
    if (!loading) {
      loading = loaders[language]().then(
        (loaded) => {
          catalogs[language] = loaded;
          return loaded;
        },
        (error: unknown) => {
          // Not cached: the next switch to this language tries again.
          pending.delete(language);
          throw error;
        },
      );
      pending.set(language, loading);
    }
    return loading;
  };
  const set = Object.assign(() => catalogs[currentLanguage()] ?? english, { catalogs, load });
  messageSets.add({ loaded: (language) => catalogs[language] !== undefined, load });
  // Defined after the frame switched language (a chunk loaded later): catch up, then re-render.
  const language = currentLanguage();
  if (language !== "en") {
    load(language).then(
      () => {
        if (currentLanguage() === language) for (const listener of listeners) listener();
      },
      () => undefined,
    );
  }
  return set;
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
