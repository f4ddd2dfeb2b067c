import type { Meta, StoryObj } from "@storybook/web-components-vite";
import { themeNames, type Appearance } from "../src/protocol/appearance.js";
import "../src/frames/checkout/checkout-view.js";
import type { CheckoutViewState } from "../src/frames/checkout/checkout-view.js";
import { applyAppearance } from "../src/frames/ui/theme.js";

interface Args {
  state: CheckoutViewState;
  amount: number;
  currency: string;
  locale: string;
  merchantName: string;
  errorMessage: string;
  theme: NonNullable<Appearance["theme"]>;
  colorPrimary: string;
  colorText: string;
  colorBackground: string;
  borderRadius: string;
}

/** The checkout frame's screen, rendered from its properties as the frame shows it. */
const meta: Meta<Args> = {
  title: "Frames/Checkout",
  component: "enclave-checkout-view",
  args: {
    state: "ready",
    amount: 4900,
    currency: "usd",
    locale: "en",
    merchantName: "Enclave Demo Shop",
    errorMessage: "",
    theme: "default",
    colorPrimary: "#4f46e5",
    colorText: "#1f2937",
    colorBackground: "#ffffff",
    borderRadius: "6px",
  },
  argTypes: {
    state: { control: "inline-radio", options: ["loading", "ready", "error"] },
    theme: { control: "inline-radio", options: themeNames },
    colorPrimary: { control: "color" },
    colorText: { control: "color" },
    colorBackground: { control: "color" },
    locale: { control: "select", options: ["en", "es", "fr", "de", "ja", "ar"] },
    currency: { control: "select", options: ["usd", "eur", "gbp", "jpy"] },
  },
  render: (args) => {
    const wrapper = document.createElement("div");
    const hasCustomColours = args.theme === "default";
    applyAppearance(wrapper, {
      theme: args.theme,
      variables: hasCustomColours
        ? { colorPrimary: args.colorPrimary, colorText: args.colorText, colorBackground: args.colorBackground, borderRadius: args.borderRadius }
        : { borderRadius: args.borderRadius },
    });
    wrapper.dir = args.locale === "ar" ? "rtl" : "ltr";
    wrapper.lang = args.locale;
    const view = document.createElement("enclave-checkout-view");
    Object.assign(view, {
      state: args.state,
      amount: args.amount,
      currency: args.currency,
      locale: args.locale,
      merchantName: args.merchantName,
      errorMessage: args.errorMessage,
    });
    wrapper.append(view);
    return wrapper;
  },
};

export default meta;
type Story = StoryObj<Args>;

export const Loading: Story = { args: { state: "loading" } };
export const AmountDue: Story = {};
export const AmountDueInYen: Story = { args: { amount: 5000, currency: "jpy", locale: "ja" } };
export const AmountDueInEuros: Story = { args: { amount: 129900, currency: "eur", locale: "de" } };
export const Night: Story = { args: { theme: "night" } };
export const Flat: Story = { args: { theme: "flat", borderRadius: "0px" } };
export const OriginNotAllowed: Story = {
  args: { state: "error", errorMessage: "This page's origin is not allowed to show this payment form." },
};
export const SessionExpired: Story = {
  args: { state: "error", errorMessage: "This payment session has ended. Refresh the page to start again." },
};
