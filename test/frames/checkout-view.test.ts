/**
 * The checkout frame's views without a server: the card form (formatting, brands,
 * validation, the security code help) and every screen of <enclave-checkout-view>,
 * driven through real key presses where typing matters.
 */
import { expect, fixture, html, oneEvent, waitUntil } from "@open-wc/testing";
import { sendKeys } from "@web/test-runner-commands";
import "../../src/frames/checkout/checkout-view.js";
import type { EnclaveCheckoutView } from "../../src/frames/checkout/checkout-view.js";
import type { EnclaveCardForm } from "../../src/frames/checkout/card-form.js";
import type { CardValue } from "../../src/frames/checkout/card-input.js";
import type { EnclaveHelpPopover } from "../../src/frames/ui/help-popover.js";
import { setLocale } from "../../src/frames/ui/i18n.js";
import { applyAppearance, variableProperty } from "../../src/frames/ui/theme.js";
import { parseAppearance } from "../../src/protocol/appearance.js";
import { accessibleName } from "./support/accessible-name.js";

// ---- a small harness, so the tests read like a customer ------------------------------

const fieldIds = { number: "number", expiry: "expiry", cvc: "cvc", postalCode: "postal-code" } as const;
type Field = keyof typeof fieldIds;

/** An expiry that is always valid: two years ahead. */
const futureExpiry = `12 / ${String((new Date().getFullYear() + 2) % 100).padStart(2, "0")}`;

async function mountForm(value: Partial<CardValue> = {}): Promise<EnclaveCardForm> {
  const card: CardValue = { number: "", expiry: "", cvc: "", postalCode: "", ...value };
  return fixture<EnclaveCardForm>(html`<enclave-card-form .value=${card}></enclave-card-form>`);
}

function input(form: EnclaveCardForm, field: Field): HTMLInputElement {
  const element = form.shadowRoot?.querySelector<HTMLInputElement>(`#${fieldIds[field]}`);
  if (!element) throw new Error(`no ${field} input`);
  return element;
}

/** Focuses the field at the end of its text and types as a customer would, key by key. */
async function typeInto(form: EnclaveCardForm, field: Field, text: string): Promise<HTMLInputElement> {
  const element = input(form, field);
  element.focus();
  element.setSelectionRange(element.value.length, element.value.length);
  await sendKeys({ type: text });
  await form.updateComplete;
  return element;
}

async function press(key: string, times = 1): Promise<void> {
  for (let index = 0; index < times; index++) await sendKeys({ press: key });
}

async function leave(form: EnclaveCardForm, field: Field): Promise<void> {
  input(form, field).blur();
  await form.updateComplete;
}

function errorFor(form: EnclaveCardForm, field: Field): HTMLElement {
  const element = form.shadowRoot?.querySelector<HTMLElement>(`#${fieldIds[field]}-error`);
  if (!element) throw new Error(`no error element for ${field}`);
  return element;
}

function brandLabel(form: EnclaveCardForm): string | null {
  return form.shadowRoot?.querySelector(".card-brand")?.getAttribute("aria-label") ?? null;
}

// ---- the card form -------------------------------------------------------------------

