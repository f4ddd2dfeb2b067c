/**
 * The bank-link frame's views without a server: every screen of <enclave-bank-link-view>
 * mounted from properties, its accessible names (part of the contract), keyboard use of
 * the institution search, the form rules (show password, at least one account), what each
 * screen emits, and axe on every screen and state.
 */
import { expect, fixture, html } from "@open-wc/testing";
import { sendKeys } from "@web/test-runner-commands";
import "../../src/frames/bank-link/bank-link-view.js";
import type { EnclaveBankLinkView } from "../../src/frames/bank-link/bank-link-view.js";
import { emptyAccounts, emptyCredentials, emptyMfa, emptyOAuth, emptySearch, type Institution, type LinkScreen } from "../../src/frames/bank-link/model.js";
import { applyAppearance } from "../../src/frames/ui/theme.js";
import { accessibleName } from "./support/accessible-name.js";
import { settle } from "./support/settle.js";
import { flatText as text } from "../support/view-harness.js";
import { accounts, institutions, oauthBank, savings } from "./support/bank-link-samples.js";

// ---- data --------------------------------------------------------------------------

// ---- a small harness, so the tests read like a customer ------------------------------

async function mount(properties: Partial<EnclaveBankLinkView> = {}): Promise<EnclaveBankLinkView> {
  const view = await fixture<EnclaveBankLinkView>(html`<enclave-bank-link-view></enclave-bank-link-view>`);
  Object.assign(view, { merchantName: "Enclave Demo Shop", products: ["accounts", "balances"], ...properties });
  await settle(view);
  return view;
}

/** Every element matching `selector` in `root`'s shadow tree and the shadow trees inside it. */
function deepAll(root: Element, selector: string): Element[] {
  const found: Element[] = [];
  const visit = (node: ParentNode): void => {
    for (const element of node.querySelectorAll("*")) {
      if (element.matches(selector)) found.push(element);
      if (element.shadowRoot) visit(element.shadowRoot);
    }
  };
  if (root.shadowRoot) visit(root.shadowRoot);
  return found;
}

function deep<T extends Element = HTMLElement>(root: Element, selector: string): T {
  const element = deepAll(root, selector)[0];
  if (!element) throw new Error(`nothing matches ${selector}`);
  return element as T;
}

/** The button (or link) whose text is `name`, as a customer reads it. */
function control(view: EnclaveBankLinkView, name: string): HTMLElement {
  const matches = deepAll(view, "button, a").filter((element) => text(element) === name);
  if (matches.length !== 1) throw new Error(`${matches.length} controls named "${name}"`);
  return matches[0] as HTMLElement;
}

function controlNames(view: EnclaveBankLinkView): string[] {
  return deepAll(view, "button, a").map(text);
}

/** Records the frame-internal events a view dispatches. */
function record(view: EnclaveBankLinkView, ...names: string[]): { name: string; detail: unknown }[] {
  const seen: { name: string; detail: unknown }[] = [];
  for (const name of names) view.addEventListener(name, (event) => seen.push({ name, detail: (event as CustomEvent).detail }));
  return seen;
}

/** No `style` attribute anywhere: the frame's CSP (`style-src 'self'`) would refuse it. */
function styleAttributes(view: EnclaveBankLinkView): Element[] {
  return [view, ...deepAll(view, "*")].filter((element) => element.hasAttribute("style"));
}

// ---- the frame around the screens --------------------------------------------------

