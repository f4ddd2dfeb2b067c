import type { Preview } from "@storybook/web-components-vite";
import "../src/frames/ui/frame.css";

const preview: Preview = {
  parameters: {
    controls: { expanded: true },
    a11y: { test: "error" },
  },
};

export default preview;
