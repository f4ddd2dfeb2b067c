/**
 * How a frame's languages load (issue 13): English is bundled, every other language is a
 * loader called on the first switch to it. A switch shows nothing until every catalog of
 * the language is in (no screen in half English), a failed load falls back to English and
 * is tried again next time, the last of overlapping switches wins, and a catalog defined
 * after the switch (a later chunk) catches up.
 */
import { expect } from "@open-wc/testing";
import { currentLocale, defineMessages, onLocaleChange, setLocale, type CatalogLoaders, type Language } from "../../src/frames/ui/i18n.js";

interface Deferred<T> {
  promise: Promise<T>;
  resolve(value: T): void;
  reject(error: unknown): void;
}

function deferred<T>(): Deferred<T> {
  let resolve: (value: T) => void = () => undefined;
  let reject: (error: unknown) => void = () => undefined;
  const promise = new Promise<T>((yes, no) => {
    resolve = yes;
    reject = no;
  });
  return { promise, resolve, reject };
}

const english = { greeting: "Hello", farewell: "Goodbye" };
type Words = typeof english;

/** Loaders a test answers by hand; `calls` counts each language's fetches. */
function handLoaders(): { loaders: CatalogLoaders<Words>; pending: Map<Language, Deferred<Words>>; calls: Map<Language, number> } {
  const pending = new Map<Language, Deferred<Words>>();
  const calls = new Map<Language, number>();
  const loader = (language: Exclude<Language, "en">) => () => {
    calls.set(language, (calls.get(language) ?? 0) + 1);
    const next = deferred<Words>();
    pending.set(language, next);
    return next.promise;
  };
  return { loaders: { es: loader("es"), fr: loader("fr"), de: loader("de"), ja: loader("ja"), ar: loader("ar") }, pending, calls };
}

const tick = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

describe("frame languages, loaded on demand", () => {
  // One set for the whole file: every message set lives as long as the frame document does.
  const { loaders, pending, calls } = handLoaders();
  const words = defineMessages(english, loaders);
  const changes: string[] = [];
  onLocaleChange(() => changes.push(`${currentLocale()}:${words().greeting}`));

  beforeEach(() => {
    changes.length = 0;
  });
  afterEach(() => setLocale("en"));

  it("keeps English on show until the language is in, then switches everything at once", async () => {
    const switched = setLocale("de-CH");
    await tick();
    expect(words().greeting, "still English while German loads").to.equal("Hello");
    expect(document.documentElement.lang).to.not.equal("de-CH");
    expect(changes).to.deep.equal([]);
    pending.get("de")?.resolve({ greeting: "Hallo", farewell: "Tschüss" });
    await switched;
    expect(changes).to.deep.equal(["de-CH:Hallo"]);
    expect([document.documentElement.lang, document.documentElement.dir]).to.deep.equal(["de-CH", "ltr"]);
    expect(words.catalogs.de?.farewell).to.equal("Tschüss");
  });

  it("loads a language once: switching back to it applies at once", async () => {
    await setLocale("de");
    expect(calls.get("de")).to.equal(1);
    expect(words().greeting).to.equal("Hallo");
  });

  it("falls back to English when the language cannot be fetched, and tries again next time", async () => {
    const failed = setLocale("ja");
    await tick();
    pending.get("ja")?.reject(new TypeError("Failed to fetch dynamically imported module"));
    await failed;
    expect([currentLocale(), document.documentElement.lang, words().greeting]).to.deep.equal(["en", "en", "Hello"]);

    const retried = setLocale("ja");
    await tick();
    expect(calls.get("ja")).to.equal(2);
    pending.get("ja")?.resolve({ greeting: "こんにちは", farewell: "さようなら" });
    await retried;
    expect([currentLocale(), words().greeting]).to.deep.equal(["ja", "こんにちは"]);
  });

  it("lets the last of overlapping switches win, whichever language arrives first", async () => {
    const toFrench = setLocale("fr");
    const toArabic = setLocale("ar");
    await tick();
    pending.get("ar")?.resolve({ greeting: "مرحبا", farewell: "وداعا" });
    await toArabic;
    pending.get("fr")?.resolve({ greeting: "Bonjour", farewell: "Au revoir" });
    await toFrench;
    expect([currentLocale(), document.documentElement.dir, words().greeting]).to.deep.equal(["ar", "rtl", "مرحبا"]);
  });

  it("catches up a catalog defined after the switch (a chunk loaded later), then re-renders", async () => {
    await setLocale("fr");
    changes.length = 0;
    const french = deferred<{ title: string }>();
    const other = () => Promise.resolve({ title: "…" });
    const laterWords = defineMessages({ title: "Later" }, { es: other, fr: () => french.promise, de: other, ja: other, ar: other });
    expect(laterWords().title, "English until its French is in").to.equal("Later");
    french.resolve({ title: "Plus tard" });
    await tick();
    expect(laterWords().title).to.equal("Plus tard");
    expect(changes, "views re-render").to.deep.equal(["fr:Bonjour"]);
  });
});
