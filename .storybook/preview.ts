/**
 * Every story runs inside the frame's environment (stories/support/appearance.ts): the
 * toolbar's theme and locale, the story's appearance controls, the frames' base CSS. Also
 * the viewports designers check, the a11y addon failing on any violation, autodocs from
 * the custom-elements manifests (`npm run analyze`), and the widget host the host-element
 * stories connect to.
 */
import { setCustomElementsManifest, type Preview } from "@storybook/web-components-vite";
import "../src/frames/ui/frame.css";
import "./preview.css";
import publicElements from "../custom-elements.json";
import frameViews from "./custom-elements.frames.json";
import { frameGlobalTypes, initialFrameGlobals, loadFrameLanguage, withFrameEnvironment } from "../stories/support/appearance.js";
import { initialWidgetHost, widgetHostGlobalType } from "../stories/support/widget-host.js";

// Host elements (the package's manifest) and frame views (Storybook's own): one catalogue for autodocs.
setCustomElementsManifest({ ...publicElements, modules: [...publicElements.modules, ...frameViews.modules] });

const viewport = (name: string, width: number, height: number, type: "mobile" | "tablet" | "desktop") => ({
  name: `${name} ${width}`,
  styles: { width: `${width}px`, height: `${height}px` },
  type,
});

const preview: Preview = {
  tags: ["autodocs"],
  globalTypes: { ...frameGlobalTypes, ...widgetHostGlobalType },
  initialGlobals: { ...initialFrameGlobals, ...initialWidgetHost() },
  decorators: [withFrameEnvironment],
  loaders: [loadFrameLanguage],
  parameters: {
    controls: { expanded: true, sort: "requiredFirst" },
    // A new user's path: the guides, then the elements a page uses, then every frame screen.
    options: {
      storySort: {
        order: [
          "Docs",
          ["Getting started", "Script tag", "React", "Vue", "Server SDK", "Sandbox values", "Appearance and languages"],
          "Host elements",
          ["Checkout", "Bank link", "Identity"],
          "Frames",
        ],
      },
    },
    a11y: { test: "error" },
    viewport: {
      options: {
        mobile: viewport("Mobile", 375, 667, "mobile"),
        tablet: viewport("Tablet", 768, 1024, "tablet"),
        desktop: viewport("Desktop", 1280, 800, "desktop"),
      },
    },
  },
};

export default preview;
