/**
 * The bank-link frame in Spanish, French, German, Japanese and Arabic: every screen in
 * every state renders with no English left behind (only data — names, amounts — may read
 * the same), Arabic lays the frame out right to left with its arrows turned, balances and
 * counts follow the locale's own formats and plural rules, and a locale change while a
 * screen is open re-words it at once.
 */
import { expect, fixture, html } from "@open-wc/testing";
import "../../src/frames/bank-link/bank-link-view.js";
import type { EnclaveBankLinkView } from "../../src/frames/bank-link/bank-link-view.js";
import { bankLinkMessages } from "../../src/frames/bank-link/messages.js";
import { emptyAccounts, emptyCredentials, emptyMfa, emptyOAuth, emptySearch, type Institution } from "../../src/frames/bank-link/model.js";
import { setLocale, supportedLanguages, type Language } from "../../src/frames/ui/i18n.js";
import { applyAppearance } from "../../src/frames/ui/theme.js";
import { englishLeftBehind, renderInBoth, spokenText } from "./support/locale-check.js";
import { settle } from "./support/settle.js";
import { flatText as text } from "../support/view-harness.js";
import { accounts, harborview, institutions, oauthBank, savings } from "./support/bank-link-samples.js";

// ---- data: what may read the same in every language ----------------------------------

const merchantName = "Enclave Demo Shop";

const data: (string | RegExp)[] = [merchantName, ...institutions.map((institution) => institution.name), ...accounts.map((account) => account.name), /^[A-Z]{2}$/];

const authorizationUrl = "https://bank.example/authorize?state=abc";
const search = (overrides: Partial<ReturnType<typeof emptySearch>> = {}) => ({ ...emptySearch(), popular: institutions, popularStatus: "ready" as const, ...overrides });
const choose = (overrides: Partial<ReturnType<typeof emptyAccounts>> = {}) => ({ ...emptyAccounts(), accounts, ...overrides });

