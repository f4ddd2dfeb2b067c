/**
 * The demo's "Language" picker: sets `locale` on every Enclave element of the page, the
 * one attribute a merchant uses to choose the frames' language (without it, the browser's).
 * The choice is kept for the other demo pages.
 */
const storageKey = "enclave-demo-locale";
const picker = document.querySelector<HTMLSelectElement>("#language");
// What the frames speak, each in its own words.
const languages = { en: "English", es: "Español", fr: "Français", de: "Deutsch", ja: "日本語", ar: "العربية" };

function applyLocale(locale: string): void {
  for (const element of document.querySelectorAll("enclave-checkout, enclave-bank-link, enclave-identity")) {
    if (locale) element.setAttribute("locale", locale);
    else element.removeAttribute("locale");
  }
}

if (picker) {
  for (const [tag, name] of Object.entries(languages)) picker.add(new Option(name, tag));
  picker.value = localStorage.getItem(storageKey) ?? "";
  picker.addEventListener("change", () => {
    localStorage.setItem(storageKey, picker.value);
    applyLocale(picker.value);
  });
  // Elements the page adds later (the checkout appears after "Continue to payment") get it too.
  new MutationObserver(() => applyLocale(picker.value)).observe(document.body, { childList: true, subtree: true });
  applyLocale(picker.value);
}