describe("bank-link view: the bar", () => {
  it("has Close on every screen before success, Back only after consent, and neither on success", async () => {
    const view = await mount({ screen: "consent", canGoBack: false });
    expect(await accessibleName(deep(view, "#close"))).to.equal("Close");
    expect(deepAll(view, "#back")).to.have.length(0);

    Object.assign(view, { screen: "select_institution", canGoBack: true });
    await settle(view);
    expect(await accessibleName(deep(view, "#back"))).to.equal("Back");
    expect(await accessibleName(deep(view, "#close"))).to.equal("Close");

    Object.assign(view, { screen: "success", canGoBack: true, institution: savings });
    await settle(view);
    expect(deepAll(view, "#back, #close")).to.have.length(0);
  });

  it("emits back and close, and turns Escape into close (or into Stay on the confirmation)", async () => {
    const view = await mount({ screen: "credentials", canGoBack: true, institution: savings });
    const seen = record(view, "enclave-link-back", "enclave-link-close", "enclave-exit-answer");
    deep(view, "#back").click();
    deep(view, "#close").click();
    deep<HTMLInputElement>(view, "#username").focus();
    await sendKeys({ press: "Escape" });
    expect(seen.map((event) => event.name)).to.deep.equal(["enclave-link-back", "enclave-link-close", "enclave-link-close"]);
    // With nothing focused (the frame itself has focus), too: the page's dialog never sees a frame's keys.
    (document.activeElement as HTMLElement | null)?.blur();
    await sendKeys({ press: "Escape" });
    expect(seen.map((event) => event.name)).to.deep.equal(["enclave-link-back", "enclave-link-close", "enclave-link-close", "enclave-link-close"]);

    view.exitConfirm = true;
    await settle(view);
    await view.focusStart();
    await sendKeys({ press: "Escape" });
    expect(seen.at(-1)).to.deep.equal({ name: "enclave-exit-answer", detail: { leave: false } });
  });

  it("shows a skeleton while loading and the reason when the flow cannot start, worded by its code", async () => {
    const view = await mount({ screen: "loading" });
    expect(deep(view, ".skeleton").getAttribute("role")).to.equal("status");
    expect(deep(view, ".skeleton").getAttribute("aria-label")).to.equal("Loading…");
    await expect(view).to.be.accessible();
    Object.assign(view, { screen: "load_error", loadError: { code: "session_not_open" } });
    await settle(view);
    expect(text(deep(view, "[role=alert]"))).to.equal("This session has already ended. Close this window and start again.");
    await expect(view).to.be.accessible();
    // A code no catalog words: what could not be done, rather than "something went wrong".
    Object.assign(view, { loadError: { code: "invalid_configuration" } });
    await settle(view);
    expect(text(deep(view, "[role=alert]"))).to.equal("Bank linking can't be shown right now.");
  });
});

// ---- consent -----------------------------------------------------------------------

describe("bank-link view: consent", () => {
  it("says who asks for what in plain words, how credentials stay private, and continues", async () => {
    const view = await mount({ screen: "consent", products: ["balances", "transactions"] });
    const screen = deep(view, "enclave-link-consent");
    expect(text(deep(screen, "h1"))).to.equal("Enclave Demo Shop uses Enclave to connect your bank account");
    expect(deepAll(screen, ".product-name").map(text)).to.deep.equal(["Account details", "Balances", "Transactions"]);
    expect(text(screen.shadowRoot?.querySelector(".privacy")))
      .to.contain("never to Enclave Demo Shop")
      .and.contain("only after you choose which accounts to share");
    expect(controlNames(view)).to.deep.equal(["Close", "Continue"]);
    const seen = record(view, "enclave-consent-accept");
    control(view, "Continue").click();
    expect(seen).to.have.length(1);
    await expect(view).to.be.accessible();
  });

  it("lists account details alone when that is all the merchant asked for", async () => {
    const view = await mount({ screen: "consent", products: ["accounts"] });
    expect(deepAll(view, ".product-name").map(text)).to.deep.equal(["Account details"]);
  });
});

// ---- institution search -----------------------------------------------------------

