/**
 * The checkout's card form on its own — the part a designer tunes most — with the
 * security code help open, the fields disabled, and every brand mark side by side.
 */
import type { Meta, StoryObj } from "@storybook/web-components-vite";
import { html } from "lit";
import "../src/frames/checkout/card-form.js";
import type { CardValue } from "../src/frames/checkout/card-input.js";
import { cardBrandIcon, cardBrandNames } from "../src/frames/ui/card-brand-icon.js";
import { appearanceArgTypes, frameRoot, type AppearanceArgs } from "./support/appearance.js";

interface Args extends AppearanceArgs {
  cardNumber: string;
  expiry: string;
  cvc: string;
  postalCode: string;
  disabled: boolean;
  helpOpen: boolean;
}

const meta: Meta<Args> = {
  title: "Frames/Checkout/Card form",
  component: "enclave-card-form",
  args: { cardNumber: "", expiry: "", cvc: "", postalCode: "", disabled: false, helpOpen: false },
  argTypes: { ...appearanceArgTypes },
  parameters: { layout: "padded" },
  render: (args) => {
    const frame = frameRoot();
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
export const NightWithHelp: Story = { args: { helpOpen: true }, globals: { theme: "night" } };

/** Every brand mark the form draws, with the name a screen reader hears. */
export const BrandMarks: Story = {
  render: () => html`<ul class="brand-marks">
    ${[...Object.entries(cardBrandNames), ["elo", "Elo"], ["unknown", "(none: decorative)"]].map(
      ([brand, name]) => html`<li>${cardBrandIcon(brand ?? "unknown", name)} <span>${name}</span></li>`,
    )}
  </ul>`,
};
