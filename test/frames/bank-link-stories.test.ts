/**
 * Every bank-link story renders as Storybook would render it — the meta's args, the
 * story's args and globals, the meta's render inside the global decorator that sets the
 * theme and the locale — without a server, in the language the story pins, and passes axe.
 */
import { expect, fixture, html } from "@open-wc/testing";
import type { StoryContext } from "@storybook/web-components-vite";
import * as stories from "../../stories/bank-link.stories.js";
import { initialFrameGlobals, withFrameEnvironment } from "../../stories/support/appearance.js";
import type { EnclaveBankLinkView } from "../../src/frames/bank-link/bank-link-view.js";
import { setLocale } from "../../src/frames/ui/i18n.js";

type Args = Parameters<NonNullable<typeof stories.default.render>>[0];
const meta = stories.default;
const named = Object.entries(stories).filter(([name]) => name !== "default") as [string, { args?: Partial<Args>; globals?: Record<string, string> }][];

async function settle(root: Element): Promise<void> {
  for (let round = 0; round < 4; round++) {
    const pending: Promise<unknown>[] = [];
    const walk = (node: ParentNode): void => {
      for (const element of node.querySelectorAll("*")) {
        if ("updateComplete" in element) pending.push((element as unknown as { updateComplete: Promise<unknown> }).updateComplete);
        if (element.shadowRoot) walk(element.shadowRoot);
      }
    };
    walk(root);
    await Promise.all(pending);
  }
}

describe("bank-link stories", () => {
  afterEach(() => setLocale("en"));

  it("cover every screen the view knows, and the exit confirmation", () => {
    const shown = named.map(([, story]) => ({ ...meta.args, ...story.args }));
    for (const screen of ["loading", "load_error", "consent", "select_institution", "credentials", "oauth", "mfa", "select_accounts", "success"]) {
      expect(shown.some((args) => args.screen === screen), screen).to.equal(true);
    }
    expect(shown.some((args) => args.exitConfirm)).to.equal(true);
  });

  for (const [name, story] of named) {
    it(`${name} renders and is accessible`, async () => {
      const args = { ...meta.args, ...story.args } as Args;
      const globals = { ...initialFrameGlobals, ...story.globals };
      // The parts of Storybook's context the decorator and the render read.
      const context = { args, globals, viewMode: "story" } as unknown as StoryContext;
      const rendered = withFrameEnvironment(() => meta.render?.(args, context as never) as HTMLElement, context) as HTMLElement;
      const frame = await fixture<HTMLElement>(html`<div>${rendered}</div>`);
      await settle(frame);
      const view = frame.querySelector<EnclaveBankLinkView>("enclave-bank-link-view");
      expect(view?.screen).to.equal(args.screen);
      // A story that pins a language is shown in it, right to left for Arabic.
      expect(document.documentElement.lang).to.equal(globals.locale);
      expect(document.documentElement.dir).to.equal(globals.locale === "ar" ? "rtl" : "ltr");
      await expect(frame).to.be.accessible();
    });
  }
});