describe("bank-link view: institution search", () => {
  const searching = (overrides: Partial<ReturnType<typeof emptySearch>> = {}) => ({
    screen: "select_institution" as LinkScreen,
    canGoBack: true,
    search: { ...emptySearch(), popular: institutions, popularStatus: "ready" as const, ...overrides },
  });

  it("names the search box exactly and shows the popular banks as buttons with drawn logos", async () => {
    const view = await mount(searching());
    const box = deep<HTMLInputElement>(view, "#search");
    expect(await accessibleName(box)).to.equal("Search institutions");
    expect(box.getAttribute("role")).to.equal("combobox");
    expect(box.getAttribute("aria-expanded")).to.equal("false");
    const tiles = deepAll(view, ".tile");
    expect(await Promise.all(tiles.map((tile) => accessibleName(tile)))).to.deep.equal(["Sandbox Savings Bank", "Sandbox OAuth Bank", "Harborview National Bank"]);
    // The logo's colour is an SVG attribute, never a style attribute (CSP: style-src 'self').
    expect(tiles[0]?.querySelector("rect")?.getAttribute("fill")).to.equal("#0a7c66");
    expect(text(tiles[0]?.querySelector("text"))).to.equal("SS");
    expect(styleAttributes(view)).to.have.length(0);
    const seen = record(view, "enclave-institution-select");
    (tiles[1] as HTMLElement).click();
    expect(seen[0]?.detail).to.deep.equal({ institution: oauthBank });
    await expect(view).to.be.accessible();
  });

  it("draws a neutral badge for a colour that is not #rrggbb", async () => {
    const odd: Institution = { ...savings, logo: { color: "red;background:url(x)", initials: "XY" } };
    const view = await mount(searching({ popular: [odd] }));
    expect(deep(view, ".tile rect").getAttribute("fill")).to.equal("#6b7280");
  });

  it("reports what is typed", async () => {
    const view = await mount(searching());
    const seen = record(view, "enclave-institution-query");
    deep<HTMLInputElement>(view, "#search").focus();
    await sendKeys({ type: "sa" });
    expect(seen.map((event) => event.detail)).to.deep.equal([{ query: "s" }, { query: "sa" }]);
  });

  it("moves through the results with the arrow keys and selects with Enter", async () => {
    const view = await mount(searching({ query: "bank", status: "ready", results: institutions }));
    const box = deep<HTMLInputElement>(view, "#search");
    expect(box.getAttribute("aria-expanded")).to.equal("true");
    expect(box.getAttribute("aria-controls")).to.equal("results");
    expect(await Promise.all(deepAll(view, "[role=option]").map((option) => accessibleName(option)))).to.deep.equal(institutions.map((institution) => institution.name));
    const seen = record(view, "enclave-institution-select");
    box.focus();

    const active = async (): Promise<string | null> => {
      await settle(view);
      const id = box.getAttribute("aria-activedescendant");
      const selected = deepAll(view, "[role=option][aria-selected=true]");
      expect(selected.map((option) => option.id)).to.deep.equal(id ? [id] : []);
      return id;
    };
    expect(await active()).to.equal(null);
    await sendKeys({ press: "ArrowDown" });
    expect(await active()).to.equal("option-0");
    await sendKeys({ press: "ArrowDown" });
    expect(await active()).to.equal("option-1");
    await sendKeys({ press: "ArrowDown" });
    await sendKeys({ press: "ArrowDown" });
    expect(await active(), "wraps to the first").to.equal("option-0");
    await sendKeys({ press: "ArrowUp" });
    expect(await active(), "wraps to the last").to.equal("option-2");
    await sendKeys({ press: "ArrowUp" });
    expect(await active()).to.equal("option-1");
    expect(view.shadowRoot?.activeElement?.shadowRoot?.activeElement, "focus stays in the box").to.equal(box);
    await expect(view).to.be.accessible();

    await sendKeys({ press: "Enter" });
    expect(seen.map((event) => event.detail)).to.deep.equal([{ institution: oauthBank }]);
  });

  it("keeps ↓ and Enter pressed while the results are on their way, and applies them when they arrive", async () => {
    // A customer who types a name and goes straight to ↓ Enter: the keys land during the
    // search's pause and request, and must not be lost.
    const view = await mount(searching({ query: "bank", status: "loading", results: [] }));
    const box = deep<HTMLInputElement>(view, "#search");
    const seen = record(view, "enclave-institution-select");
    box.focus();
    await sendKeys({ press: "ArrowDown" });
    await sendKeys({ press: "Enter" });
    await settle(view);
    expect(seen, "nothing to select yet").to.have.length(0);
    view.search = { ...view.search, status: "ready", results: institutions };
    await settle(view);
    expect(box.getAttribute("aria-activedescendant")).to.equal("option-0");
    expect(seen.map((event) => event.detail)).to.deep.equal([{ institution: institutions[0] }]);

    // Typing again cancels what was held: the keys were for the old query.
    const again = await mount(searching({ query: "ban", status: "loading", results: [] }));
    const againSeen = record(again, "enclave-institution-select");
    deep<HTMLInputElement>(again, "#search").focus();
    await sendKeys({ press: "ArrowDown" });
    await sendKeys({ press: "Enter" });
    again.search = { ...again.search, query: "bank", status: "loading" };
    await settle(again);
    again.search = { ...again.search, status: "ready", results: institutions };
    await settle(again);
    expect(againSeen).to.have.length(0);
  });

  it("drops the highlight on Escape, then empties the box, and only then lets Escape ask to leave", async () => {
    const view = await mount(searching({ query: "bank", status: "ready", results: institutions }));
    const seen = record(view, "enclave-institution-query", "enclave-link-close");
    const box = deep<HTMLInputElement>(view, "#search");
    box.focus();
    await sendKeys({ press: "ArrowDown" });
    await sendKeys({ press: "Escape" });
    await settle(view);
    expect(box.hasAttribute("aria-activedescendant")).to.equal(false);
    expect(seen).to.have.length(0);
    await sendKeys({ press: "Escape" });
    expect(seen.map((event) => event.name)).to.deep.equal(["enclave-institution-query"]);
    expect(seen[0]?.detail).to.deep.equal({ query: "" });
    await settle(view);
    await sendKeys({ press: "Escape" });
    expect(seen.map((event) => event.name)).to.deep.equal(["enclave-institution-query", "enclave-link-close"]);
  });

  it("says clearly when nothing matches, with a hint, in a live region", async () => {
    const view = await mount(searching({ query: "zzz", status: "ready", results: [] }));
    const status = deep(view, ".status");
    expect(status.getAttribute("role")).to.equal("status");
    expect(text(status.querySelector(".empty-title"))).to.equal("No institutions match “zzz”");
    expect(text(status.querySelector(".empty-hint"))).to.contain("Check the spelling");
    expect(deepAll(view, "[role=listbox]")).to.have.length(0);
    expect(deep(view, "#search").getAttribute("aria-expanded")).to.equal("false");
    await expect(view).to.be.accessible();
  });

  it("shows the search in progress, and a failure with Try again", async () => {
    const view = await mount(searching({ query: "sand", status: "loading" }));
    expect(text(deep(view, ".status"))).to.equal("Searching…");
    await expect(view).to.be.accessible();

    Object.assign(view, searching({ query: "sand", status: "error", error: { code: "network_error" } }));
    await settle(view);
    expect(text(deep(view, "[role=alert]"))).to.equal("We couldn't reach the service. Check your connection and try again.");
    const seen = record(view, "enclave-institution-retry");
    control(view, "Try again").click();
    expect(seen).to.have.length(1);
    await expect(view).to.be.accessible();
  });

  it("shows the popular banks loading, and their failure", async () => {
    const view = await mount(searching({ popular: [], popularStatus: "loading" }));
    expect(text(deep(view, ".status"))).to.equal("Loading banks…");
    expect(deepAll(view, ".tile-skeleton")).to.have.length.greaterThan(0);
    await expect(view).to.be.accessible();
    Object.assign(view, searching({ popular: [], popularStatus: "error", error: { code: "route_not_found" } }));
    await settle(view);
    expect(text(deep(view, "[role=alert]"))).to.equal("We couldn't load the list of banks.");
    await expect(view).to.be.accessible();
  });
});