/** Every screen of the flow in every state a customer can meet, as the controller sets it. */
const states: [string, Partial<EnclaveBankLinkView>][] = [
  ["loading", { screen: "loading" }],
  ["load error: session over", { screen: "load_error", loadError: { code: "session_not_open" } }],
  ["load error: not embedded", { screen: "load_error", loadError: { code: "handshake_timeout" } }],
  ["load error: a code with no words of its own", { screen: "load_error", loadError: { code: "invalid_configuration" } }],
  ["consent, every product", { screen: "consent", products: ["accounts", "balances", "transactions"] }],
  ["consent, no merchant name", { screen: "consent", merchantName: "" }],
  ["search: popular banks", { screen: "select_institution", canGoBack: true, search: search() }],
  ["search: popular banks loading", { screen: "select_institution", canGoBack: true, search: search({ popular: [], popularStatus: "loading" }) }],
  ["search: popular banks failed", { screen: "select_institution", canGoBack: true, search: search({ popular: [], popularStatus: "error", error: { code: "network_error" } }) }],
  ["search: searching", { screen: "select_institution", canGoBack: true, search: search({ query: "sand", status: "loading" }) }],
  ["search: results", { screen: "select_institution", canGoBack: true, search: search({ query: "bank", status: "ready", results: institutions }) }],
  ["search: one result", { screen: "select_institution", canGoBack: true, search: search({ query: "harbor", status: "ready", results: [harborview] }) }],
  ["search: no results", { screen: "select_institution", canGoBack: true, search: search({ query: "zzz", status: "ready", results: [] }) }],
  ["search: failed", { screen: "select_institution", canGoBack: true, search: search({ query: "sand", status: "error", error: { code: "route_not_found" } }) }],
  ["credentials", { screen: "credentials", canGoBack: true, institution: savings, sandbox: true }],
  ["credentials: fields missing", { screen: "credentials", canGoBack: true, institution: savings, credentials: { ...emptyCredentials(), attempted: true } }],
  [
    "credentials: password shown",
    { screen: "credentials", canGoBack: true, institution: savings, credentials: { ...emptyCredentials(), username: "user_good", password: "pass_good", showPassword: true } },
  ],
  [
    "credentials: signing in",
    { screen: "credentials", canGoBack: true, institution: savings, credentials: { ...emptyCredentials(), username: "user_good", password: "pass_good", busy: true } },
  ],
  ["credentials: wrong password", { screen: "credentials", canGoBack: true, institution: savings, credentials: { ...emptyCredentials(), error: { code: "invalid_credentials" } } }],
  ["credentials: locked", { screen: "credentials", canGoBack: true, institution: savings, credentials: { ...emptyCredentials(), error: { code: "item_locked" } } }],
  ["credentials: too many attempts", { screen: "credentials", canGoBack: true, institution: savings, credentials: { ...emptyCredentials(), error: { code: "rate_limited" } } }],
  [
    "credentials: session expired",
    { screen: "credentials", canGoBack: true, institution: savings, credentials: { ...emptyCredentials(), error: { code: "client_token_expired" } } },
  ],
  ["oauth: ready", { screen: "oauth", canGoBack: true, institution: oauthBank }],
  ["oauth: opening", { screen: "oauth", canGoBack: true, institution: oauthBank, oauth: { ...emptyOAuth(), status: "starting" } }],
  ["oauth: waiting", { screen: "oauth", canGoBack: true, institution: oauthBank, oauth: { ...emptyOAuth(), status: "waiting", authorizationUrl } }],
  ["oauth: popup blocked", { screen: "oauth", canGoBack: true, institution: oauthBank, oauth: { ...emptyOAuth(), status: "blocked", authorizationUrl } }],
  ["oauth: declined", { screen: "oauth", canGoBack: true, institution: oauthBank, oauth: { ...emptyOAuth(), status: "denied" } }],
  ["oauth: window closed", { screen: "oauth", canGoBack: true, institution: oauthBank, oauth: { ...emptyOAuth(), status: "closed" } }],
  ["oauth: failed", { screen: "oauth", canGoBack: true, institution: oauthBank, oauth: { ...emptyOAuth(), status: "error", error: { code: "internal_error" } } }],
  ["mfa", { screen: "mfa", canGoBack: true, institution: savings, sandbox: true }],
  ["mfa: code missing", { screen: "mfa", canGoBack: true, institution: savings, mfa: { ...emptyMfa(), attempted: true } }],
  ["mfa: too many codes in this session", { screen: "mfa", canGoBack: true, institution: savings, mfa: { ...emptyMfa(), attemptsLeft: 2, error: { code: "rate_limited" } } }],
  ["mfa: wrong code, two attempts left", { screen: "mfa", canGoBack: true, institution: savings, mfa: { ...emptyMfa(), attemptsLeft: 2, error: { code: "invalid_mfa_code" } } }],
  ["mfa: wrong code, one attempt left", { screen: "mfa", canGoBack: true, institution: savings, mfa: { ...emptyMfa(), attemptsLeft: 1, error: { code: "invalid_mfa_code" } } }],
  ["mfa: locked", { screen: "mfa", canGoBack: true, institution: savings, mfa: { ...emptyMfa(), attemptsLeft: 0, error: { code: "mfa_locked" } } }],
  ["mfa: checking", { screen: "mfa", canGoBack: true, institution: savings, mfa: { ...emptyMfa(), code: "123456", busy: true } }],
  ["accounts", { screen: "select_accounts", canGoBack: true, institution: savings, accounts: choose() }],
  ["accounts: none chosen", { screen: "select_accounts", canGoBack: true, institution: savings, accounts: choose({ attempted: true }) }],
  ["accounts: sharing", { screen: "select_accounts", canGoBack: true, institution: savings, accounts: choose({ selected: ["acc_1"], busy: true }) }],
  [
    "accounts: sharing failed",
    { screen: "select_accounts", canGoBack: true, institution: savings, accounts: choose({ selected: ["acc_1"], error: { code: "link_step_invalid" } }) },
  ],
  ["success, one account", { screen: "success", institution: savings, accounts: choose({ selected: ["acc_1"] }) }],
  ["success, three accounts", { screen: "success", institution: savings, accounts: choose({ selected: ["acc_1", "acc_2", "acc_3"] }) }],
  ["exit confirmation", { screen: "credentials", canGoBack: true, institution: savings, exitConfirm: true }],
];

// ---- harness ---------------------------------------------------------------------------

async function mount(properties: Partial<EnclaveBankLinkView>): Promise<EnclaveBankLinkView> {
  const view = await fixture<EnclaveBankLinkView>(html`<enclave-bank-link-view></enclave-bank-link-view>`);
  Object.assign(view, { merchantName, products: ["accounts", "balances"], ...properties });
  await settle(view);
  return view;
}

