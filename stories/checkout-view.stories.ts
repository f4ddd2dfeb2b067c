/**
 * Every screen of the checkout frame, rendered from properties as the frame shows them —
 * no server, no bridge. The appearance controls set the same --enclave-* variables a
 * merchant's `appearance` does.
 */
import type { Meta, StoryObj } from "@storybook/web-components-vite";
import "../src/frames/checkout/checkout-view.js";
import { checkoutViewStates, type CheckoutViewState } from "../src/frames/checkout/checkout-view.js";
import type { CardField, CardValue } from "../src/frames/checkout/card-input.js";
import { customAppearance, frameRoot, themeArgType, variableArgTypes, type AppearanceArgs } from "./support/appearance.js";

interface Args extends AppearanceArgs {
  state: CheckoutViewState;
  amount: number;
  currency: string;
  merchantName: string;
  errorMessage: string;
  cardNumber: string;
  expiry: string;
  cvc: string;
  postalCode: string;
  /** Fields whose errors show, as after leaving them (or all of them, as after a submit). */
  touched: CardField[];
}

const allFields: CardField[] = ["number", "expiry", "cvc", "postalCode"];
const yy = (yearsAhead: number): string => String((new Date().getFullYear() + yearsAhead) % 100).padStart(2, "0");
/** Always in the future, so the stories stay valid as years pass. */
const validExpiry = `12 / ${yy(3)}`;

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
    cardNumber: "",
    expiry: "",
    cvc: "",
    postalCode: "",
    touched: [],
    theme: "default",
  },
  argTypes: {
    state: { control: "select", options: checkoutViewStates },
    theme: themeArgType,
    touched: { control: "check", options: allFields },
    locale: { control: "select", options: ["en", "es", "fr", "de", "ja", "ar"] },
    currency: { control: "select", options: ["usd", "eur", "gbp", "jpy"] },
    ...variableArgTypes,
  },
  parameters: { layout: "padded" },
  render: (args) => {
    const frame = frameRoot(args);

    const view = document.createElement("enclave-checkout-view");
    const card: CardValue = { number: args.cardNumber, expiry: args.expiry, cvc: args.cvc, postalCode: args.postalCode };
    Object.assign(view, {
      state: args.state,
      amount: args.amount,
      currency: args.currency,
      locale: args.locale,
      merchantName: args.merchantName,
      errorMessage: args.errorMessage,
      card,
      touched: Object.fromEntries(args.touched.map((field) => [field, true])),
    });
    frame.append(view);
    return frame;
  },
};

export default meta;
type Story = StoryObj<Args>;

const filled = { cardNumber: "4242 4242 4242 4242", expiry: validExpiry, cvc: "123", postalCode: "94107" };

// ---- loading and load errors -----------------------------------------------------------

export const Loading: Story = { args: { state: "loading" } };
export const LoadErrorOriginNotAllowed: Story = {
  args: { state: "error", errorMessage: "This page's origin is not allowed to show this payment form." },
};
export const LoadErrorSessionOver: Story = {
  args: { state: "error", errorMessage: "This payment is already complete." },
};
export const LoadErrorNotEmbedded: Story = {
  args: { state: "error", errorMessage: "" },
};

// ---- ready: empty and each brand -------------------------------------------------------

export const Empty: Story = {};
export const Visa: Story = { args: { ...filled } };
export const Mastercard: Story = { args: { ...filled, cardNumber: "5555 5555 5555 4444" } };
export const AmericanExpress: Story = { args: { ...filled, cardNumber: "3782 822463 10005", cvc: "1234" } };
export const Discover: Story = { args: { ...filled, cardNumber: "6011 1111 1111 1117" } };
export const DinersClub: Story = { args: { ...filled, cardNumber: "3622 720627 1667" } };
export const Jcb: Story = { args: { ...filled, cardNumber: "3566 0020 2036 0505" } };
export const UnionPay: Story = { args: { ...filled, cardNumber: "6200 0000 0000 0005" } };
export const Maestro: Story = { args: { ...filled, cardNumber: "6759 6498 2643 8453" } };
export const BrandNotKnownYet: Story = { args: { cardNumber: "4" } };

// ---- each field error ------------------------------------------------------------------

export const NumberIncomplete: Story = { args: { ...filled, cardNumber: "4242 4242", touched: ["number"] } };
export const NumberInvalid: Story = { args: { ...filled, cardNumber: "4242 4242 4242 4241", touched: ["number"] } };
export const NumberUnknownBrand: Story = { args: { ...filled, cardNumber: "9999 9999 9999 9999", touched: ["number"] } };
export const ExpiryIncomplete: Story = { args: { ...filled, expiry: "12 / ", touched: ["expiry"] } };
export const ExpiryInThePast: Story = { args: { ...filled, expiry: "01 / 20", touched: ["expiry"] } };
export const ExpiryTooFarAhead: Story = { args: { ...filled, expiry: `12 / ${yy(30)}`, touched: ["expiry"] } };
export const SecurityCodeIncomplete: Story = { args: { ...filled, cvc: "12", touched: ["cvc"] } };
export const AmexSecurityCodeTooShort: Story = { args: { ...filled, cardNumber: "3782 822463 10005", cvc: "123", touched: ["cvc"] } };
export const PostalCodeIncomplete: Story = { args: { ...filled, postalCode: "9", touched: ["postalCode"] } };
export const EveryErrorAfterSubmit: Story = { args: { touched: allFields } };

// ---- a payment in progress and its outcomes --------------------------------------------

export const Processing: Story = { args: { ...filled, state: "processing" } };
export const ThreeDSecure: Story = { args: { ...filled, cardNumber: "4000 0027 6000 3184", state: "authenticating" } };
export const Declined: Story = {
  args: { ...filled, cardNumber: "4000 0000 0000 0002", state: "declined", errorMessage: "Your card was declined." },
};
export const DeclinedInsufficientFunds: Story = {
  args: { ...filled, cardNumber: "4000 0000 0000 9995", state: "declined", errorMessage: "Your card has insufficient funds." },
};
export const DeclinedIncorrectCvc: Story = {
  args: { ...filled, cardNumber: "4000 0000 0000 0127", state: "declined", errorMessage: "Your card's security code is incorrect." },
};
export const AuthenticationFailed: Story = {
  args: {
    ...filled,
    cardNumber: "4000 0027 6000 3184",
    state: "declined",
    errorMessage: "We couldn't authenticate your payment. Try again or use another card.",
  },
};
export const NetworkError: Story = {
  args: { ...filled, state: "declined", errorMessage: "We couldn't reach the payment service. Check your connection and try again." },
};
export const Succeeded: Story = { args: { state: "succeeded" } };

// ---- appearance and locales ------------------------------------------------------------

export const Night: Story = { args: { ...filled, theme: "night" } };
export const NightWithErrors: Story = { args: { theme: "night", cardNumber: "4242 4242 4242 4241", touched: ["number", "expiry", "cvc"] } };
export const Flat: Story = { args: { ...filled, theme: "flat" } };
export const CustomAppearance: Story = {
  args: {
    ...filled,
    ...customAppearance,
  },
};
export const AmountInYen: Story = { args: { amount: 5000, currency: "jpy", locale: "ja" } };
export const AmountInEuros: Story = { args: { amount: 129900, currency: "eur", locale: "de" } };
export const RightToLeft: Story = { args: { ...filled, locale: "ar", currency: "usd" } };