// ---- credentials -------------------------------------------------------------------

describe("bank-link view: credentials", () => {
  const signingIn = (overrides: Partial<ReturnType<typeof emptyCredentials>> = {}) => ({
    screen: "credentials" as LinkScreen,
    canGoBack: true,
    institution: savings,
    credentials: { ...emptyCredentials(), ...overrides },
  });

  it("names its fields and buttons exactly, with autofill hints, and finds each by one label only", async () => {
    const view = await mount(signingIn());
    const username = deep<HTMLInputElement>(view, "#username");
    const password = deep<HTMLInputElement>(view, "#password");
    expect(await accessibleName(username)).to.equal("Username");
    expect(await accessibleName(password)).to.equal("Password");
    expect(username.getAttribute("autocomplete")).to.equal("username");
    expect(password.getAttribute("autocomplete")).to.equal("current-password");
    expect(password.type).to.equal("password");
    expect(username.labels?.[0]?.textContent?.trim()).to.equal("Username");
    const toggle = deep(view, ".toggle");
    expect(await accessibleName(toggle)).to.equal("Show password");
    // Named by its text, not aria-label: a label search for "Password" finds the field alone.
    expect(toggle.hasAttribute("aria-label")).to.equal(false);
    expect(controlNames(view)).to.deep.equal(["Back", "Close", "Show password", "Submit"]);
    expect(text(deep(view, "h1"))).to.equal("Sign in to Sandbox Savings Bank");
    await expect(view).to.be.accessible();
  });

  it("shows and hides the password with a pressed toggle", async () => {
    const view = await mount(signingIn({ username: "user_good", password: "pass_good" }));
    const seen = record(view, "enclave-credentials-input");
    const toggle = deep(view, ".toggle");
    expect(toggle.getAttribute("aria-pressed")).to.equal("false");
    toggle.click();
    await settle(view);
    expect(toggle.getAttribute("aria-pressed")).to.equal("true");
    expect(deep<HTMLInputElement>(view, "#password").type).to.equal("text");
    expect(await accessibleName(toggle)).to.equal("Show password");
    await expect(view).to.be.accessible();
    toggle.click();
    await settle(view);
    expect(toggle.getAttribute("aria-pressed")).to.equal("false");
    expect(deep<HTMLInputElement>(view, "#password").type).to.equal("password");
    expect(seen.map((event) => (event.detail as { showPassword: boolean }).showPassword)).to.deep.equal([true, false]);
  });

  it("asks for both fields before submitting, and submits both", async () => {
    const view = await mount(signingIn());
    const seen = record(view, "enclave-credentials-submit");
    control(view, "Submit").click();
    await settle(view);
    expect(seen).to.have.length(0);
    expect(text(deep(view, "#username-error"))).to.equal("Enter your username.");
    expect(text(deep(view, "#password-error"))).to.equal("Enter your password.");
    expect(deep(view, "#username").getAttribute("aria-describedby")).to.equal("username-error");
    expect(deep(view, "#username").getAttribute("aria-invalid")).to.equal("true");
    await expect(view).to.be.accessible();

    deep<HTMLInputElement>(view, "#username").focus();
    await sendKeys({ type: "user_good" });
    deep<HTMLInputElement>(view, "#password").focus();
    await sendKeys({ type: "pass_good" });
    await sendKeys({ press: "Enter" });
    expect(seen.map((event) => event.detail)).to.deep.equal([{ username: "user_good", password: "pass_good" }]);
  });

  it("ties invalid_credentials to both fields and announces it", async () => {
    const view = await mount(signingIn({ username: "user_good", error: { code: "invalid_credentials" } }));
    const alert = deep(view, "#form-error");
    expect(alert.getAttribute("role")).to.equal("alert");
    expect(text(alert)).to.equal("The username or password is incorrect.");
    for (const id of ["#username", "#password"]) {
      expect(deep(view, id).getAttribute("aria-invalid")).to.equal("true");
      expect(deep(view, id).getAttribute("aria-describedby")).to.contain("form-error");
    }
    await expect(view).to.be.accessible();
  });

  it("explains item_locked", async () => {
    const view = await mount(signingIn({ username: "user_locked", error: { code: "item_locked" } }));
    expect(text(deep(view, "#form-error"))).to.equal(
      "Your account at Sandbox Savings Bank is locked after too many sign-in attempts. Unlock it on Sandbox Savings Bank's website, then try again.",
    );
    expect(deep(view, "#username").getAttribute("aria-describedby")).to.equal("form-error");
    await expect(view).to.be.accessible();
  });

  it("closes the form on item_locked and offers Choose another bank and Exit in place of Submit", async () => {
    const view = await mount(signingIn({ username: "user_locked", error: { code: "item_locked" } }));
    expect(controlNames(view)).to.deep.equal(["Back", "Close", "Choose another bank", "Exit"]);
    expect(deep<HTMLInputElement>(view, "#username").disabled).to.equal(true);
    expect(deep<HTMLInputElement>(view, "#password").disabled).to.equal(true);
    await view.focusStart();
    expect(text(deep(view, "enclave-link-credentials").shadowRoot?.activeElement)).to.equal("Choose another bank");
    const seen = record(view, "enclave-link-choose-bank", "enclave-link-exit", "enclave-credentials-submit");
    control(view, "Choose another bank").click();
    control(view, "Exit").click();
    deep<HTMLFormElement>(view, "form").requestSubmit();
    expect(seen.map((event) => event.name)).to.deep.equal(["enclave-link-choose-bank", "enclave-link-exit"]);
    await expect(view).to.be.accessible();
  });

  it("puts focus back in the password after a wrong one, the username kept", async () => {
    const view = await mount(signingIn({ username: "user_good", error: { code: "invalid_credentials" } }));
    await view.focusStart();
    expect(deep(view, "enclave-link-credentials").shadowRoot?.activeElement?.id).to.equal("password");
  });

  it("marks the form busy while signing in and ignores another submit", async () => {
    const view = await mount(signingIn({ username: "user_good", password: "pass_good", busy: true }));
    const seen = record(view, "enclave-credentials-submit");
    control(view, "Submit").click();
    expect(seen).to.have.length(0);
    expect(text(deep(view, "form .status"))).to.equal("Connecting to Sandbox Savings Bank…");
    await expect(view).to.be.accessible();
  });
});