function deepAll(root: Node, selector: string): HTMLElement[] {
  const found: HTMLElement[] = [];
  const visit = (node: ParentNode): void => {
    for (const element of node.querySelectorAll("*")) {
      if (element.matches(selector)) found.push(element as HTMLElement);
      if (element.shadowRoot) visit(element.shadowRoot);
    }
  };
  if (root instanceof Element && root.shadowRoot) visit(root.shadowRoot);
  return found;
}

function deep(root: Node, selector: string): HTMLElement {
  const element = deepAll(root, selector)[0];
  if (!element) throw new Error(`nothing matches ${selector}`);
  return element;
}

const translations = supportedLanguages.filter((language): language is Exclude<Language, "en"> => language !== "en");

afterEach(() => setLocale("en"));

// ---- no English left behind --------------------------------------------------------------

describe("bank-link in every language: no English left behind", () => {
  it("has no catalog entry left in English, in any language", async () => {
    const englishLeaves = leaves(bankLinkMessages.catalogs.en);
    for (const language of translations) {
      const same = Object.entries(leaves(await bankLinkMessages.load(language))).filter(([key, value]) => englishLeaves[key] === value);
      expect(same, language).to.deep.equal([]);
    }
  });

  for (const language of translations) {
    describe(language, () => {
      for (const [name, properties] of states) {
        it(name, async () => {
          const { english, translated } = await renderInBoth(language, () => mount(properties), settle);
          expect(translated.length, "something is shown").to.be.greaterThan(0);
          expect(englishLeftBehind(english, translated, data)).to.deep.equal([]);
        });
      }
    });
  }
});

/** The catalog's plain strings by their path ("search.title"); the functions are checked by rendering. */
function leaves(catalog: object, path = ""): Record<string, string> {
  const found: Record<string, string> = {};
  for (const [key, value] of Object.entries(catalog)) {
    if (typeof value === "string") found[`${path}${key}`] = value;
    else if (typeof value === "object" && value !== null) Object.assign(found, leaves(value as object, `${path}${key}.`));
  }
  return found;
}

// ---- right to left -------------------------------------------------------------------------

describe("bank-link in Arabic: right to left", () => {
  const left = (element: Element): number => element.getBoundingClientRect().left;
  // The theme's variables, as frame-shell sets them: offsets like the show-password button's are built on them.
  beforeEach(() => applyAppearance(document.documentElement, { theme: "default" }));
  afterEach(() => applyAppearance(document.documentElement, undefined));

  it("sets dir=rtl on the document and mirrors the bar: Back on the right, its arrow turned, Close on the left", async () => {
    await setLocale("ar");
    expect(document.documentElement.dir).to.equal("rtl");
    expect(document.documentElement.lang).to.equal("ar");
    const view = await mount({ screen: "credentials", canGoBack: true, institution: savings });
    expect(getComputedStyle(deep(view, ".frame")).direction).to.equal("rtl");
    expect(left(deep(view, "#back"))).to.be.greaterThan(left(deep(view, "#close")));
    expect(new DOMMatrix(getComputedStyle(deep(view, "#back .icon")).transform).a, "the Back arrow points right").to.equal(-1);
    // The password's show button sits at the field's end in reading order: its left end.
    const fieldMiddle = (): number => left(deep(view, "#password")) + deep(view, "#password").getBoundingClientRect().width / 2;
    expect(left(deep(view, ".toggle"))).to.be.lessThan(fieldMiddle());
    await expect(view).to.be.accessible();

    await setLocale("en");
    await settle(view);
    expect(getComputedStyle(deep(view, ".frame")).direction).to.equal("ltr");
    expect(left(deep(view, "#back"))).to.be.lessThan(left(deep(view, "#close")));
    expect(getComputedStyle(deep(view, "#back .icon")).transform).to.equal("none");
    expect(left(deep(view, ".toggle"))).to.be.greaterThan(fieldMiddle());
  });

  it("puts balances at the line's end and keeps an account's masked number in reading order for digits", async () => {
    await setLocale("ar");
    const view = await mount({ screen: "select_accounts", canGoBack: true, institution: savings, accounts: choose() });
    const row = deep(view, ".account");
    expect(left(row.querySelector(".balance") as Element)).to.be.lessThan(left(row.querySelector(".account-name") as Element));
    expect((row.querySelector(".mask") as HTMLElement).dir).to.equal("ltr");
    await expect(view).to.be.accessible();
  });

  it("turns the new-window arrow of the OAuth buttons", async () => {
    await setLocale("ar");
    const view = await mount({ screen: "oauth", canGoBack: true, institution: oauthBank, oauth: { ...emptyOAuth(), status: "waiting", authorizationUrl } });
    expect(new DOMMatrix(getComputedStyle(deep(view, ".actions .button .icon")).transform).a).to.equal(-1);
  });
});

