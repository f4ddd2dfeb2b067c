/**
 * Every word the bank-link frame shows or says, in English — the shape every other
 * language fills (locales/*.ts, one file per language; TypeScript refuses a missing or an
 * extra key) — and `errorText()`, which picks the customer's words for an error by its code.
 *
 * Functions take the merchant's or the bank's name as it came from the API, possibly
 * empty: each language words its own stand-in ("this app", "your bank") where the grammar
 * of the sentence needs it (German "Ihrer Bank" after "bei", Arabic "بنكك"). Counts go
 * through `plural()` and `formatNumber()`; amounts never appear here (Intl formats them).
 *
 * Accessible names in the public contract ("Search institutions", "Username", "Password",
 * "Verification code", "Continue", "Submit") are this catalog's English values.
 */
import { ErrorCode } from "../../protocol/errors.js";
import { commonErrorMessage, commonMessages } from "../ui/common-messages.js";
import { defineMessages, formatNumber, type Messages } from "../ui/i18n.js";
import type { BankLinkProduct, LinkableAccount, ScreenError } from "./model.js";
import { plural } from "../ui/i18n.js";

/** The merchant, or a stand-in where the session gave no name (only a story or a test does that). */
const app = (merchant: string): string => merchant || "this app";
const App = (merchant: string): string => merchant || "This app";
/** The institution, or a stand-in before one is chosen. */
const bank = (name: string): string => name || "your bank";
const Bank = (name: string): string => name || "Your bank";