// ---- OAuth -------------------------------------------------------------------------

describe("bank-link view: OAuth hand-off", () => {
  const handingOff = (overrides: Partial<ReturnType<typeof emptyOAuth>> = {}) => ({
    screen: "oauth" as LinkScreen,
    canGoBack: true,
    institution: oauthBank,
    oauth: { ...emptyOAuth(), ...overrides },
  });

  it("explains the hand-off and emits continue from the click", async () => {
    const view = await mount(handingOff());
    expect(text(deep(view, "h1"))).to.equal("Continue to Sandbox OAuth Bank");
    const seen = record(view, "enclave-oauth-continue");
    control(view, "Continue").click();
    expect(seen).to.have.length(1);
    await expect(view).to.be.accessible();
  });

  it("waits for the bank and offers to open it again", async () => {
    const view = await mount(handingOff({ status: "waiting", authorizationUrl: "https://bank.example/authorize?state=abc" }));
    expect(text(deep(view, ".status"))).to.equal("Waiting for Sandbox OAuth Bank…");
    const seen = record(view, "enclave-oauth-reopen");
    control(view, "Open Sandbox OAuth Bank again").click();
    expect(seen).to.have.length(1);
    await expect(view).to.be.accessible();
  });

  it("offers a real new-tab link when the popup was blocked, and keeps waiting", async () => {
    const view = await mount(handingOff({ status: "blocked", authorizationUrl: "https://bank.example/authorize?state=abc" }));
    const link = control(view, "Open Sandbox OAuth Bank in a new tab") as HTMLAnchorElement;
    expect(link.tagName).to.equal("A");
    expect(link.href).to.equal("https://bank.example/authorize?state=abc");
    expect(link.target).to.equal("_blank");
    expect(link.rel).to.equal("noopener");
    expect(text(deep(view, "[role=alert]"))).to.contain("blocked");
    expect(text(deep(view, ".status"))).to.equal("Waiting for Sandbox OAuth Bank…");
    await expect(view).to.be.accessible();
  });

  it("never links a URL that is not http(s)", async () => {
    const view = await mount(handingOff({ status: "blocked", authorizationUrl: "javascript:alert(1)" }));
    expect(deepAll(view, "a")).to.have.length(0);
  });

  it("says the bank declined, with Try again", async () => {
    const view = await mount(handingOff({ status: "denied" }));
    expect(text(deep(view, "[role=alert]"))).to.contain("didn't share your accounts");
    const seen = record(view, "enclave-oauth-continue");
    control(view, "Try again").click();
    expect(seen).to.have.length(1);
    await expect(view).to.be.accessible();
  });

  it("says the bank's window was closed, with Try again and Choose another bank, Try again focused", async () => {
    const view = await mount(handingOff({ status: "closed", authorizationUrl: "https://bank.example/authorize?state=abc" }));
    expect(text(deep(view, "[role=alert]"))).to.equal("The window for Sandbox OAuth Bank was closed before you finished signing in.");
    expect(controlNames(view)).to.deep.equal(["Back", "Close", "Try again", "Choose another bank"]);
    // Not waiting any more, as far as the customer can tell: no spinner.
    expect(deepAll(view, ".spinner")).to.have.length(0);
    await view.focusStart();
    expect(text(deep(view, "enclave-link-oauth").shadowRoot?.activeElement)).to.equal("Try again");
    const seen = record(view, "enclave-oauth-continue", "enclave-link-choose-bank");
    control(view, "Try again").click();
    control(view, "Choose another bank").click();
    expect(seen.map((event) => event.name)).to.deep.equal(["enclave-oauth-continue", "enclave-link-choose-bank"]);
    await expect(view).to.be.accessible();
  });
});

