/**
 * Every bank-link story renders as Storybook would render it — the meta's args, the
 * story's args and globals, the meta's render inside the global decorator that sets the
 * theme and the locale — without a server, in the language the story pins, and passes axe.
 */
import { expect } from "@open-wc/testing";
import * as stories from "../../stories/bank-link.stories.js";
import * as moreStates from "../../stories/bank-link-states.stories.js";
import type { EnclaveBankLinkView } from "../../src/frames/bank-link/bank-link-view.js";
import { setLocale } from "../../src/frames/ui/i18n.js";
import { renderStory, storiesIn } from "./support/render-story.js";

type Args = Parameters<NonNullable<typeof stories.default.render>>[0];
const named = storiesIn<Args>(stories);
const more = storiesIn<Args>(moreStates);

describe("bank-link stories", () => {
  afterEach(() => setLocale("en"));

  it("cover every screen the view knows, and the exit confirmation", () => {
    const shown = named.map((story) => story.args);
    for (const screen of ["loading", "load_error", "consent", "select_institution", "credentials", "oauth", "mfa", "select_accounts", "success"]) {
      expect(
        shown.some((args) => args.screen === screen),
        screen,
      ).to.equal(true);
    }
    expect(shown.some((args) => args.exitConfirm)).to.equal(true);
  });

  for (const story of named) {
    it(`${story.name} renders and is accessible`, async () => {
      const frame = await renderStory(stories, story);
      const view = frame.querySelector<EnclaveBankLinkView>("enclave-bank-link-view");
      expect(view?.screen).to.equal(story.args.screen);
      // A story that pins a language is shown in it, right to left for Arabic.
      expect(document.documentElement.lang).to.equal(story.globals.locale);
      expect(document.documentElement.dir).to.equal(story.globals.locale === "ar" ? "rtl" : "ltr");
      await expect(frame).to.be.accessible();
    });
  }

  for (const story of more) {
    it(`More states: ${story.name} renders and is accessible`, async () => {
      const frame = await renderStory(moreStates, story);
      expect(frame.querySelector<EnclaveBankLinkView>("enclave-bank-link-view")?.screen).to.equal(story.args.screen);
      expect(document.documentElement.lang).to.equal(story.globals.locale);
      await expect(frame).to.be.accessible();
    });
  }
});
