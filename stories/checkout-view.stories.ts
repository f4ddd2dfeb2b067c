/**
 * Every screen of the checkout frame, rendered from properties as the frame shows them —
 * no server, no bridge. The appearance controls set the same --enclave-* variables a
 * merchant's `appearance` does; the words follow Storybook's global locale, as the frame's
 * follow `init`. Errors are chosen by code, as the controller sets them.
 */
import type { Meta, StoryObj } from "@storybook/web-components-vite";
import "../src/frames/checkout/checkout-view.js";
import { checkoutViewStates, type CheckoutViewState } from "../src/frames/checkout/checkout-view.js";
import type { CardField, CardValue } from "../src/frames/checkout/card-input.js";
import { appearanceArgTypes, customAppearance, frameRoot, type AppearanceArgs } from "./support/appearance.js";

interface Args extends AppearanceArgs {
  state: CheckoutViewState;
  amount: number;
  currency: string;
  merchantName: string;
  /** Why the form cannot load (`error`) or the payment failed (`declined`), as the controller sets it. */
  errorCode: string;
  /** With `errorCode` "card_declined": the bank's reason. */
  declineCode: string;
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
    merchantName: "Enclave Demo Shop",
    errorCode: "",
    declineCode: "",
    cardNumber: "",
    expiry: "",
    cvc: "",
    postalCode: "",
    touched: [],
  },
  argTypes: {
    state: { control: "select", options: checkoutViewStates },
    touched: { control: "check", options: allFields },
    errorCode: {
      control: "select",
      options: [
        "",
        "card_declined",
        "expired_card",
        "incorrect_cvc",
        "incorrect_number",
        "payment_intent_authentication_failure",
        "payment_intent_unexpected_state",
        "amount_changed",
        "network_error",
        "session_not_open",
        "client_token_expired",
        "client_token_unavailable",
        "origin_not_allowed",
        "handshake_timeout",
      ],
    },
    declineCode: { control: "select", options: ["", "generic_decline", "insufficient_funds", "expired_card", "incorrect_cvc", "lost_card"] },
    currency: { control: "select", options: ["usd", "eur", "gbp", "jpy"] },
    ...appearanceArgTypes,
  },
  parameters: { layout: "padded" },
  render: (args) => {
    const frame = frameRoot();

    const view = document.createElement("enclave-checkout-view");
    const card: CardValue = { number: args.cardNumber, expiry: args.expiry, cvc: args.cvc, postalCode: args.postalCode };
    Object.assign(view, {
      state: args.state,
      amount: args.amount,
      currency: args.currency,
      merchantName: args.merchantName,
      errorCode: args.errorCode,
      declineCode: args.declineCode,
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
export const LoadErrorOriginNotAllowed: Story = { args: { state: "error", errorCode: "origin_not_allowed" } };
export const LoadErrorSessionOver: Story = { args: { state: "error", errorCode: "session_not_open" } };
export const LoadErrorSessionExpired: Story = { args: { state: "error", errorCode: "client_token_expired" } };
export const LoadErrorNotEmbedded: Story = { args: { state: "error", errorCode: "handshake_timeout" } };
/** No code at all: the form says only that it cannot be shown. */
export const LoadErrorUnknown: Story = { args: { state: "error" } };

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
/** The form waits while the bank checks: the bank's page itself opens above the merchant's page (Host elements › Checkout › Ready, with 4000 0027 6000 3184). */
export const ThreeDSecure: Story = { args: { ...filled, cardNumber: "4000 0027 6000 3184", state: "authenticating" } };
export const Declined: Story = {
  args: { ...filled, cardNumber: "4000 0000 0000 0002", state: "declined", errorCode: "card_declined", declineCode: "generic_decline" },
};
export const DeclinedInsufficientFunds: Story = {
  args: { ...filled, cardNumber: "4000 0000 0000 9995", state: "declined", errorCode: "card_declined", declineCode: "insufficient_funds" },
};
export const DeclinedExpiredCard: Story = {
  args: { ...filled, cardNumber: "4000 0000 0000 0069", state: "declined", errorCode: "expired_card", declineCode: "expired_card" },
};
export const DeclinedIncorrectCvc: Story = {
  args: { ...filled, cardNumber: "4000 0000 0000 0127", state: "declined", errorCode: "incorrect_cvc", declineCode: "incorrect_cvc" },
};
export const AuthenticationFailed: Story = {
  args: { ...filled, cardNumber: "4000 0027 6000 3184", state: "declined", errorCode: "payment_intent_authentication_failure" },
};
/** The merchant changed the total after the customer saw it: nothing was charged, the new total shows, the card stays. */
export const AmountChanged: Story = { args: { ...filled, amount: 7800, state: "declined", errorCode: "amount_changed" } };
export const NetworkError: Story = { args: { ...filled, state: "declined", errorCode: "network_error" } };
export const SessionExpiredMidPayment: Story = { args: { ...filled, state: "declined", errorCode: "client_token_unavailable" } };
export const Succeeded: Story = { args: { state: "succeeded" } };

// ---- appearance and locales ------------------------------------------------------------

export const Night: Story = { args: { ...filled }, globals: { theme: "night" } };
export const NightWithErrors: Story = { args: { cardNumber: "4242 4242 4242 4241", touched: ["number", "expiry", "cvc"] }, globals: { theme: "night" } };
export const Flat: Story = { args: { ...filled }, globals: { theme: "flat" } };
export const CustomAppearance: Story = {
  args: {
    ...filled,
    ...customAppearance,
  },
};
// These start in a locale of their own; the toolbar's locale switcher still changes it.
export const AmountInYen: Story = { args: { amount: 5000, currency: "jpy" }, globals: { locale: "ja" } };
export const AmountInEuros: Story = { args: { amount: 129900, currency: "eur" }, globals: { locale: "de" } };
export const RightToLeft: Story = { args: { ...filled, currency: "usd" }, globals: { locale: "ar" } };