// ---- MFA ---------------------------------------------------------------------------

describe("bank-link view: verification code", () => {
  const verifying = (overrides: Partial<ReturnType<typeof emptyMfa>> = {}) => ({
    screen: "mfa" as LinkScreen,
    canGoBack: true,
    institution: savings,
    mfa: { ...emptyMfa(), ...overrides },
  });

  it("names the field exactly, with the one-time-code hints", async () => {
    const view = await mount(verifying());
    const code = deep<HTMLInputElement>(view, "#code");
    expect(await accessibleName(code)).to.equal("Verification code");
    expect(code.getAttribute("inputmode")).to.equal("numeric");
    expect(code.getAttribute("autocomplete")).to.equal("one-time-code");
    expect(controlNames(view)).to.deep.equal(["Back", "Close", "Submit"]);
    expect(text(deep(view, "#message"))).to.equal("Sandbox Savings Bank sent a verification code to the phone or email on your account.");
    const seen = record(view, "enclave-mfa-submit");
    control(view, "Submit").click();
    await settle(view);
    expect(seen).to.have.length(0);
    expect(text(deep(view, "#code-error"))).to.equal("Enter the verification code.");
    code.focus();
    await sendKeys({ type: "123456" });
    await sendKeys({ press: "Enter" });
    expect(seen.map((event) => event.detail)).to.deep.equal([{ code: "123456" }]);
    await expect(view).to.be.accessible();
  });

  it("says a code was wrong and how many attempts are left, tied to the field", async () => {
    const view = await mount(verifying({ attemptsLeft: 2, error: { code: "invalid_mfa_code" } }));
    expect(text(deep(view, "#code-error"))).to.equal("That code is incorrect. You have 2 attempts left.");
    expect(deep(view, "#code").getAttribute("aria-describedby")).to.equal("message code-error");
    expect(deep(view, "#code").getAttribute("aria-invalid")).to.equal("true");
    Object.assign(view, verifying({ attemptsLeft: 1, error: { code: "invalid_mfa_code" } }));
    await settle(view);
    expect(text(deep(view, "#code-error"))).to.equal("That code is incorrect. You have 1 attempt left.");
    await expect(view).to.be.accessible();
  });

  it("explains mfa_locked and offers to sign in again", async () => {
    const view = await mount(verifying({ attemptsLeft: 0, error: { code: "mfa_locked" } }));
    expect(text(deep(view, "#code-error"))).to.contain("sign in again");
    expect(deep<HTMLInputElement>(view, "#code").disabled).to.equal(true);
    const seen = record(view, "enclave-mfa-restart");
    control(view, "Sign in again").click();
    expect(seen).to.have.length(1);
    await expect(view).to.be.accessible();
  });
});

