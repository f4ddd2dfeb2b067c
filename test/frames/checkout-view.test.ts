import { expect, fixture, html } from "@open-wc/testing";
import "../../src/frames/checkout/checkout-view.js";
import type { EnclaveCheckoutView } from "../../src/frames/checkout/checkout-view.js";
import { applyAppearance, variableProperty } from "../../src/frames/ui/theme.js";
import { parseAppearance } from "../../src/protocol/appearance.js";

describe("checkout view", () => {
  it("shows the amount due in the customer's locale and currency", async () => {
    const view = await fixture<EnclaveCheckoutView>(
      html`<enclave-checkout-view state="ready" .amount=${129900} currency="eur" locale="de" merchant-name="Laden"></enclave-checkout-view>`,
    );
    const text = view.shadowRoot?.textContent ?? "";
    expect(text).to.contain("1.299,00 €");
    expect(text).to.contain("Paying Laden");
    await expect(view).to.be.accessible();
  });

  it("formats zero-decimal currencies without cents", async () => {
    const view = await fixture<EnclaveCheckoutView>(
      html`<enclave-checkout-view state="ready" .amount=${5000} currency="jpy" locale="en"></enclave-checkout-view>`,
    );
    expect(view.shadowRoot?.textContent).to.contain("¥5,000");
  });

  it("announces the loading state and errors to assistive technology", async () => {
    const view = await fixture<EnclaveCheckoutView>(html`<enclave-checkout-view state="loading"></enclave-checkout-view>`);
    expect(view.shadowRoot?.querySelector('[role="status"]')?.getAttribute("aria-label")).to.equal("Loading payment details");
    view.state = "error";
    view.errorMessage = "This page's origin is not allowed to show this payment form.";
    await view.updateComplete;
    const alert = view.shadowRoot?.querySelector('[role="alert"]');
    expect(alert?.textContent).to.equal("This page's origin is not allowed to show this payment form.");
    await expect(view).to.be.accessible();
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
