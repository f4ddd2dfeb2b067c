/**
 * The chrome both modal flows (bank link, identity) share, on its own: the header (Back,
 * the brand, "Step 2 of 4", Close — every slot keeps its room, so nothing moves between
 * steps) and the one "Leave …?" confirmation, "Stay" first in focus. The flows' own
 * stories show them around their screens (Frames/Bank link, Frames/Identity).
 */
import type { Meta, StoryObj } from "@storybook/web-components-vite";
import "../src/frames/ui/modal-header.js";
import "../src/frames/ui/modal-leave.js";
import { appearanceArgTypes, frameRoot, type AppearanceArgs } from "./support/appearance.js";

interface Args extends AppearanceArgs {
  step: string;
  showBack: boolean;
  showClose: boolean;
  leave: boolean;
}

const meta: Meta<Args> = {
  title: "Frames/Modal chrome",
  component: "enclave-modal-header",
  args: { step: "Step 2 of 4", showBack: true, showClose: true, leave: false },
  argTypes: { ...appearanceArgTypes },
  parameters: { layout: "padded" },
  render: (args) => {
    const frame = frameRoot();
    const header = document.createElement("enclave-modal-header");
    Object.assign(header, { brand: "Secured by Enclave", step: args.step, showBack: args.showBack, showClose: args.showClose });
    frame.append(header);
    if (args.leave) {
      const leave = document.createElement("enclave-modal-leave");
      Object.assign(leave, { heading: "Leave verification?", text: "Your identity won't be verified yet. You can come back and finish later." });
      frame.append(leave);
    }
    return frame;
  },
};

export default meta;
type Story = StoryObj<Args>;

export const Header: Story = {};
export const FirstStep: Story = { args: { step: "Step 1 of 4", showBack: false } };
export const NotAStep: Story = { args: { step: "", showBack: false, showClose: false } };
export const Leave: Story = { args: { step: "", showBack: false, showClose: false, leave: true } };
