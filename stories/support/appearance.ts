/**
 * How every story looks and speaks the way a frame does, through one mechanism:
 *
 * - the toolbar's **theme** and **locale** globals (a story may pin either with
 *   `globals: { theme: "night" }` / `globals: { locale: "ar" }`);
 * - the story's **appearance args**: the eight `--enclave-*` variables and `rules`, with a
 *   control each (`appearanceArgTypes`);
 * - `withFrameEnvironment`, the global decorator (.storybook/preview.ts): it checks theme,
 *   variables and rules with the frames' own `parseAppearance`, so a value a merchant
 *   could not send is refused here too, applies them with the frames' `applyAppearance`,
 *   and sets the locale with `setLocale`, as frame-shell does on `init`;
 * - `loadFrameLanguage`, the global loader: a frame loads a language before it shows it,
 *   and so does a story, so its first render is already in the pinned or chosen language.
 *
 * Host-element stories send the same appearance to the real frame (`appearanceOf`).
 */
import type { ArgTypes, Decorator } from "@storybook/web-components-vite";
import { render } from "lit";
import { appearanceVariableNames, parseAppearance, themeNames, type Appearance } from "../../src/protocol/appearance.js";
import { languageNames, languageOf, loadLanguage, setLocale, supportedLanguages, type Language } from "../../src/frames/ui/i18n.js";
import { applyAppearance, variableProperty } from "../../src/frames/ui/theme.js";

export type Variables = NonNullable<Appearance["variables"]>;
export type ThemeName = NonNullable<Appearance["theme"]>;

/** The args every story has: each variable (empty: the theme's value) and `rules` for named parts. */
export interface AppearanceArgs extends Variables {
  rules?: Appearance["rules"];
}

/** The toolbar's values, and what a story pins with `globals`. */
export interface FrameGlobals {
  theme: ThemeName;
  locale: Language;
}

export const initialFrameGlobals: FrameGlobals = { theme: "default", locale: "en" };

/** The theme and locale menus of the toolbar. */
export const frameGlobalTypes = {
  theme: {
    description: "The appearance theme the frames start from (appearance.theme)",
    toolbar: { title: "Theme", icon: "paintbrush" as const, items: themeNames.map((name) => ({ value: name, title: name })), dynamicTitle: true },
  },
  locale: {
    description: "The frames' language (the locale attribute); Arabic is right to left",
    toolbar: {
      title: "Locale",
      icon: "globe" as const,
      items: supportedLanguages.map((language) => ({ value: language, title: languageNames[language], right: language })),
      dynamicTitle: true,
    },
  },
};

const variableDescriptions: Record<keyof Variables, string> = {
  colorPrimary: "Buttons, focus rings, selected choices",
  colorBackground: "The frame's background; tints are mixed from it",
  colorText: "Text, and the base of borders and muted text",
  colorDanger: "Errors and their borders",
  fontFamily: "A font stack the customer's device has, e.g. Georgia, serif",
  fontSizeBase: "The body size everything scales from, e.g. 16px",
  spacingUnit: "The step of every gap and padding, e.g. 4px",
  borderRadius: "Corners of fields, buttons and cards, e.g. 6px",
};

/** A control for each variable and for `rules`, in an "Appearance" group of the controls panel. */
export const appearanceArgTypes: Partial<ArgTypes<AppearanceArgs>> = {
  ...Object.fromEntries(
    appearanceVariableNames.map((name) => [
      name,
      {
        name,
        control: name.startsWith("color") ? "color" : "text",
        description: `${variableProperty(name)} — ${variableDescriptions[name]}. Empty: the theme's value.`,
        table: { category: "Appearance", type: { summary: "string" } },
      },
    ]),
  ),
  rules: {
    name: "rules",
    control: "object",
    description: 'Styles for named parts (input, label, button, error, container, tab) and their states, e.g. { "button:hover": { "background-color": "#0a7d3b" } }',
    table: { category: "Appearance", type: { summary: "Appearance['rules']" } },
  },
};

/** A merchant's own look, every variable set: what the CustomAppearance stories show. */
export const customAppearance: Variables = {
  colorPrimary: "#0a7d3b",
  colorBackground: "#fffdf7",
  colorText: "#2b2118",
  colorDanger: "#a4161a",
  fontFamily: "Georgia, 'Times New Roman', serif",
  fontSizeBase: "17px",
  spacingUnit: "5px",
  borderRadius: "12px",
};

/** The `appearance` a merchant would pass for this theme and these args (empty controls left out). */
export function appearanceOf(theme: ThemeName, args: Partial<AppearanceArgs>): Appearance {
  const variables: Variables = {};
  for (const name of appearanceVariableNames) {
    const value = args[name];
    if (value) variables[name] = value;
  }
  return { theme, variables, ...(args.rules && Object.keys(args.rules).length > 0 ? { rules: args.rules } : {}) };
}

/** The global loader (.storybook/preview.ts): the story's language (toolbar or pinned), loaded before it renders. */
export async function loadFrameLanguage(context: { globals: Partial<FrameGlobals> }): Promise<Record<string, never>> {
  await loadLanguage(languageOf(context.globals.locale ?? initialFrameGlobals.locale));
  return {};
}

/**
 * The global decorator. Wraps the story in the frame's root in miniature, which carries
 * the theme, the variables and `data-theme`, as <html> does in a frame.
 *
 * The locale is one per document, as in a frame: on a story's canvas it follows the story
 * (toolbar, or what the story pins); on a docs page, where many stories share the
 * document, it follows the toolbar, and `lang`/`dir` go on each story's root only.
 */
export const withFrameEnvironment: Decorator = (story, context) => {
  const globals = context.globals as Partial<FrameGlobals>;
  const onDocsPage = context.viewMode === "docs";
  // userGlobals (the toolbar's values, without what the story pins) is on the context at run time, not in its type.
  const toolbar = ((context as unknown as { userGlobals?: Partial<FrameGlobals> }).userGlobals ?? globals) as Partial<FrameGlobals>;

  const root = document.createElement("div");
  root.className = "enclave-story";
  const { appearance, error } = parseAppearance(appearanceOf(globals.theme ?? initialFrameGlobals.theme, context.args as AppearanceArgs));
  // What a frame does with a value it refuses: say why, and use the default appearance.
  if (error) console.warn(`[enclave story] ${error.message}`);
  applyAppearance(root, appearance);

  if (onDocsPage) {
    // The docs page itself is in English, whatever a story seen before it set on <html>.
    Object.assign(document.documentElement, { lang: "en", dir: "ltr" });
    void setLocale(toolbar.locale ?? initialFrameGlobals.locale, root);
  } else {
    void setLocale(globals.locale ?? initialFrameGlobals.locale, document.documentElement);
  }

  render(story(), root);
  return root;
};

/** A box for a frame view, sized as the frame would be (the decorator themes the story around it). */
export function frameRoot(): HTMLDivElement {
  return document.createElement("div");
}