// ---- formats and plural rules ----------------------------------------------------------------

describe("bank-link in every language: numbers, amounts and counts", () => {
  const balanceOf = async (locale: string): Promise<string> => {
    await setLocale(locale);
    const view = await mount({ screen: "select_accounts", canGoBack: true, institution: savings, accounts: choose() });
    return text(deep(view, ".balance"));
  };

  it("formats balances in the locale's own way", async () => {
    expect(await balanceOf("en")).to.contain("$1,234.56");
    expect(await balanceOf("de")).to.contain("1.234,56 $");
    // The full tag, not just the language: Swiss German groups thousands with an apostrophe.
    expect(await balanceOf("de-CH")).to.match(/1['’]234\.56/);
    expect(await balanceOf("fr")).to.match(/1\s234,56\s\$/u);
    expect(await balanceOf("ja")).to.contain("$1,234.56");
    const arabic = await balanceOf("ar");
    expect(arabic).to.contain(new Intl.NumberFormat("ar", { style: "currency", currency: "USD" }).format(1234.56).replace(/\s+/g, " "));
    expect(arabic, "the Arabic currency form, not the English one").not.to.contain("$1,234.56");
  });

  it("counts search results and attempts with each language's plural forms", async () => {
    const announce = async (language: Language, results: Institution[]): Promise<string> => {
      await setLocale(language);
      const view = await mount({ screen: "select_institution", canGoBack: true, search: search({ query: "bank", status: "ready", results }) });
      return text(deep(view, ".status"));
    };
    expect(await announce("en", [harborview])).to.match(/^1 institution found\./);
    expect(await announce("en", institutions)).to.match(/^3 institutions found\./);
    expect(await announce("de", [harborview])).to.match(/^1 Institut gefunden\./);
    expect(await announce("ar", [savings, oauthBank])).to.match(/^تم العثور على مؤسستين\./);
    expect(await announce("ar", institutions)).to.contain(`تم العثور على ${new Intl.NumberFormat("ar").format(3)} مؤسسات.`);

    await setLocale("ar");
    const view = await mount({ screen: "mfa", canGoBack: true, institution: savings, mfa: { ...emptyMfa(), attemptsLeft: 2, error: { code: "invalid_mfa_code" } } });
    expect(text(deep(view, "#code-error"))).to.equal("الرمز غير صحيح. تبقّت لديك محاولتان.");
  });
});

// ---- switching while a screen is open ------------------------------------------------------

describe("bank-link: switching the locale at run time", () => {
  it("re-words the open screen, its bar and its balances at once", async () => {
    const view = await mount({ screen: "select_accounts", canGoBack: true, institution: savings, accounts: choose() });
    expect(text(deep(view, "h1"))).to.equal("Choose the accounts to share with Enclave Demo Shop");
    expect(deep(view, "#back").textContent?.trim()).to.equal("Back");
    const englishText = spokenText(view);

    await setLocale("fr");
    await settle(view);
    expect(text(deep(view, "h1"))).to.equal("Choisissez les comptes à partager avec Enclave Demo Shop");
    expect(deep(view, "#back").textContent?.trim()).to.equal("Retour");
    expect(text(deep(view, ".balance"))).to.match(/1\s234,56\s\$/u);
    expect(englishLeftBehind(englishText, spokenText(view), data)).to.deep.equal([]);

    await setLocale("ja");
    await settle(view);
    expect(text(deep(view, "h1"))).to.equal("Enclave Demo Shopと共有する口座を選択してください");

    await setLocale("en");
    await settle(view);
    expect(spokenText(view)).to.deep.equal(englishText);
  });

  it("re-words the exit confirmation standing in for a screen", async () => {
    const view = await mount({ screen: "credentials", canGoBack: true, institution: savings, exitConfirm: true });
    await setLocale("de");
    await settle(view);
    expect(text(deep(view, "h1"))).to.equal("Beenden, ohne Ihre Bank zu verbinden?");
    expect(deepAll(view, "button").map(text)).to.deep.equal(["Beenden", "Bleiben"]);
  });
});
