/**
 * A limit's answer (429 `rate_limited`, docs/limits.md) as the customer reads it in each
 * flow and each language: words of its own, not "something went wrong" and not the API's
 * English message.
 */
import { expect } from "@open-wc/testing";
import { errorText } from "../../src/frames/bank-link/messages.js";
import { checkoutErrorMessage } from "../../src/frames/checkout/messages.js";
import { identityErrorMessage } from "../../src/frames/identity/messages.js";
import { commonMessages } from "../../src/frames/ui/common-messages.js";
import { setLocale, supportedLanguages } from "../../src/frames/ui/i18n.js";

describe("rate_limited in every flow and language", () => {
  afterEach(() => setLocale("en"));

  for (const language of supportedLanguages) {
    it(`${language}: checkout, bank link and identity say to wait and try again`, async () => {
      await setLocale(language);
      const words = commonMessages();
      expect(words.rateLimited).to.not.equal(words.generic);
      if (language !== "en") expect(words.rateLimited).to.not.equal(commonMessages.catalogs.en.rateLimited);
      expect(checkoutErrorMessage("rate_limited")).to.equal(words.rateLimited);
      expect(errorText({ code: "rate_limited" }, "Sandbox Savings Bank", "fallback")).to.equal(words.rateLimited);
      expect(identityErrorMessage("rate_limited")).to.equal(words.rateLimited);
    });
  }

  it("en: the words a customer reads", () => {
    expect(checkoutErrorMessage("rate_limited")).to.equal("Too many attempts. Please wait a few minutes, then try again.");
  });
});
