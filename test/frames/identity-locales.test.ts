/**
 * The identity frame in es, fr, de, ja and ar: every screen and state — the computer's
 * and the phone's — rendered in English and in each language, with no English left
 * behind but data (the hand-off link, country names from Intl); numbers and times through
 * Intl in the locale; Arabic laid out right to left; and the words changing when the
 * locale changes at run time.
 */
import { expect } from "@open-wc/testing";
import "../../src/frames/identity/identity-view.js";
import type { EnclaveIdentityView } from "../../src/frames/identity/identity-view.js";
import { countryOptions } from "../../src/frames/identity/countries.js";
import { identityMessages } from "../../src/frames/identity/messages.js";
import { captureStates, handoffStates, type IdentityScreen } from "../../src/frames/identity/model.js";
import { documentSides, documentTypes } from "../../src/protocol/identity-api.js";
import { currentLocale, setLocale, supportedLanguages, type Language } from "../../src/frames/ui/i18n.js";
import { deepQueryAll } from "./support/deep-query.js";
import { englishLeftBehind, renderInBoth, spokenText } from "./support/locale-check.js";
import { settle } from "./support/settle.js";
import {
  captureScreen as capture,
  documentScreen,
  handoffScreen as handoff,
  sampleHandoffExpiresAt as expiresAt,
  sampleHandoffUrl as handoffUrl,
  samplePhotoUrl,
} from "../../stories/support/identity-screens.js";
import { mountIdentityView } from "./support/identity-view.js";

const merchantName = "Acme Bank";
/** 2030-03-17T17:46:40Z: late enough in the day that 12- and 24-hour clocks differ everywhere. */

type ViewProps = Partial<Pick<EnclaveIdentityView, "phone" | "canGoBack" | "exitConfirmOpen">>;

interface Case {
  name: string;
  screen: IdentityScreen;
  props?: ViewProps;
  /** What a customer does first, to reach a state that only a gesture shows. */
  act?: (view: EnclaveIdentityView) => Promise<void>;
}

// ---- every screen, every state -----------------------------------------------------------------

const photo = samplePhotoUrl();
const allPhotos = [
  { side: "front" as const, thumbnailUrl: photo },
  { side: "back" as const, thumbnailUrl: null },
  { side: "selfie" as const, thumbnailUrl: photo },
];

/** Stands in for the clipboard, so that both answers to "Copy link" can be shown. */
function clipboardThat(works: boolean): (view: EnclaveIdentityView) => Promise<void> {
  return async (view) => {
    Object.defineProperty(navigator.clipboard, "writeText", {
      configurable: true,
      value: () => (works ? Promise.resolve() : Promise.reject(new DOMException("not allowed", "NotAllowedError"))),
    });
    try {
      const copy = deepQueryAll<HTMLButtonElement>(view, "button").find((button) => button.textContent?.trim() === identityMessages().handoff.copy);
      if (!copy) throw new Error("no Copy link button");
      copy.click();
      await new Promise((resolve) => setTimeout(resolve, 20));
    } finally {
      // The prototype's own writeText again.
      delete (navigator.clipboard as unknown as Record<string, unknown>)["writeText"];
    }
  };
}

/** "Continue" with no type chosen: the screen asks for one. */
async function continueWithoutType(view: EnclaveIdentityView): Promise<void> {
  deepQueryAll<HTMLButtonElement>(view, "button[type=submit]")[0]?.click();
}

const withBack: ViewProps = { canGoBack: true };
const onPhone: ViewProps = { phone: true, canGoBack: true };

const photoErrors = [
  "unsupported_file_type",
  "empty_file",
  "file_too_large",
  "image_too_small",
  "image_blurry",
  "network_error",
  "client_token_expired",
  "internal_error",
  "rate_limited",
];