describe("card form", () => {
  it("names its fields exactly as the contract says, with autofill and keypad hints", async () => {
    const form = await mountForm();
    const expected: Record<Field, { name: string; autocomplete: string; inputmode: string | null }> = {
      number: { name: "Card number", autocomplete: "cc-number", inputmode: "numeric" },
      expiry: { name: "Expiration date", autocomplete: "cc-exp", inputmode: "numeric" },
      cvc: { name: "Security code", autocomplete: "cc-csc", inputmode: "numeric" },
      // Postal codes have letters in many countries (UK, Canada): the full keyboard.
      postalCode: { name: "Postal code", autocomplete: "postal-code", inputmode: null },
    };
    for (const [field, want] of Object.entries(expected) as [Field, (typeof expected)[Field]][]) {
      const element = input(form, field);
      expect(await accessibleName(element)).to.equal(want.name);
      expect(element.getAttribute("autocomplete")).to.equal(want.autocomplete);
      expect(element.getAttribute("inputmode")).to.equal(want.inputmode);
      // Visible labels, not placeholders or aria-label.
      expect(element.labels?.[0]?.textContent?.trim()).to.equal(want.name);
    }
    const help = form.shadowRoot?.querySelector("enclave-help-popover")?.shadowRoot?.querySelector("button");
    expect(help && (await accessibleName(help))).to.equal("Where do I find this code?");
    // A label search for a field finds that field only (Playwright's getByLabel matches substrings).
    const names = await Promise.all(
      [
        ...(form.shadowRoot?.querySelectorAll("input, button, [role]") ?? []),
        ...(form.shadowRoot?.querySelector("enclave-help-popover")?.shadowRoot?.querySelectorAll("button, [role]") ?? []),
      ].map((element) => accessibleName(element)),
    );
    for (const want of Object.values(expected))
      expect(
        names.filter((name) => name.toLowerCase().includes(want.name.toLowerCase())),
        want.name,
      ).to.have.length(1);
    await expect(form).to.be.accessible();
  });

  const brands = [
    { brand: "visa", label: "Visa", typed: "4242424242424242", shown: "4242 4242 4242 4242", cvc: 3 },
    { brand: "mastercard", label: "Mastercard", typed: "5555555555554444", shown: "5555 5555 5555 4444", cvc: 3 },
    { brand: "american-express", label: "American Express", typed: "378282246310005", shown: "3782 822463 10005", cvc: 4 },
    { brand: "discover", label: "Discover", typed: "6011111111111117", shown: "6011 1111 1111 1117", cvc: 3 },
    { brand: "diners-club", label: "Diners Club", typed: "36227206271667", shown: "3622 720627 1667", cvc: 3 },
    { brand: "jcb", label: "JCB", typed: "3566002020360505", shown: "3566 0020 2036 0505", cvc: 3 },
    { brand: "unionpay", label: "UnionPay", typed: "6200000000000005", shown: "6200 0000 0000 0005", cvc: 3 },
    { brand: "maestro", label: "Maestro", typed: "6759649826438453", shown: "6759 6498 2643 8453", cvc: 3 },
  ];

  for (const { brand, label, typed, shown, cvc } of brands) {
    it(`formats ${label} as it is typed, shows its mark and takes a ${cvc}-digit security code`, async () => {
      const form = await mountForm();
      expect(form.shadowRoot?.querySelector(".card-brand")?.getAttribute("aria-hidden")).to.equal("true");
      const number = await typeInto(form, "number", typed);
      expect(number.value).to.equal(shown);
      expect(number.selectionStart).to.equal(shown.length);
      expect(brandLabel(form)).to.equal(label);
      expect(form.shadowRoot?.querySelector(".card-brand")?.getAttribute("data-brand")).to.equal(brand);
      const code = await typeInto(form, "cvc", "123456");
      expect(code.value).to.equal("123456".slice(0, cvc));
    });
  }

  it("stops at the brand's longest number", async () => {
    const form = await mountForm();
    const number = await typeInto(form, "number", "3782822463100059999");
    expect(number.value).to.equal("3782 822463 10005");
  });

  it("keeps the caret beside the digit just typed when editing in the middle", async () => {
    const form = await mountForm();
    const number = await typeInto(form, "number", "42424242");
    expect(number.value).to.equal("4242 4242");
    number.setSelectionRange(2, 2);
    await sendKeys({ type: "1" });
    expect(number.value).to.equal("4214 2424 2");
    expect(number.selectionStart).to.equal(3);
  });

  it("deletes the digit before a gap on backspace instead of the gap alone", async () => {
    const form = await mountForm();
    const number = await typeInto(form, "number", "42424");
    expect(number.value).to.equal("4242 4");
    number.setSelectionRange(5, 5); // just after the gap
    await press("Backspace");
    expect(number.value).to.equal("4244");
    expect(number.selectionStart).to.equal(3);
  });

  it("formats the expiration date as MM / YY", async () => {
    const form = await mountForm();
    const expiry = await typeInto(form, "expiry", "4");
    expect(expiry.value).to.equal("04 / ");
    await press("Backspace");
    expect(expiry.value).to.equal("0");
    await press("Backspace");
    await sendKeys({ type: "13" });
    expect(expiry.value).to.equal("01 / 3", "13 is no month: month 1, then the year");
    await press("Backspace", 6);
    await sendKeys({ type: "1228" });
    expect(expiry.value).to.equal("12 / 28");
    await press("Backspace", 2);
    expect(expiry.value).to.equal("12", "while deleting, a month is not followed by ' / '");
    await press("Backspace");
    await sendKeys({ type: "2" });
    expect(expiry.value).to.equal("12 / ");
    await press("Backspace");
    expect(expiry.value).to.equal("1", "backspace after ' / ' removes the month's last digit");
    await sendKeys({ type: "/" });
    expect(expiry.value).to.equal("01 / ");
  });

  it("reads an autofilled expiry with a four-digit year", async () => {
    const form = await mountForm();
    const expiry = input(form, "expiry");
    expiry.value = "12/2034";
    expiry.dispatchEvent(new InputEvent("input", { bubbles: true, composed: true, inputType: "insertReplacementText" }));
    await form.updateComplete;
    expect(expiry.value).to.equal("12 / 34");
    expect(form.value.expiry).to.equal("12 / 34");
  });

  it("shows no error while typing or when an empty field is passed through", async () => {
    const form = await mountForm();
    await typeInto(form, "number", "4242");
    expect(errorFor(form, "number").textContent).to.equal("");
    expect(input(form, "number").getAttribute("aria-invalid")).to.equal("false");
    await leave(form, "cvc");
    expect(errorFor(form, "cvc").textContent).to.equal("");
  });

  const blurErrors: { field: Field; typed: string; number?: string; message: string }[] = [
    { field: "number", typed: "4242424242424241", message: "Your card number is invalid." },
    { field: "number", typed: "4242", message: "Your card number is incomplete." },
    { field: "number", typed: "9999999999999999", message: "Your card number is invalid." },
    { field: "expiry", typed: "0120", message: "Your card's expiration date is in the past." },
    { field: "expiry", typed: "1299", message: "Your card's expiration date is too far in the future." },
    { field: "expiry", typed: "12", message: "Your card's expiration date is incomplete." },
    { field: "cvc", typed: "12", number: "4242424242424242", message: "Your card's security code is incomplete." },
    { field: "cvc", typed: "123", number: "378282246310005", message: "Your card's security code is incomplete." },
    { field: "postalCode", typed: "1", message: "Your postal code is incomplete." },
  ];

  for (const { field, typed, number, message } of blurErrors) {
    it(`says "${message}" on leaving ${field} with ${typed}, tied to the field`, async () => {
      const form = await mountForm(number ? { number } : {});
      const element = await typeInto(form, field, typed);
      await leave(form, field);
      const error = errorFor(form, field);
      expect(error.textContent).to.equal(message);
      expect(error.getAttribute("role")).to.equal("alert");
      expect(element.getAttribute("aria-invalid")).to.equal("true");
      expect(element.getAttribute("aria-describedby")?.split(" ")).to.include(error.id);
      await expect(form).to.be.accessible();

      // Editing hides the error until the field is left again.
      element.focus();
      await sendKeys({ press: "Backspace" });
      await form.updateComplete;
      expect(element.getAttribute("aria-invalid")).to.equal("false");
      expect(element.getAttribute("aria-describedby") ?? "").not.to.contain(error.id);
    });
  }

  it("accepts a complete card, and a blank postal code", async () => {
    const form = await mountForm();
    await typeInto(form, "number", "4242424242424242");
    await typeInto(form, "expiry", futureExpiry.replace(/\D/g, ""));
    await typeInto(form, "cvc", "123");
    for (const field of ["number", "expiry", "cvc", "postalCode"] as Field[]) await leave(form, field);
    for (const field of ["number", "expiry", "cvc", "postalCode"] as Field[]) {
      expect(input(form, field).getAttribute("aria-invalid"), field).to.equal("false");
      expect(errorFor(form, field).textContent, field).to.equal("");
    }
    expect(form.value).to.deep.equal({ number: "4242 4242 4242 4242", expiry: futureExpiry, cvc: "123", postalCode: "" });
  });

  it("reports every change with the form's value and touched fields", async () => {
    const form = await mountForm();
    const number = input(form, "number");
    number.focus();
    const changed = oneEvent(form, "enclave-card-input");
    await sendKeys({ type: "4" });
    const { detail } = await changed;
    expect(detail.value.number).to.equal("4");
    expect(detail.touched).to.deep.equal({ number: false });
  });

  it("disables every field while a payment is processing", async () => {
    const form = await mountForm({ number: "4242 4242 4242 4242" });
    form.disabled = true;
    await form.updateComplete;
    for (const field of Object.keys(fieldIds) as Field[]) expect(input(form, field).disabled, field).to.equal(true);
  });
});

