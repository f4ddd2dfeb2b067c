/**
 * Every identity story renders as Storybook would render it — the meta's args, the
 * story's args and globals, the meta's render inside the global decorator that sets the
 * theme and the locale — without a server or a camera, and passes axe.
 */
import { expect } from "@open-wc/testing";
import * as stories from "../../stories/identity-view.stories.js";
import type { EnclaveIdentityView } from "../../src/frames/identity/identity-view.js";
import { setLocale } from "../../src/frames/ui/i18n.js";
import { renderStory, storiesIn } from "./support/render-story.js";

type Args = Parameters<NonNullable<typeof stories.default.render>>[0];
const named = storiesIn<Args>(stories);

describe("identity stories", () => {
  afterEach(() => setLocale("en"));

  it("cover every screen the view knows", () => {
    const shown = new Set(named.map((story) => story.args.screen?.name));
    for (const name of [
      "loading",
      "unavailable",
      "consent",
      "document_type",
      "capture",
      "review",
      "processing",
      "verified",
      "requires_input",
      "handoff",
      "phone_done",
      "phone_invalid",
    ]) {
      expect(shown.has(name as never), name).to.equal(true);
    }
  });

  for (const story of named) {
    it(`${story.name} renders and is accessible`, async () => {
      const frame = await renderStory(stories, story);
      const view = frame.querySelector<EnclaveIdentityView>("enclave-identity-view");
      expect(view?.screen.name).to.equal(story.args.screen.name);
      // A story that pins a language is shown in it, right to left for Arabic.
      expect(document.documentElement.lang).to.equal(story.globals.locale);
      expect(document.documentElement.dir).to.equal(story.globals.locale === "ar" ? "rtl" : "ltr");
      await expect(frame).to.be.accessible();
    });
  }
});
