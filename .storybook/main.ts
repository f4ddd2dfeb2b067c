import type { StorybookConfig } from "@storybook/web-components-vite";

const config: StorybookConfig = {
  // Docs pages first in the sidebar: they are where a new user starts.
  stories: ["../stories/docs/*.mdx", "../stories/**/*.stories.ts"],
  core: { disableTelemetry: true },
  addons: ["@storybook/addon-a11y", "@storybook/addon-docs"],
  framework: {
    name: "@storybook/web-components-vite",
    // The root vite.config.ts builds the frames; Storybook gets a plain config of its own.
    options: { builder: { viteConfigPath: ".storybook/vite.config.ts" } },
  },
};

export default config;