describe("security code help", () => {
  async function popoverOf(form: EnclaveCardForm): Promise<{ popover: EnclaveHelpPopover; button: HTMLButtonElement; panel: HTMLElement }> {
    const popover = form.shadowRoot?.querySelector("enclave-help-popover");
    await popover?.updateComplete;
    const button = popover?.shadowRoot?.querySelector("button");
    const panel = popover?.shadowRoot?.querySelector<HTMLElement>(".panel");
    if (!popover || !button || !panel) throw new Error("no security code help");
    return { popover, button, panel };
  }

  it("opens from its button, explains the code, and closes with Escape back to the button", async () => {
    const form = await mountForm();
    const { popover, button, panel } = await popoverOf(form);
    expect(button.getAttribute("aria-expanded")).to.equal("false");
    expect(panel.hidden).to.equal(true);

    button.focus();
    await press("Enter");
    await popover.updateComplete;
    expect(button.getAttribute("aria-expanded")).to.equal("true");
    expect(panel.hidden).to.equal(false);
    expect(popover.shadowRoot?.activeElement).to.equal(panel);
    expect(panel.getAttribute("role")).to.equal("dialog");
    expect(await accessibleName(panel)).to.equal("Card verification code");
    expect(panel.textContent).to.contain("3-digit code on the back");
    // Positioned by floating-ui next to the button, inside the viewport (the library is a
    // chunk fetched when the button got focus: wait for it rather than for one frame), and
    // only then seen.
    await waitUntil(() => panel.dataset["placement"] !== undefined, "placed by floating-ui", { timeout: 3000 });
    expect(panel.style.getPropertyValue("top")).to.match(/px$/);
    expect(getComputedStyle(panel).opacity).to.equal("1");
    await expect(form).to.be.accessible();

    await press("Escape");
    await popover.updateComplete;
    expect(panel.hidden).to.equal(true);
    expect(button.getAttribute("aria-expanded")).to.equal("false");
    expect(popover.shadowRoot?.activeElement).to.equal(button);
  });

  it("closes when focus moves elsewhere, and says where Amex puts its code", async () => {
    const form = await mountForm({ number: "3782 822463 10005" });
    const { popover, button, panel } = await popoverOf(form);
    button.click();
    await popover.updateComplete;
    expect(panel.textContent).to.contain("4-digit code printed on the front");
    input(form, "postalCode").focus();
    await popover.updateComplete;
    expect(panel.hidden).to.equal(true);
    expect(form.shadowRoot?.activeElement).to.equal(input(form, "postalCode"));
  });

  it("toggles from the button with the mouse", async () => {
    const form = await mountForm();
    const { popover, button, panel } = await popoverOf(form);
    button.click();
    await popover.updateComplete;
    expect(panel.hidden).to.equal(false);
    button.click();
    await popover.updateComplete;
    expect(panel.hidden).to.equal(true);
  });
});

