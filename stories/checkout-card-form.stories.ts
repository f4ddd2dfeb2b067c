/**
 * The checkout's card form on its own — the part a designer tunes most — with the
 * security code help open, the fields disabled, and every brand mark side by side.
 */
import type { Meta, StoryObj } from "@storybook/web-components-vite";
import { html } from "lit";
import type { Appearance } from "../src/protocol/appearance.js";
import "../src/frames/checkout/card-form.js";
import type { CardValue } from "../src/frames/checkout/card-input.js";
import { cardBrandIcon, cardBrandNames } from "../src/frames/ui/card-brand-icon.js";
import { applyAppearance } from "../src/frames/ui/theme.js";
import { themeArgType, variableArgTypes } from "./support/appearance.js";

interface Args {
  cardNumber: string;
  expiry: string;
  cvc: string;
  postalCode: string;
  disabled: boolean;
  helpOpen: boolean;
  theme: NonNullable<Appearance["theme"]>;
  colorPrimary: string;
  borderRadius: string;
}

const meta: Meta<Args> = {
  title: "Frames/Checkout/Card form",
  component: "enclave-card-form",
  args: { cardNumber: "", expiry: "", cvc: "", postalCode: "", disabled: false, helpOpen: false, theme: "default", colorPrimary: "", borderRadius: "" },
  argTypes: {
    theme: themeArgType,
    colorPrimary: variableArgTypes.colorPrimary,
    borderRadius: variableArgTypes.borderRadius,
  },
  parameters: { layout: "padded" },
  render: (args) => {
    const frame = document.createElement("div");
    applyAppearance(frame, {
      theme: args.theme,
      variables: { ...(args.colorPrimary ? { colorPrimary: args.colorPrimary } : {}), ...(args.borderRadius ? { borderRadius: args.borderRadius } : {}) },
    });
    const form = document.createElement("enclave-card-form");
    const value: CardValue = { number: args.cardNumber, expiry: args.expiry, cvc: args.cvc, postalCode: args.postalCode };
    Object.assign(form, { value, disabled: args.disabled });
    if (args.helpOpen) {
      // Shown without moving focus, as a designer wants to see it.
      void form.updateComplete.then(() => {
        const help = form.shadowRoot?.querySelector("enclave-help-popover");
        if (help) help.open = true;
      });
    }
    frame.append(form);
    return frame;
  },
};

export default meta;
type Story = StoryObj<Args>;

export const Empty: Story = {};
export const SecurityCodeHelp: Story = { args: { helpOpen: true } };
export const SecurityCodeHelpForAmex: Story = { args: { cardNumber: "3782 822463 10005", helpOpen: true } };
export const Disabled: Story = { args: { cardNumber: "4242 4242 4242 4242", expiry: "12 / 34", cvc: "123", disabled: true } };
export const NightWithHelp: Story = { args: { theme: "night", helpOpen: true } };

/** Every brand mark the form draws, with the name a screen reader hears. */
export const BrandMarks: Story = {
  render: () => html`<ul class="brand-marks">
    ${[...Object.entries(cardBrandNames), ["elo", "Elo"], ["unknown", "(none: decorative)"]].map(
      ([brand, name]) => html`<li>${cardBrandIcon(brand ?? "unknown", name)} <span>${name}</span></li>`,
    )}
  </ul>`,
};
