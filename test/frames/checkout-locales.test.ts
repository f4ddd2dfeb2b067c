/**
 * The checkout frame in es, fr, de, ja and ar: every screen and state rendered in English
 * and in each language, with no English left behind but data (the merchant's name, brand
 * names, amounts); amounts through Intl in the locale; Arabic laid out right to left; and
 * the words changing when the locale changes at run time.
 */
import { expect, fixture, html } from "@open-wc/testing";
import "../../src/frames/checkout/checkout-view.js";
import type { CheckoutViewState, EnclaveCheckoutView } from "../../src/frames/checkout/checkout-view.js";
import type { CardField, CardValue } from "../../src/frames/checkout/card-input.js";
import { checkoutMessages, type CheckoutMessages } from "../../src/frames/checkout/messages.js";
import { cardBrandNames } from "../../src/frames/ui/card-brand-icon.js";
import { setLocale, supportedLanguages, titleFollowsLocale, type Language } from "../../src/frames/ui/i18n.js";
import { applyAppearance } from "../../src/frames/ui/theme.js";
import { accessibleName } from "./support/accessible-name.js";
import { deepQueryAll } from "./support/deep-query.js";
import { englishLeftBehind, renderInBoth, spokenText } from "./support/locale-check.js";
import { settle } from "./support/settle.js";

const merchantName = "Enclave Demo Shop";
const yy = (yearsAhead: number): string => String((new Date().getFullYear() + yearsAhead) % 100).padStart(2, "0");
const filled: CardValue = { number: "4242 4242 4242 4242", expiry: `12 / ${yy(2)}`, cvc: "123", postalCode: "94107" };
const everyField: Partial<Record<CardField, boolean>> = { number: true, expiry: true, cvc: true, postalCode: true };

/**
 * Data, not words: the merchant's name, card brands and the lettering of their marks, and
 * the networks' own names for the security code (the CVC field's placeholder).
 */
const allowed: (string | RegExp)[] = [merchantName, ...Object.values(cardBrandNames), /^(VISA|AMEX|DISC)$/, /^(CVC|CVV|CID|CVN|CVE|CVP2)$/];

interface Screen {
  name: string;
  state: CheckoutViewState;
  properties?: Partial<Pick<EnclaveCheckoutView, "card" | "touched" | "errorCode" | "declineCode" | "merchantName">>;
  /** Opens the security code help, as a click on its button does. */
  helpOpen?: boolean;
}

const loadErrors = ["", "origin_not_allowed", "session_not_open", "client_token_expired", "handshake_timeout", "network_error", "internal_error", "remote_error"];

const paymentErrors: [code: string, declineCode?: string][] = [
  ["card_declined", "generic_decline"],
  ["card_declined", "insufficient_funds"],
  ["card_declined", "lost_card"],
  ["expired_card", "expired_card"],
  ["incorrect_cvc", "incorrect_cvc"],
  ["incorrect_number"],
  ["invalid_expiry_year"],
  ["invalid_cvc"],
  ["payment_intent_authentication_failure"],
  ["payment_intent_unexpected_state"],
  ["amount_changed"],
  ["client_token_unavailable"],
  ["session_not_open"],
  ["network_error"],
  ["rate_limited"],
  [""],
];

/** Every screen and state the checkout frame can show. */
const screens: Screen[] = [
  { name: "loading", state: "loading" },
  ...loadErrors.map((code): Screen => ({ name: `cannot load (${code || "no code"})`, state: "error", properties: { errorCode: code } })),
  { name: "empty form", state: "ready" },
  { name: "filled form", state: "ready", properties: { card: filled } },
  { name: "without a merchant name", state: "ready", properties: { merchantName: "" } },
  { name: "security code help, brand not known yet", state: "ready", helpOpen: true },
  { name: "security code help, Visa", state: "ready", properties: { card: filled }, helpOpen: true },
  { name: "security code help, American Express", state: "ready", properties: { card: { ...filled, number: "3782 822463 10005" } }, helpOpen: true },
  {
    name: "every field incomplete",
    state: "ready",
    properties: { card: { number: "4242 4242", expiry: "12 / ", cvc: "12", postalCode: "9" }, touched: everyField },
  },
  { name: "number invalid, expiry in the past", state: "ready", properties: { card: { ...filled, number: "4242 4242 4242 4241", expiry: "01 / 20" }, touched: everyField } },
  { name: "expiry too far ahead, security code too long", state: "ready", properties: { card: { ...filled, expiry: `12 / ${yy(30)}`, cvc: "1234" }, touched: everyField } },
  { name: "processing", state: "processing", properties: { card: filled } },
  // The bank's page itself is shown by the host element, above the merchant's page.
  { name: "3-D Secure challenge, waiting for the bank", state: "authenticating", properties: { card: filled } },
  ...paymentErrors.map(([code, declineCode = ""]): Screen => ({
    name: `declined (${[code, declineCode].filter(Boolean).join(", ") || "no code"})`,
    state: "declined",
    properties: { card: filled, errorCode: code, declineCode },
  })),
  { name: "succeeded", state: "succeeded" },
  { name: "succeeded without a merchant name", state: "succeeded", properties: { merchantName: "" } },
];