// ---- the screens ---------------------------------------------------------------------

describe("checkout view", () => {
  const filled: CardValue = { number: "4242 4242 4242 4242", expiry: futureExpiry, cvc: "123", postalCode: "94107" };

  async function mountView(properties: Partial<EnclaveCheckoutView>): Promise<EnclaveCheckoutView> {
    const view = await fixture<EnclaveCheckoutView>(html`<enclave-checkout-view></enclave-checkout-view>`);
    Object.assign(view, { amount: 4900, currency: "usd", merchantName: "Enclave Demo Shop", ...properties });
    await view.updateComplete;
    return view;
  }

  function formOf(view: EnclaveCheckoutView): EnclaveCardForm {
    const form = view.shadowRoot?.querySelector("enclave-card-form");
    if (!form) throw new Error("no card form");
    return form;
  }

  function liveStatus(view: EnclaveCheckoutView): string {
    return (view.shadowRoot?.querySelector(".status[role='status']")?.textContent ?? "").replace(/\s+/g, " ").trim();
  }

  it("shows the amount due in the customer's locale and currency", async () => {
    await setLocale("de");
    try {
      const view = await mountView({ state: "ready", amount: 129900, currency: "eur", merchantName: "Laden" });
      const text = (view.shadowRoot?.textContent ?? "").replace(/\s+/g, " ");
      expect(text).to.contain("Zahlung an Laden");
      expect(view.shadowRoot?.querySelector("h1")?.textContent?.replace(/\s+/g, " ")).to.equal("Zu zahlender Betrag 1.299,00 €");
      await expect(view).to.be.accessible();
    } finally {
      await setLocale("en");
    }
  });

  it("formats zero-decimal currencies without cents", async () => {
    const view = await mountView({ state: "ready", amount: 5000, currency: "jpy" });
    expect(view.shadowRoot?.textContent).to.contain("¥5,000");
  });

  it("counts minor units as ISO 4217 does, where the locale data differs (three-decimal dinars)", async () => {
    const kuwaiti = await mountView({ state: "ready", amount: 1250, currency: "kwd" });
    expect(kuwaiti.shadowRoot?.querySelector("h1")?.textContent?.replace(/\s+/g, " ")).to.contain("1.250");
    // ISO 4217 gives the Iraqi dinar three decimals; the locale shows none: 5000 fils is 5 dinars, not 5,000.
    const iraqi = await mountView({ state: "ready", amount: 5000, currency: "iqd" });
    const text = iraqi.shadowRoot?.querySelector("h1")?.textContent?.replace(/\s+/g, " ") ?? "";
    expect(text).to.match(/IQD\s?5(?![\d,.])/);
  });

  it("announces the loading state", async () => {
    const view = await mountView({ state: "loading" });
    expect(view.shadowRoot?.querySelector(".skeleton")?.getAttribute("aria-label")).to.equal("Loading payment details");
    expect(view.shadowRoot?.querySelector(".skeleton")?.getAttribute("role")).to.equal("status");
    expect(view.shadowRoot?.querySelector("enclave-card-form")).to.equal(null);
    await expect(view).to.be.accessible();
  });

  it("shows why the form cannot load, in words chosen by the error's code", async () => {
    const view = await mountView({ state: "error", errorCode: "origin_not_allowed" });
    const alert = view.shadowRoot?.querySelector('[role="alert"]');
    expect(alert?.textContent).to.equal("This page isn't allowed to show this form. If you run this site, add its origin to your allowed origins.");
    expect(view.shadowRoot?.querySelector("enclave-card-form")).to.equal(null);
    await expect(view).to.be.accessible();
  });

  /** All text in the view, through nested shadow roots (what a page-level text search sees). */
  function deepText(node: Node): string {
    const own = node instanceof Element && node.shadowRoot ? deepText(node.shadowRoot) : "";
    const text = own + [...node.childNodes].map((child) => (child.nodeType === Node.TEXT_NODE ? (child.textContent ?? "") : ` ${deepText(child)} `)).join("");
    return text.replace(/\s+/g, " ");
  }

  it("shows the card form when ready, with the amount said once", async () => {
    const view = await mountView({ state: "ready" });
    const form = formOf(view);
    await form.updateComplete;
    expect(input(form, "number").disabled).to.equal(false);
    expect(liveStatus(view)).to.equal("");
    // Text lookups (getByText("$49.00"), "Paying …") must find one element.
    expect(deepText(view).split("$49.00")).to.have.length(2);
    expect(deepText(view).split("Paying Enclave Demo Shop")).to.have.length(2);
    await expect(view).to.be.accessible();
  });

  it("disables the fields and announces the payment while it processes", async () => {
    const view = await mountView({ state: "ready", card: filled });
    const form = formOf(view);
    view.state = "processing";
    await view.updateComplete;
    await form.updateComplete;
    expect(formOf(view)).to.equal(form, "the same form: nothing typed is lost");
    for (const field of Object.keys(fieldIds) as Field[]) expect(input(form, field).disabled, field).to.equal(true);
    expect(liveStatus(view)).to.equal("Processing your payment…");
    expect(view.shadowRoot?.querySelector(".payment")?.getAttribute("aria-busy")).to.equal("true");
    await expect(view).to.be.accessible();
  });

  it("waits for the bank with the form disabled, and draws no challenge of its own (the host element shows it above the page)", async () => {
    const view = await mountView({ state: "authenticating", card: filled });
    expect(liveStatus(view)).to.equal("Waiting for your bank to confirm the payment…");
    expect(formOf(view).disabled).to.equal(true);
    expect(view.shadowRoot?.querySelector(".payment")?.getAttribute("aria-busy")).to.equal("true");
    expect(view.shadowRoot?.querySelectorAll("dialog, iframe").length).to.equal(0, "nothing drawn over the 320 px form");
    await expect(view).to.be.accessible();
  });

  it("says why the card was declined, by decline code, and leaves the form usable, with what was typed", async () => {
    const view = await mountView({ state: "processing", card: filled });
    Object.assign(view, { state: "declined", errorCode: "card_declined", declineCode: "insufficient_funds" });
    await view.updateComplete;
    const form = formOf(view);
    await form.updateComplete;
    const alert = view.shadowRoot?.querySelector(".notice");
    expect(alert?.getAttribute("role")).to.equal("alert");
    expect(alert?.textContent).to.equal("Your card has insufficient funds.");
    expect(input(form, "number").disabled).to.equal(false);
    expect(input(form, "number").value).to.equal("4242 4242 4242 4242");
    expect(input(form, "cvc").value).to.equal("123");
    await expect(view).to.be.accessible();
  });

  it("keeps the view's card in step with the form", async () => {
    const view = await mountView({ state: "ready" });
    const form = formOf(view);
    await form.updateComplete;
    await typeInto(form, "number", "4242");
    await leave(form, "number");
    expect(view.card.number).to.equal("4242");
    expect(view.touched).to.deep.equal({ number: true });
  });

  it("shows the amount paid once the payment succeeded", async () => {
    const view = await mountView({ state: "succeeded" });
    expect(view.shadowRoot?.querySelector("h1")?.textContent).to.equal("Payment successful");
    expect(view.shadowRoot?.querySelector(".success-amount")?.textContent).to.equal("$49.00");
    expect(view.shadowRoot?.querySelector("enclave-card-form")).to.equal(null);
    expect(liveStatus(view)).to.equal("Payment successful $49.00 Paid to Enclave Demo Shop.", "announced as it appears");
    expect(view.shadowRoot?.textContent?.split("$49.00")).to.have.length(2, "the amount appears once");
    await expect(view).to.be.accessible();
  });

  it("focuses a card field on request", async () => {
    const view = await mountView({ state: "ready" });
    await view.focusField("cvc");
    expect(formOf(view).shadowRoot?.activeElement?.id).to.equal("cvc");
  });

  it("stays accessible in the night theme", async () => {
    const wrapper = await fixture<HTMLDivElement>(html`<div><enclave-checkout-view state="ready" .amount=${4900}></enclave-checkout-view></div>`);
    applyAppearance(wrapper, { theme: "night" });
    const view = wrapper.querySelector("enclave-checkout-view");
    await view?.updateComplete;
    await expect(wrapper).to.be.accessible();
  });

  it("exposes its parts for appearance rules", async () => {
    const view = await mountView({ state: "declined", errorCode: "card_declined" });
    const form = formOf(view);
    await form.updateComplete;
    const parts = (root: ShadowRoot | null | undefined) =>
      new Set([...(root?.querySelectorAll("[part]") ?? [])].flatMap((element) => element.getAttribute("part")?.split(" ") ?? []));
    expect([...parts(form.shadowRoot)]).to.include.members(["container", "label", "input", "error"]);
    expect([...parts(view.shadowRoot)]).to.include.members(["container", "error"]);
    expect(form.getAttribute("exportparts")).to.contain("input");
  });
});