const cases: Case[] = [
  // The first screens, and those of a flow that cannot start.
  { name: "loading", screen: { name: "loading" } },
  { name: "loading on the phone", screen: { name: "loading" }, props: { phone: true } },
  ...["origin_not_allowed", "session_not_open", "handshake_timeout", "client_token_expired", "network_error", "internal_error"].map((errorCode): Case => ({
    name: `unavailable (${errorCode})`,
    screen: { name: "unavailable", errorCode },
  })),
  { name: "consent with a selfie", screen: { name: "consent", merchantName, requireSelfie: true } },
  { name: "consent without a name", screen: { name: "consent", merchantName: "", requireSelfie: false } },

  // The document choice.
  { name: "document: none chosen", screen: documentScreen(), props: withBack },
  { name: "document: Continue with no type", screen: documentScreen(), props: withBack, act: continueWithoutType },
  ...documentTypes.map((documentType): Case => ({ name: `document: ${documentType}`, screen: documentScreen({ documentType, country: "FR" }), props: withBack })),
  { name: "document: saving", screen: documentScreen({ documentType: "passport", busy: true }) },
  { name: "document: failed to save", screen: documentScreen({ documentType: "passport", errorCode: "network_error" }), props: withBack },
  { name: "document on the phone", screen: documentScreen(), props: { phone: true } },

  // Each photo asked for, each capture state, each camera problem, each refusal.
  ...documentTypes.flatMap((documentType) =>
    [...documentSides[documentType], "selfie" as const].map((side): Case => ({
      name: `capture: ${documentType} ${side}`,
      screen: capture({ documentType, side }),
      props: withBack,
    })),
  ),
  ...captureStates.flatMap((state) =>
    (["front", "selfie"] as const).map((side): Case => ({
      name: `capture ${side}: ${state}`,
      screen: capture({ side, state, previewUrl: ["captured", "checking", "uploading"].includes(state) ? photo : "" }),
      props: withBack,
    })),
  ),
  ...(["unavailable", "denied", "in_use"] as const).flatMap((cameraProblem) => [
    { name: `camera ${cameraProblem}`, screen: capture({ cameraProblem }), props: withBack },
    { name: `camera ${cameraProblem} on the phone`, screen: capture({ cameraProblem, canHandoff: false }), props: onPhone },
  ]),
  ...photoErrors.flatMap((errorCode) =>
    (["front", "selfie"] as const).map((side): Case => ({ name: `refused ${side}: ${errorCode}`, screen: capture({ side, errorCode }), props: withBack })),
  ),
  { name: "capture on the phone", screen: capture({ side: "back", canHandoff: false }), props: onPhone },

  // Review, submission, results.
  { name: "review", screen: { name: "review", items: allPhotos, busy: false, errorCode: null, phone: false }, props: withBack },
  { name: "review: submitting", screen: { name: "review", items: allPhotos, busy: true, errorCode: null, phone: false } },
  ...["document_incomplete", "session_not_open", "network_error", "rate_limited"].map((errorCode): Case => ({
    name: `review: ${errorCode}`,
    screen: { name: "review", items: allPhotos, busy: false, errorCode, phone: false },
    props: withBack,
  })),
  { name: "review on the phone", screen: { name: "review", items: allPhotos, busy: false, errorCode: null, phone: true }, props: onPhone },
  { name: "review on the phone: sending", screen: { name: "review", items: allPhotos, busy: true, errorCode: null, phone: true }, props: { phone: true } },
  { name: "processing", screen: { name: "processing" } },
  { name: "verified", screen: { name: "verified", merchantName } },
  ...(["document_unverified", "selfie_mismatch", "other"] as const).map((reason): Case => ({ name: `not verified: ${reason}`, screen: { name: "requires_input", reason } })),
  { name: "phone: all done", screen: { name: "phone_done" }, props: { phone: true } },
  ...["handoff_invalid", "session_not_open"].map((errorCode): Case => ({
    name: `phone: link refused (${errorCode})`,
    screen: { name: "phone_invalid", errorCode },
    props: { phone: true },
  })),

  // The hand-off, on the computer: every state, both answers of the clipboard.
  ...handoffStates.map((state): Case => ({
    name: `hand-off: ${state}`,
    screen: handoff({
      state,
      url: state === "waiting" || state === "connected" ? handoffUrl : "",
      uploaded: state === "connected" ? ["front"] : [],
      errorCode: state === "error" ? "network_error" : null,
    }),
    props: withBack,
  })),
  { name: "hand-off: link copied", screen: handoff(), props: withBack, act: clipboardThat(true) },
  { name: "hand-off: copy the link by hand", screen: handoff(), props: withBack, act: clipboardThat(false) },
  { name: "hand-off: one photo needed", screen: handoff({ state: "connected", needed: ["front"], uploaded: ["front"] }), props: withBack },

  // Leaving.
  { name: "leave verification?", screen: capture({ side: "back" }), props: { ...withBack, exitConfirmOpen: true } },
];

// ---- harness -----------------------------------------------------------------------------

const mount = mountIdentityView;

