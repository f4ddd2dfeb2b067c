/**
 * Where the host-element stories find the widget host: the `enclaveHost` global. It starts
 * as `http://localhost:4000` (what `npm start` runs), or as the preview URL's
 * `?enclaveHost=` parameter — how the Storybook test points the stories at the widget host
 * it starts (URL globals cannot carry a URL: Storybook only accepts plain words there).
 * A story's `host` control, when set, wins.
 */
import { DEFAULT_HOST, normalizeHost } from "../../src/elements/internal/config.js";

export const widgetHostGlobalType = {
  enclaveHost: { description: "The widget host's origin the host-element stories connect to (default http://localhost:4000, as npm start runs it)" },
};

export function initialWidgetHost(): { enclaveHost: string } {
  const requested = new URLSearchParams(globalThis.location?.search ?? "").get("enclaveHost");
  try {
    return { enclaveHost: requested ? normalizeHost(requested) : DEFAULT_HOST };
  } catch {
    // A mistyped parameter: the stories still render, against the default host.
    return { enclaveHost: DEFAULT_HOST };
  }
}
