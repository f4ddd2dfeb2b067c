/**
 * Renders a story as Storybook would — the meta's args, the story's args and globals, the
 * meta's render inside the global decorator that sets the theme and the locale (its language
 * loaded first, as the global loader does) — without
 * Storybook or a server, so a browser test can check every story of a file.
 */
import { fixture, html } from "@open-wc/testing";
import type { StoryContext } from "@storybook/web-components-vite";
import { initialFrameGlobals, loadFrameLanguage, withFrameEnvironment } from "../../../stories/support/appearance.js";
import { settle } from "./settle.js";

export interface StoryModule<Args> {
  default: { args?: Partial<Args>; render?: (args: Args, context: never) => unknown };
  [name: string]: unknown;
}

export interface NamedStory<Args> {
  name: string;
  args: Args;
  globals: Record<string, string>;
}

/** Every exported story of a module with its merged args and globals. */
export function storiesIn<Args>(module: StoryModule<Args>): NamedStory<Args>[] {
  return Object.entries(module)
    .filter(([name]) => name !== "default")
    .map(([name, story]) => {
      const { args, globals } = story as { args?: Partial<Args>; globals?: Record<string, string> };
      return { name, args: { ...module.default.args, ...args } as Args, globals: { ...initialFrameGlobals, ...globals } };
    });
}

/** Renders one story into the test page and waits for every element in it to render. */
export async function renderStory<Args>(module: StoryModule<Args>, story: NamedStory<Args>): Promise<HTMLElement> {
  // The parts of Storybook's context the decorator and the render read.
  const context = { args: story.args, globals: story.globals, viewMode: "story" } as unknown as StoryContext;
  await loadFrameLanguage(context);
  const rendered = withFrameEnvironment(() => module.default.render?.(story.args, context as never) as HTMLElement, context) as HTMLElement;
  const frame = await fixture<HTMLElement>(html`<div>${rendered}</div>`);
  await settle(frame);
  return frame;
}