function render(item: Case): () => Promise<Node> {
  return async () => {
    const view = await mount(item.screen, item.props);
    if (item.act) {
      await item.act(view);
      await settle(view);
    }
    return view;
  };
}

/** Data, not words: the hand-off link, and country names as Intl gives them in that language (some are the same as in English: "Canada"). */
function allowedIn(language: Language): (string | RegExp)[] {
  const allowed: (string | RegExp)[] = [handoffUrl, ...countryOptions(language).map((option) => option.name)];
  // "Selfie" is the word Spanish, French and German use for it: a photo's caption there.
  if (language === "es" || language === "fr" || language === "de") allowed.push("Selfie");
  return allowed;
}

function textOf(root: Node): string {
  return spokenText(root).join(" ");
}

afterEach(() => setLocale("en"));

// ---- no English left behind ---------------------------------------------------------------------

for (const language of supportedLanguages.filter((language) => language !== "en")) {
  describe(`identity in ${language}`, () => {
    for (const item of cases) {
      it(`${item.name}: no English left behind`, async () => {
        const { english, translated } = await renderInBoth(language, render(item), settle);
        expect(translated.length, "something is shown").to.be.greaterThan(0);
        expect(englishLeftBehind(english, translated, allowedIn(language))).to.deep.equal([]);
      });
    }
  });
}

describe("identity catalogs", () => {
  it("fill every language with words of their own, and keep the contract's names in English", async () => {
    const { catalogs } = identityMessages;
    const english = catalogs.en;
    expect(Object.values(english.documents)).to.deep.equal(["Passport", "Driver's license", "ID card"]);
    expect(Object.values(english.capture.upload)).to.deep.equal(["Upload front of document", "Upload back of document", "Upload selfie"]);
    expect([english.consent.continue, english.document.continue, english.review.submit]).to.deep.equal(["Continue", "Continue", "Submit"]);
    for (const language of supportedLanguages.filter((language) => language !== "en")) {
      const catalog = await identityMessages.load(language);
      expect(catalog.documents.passport, language).not.to.equal(english.documents.passport);
      expect(catalog.capture.upload.front, language).not.to.equal(english.capture.upload.front);
      expect(catalog.review.submit, language).not.to.equal(english.review.submit);
    }
  });
});

// ---- numbers, times and country names through Intl --------------------------------------------------

describe("identity formats through Intl in the frame's locale", () => {
  const time = (locale: string): string => new Intl.DateTimeFormat(locale, { timeStyle: "short" }).format(expiresAt * 1000);

  it("says when the hand-off link expires as the locale's clock reads", async () => {
    for (const locale of ["en", "de", "ja", "ar", "fr-CA"]) {
      await setLocale(locale);
      const view = await mount(handoff(), withBack);
      expect(textOf(view), locale).to.contain(time(locale));
    }
    // A 12-hour clock in English, a 24-hour one in German: not one format for all.
    expect(time("en")).to.match(/AM|PM/);
    expect(time("de")).not.to.match(/AM|PM/);
  });

  it("writes numbers in the locale's digits: photo counts, sizes, retention days", async () => {
    await setLocale("ar-EG");
    const connected = await mount(handoff({ state: "connected", uploaded: ["front"] }), withBack);
    expect(textOf(connected)).to.contain("الصور المضافة: ١ من ٣.");
    const tooSmall = await mount(capture({ errorCode: "image_too_small" }), withBack);
    expect(textOf(tooSmall)).to.contain("٦٠٠ × ٤٠٠");
    const consent = await mount({ name: "consent", merchantName, requireSelfie: false });
    expect(textOf(consent)).to.contain("٣٠ يومًا");

    await setLocale("de");
    const german = await mount(handoff({ state: "connected", uploaded: ["front", "back"] }), withBack);
    expect(textOf(german)).to.contain("2 von 3 Fotos hinzugefügt.");
    const large = await mount(capture({ errorCode: "file_too_large" }), withBack);
    expect(textOf(large)).to.contain(new Intl.NumberFormat("de", { style: "unit", unit: "megabyte" }).format(10));
  });

  it("names and sorts the countries in the locale, the chosen one included", async () => {
    await setLocale("ja");
    const view = await mount(documentScreen({ country: "DE" }));
    const options = deepQueryAll<HTMLOptionElement>(view, "option");
    expect(options.map((option) => option.textContent)).to.deep.equal(countryOptions("ja").map((option) => option.name));
    expect(options.find((option) => option.selected)?.textContent).to.equal("ドイツ");
  });
});