const en = {
  /** The frame document's <title>. */
  documentTitle: "Enclave secure bank connection",

  /** The bar around every screen, and the two states before the flow starts. */
  frame: {
    back: "Back",
    close: "Close",
    brand: "Secured by Enclave",
    /** Where the customer is in the flow, in the header. */
    step: (step: number, total: number) => `Step ${formatNumber(step)} of ${formatNumber(total)}`,
    loading: "Loading…",
    loadFailed: "Bank linking can't be shown right now.",
  },

  consent: {
    title: (merchant: string) => `${App(merchant)} uses Enclave to connect your bank account`,
    asks: (merchant: string) => `${App(merchant)} is asking to see:`,
    products: {
      accounts: { name: "Account details", text: "Account names, types and the last four digits of account numbers" },
      balances: { name: "Balances", text: "Current and available balances" },
      transactions: { name: "Transactions", text: "Your recent transaction history" },
    } satisfies Record<BankLinkProduct, { name: string; text: string }>,
    credentialsPrivate: (merchant: string) => `Your username and password go only to your bank — never to ${app(merchant)}.`,
    sharedOnChoice: (merchant: string) => `${App(merchant)} sees your data only after you choose which accounts to share.`,
    continue: "Continue",
  },

  search: {
    title: "Select your bank",
    searchLabel: "Search institutions",
    placeholder: "Search by bank name",
    resultsLabel: "Institutions",
    popular: "Popular banks",
    loadingPopular: "Loading banks…",
    searching: "Searching…",
    /** Announced when results arrive (the list itself is outside the live region). */
    resultCount: (count: number) =>
      `${plural(count, { one: `${formatNumber(count)} institution found.`, other: `${formatNumber(count)} institutions found.` })} Use the arrow keys to choose, Enter to select.`,
    noResults: (query: string) => `No institutions match “${query}”`,
    noResultsHint: "Check the spelling, or try your bank's full name. In the sandbox, try “Sandbox”.",
    searchFailed: "We couldn't search for institutions.",
    popularFailed: "We couldn't load the list of banks.",
    retry: "Try again",
  },

  credentials: {
    title: (name: string) => `Sign in to ${bank(name)}`,
    lede: (name: string) => `Enter the username and password you use for online banking at ${bank(name)}.`,
    username: "Username",
    password: "Password",
    showPassword: "Show password",
    submit: "Submit",
    connecting: (name: string) => `Connecting to ${bank(name)}…`,
    usernameMissing: "Enter your username.",
    passwordMissing: "Enter your password.",
    sandboxHint: "Sandbox: sign in with user_good / pass_good (user_mfa asks for a code, user_locked is locked out).",
  },

  oauth: {
    title: (name: string) => `Continue to ${bank(name)}`,
    lede: (name: string) => `You'll sign in on ${bank(name)}'s own website, in a new window. Your password stays with ${bank(name)}.`,
    stepSignIn: (name: string) => `Sign in and approve access on ${bank(name)}'s site.`,
    stepReturn: "Come back here to choose the accounts to share.",
    continue: "Continue",
    opening: (name: string) => `Opening ${bank(name)}…`,
    waiting: (name: string) => `Waiting for ${bank(name)}…`,
    waitingHint: (name: string) => `Finish on ${bank(name)}'s page, in the window that opened. This screen moves on by itself.`,
    reopen: (name: string) => `Open ${bank(name)} again`,
    blocked: (name: string) => `Your browser blocked the window for ${bank(name)}. Open it in a new tab instead — this screen keeps waiting.`,
    openInTab: (name: string) => `Open ${bank(name)} in a new tab`,
    denied: (name: string) => `${Bank(name)} didn't share your accounts: access was declined or the sign-in was cancelled.`,
    /** The customer closed the bank's window before it answered. */
    closed: (name: string) => `The window for ${bank(name)} was closed before you finished signing in.`,
    failed: (name: string) => `We couldn't reach ${bank(name)}.`,
    tryAgain: "Try again",
  },

  mfa: {
    title: "Enter your verification code",
    sentTo: (name: string) => `${Bank(name)} sent a verification code to the phone or email on your account.`,
    label: "Verification code",
    submit: "Submit",
    checking: "Checking the code…",
    missing: "Enter the verification code.",
    wrongCode: (attemptsLeft: number) =>
      attemptsLeft <= 0
        ? "That code is incorrect."
        : `That code is incorrect. You have ${plural(attemptsLeft, { one: `${formatNumber(attemptsLeft)} attempt`, other: `${formatNumber(attemptsLeft)} attempts` })} left.`,
    signInAgain: "Sign in again",
    sandboxHint: "Sandbox: the code is 123456.",
  },

  accounts: {
    title: (merchant: string) => `Choose the accounts to share with ${app(merchant)}`,
    lede: (merchant: string) => `${App(merchant)} will see only the accounts you choose.`,
    legend: (name: string) => `Accounts at ${bank(name)}`,
    /** Heard after the account's name, in its checkbox's name. */
    endingIn: (mask: string) => `, ending in ${mask}`,
    subtypes: { checking: "Checking", savings: "Savings", "credit card": "Credit card" } satisfies Record<LinkableAccount["subtype"], string>,
    types: { depository: "Bank account", credit: "Credit account" } satisfies Record<LinkableAccount["type"], string>,
    balance: "Balance",
    owed: "Balance owed",
    noneChosen: "Choose at least one account to continue.",
    continue: "Continue",
    sharing: "Sharing your accounts…",
    failed: "We couldn't share these accounts. Try again.",
  },

  success: {
    title: (name: string) => `Connected to ${bank(name)}`,
    shared: (merchant: string, count: number) =>
      `${App(merchant)} can now see ${plural(count, { one: "the account you chose", other: `the ${formatNumber(count)} accounts you chose` })}.`,
    done: "Done",
  },

  exit: {
    title: "Leave without connecting your bank?",
    text: (merchant: string) => `Your progress will be lost, and ${app(merchant)} won't get access to any of your accounts.`,
    leave: "Leave",
    stay: "Stay",
  },

  /** Ways out of a dead end (a locked account, a closed or declined bank window). */
  recovery: {
    chooseAnotherBank: "Choose another bank",
    exit: "Exit",
  },

  /** This flow's own error codes; errorText() maps the codes. */
  errors: {
    invalidCredentials: "The username or password is incorrect.",
    itemLocked: (name: string) => `Your account at ${bank(name)} is locked after too many sign-in attempts. Unlock it on ${bank(name)}'s website, then try again.`,
    mfaLocked: "Too many incorrect codes. For your security, sign in again to get a new code.",
    linkStepInvalid: "This step has expired. Go back and sign in to your bank again.",
  },
};

/** What every other language fills: the English shape, with its strings widened. */
export type BankLinkMessages = Messages<typeof en>;

export const bankLinkMessages = defineMessages(en, {
  es: () => import("./locales/es.js").then((module) => module.es),
  fr: () => import("./locales/fr.js").then((module) => module.fr),
  de: () => import("./locales/de.js").then((module) => module.de),
  ja: () => import("./locales/ja.js").then((module) => module.ja),
  ar: () => import("./locales/ar.js").then((module) => module.ar),
});

/**
 * The customer's words for an error on a bank-link screen, in the current language: this
 * flow's own for its codes, the words every flow shares for theirs, and otherwise
 * `fallback` — what the screen was trying to do — rather than a bare "something went
 * wrong". Never the API's English `message`: that goes to the merchant in `error`.
 */
export function errorText(error: ScreenError | null, bankName: string, fallback: string = commonMessages().generic): string {
  if (!error) return fallback;
  const words = bankLinkMessages().errors;
  switch (error.code) {
    case ErrorCode.invalidCredentials:
      return words.invalidCredentials;
    case ErrorCode.itemLocked:
      return words.itemLocked(bankName);
    case ErrorCode.mfaLocked:
      return words.mfaLocked;
    case ErrorCode.linkStepInvalid:
      return words.linkStepInvalid;
  }
  const shared = commonErrorMessage(error.code);
  return shared === commonMessages().generic ? fallback : shared;
}