/** Mounts the view inside a root themed as a frame's <html> is, so it is laid out as customers see it. */
async function mount(screen: Screen, amount = 4900, currency = "usd"): Promise<EnclaveCheckoutView> {
  const frameRoot = await fixture<HTMLDivElement>(html`<div><enclave-checkout-view></enclave-checkout-view></div>`);
  applyAppearance(frameRoot, undefined);
  const view = frameRoot.querySelector("enclave-checkout-view");
  if (!view) throw new Error("no checkout view");
  Object.assign(view, { state: screen.state, amount, currency, merchantName, ...screen.properties });
  await settle(view);
  if (screen.helpOpen) {
    const help = deepQueryAll(view, "enclave-help-popover")[0];
    if (!help) throw new Error("no security code help");
    help.setAttribute("open", "");
    await settle(view);
  }
  return view;
}

function one<E extends Element = HTMLElement>(root: Element, selector: string): E {
  const found = deepQueryAll<E>(root, selector)[0];
  if (!found) throw new Error(`nothing matches ${selector}`);
  return found;
}

const translations = supportedLanguages.filter((language): language is Exclude<Language, "en"> => language !== "en");

afterEach(() => setLocale("en"));

describe("checkout in every language", () => {
  for (const language of translations) {
    describe(language, () => {
      for (const screen of screens) {
        it(`leaves no English behind: ${screen.name}`, async () => {
          const { english, translated } = await renderInBoth(language, () => mount(screen), settle);
          expect(translated, "something is shown").not.to.be.empty;
          expect(englishLeftBehind(english, translated, allowed)).to.deep.equal([]);
        });
      }

      it("names the fields and buttons in the language, and the help button never as the security code", async () => {
        await setLocale(language);
        const words = await checkoutMessages.load(language);
        const view = await mount({ name: "3-D Secure", state: "authenticating", properties: { card: filled } });
        const names = {
          number: await accessibleName(one(view, "#number")),
          expiry: await accessibleName(one(view, "#expiry")),
          cvc: await accessibleName(one(view, "#cvc")),
          postalCode: await accessibleName(one(view, "#postal-code")),
        };
        expect(names).to.deep.equal({ number: words.fields.cardNumber, expiry: words.fields.expiry, cvc: words.fields.securityCode, postalCode: words.fields.postalCode });
        const help = await accessibleName(one(one(view, "enclave-help-popover"), "button"));
        expect(help).to.equal(words.securityCodeHelp.button);
        expect(help.toLowerCase()).not.to.contain(words.fields.securityCode.toLowerCase());
        await expect(view).to.be.accessible();
      });
    });
  }

  it("shows every English string of the catalog on one of these screens, so they cover the flow", async () => {
    await setLocale("en");
    const seen = new Set<string>();
    for (const screen of screens) for (const chunk of spokenText(await mount(screen))) seen.add(chunk);
    const shown = [...seen].join("\n");
    const strings = (group: object): string[] =>
      Object.values(group).flatMap((value) => (typeof value === "string" ? [value] : typeof value === "object" ? strings(value as object) : []));
    // The page title is the document's (see the title test below), not the view's; the
    // 3-D Secure words are sent to the host element, which shows the challenge (checkout-controller.test.ts).
    const { pageTitle: _title, threeDSecure: _challenge, ...onScreen } = checkoutMessages.catalogs.en;
    expect(strings(onScreen).filter((value) => !shown.includes(value))).to.deep.equal([]);
  });
});

describe("checkout amounts in the locale", () => {
  const cases: { locale: string; currency: string; amount: number; shown: string }[] = [
    // Between the number and its currency: a no-break space (\u00a0); French groups thousands with a narrow one (\u202f).
    { locale: "de", currency: "eur", amount: 123456, shown: "1.234,56\u00a0€" },
    { locale: "fr", currency: "eur", amount: 123456, shown: "1\u202f234,56\u00a0€" },
    { locale: "es", currency: "eur", amount: 123456, shown: "1234,56\u00a0€" },
    { locale: "ja", currency: "jpy", amount: 5000, shown: "￥5,000" },
    // A region changes the formats, not the words: Swiss German, Egyptian Arabic (Arabic-Indic digits, right-to-left marks).
    { locale: "de-CH", currency: "chf", amount: 123456, shown: "CHF\u00a01'234.56" },
    { locale: "ar-EG", currency: "egp", amount: 123456, shown: "\u200f١٬٢٣٤٫٥٦\u00a0ج.م.\u200f" },
  ];

  for (const { locale, currency, amount, shown } of cases) {
    it(`shows ${amount} ${currency} as ${JSON.stringify(shown)} in ${locale}: due, while the bank checks, and paid`, async () => {
      await setLocale(locale);
      const authenticating = await mount({ name: "3-D Secure", state: "authenticating", properties: { card: filled } }, amount, currency);
      expect(one(authenticating, ".amount").textContent).to.equal(shown);
      const succeeded = await mount({ name: "succeeded", state: "succeeded" }, amount, currency);
      expect(one(succeeded, ".success-amount").textContent).to.equal(shown);
    });
  }
});

