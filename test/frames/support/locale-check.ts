/**
 * "No string left in English by accident": render a screen in English, then in another
 * language, and compare what a person would see or hear (text, aria-label, placeholder,
 * title, alt, value of buttons) through every shadow root. A chunk that reads the same in
 * both is English left behind, unless it is data (a name, an amount, digits) the test
 * allows by name.
 */
import { setLocale, type Language } from "../../../src/frames/ui/i18n.js";

const spokenAttributes = ["aria-label", "placeholder", "title", "alt", "aria-description", "aria-roledescription"];

/** Every visible or spoken string under `root`, shadow roots included, trimmed, in document order. */
export function spokenText(root: Node): string[] {
  const chunks: string[] = [];
  const visit = (node: Node): void => {
    if (node.nodeType === Node.TEXT_NODE) {
      const parent = node.parentElement;
      if (parent && (parent.closest("style, script, template") || parent.closest("[hidden]"))) return;
      const text = node.textContent?.replace(/\s+/g, " ").trim();
      if (text) chunks.push(text);
      return;
    }
    if (node instanceof Element) {
      if (node.matches("style, script, template")) return;
      for (const name of spokenAttributes) {
        const value = node.getAttribute(name)?.trim();
        if (value) chunks.push(value);
      }
      if (node.shadowRoot) for (const child of node.shadowRoot.childNodes) visit(child);
    }
    for (const child of node.childNodes) visit(child);
  };
  visit(root);
  return chunks;
}

/** Letters, not just digits, punctuation or symbols: only these can be "in English". */
const hasWords = /\p{L}{2,}/u;

/**
 * The chunks of `translated` that also appear in `english` and are not in `allowed`
 * (institution names, a merchant's name, "Visa", an amount): English left behind.
 */
export function englishLeftBehind(english: readonly string[], translated: readonly string[], allowed: readonly (string | RegExp)[] = []): string[] {
  const englishChunks = new Set(english);
  const isAllowed = (chunk: string): boolean => allowed.some((allow) => (typeof allow === "string" ? chunk === allow : allow.test(chunk)));
  return [...new Set(translated.filter((chunk) => englishChunks.has(chunk) && hasWords.test(chunk) && !isAllowed(chunk)))];
}

/**
 * Renders `render()` in English and in `language` (waiting for Lit's updates through
 * `settle()`) and returns both texts. The locale is set on <html>, as the frame shell does.
 */
export async function renderInBoth(language: Language, render: () => Promise<Node>, settle: (root: Node) => Promise<void>): Promise<{ english: string[]; translated: string[] }> {
  await setLocale("en");
  const englishRoot = await render();
  await settle(englishRoot);
  const english = spokenText(englishRoot);
  await setLocale(language);
  const translatedRoot = await render();
  await settle(translatedRoot);
  const translated = spokenText(translatedRoot);
  await setLocale("en");
  return { english, translated };
}