describe("appearance", () => {
  it("applies a theme and the merchant's variables as CSS custom properties", () => {
    const root = document.createElement("div");
    applyAppearance(root, { theme: "night", variables: { colorPrimary: "#ff5500" } });
    expect(root.style.getPropertyValue(variableProperty("colorPrimary"))).to.equal("#ff5500");
    expect(root.style.getPropertyValue("--enclave-color-background")).to.equal("#111827");
    expect(root.dataset["theme"]).to.equal("night");
  });

  for (const hostile of ["url(https://evil.example/x.png)", "red; background: red", "expression(alert(1))", "@import 'x'", "red } body { color: red", "u\\72l(x)"]) {
    it(`refuses ${JSON.stringify(hostile)} with invalid_appearance`, () => {
      const { appearance, error } = parseAppearance({ variables: { colorPrimary: hostile } });
      expect(appearance).to.equal(undefined);
      expect(error?.code).to.equal("invalid_appearance");
      expect(error?.message).to.contain("appearance.variables.colorPrimary");
    });
  }

  it("refuses unknown variables, themes and rule parts", () => {
    expect(parseAppearance({ theme: "neon" }).error?.code).to.equal("invalid_appearance");
    expect(parseAppearance({ variables: { colorHotPink: "#f0f" } }).error?.code).to.equal("invalid_appearance");
    expect(parseAppearance({ rules: { body: { color: "red" } } }).error?.code).to.equal("invalid_appearance");
    expect(parseAppearance({ theme: "flat", rules: { input: { "border-color": "#333" } } }).error).to.equal(undefined);
  });
});