// ---- accounts ----------------------------------------------------------------------

describe("bank-link view: account selection", () => {
  const choosing = (overrides: Partial<ReturnType<typeof emptyAccounts>> = {}) => ({
    screen: "select_accounts" as LinkScreen,
    canGoBack: true,
    institution: savings,
    accounts: { ...emptyAccounts(), accounts, ...overrides },
  });

  it("lists each account with its name, kind, masked number and balance", async () => {
    const view = await mount(choosing());
    const boxes = deepAll(view, "input[type=checkbox]") as HTMLInputElement[];
    expect(await Promise.all(boxes.map((box) => accessibleName(box)))).to.deep.equal([
      "Everyday Checking, ending in 1234",
      "Rainy Day Savings, ending in 9876",
      "Cashback Card, ending in 4321",
    ]);
    expect(
      boxes.every((box) => !box.checked),
      "nothing is shared until the customer ticks it",
    ).to.equal(true);
    const rows = deepAll(view, ".account").map(text);
    expect(rows[0]).to.equal("Everyday Checking, ending in 1234 •••• 1234 · Checking · Bank account Balance $1,234.56");
    expect(rows[2]).to.contain("Credit card · Credit account").and.contain("Balance owed $500.50");
    expect(text(deep(view, "legend"))).to.equal("Accounts at Sandbox Savings Bank");
    await expect(view).to.be.accessible();
  });

  it("requires at least one account", async () => {
    const view = await mount(choosing());
    const seen = record(view, "enclave-accounts-submit", "enclave-accounts-change");
    control(view, "Continue").click();
    await settle(view);
    expect(seen.map((event) => event.name)).to.deep.equal(["enclave-accounts-change"]);
    const error = deep(view, "#accounts-error");
    expect(error.getAttribute("role")).to.equal("alert");
    expect(text(error)).to.equal("Choose at least one account to continue.");
    expect(deep(view, "fieldset").getAttribute("aria-describedby")).to.equal("accounts-error");
    expect(deep(view, "#account-0").getAttribute("aria-describedby")).to.contain("accounts-error");
    await expect(view).to.be.accessible();

    (deep(view, "#account-2") as HTMLInputElement).click();
    (deep(view, "#account-0") as HTMLInputElement).click();
    await settle(view);
    expect(text(deep(view, "#accounts-error"))).to.equal("");
    control(view, "Continue").click();
    expect(seen.at(-1)).to.deep.equal({ name: "enclave-accounts-submit", detail: { selected: ["acc_1", "acc_3"] } });
  });

  it("shows a failure to share in the frame's words for its code", async () => {
    const view = await mount(choosing({ selected: ["acc_1"], error: { code: "link_step_invalid" } }));
    expect(text(deep(view, "form > .notice"))).to.equal("This step has expired. Go back and sign in to your bank again.");
    await expect(view).to.be.accessible();
    Object.assign(view, choosing({ selected: ["acc_1"], error: { code: "resource_missing" } }));
    await settle(view);
    expect(text(deep(view, "form > .notice"))).to.equal("We couldn't share these accounts. Try again.");
  });
});