// ---- right to left --------------------------------------------------------------------------------

describe("identity in Arabic, right to left", () => {
  function box(view: EnclaveIdentityView, selector: string, text?: string): DOMRect {
    const element = deepQueryAll<HTMLElement>(view, selector).find((candidate) => text === undefined || candidate.textContent?.trim() === text);
    if (!element) throw new Error(`no ${selector} ${text ?? ""}`);
    return element.getBoundingClientRect();
  }

  for (const locale of ["en", "ar"] as const) {
    const rtl = locale === "ar";
    it(`${locale}: the bar, the choices and the text run ${rtl ? "right to left" : "left to right"}`, async () => {
      await setLocale(locale);
      expect(document.documentElement.dir).to.equal(rtl ? "rtl" : "ltr");
      expect(document.documentElement.lang).to.equal(locale);

      const view = await mount(documentScreen({ documentType: "passport" }), withBack);
      // The shared modal header (ui/modal-header): "Back" and "Close" are icons named by hidden text.
      const back = box(view, "#back", identityMessages().frame.back);
      const close = box(view, "#close", identityMessages().frame.close);
      // "Back" at the start of the line, "Close" at its end.
      expect(back.left < close.left, "Back before Close").to.equal(!rtl);
      // Each choice: the radio at the start, then the icon, then the name.
      const radio = box(view, ".choice-input");
      const name = box(view, ".choice-name", identityMessages().documents.passport);
      expect(radio.left < name.left, "radio before the name").to.equal(!rtl);
      const heading = deepQueryAll<HTMLElement>(view, "h1")[0] as HTMLElement;
      expect(getComputedStyle(heading).direction).to.equal(rtl ? "rtl" : "ltr");

      // The Back arrow points the way back: mirrored in Arabic.
      const arrow = deepQueryAll<SVGElement>(view, "#back .icon")[0] as SVGElement;
      expect(getComputedStyle(arrow).transform).to.equal(rtl ? "matrix(-1, 0, 0, 1, 0, 0)" : "none");
    });
  }

  it("keeps the hand-off link left to right inside Arabic text", async () => {
    await setLocale("ar");
    const view = await mount(handoff(), withBack);
    const link = deepQueryAll<HTMLAnchorElement>(view, "a.link")[0] as HTMLAnchorElement;
    expect(getComputedStyle(link).direction).to.equal("ltr");
    expect(getComputedStyle(link.parentElement as HTMLElement).direction).to.equal("rtl");
  });
});

// ---- switching at run time --------------------------------------------------------------------------

describe("identity follows a locale change at run time", () => {
  it("re-renders the words, the country names and the direction without a new screen", async () => {
    const view = await mount(documentScreen({ country: "DE" }), withBack);
    const screenElement = view.screenElement;
    expect(textOf(view)).to.contain("Choose your ID");
    expect(deepQueryAll<HTMLOptionElement>(view, "option").find((option) => option.selected)?.textContent).to.equal("Germany");

    await setLocale("de");
    await settle(view);
    expect(view.screenElement).to.equal(screenElement);
    expect(textOf(view)).to.contain("Wählen Sie Ihr Ausweisdokument");
    expect(textOf(view)).not.to.contain("Choose your ID");
    expect(deepQueryAll<HTMLOptionElement>(view, "option").find((option) => option.selected)?.textContent).to.equal("Deutschland");
    expect(deepQueryAll<HTMLInputElement>(view, "input[type=radio]").map((radio) => radio.labels?.[0]?.textContent)).to.deep.equal([
      "Reisepass",
      "Führerschein",
      "Personalausweis",
    ]);

    await setLocale("ar");
    await settle(view);
    expect(currentLocale()).to.equal("ar");
    expect(textOf(view)).to.contain("اختر وثيقة هويتك");
    expect(getComputedStyle(deepQueryAll<HTMLElement>(view, "h1")[0] as HTMLElement).direction).to.equal("rtl");
  });

  it("re-words an error on show by its code", async () => {
    const view = await mount(capture({ side: "selfie", errorCode: "image_blurry" }), withBack);
    expect(textOf(view)).to.contain("make sure your face is in focus");
    await setLocale("fr");
    await settle(view);
    expect(textOf(view)).to.contain((await identityMessages.load("fr")).errors.selfieBlurry);
  });
});