describe("checkout right to left", () => {
  const box = (element: Element): DOMRect => element.getBoundingClientRect();

  it("sets dir=rtl on the frame's root in Arabic and back to ltr in English", async () => {
    await setLocale("ar");
    expect([document.documentElement.lang, document.documentElement.dir]).to.deep.equal(["ar", "rtl"]);
    await setLocale("en");
    expect(document.documentElement.dir).to.equal("ltr");
  });

  it("mirrors the layout in Arabic: labels, hints and amounts on the mirrored side; card digits still left to right", async () => {
    for (const language of ["en", "ar"] as const) {
      await setLocale(language);
      const view = await mount({ name: "ready", state: "ready", properties: { card: filled } });
      const rtl = language === "ar";
      // The amount due sits at the inline end of its heading; "Optional" at the end of the postal code's label row.
      const [due, amount] = [one(view, ".due"), one(view, ".amount")];
      expect(box(amount).left < box(due).left, `${language}: amount due`).to.equal(rtl);
      const [label, hint] = [one(view, 'label[for="postal-code"]'), one(view, "#postal-code-hint")];
      expect(box(hint).left < box(label).left, `${language}: optional hint`).to.equal(rtl);
      // Digits and dates read left to right in every script, lined up with their labels.
      for (const id of ["number", "expiry", "cvc"]) {
        const input = one<HTMLInputElement>(view, `#${id}`);
        expect(getComputedStyle(input).direction, `${language}: ${id} direction`).to.equal("ltr");
        expect(getComputedStyle(input).textAlign, `${language}: ${id} alignment`).to.equal(rtl ? "right" : "start");
      }
      // The brand mark stays at the end of the card number, which reads left to right.
      expect(box(one(view, ".card-brand")).left > box(one(view, "#number")).left + box(one(view, "#number")).width / 2, `${language}: brand mark`).to.equal(true);
    }
  });
});

describe("checkout locale at run time", () => {
  it("re-renders the words, the error and the amount when the locale changes, keeping what was typed", async () => {
    const view = await mount(
      {
        name: "declined",
        state: "declined",
        properties: { card: { ...filled, cvc: "12" }, touched: { cvc: true }, errorCode: "card_declined", declineCode: "insufficient_funds" },
      },
      123456,
      "eur",
    );
    const read = () => ({
      heading: one(view, "h1").textContent?.replace(/\s+/g, " ").trim(),
      label: one(view, 'label[for="number"]').textContent?.trim(),
      fieldError: one(view, "#cvc-error").textContent,
      notice: one(view, ".notice").textContent,
      number: one<HTMLInputElement>(view, "#number").value,
    });
    expect(read()).to.deep.equal({
      heading: "Amount due €1,234.56",
      label: "Card number",
      fieldError: "Your card's security code is incomplete.",
      notice: "Your card has insufficient funds.",
      number: "4242 4242 4242 4242",
    });

    const catalogs = { de: await checkoutMessages.load("de"), ja: await checkoutMessages.load("ja") };
    const words = (language: "de" | "ja"): CheckoutMessages => catalogs[language];
    await setLocale("de");
    await settle(view);
    expect(read()).to.deep.equal({
      heading: `${words("de").amountDue} 1.234,56 €`,
      label: words("de").fields.cardNumber,
      fieldError: words("de").fieldErrors.securityCodeIncomplete,
      notice: words("de").paymentErrors.insufficientFunds,
      number: "4242 4242 4242 4242",
    });

    await setLocale("ja");
    await settle(view);
    expect(read().notice).to.equal(words("ja").paymentErrors.insufficientFunds);
    expect(one(view, "#expiry").getAttribute("placeholder")).to.equal(words("ja").fields.expiryPlaceholder);
  });

  it("titles the frame's document in the locale", async () => {
    const before = document.title;
    const stop = titleFollowsLocale(() => checkoutMessages().pageTitle);
    try {
      expect(document.title).to.equal("Enclave secure payment form");
      await setLocale("fr");
      expect(document.title).to.equal((await checkoutMessages.load("fr")).pageTitle);
    } finally {
      stop();
      document.title = before;
    }
  });
});