// ---- success and the exit confirmation ---------------------------------------------

describe("bank-link view: success and leaving", () => {
  it("says which bank is connected and offers Done", async () => {
    const view = await mount({ screen: "success", institution: savings, accounts: { ...emptyAccounts(), accounts, selected: ["acc_1", "acc_2"] } });
    expect(text(deep(view, "h1"))).to.equal("Connected to Sandbox Savings Bank");
    expect(text(deep(deep(view, "enclave-link-success"), ".lede"))).to.equal("Enclave Demo Shop can now see the 2 accounts you chose.");
    const seen = record(view, "enclave-link-done", "enclave-link-close");
    control(view, "Done").click();
    expect(seen).to.have.length(1);
    // Escape there is "Done" too (nothing to lose; the page gets its result and a modal closes).
    await view.focusStart();
    await sendKeys({ press: "Escape" });
    expect(seen.map((event) => event.name)).to.deep.equal(["enclave-link-done", "enclave-link-done"]);
    await expect(view).to.be.accessible();
  });

  it("asks before leaving, with Leave and Stay, and starts on Stay", async () => {
    const view = await mount({ screen: "credentials", institution: savings, canGoBack: true, exitConfirm: true });
    expect(text(deep(view, "h1"))).to.equal("Leave without connecting your bank?");
    expect(controlNames(view)).to.deep.equal(["Leave", "Stay"]);
    await view.focusStart();
    // The one leave confirmation both modal flows share (ui/modal-leave), in place of the screen.
    expect(deep(view, "enclave-modal-leave").shadowRoot?.activeElement?.id).to.equal("stay");
    const seen = record(view, "enclave-exit-answer");
    control(view, "Leave").click();
    control(view, "Stay").click();
    expect(seen.map((event) => event.detail)).to.deep.equal([{ leave: true }, { leave: false }]);
    await expect(view).to.be.accessible();
  });
});

// ---- across every screen -----------------------------------------------------------

describe("bank-link view: every screen", () => {
  const screens: [string, Partial<EnclaveBankLinkView>][] = [
    ["consent", { screen: "consent" }],
    ["search", { screen: "select_institution", canGoBack: true, search: { ...emptySearch(), popular: institutions, popularStatus: "ready" } }],
    ["credentials", { screen: "credentials", canGoBack: true, institution: savings, sandbox: true }],
    ["oauth", { screen: "oauth", canGoBack: true, institution: oauthBank }],
    ["mfa", { screen: "mfa", canGoBack: true, institution: savings, sandbox: true }],
    ["accounts", { screen: "select_accounts", canGoBack: true, institution: savings, accounts: { ...emptyAccounts(), accounts } }],
    ["success", { screen: "success", institution: savings, accounts: { ...emptyAccounts(), accounts, selected: ["acc_1"] } }],
  ];

  for (const [name, properties] of screens) {
    it(`${name}: one level-one heading, no style attributes, focus on its first control, accessible in the default and night themes`, async () => {
      const view = await mount(properties);
      expect(deepAll(view, "h1")).to.have.length(1);
      expect(styleAttributes(view)).to.have.length(0);
      await view.focusStart();
      const screen = deep(view, "[data-screen]");
      const focused = screen.shadowRoot?.activeElement;
      expect(focused, "something in the screen has focus").to.be.instanceOf(HTMLElement);
      const firstControl = [...(screen.shadowRoot?.querySelectorAll("input:not([disabled]), button, a[href]") ?? [])][0];
      expect(focused).to.equal(firstControl);
      await expect(view).to.be.accessible();
      // The night theme's colours must read as well (axe checks contrast).
      applyAppearance(document.documentElement, { theme: "night" });
      try {
        await expect(view).to.be.accessible();
      } finally {
        applyAppearance(document.documentElement, undefined);
      }
    });
  }
});
