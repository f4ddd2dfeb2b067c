/**
 * The identity frame's screens without a server or a camera: accessible names the
 * contract fixes, `to.be.accessible()` on every screen and state, the document sides per
 * type, the country list from Intl.DisplayNames, the QR code of the phone hand-off, and
 * what each screen reports when used.
 */
import { expect, oneEvent } from "@open-wc/testing";
import "../../src/frames/identity/identity-view.js";
import type { EnclaveIdentityView } from "../../src/frames/identity/identity-view.js";
import type { EnclaveIdentityCapture } from "../../src/frames/identity/capture-screen.js";
import type { EnclaveIdentityDocument } from "../../src/frames/identity/document-screen.js";
import type { EnclaveIdentityHandoff } from "../../src/frames/identity/handoff-screen.js";
import { captureStates, handoffStates, type IdentityScreen } from "../../src/frames/identity/model.js";
import { countryOptions, defaultCountry, isoCountryCodes } from "../../src/frames/identity/countries.js";
import { identityMessages, retentionDays } from "../../src/frames/identity/messages.js";
import { setLocale } from "../../src/frames/ui/i18n.js";
import { documentSides, documentTypes, imageSides, type ImageSide } from "../../src/protocol/identity-api.js";
import { generate } from "lean-qr";
import { toSvgPath } from "lean-qr/extras/svg";
import { accessibleName } from "./support/accessible-name.js";
import { deepQueryAll } from "./support/deep-query.js";
import { settle } from "./support/settle.js";
import { captureScreen, documentScreen, samplePhotoUrl } from "../../stories/support/identity-screens.js";
import { mountIdentityView } from "./support/identity-view.js";

// ---- a small harness -----------------------------------------------------------------

async function byName<E extends Element = HTMLElement>(root: ParentNode, selector: string, name: string): Promise<E> {
  const candidates = deepQueryAll<E>(root, selector);
  const names = await Promise.all(candidates.map((element) => accessibleName(element)));
  const matches = candidates.filter((_, index) => names[index] === name);
  if (matches.length !== 1) throw new Error(`expected one ${selector} named "${name}", found ${matches.length} among ${JSON.stringify(names)}`);
  return matches[0] as E;
}

const mount = mountIdentityView;

function textOf(view: EnclaveIdentityView): string {
  const parts: string[] = [];
  const walk = (root: ParentNode): void => {
    for (const node of root.childNodes) {
      if (node.nodeType === Node.TEXT_NODE) parts.push(node.textContent ?? "");
      if (node instanceof Element) {
        if (node.shadowRoot) walk(node.shadowRoot);
        walk(node);
      }
    }
  };
  walk(view.shadowRoot as ShadowRoot);
  return parts.join(" ").replace(/\s+/g, " ");
}

/** The English words: the e2e suite and these tests read the flow in English. */
const english = identityMessages.catalogs.en;

// ---- consent -----------------------------------------------------------------------------

describe("identity consent", () => {
  it("says what is collected, why and for how long, and offers Continue and Decline", async () => {
    const view = await mount({ name: "consent", merchantName: "Acme Bank", requireSelfie: true });
    const text = textOf(view);
    expect(text).to.contain("A photo of a government-issued ID");
    expect(text).to.contain("A selfie");
    expect(text).to.contain("Acme Bank needs to confirm");
    expect(text).to.contain(english.consent.retention("Acme Bank", retentionDays));
    expect(text).to.contain("up to 30 days");
    await byName(view, "button", "Continue");
    await byName(view, "button", "Decline");
    await expect(view).to.be.accessible();
  });

  it("mentions a selfie only when the session asks for one", async () => {
    const view = await mount({ name: "consent", merchantName: "Acme Bank", requireSelfie: false });
    expect(textOf(view)).not.to.contain("A selfie");
  });

  it("reports Continue and Decline", async () => {
    const view = await mount({ name: "consent", merchantName: "Acme Bank", requireSelfie: false });
    const accepted = oneEvent(view, "enclave-identity-consent");
    (await byName<HTMLButtonElement>(view, "button", "Continue")).click();
    expect((await accepted).detail).to.deep.equal({ accepted: true });
    const declined = oneEvent(view, "enclave-identity-consent");
    (await byName<HTMLButtonElement>(view, "button", "Decline")).click();
    expect((await declined).detail).to.deep.equal({ accepted: false });
  });
});

// ---- document type and country ----------------------------------------------------------

describe("identity document choice", () => {
  it("names the three choices exactly, and the country select", async () => {
    const view = await mount(documentScreen(), { canGoBack: true });
    const expected = { passport: "Passport", driving_license: "Driver's license", id_card: "ID card" };
    for (const [type, name] of Object.entries(expected)) {
      const radio = await byName<HTMLInputElement>(view, "input[type=radio]", name);
      expect(radio.value).to.equal(type);
    }
    const select = await byName<HTMLSelectElement>(view, "select", "Issuing country");
    expect(select.value).to.equal("US");
    await byName(view, "button", "Continue");
    await byName(view, "button", "Back");
    await expect(view).to.be.accessible();
  });

  for (const type of documentTypes) {
    it(`shows ${type} chosen, accessibly`, async () => {
      const view = await mount(documentScreen({ documentType: type, country: "FR" }), { canGoBack: true });
      const radios = deepQueryAll<HTMLInputElement>(view.shadowRoot as ShadowRoot, "input[type=radio]");
      expect(radios.filter((radio) => radio.checked).map((radio) => radio.value)).to.deep.equal([type]);
      expect(deepQueryAll<HTMLSelectElement>(view.shadowRoot as ShadowRoot, "select")[0]?.value).to.equal("FR");
      await expect(view).to.be.accessible();
    });
  }

  it("asks for a type before Continue, then reports the choice", async () => {
    const view = await mount(documentScreen());
    const screen = deepQueryAll<EnclaveIdentityDocument>(view.shadowRoot as ShadowRoot, "enclave-identity-document")[0];
    if (!screen) throw new Error("no document screen");
    let submitted = false;
    view.addEventListener("enclave-identity-document-submit", () => (submitted = true));
    (await byName<HTMLButtonElement>(view, "button", "Continue")).click();
    await screen.updateComplete;
    expect(submitted).to.equal(false);
    expect(textOf(view)).to.contain("Choose the type of your document.");

    const changed = oneEvent(view, "enclave-identity-document-change");
    (await byName<HTMLInputElement>(view, "input[type=radio]", "ID card")).click();
    expect((await changed).detail).to.deep.equal({ documentType: "id_card", country: "US" });
    const select = await byName<HTMLSelectElement>(view, "select", "Issuing country");
    select.value = "DE";
    select.dispatchEvent(new Event("change"));
    const submit = oneEvent(view, "enclave-identity-document-submit");
    (await byName<HTMLButtonElement>(view, "button", "Continue")).click();
    expect((await submit).detail).to.deep.equal({ documentType: "id_card", country: "DE" });
  });

  it("shows saving and a server error accessibly", async () => {
    const busy = await mount(documentScreen({ documentType: "passport", busy: true }));
    expect(textOf(busy)).to.contain("Saving your choice…");
    expect((await byName<HTMLButtonElement>(busy, "button", "Continue")).disabled).to.equal(true);
    await expect(busy).to.be.accessible();
    const failed = await mount(documentScreen({ documentType: "passport", errorCode: "network_error" }));
    expect(textOf(failed)).to.contain("We couldn't reach the verification service.");
    await expect(failed).to.be.accessible();
  });
});

describe("identity countries", () => {
  it("holds the 249 ISO 3166-1 alpha-2 codes", () => {
    expect(isoCountryCodes).to.have.length(249);
    expect(new Set(isoCountryCodes).size).to.equal(249);
    for (const code of isoCountryCodes) expect(code).to.match(/^[A-Z]{2}$/);
  });

  it("names them with Intl.DisplayNames in the locale, sorted with localeCompare", () => {
    for (const locale of ["en", "fr", "de", "ja"]) {
      const names = new Intl.DisplayNames([locale], { type: "region", fallback: "none" });
      const options = countryOptions(locale);
      expect(options.length).to.be.greaterThan(240);
      for (const option of options) expect(option.name).to.equal(names.of(option.code));
      const sorted = [...options].sort((a, b) => a.name.localeCompare(b.name, locale));
      expect(options.map((option) => option.code)).to.deep.equal(sorted.map((option) => option.code));
    }
    expect(countryOptions("fr").find((option) => option.code === "DE")?.name).to.equal("Allemagne");
    expect(countryOptions("en").find((option) => option.code === "DE")?.name).to.equal("Germany");
  });

  it("preselects the locale's region, or the US", () => {
    expect(defaultCountry("en-GB")).to.equal("GB");
    expect(defaultCountry("pt-BR")).to.equal("BR");
    expect(defaultCountry("fr")).to.equal("FR");
    expect(defaultCountry("en")).to.equal("US");
    expect(defaultCountry("not a locale!")).to.equal("US");
  });

  it("shows the names of the frame's locale in the select, in order", async () => {
    await setLocale("de");
    try {
      const view = await mount(documentScreen({ country: "DE" }));
      const options = deepQueryAll<HTMLOptionElement>(view.shadowRoot as ShadowRoot, "option");
      expect(options.map((option) => option.textContent)).to.deep.equal(countryOptions("de").map((option) => option.name));
      expect(options.find((option) => option.selected)?.textContent).to.equal("Deutschland");
    } finally {
      await setLocale("en");
    }
  });
});

// ---- capture ---------------------------------------------------------------------------------

describe("identity capture", () => {
  it("asks for the sides each document has", () => {
    expect(documentSides.passport).to.deep.equal(["front"]);
    expect(documentSides.driving_license).to.deep.equal(["front", "back"]);
    expect(documentSides.id_card).to.deep.equal(["front", "back"]);
  });

  for (const side of imageSides) {
    it(`names the ${side} upload exactly, beside "Use camera", and takes JPEG and PNG`, async () => {
      const view = await mount(captureScreen({ side }), { canGoBack: true });
      const expected: Record<ImageSide, string> = { front: "Upload front of document", back: "Upload back of document", selfie: "Upload selfie" };
      expect(english.capture.upload[side]).to.equal(expected[side]);
      const input = await byName<HTMLInputElement>(view, "input[type=file]", expected[side]);
      expect(input.accept).to.equal("image/jpeg,image/png");
      await byName(view, "button", "Use camera");
      await byName(view, "button", "Continue on your phone");
      await expect(view).to.be.accessible();
    });
  }

  it("titles the passport's front as its photo page", async () => {
    const view = await mount(captureScreen({ documentType: "passport" }));
    expect(textOf(view)).to.contain("Photo page of your passport");
    await byName(view, "input[type=file]", "Upload front of document");
  });

  it("without a camera: no camera button, the phone first, and the upload", async () => {
    const view = await mount(captureScreen({ cameraProblem: "unavailable" }));
    expect(deepQueryAll(view.shadowRoot as ShadowRoot, "button").some((button) => button.textContent?.includes("Use camera"))).to.equal(false);
    expect(textOf(view)).to.contain("We couldn't find a camera on this device.");
    const phone = await byName<HTMLButtonElement>(view, "button", "Continue on your phone");
    expect(phone.classList.contains("button--primary")).to.equal(true);
    await byName(view, "input[type=file]", "Upload front of document");
    await expect(view).to.be.accessible();
  });

  it("explains a blocked camera, and on the phone offers only the upload", async () => {
    const view = await mount(captureScreen({ cameraProblem: "denied", canHandoff: false }), { phone: true });
    expect(textOf(view)).to.contain("Camera access is blocked");
    expect(textOf(view)).not.to.contain("Continue on your phone");
    await expect(view).to.be.accessible();
  });

  const errors = {
    unsupported_file_type: "This file isn't a photo we can use. Choose a JPEG or PNG image.",
    empty_file: "This file is empty. Choose another photo.",
    file_too_large: "This photo is larger than 10 MB. Choose a smaller one.",
    image_too_small: "This photo is too small to read. Use a photo of at least 600 × 400 pixels, or take one with the camera.",
    image_blurry: "This photo looks blurry. Hold still, make sure the document is in focus, and try again.",
  };
  for (const [code, message] of Object.entries(errors)) {
    it(`shows ${code} on the step, tied to the upload, with the ways to try again`, async () => {
      const view = await mount(captureScreen({ errorCode: code }));
      expect(textOf(view)).to.contain(message);
      const input = await byName<HTMLInputElement>(view, "input[type=file]", "Upload front of document");
      const describedBy = input.getAttribute("aria-describedby");
      expect(describedBy).to.equal("alerts");
      expect(input.getRootNode() instanceof ShadowRoot && (input.getRootNode() as ShadowRoot).getElementById("alerts")?.getAttribute("role")).to.equal("alert");
      await byName(view, "button", "Use camera");
      await expect(view).to.be.accessible();
    });
  }

  for (const state of captureStates) {
    it(`is accessible while ${state}`, async () => {
      const view = await mount(captureScreen({ state, previewUrl: state === "captured" || state === "checking" || state === "uploading" ? samplePhotoUrl() : "" }));
      await expect(view).to.be.accessible();
    });
  }

  it("shows the camera with a card-shaped guide for documents and an oval for the selfie", async () => {
    const documentView = await mount(captureScreen({ state: "live" }));
    expect(deepQueryAll(documentView.shadowRoot as ShadowRoot, ".guide--card")).to.have.length(1);
    expect(textOf(documentView)).to.contain("Camera preview");
    await byName(documentView, "button", "Take photo");
    await byName(documentView, "button", "Cancel");
    const selfieView = await mount(captureScreen({ side: "selfie", state: "live" }));
    expect(deepQueryAll(selfieView.shadowRoot as ShadowRoot, ".guide--oval")).to.have.length(1);
  });

  it("plays a live stream in a muted, inline video and reports the photo taken", async () => {
    const canvas = document.createElement("canvas");
    canvas.width = 640;
    canvas.height = 480;
    const context = canvas.getContext("2d");
    const paint = (): void => {
      if (!context) return;
      context.fillStyle = "#e8e4da";
      context.fillRect(0, 0, 640, 480);
    };
    paint();
    const stream = canvas.captureStream(10);
    const timer = setInterval(paint, 50);
    try {
      const view = await mount(captureScreen({ state: "live", stream }));
      const video = deepQueryAll<HTMLVideoElement>(view.shadowRoot as ShadowRoot, "video")[0];
      if (!video) throw new Error("no video");
      expect(video.srcObject).to.equal(stream);
      expect(video.muted).to.equal(true);
      expect(video.hasAttribute("playsinline")).to.equal(true);
      while (video.videoWidth === 0) await new Promise((resolve) => setTimeout(resolve, 20));
      const photo = oneEvent(view, "enclave-identity-photo");
      (await byName<HTMLButtonElement>(view, "button", "Take photo")).click();
      const { detail } = await photo;
      expect(detail.source).to.equal("camera");
      expect(detail.file.type).to.equal("image/jpeg");
      expect(detail.file.size).to.be.greaterThan(0);
    } finally {
      clearInterval(timer);
      for (const track of stream.getTracks()) track.stop();
    }
  });

  it("never draws Take photo enabled for a new stream before that stream's first frame", async () => {
    // The capture element is reused from side to side: the last side's decoded frame must
    // not count for the next camera, or a fast click takes an empty photo and is lost.
    const painted = document.createElement("canvas");
    painted.width = 640;
    painted.height = 480;
    painted.getContext("2d")?.fillRect(0, 0, 640, 480);
    const first = painted.captureStream(10);
    const timer = setInterval(() => painted.getContext("2d")?.fillRect(0, 0, 640, 480), 50);
    // A stream that never delivers a frame (captureStream(0) sends only on requestFrame).
    const empty = document.createElement("canvas").captureStream(0);
    try {
      const view = await mount(captureScreen({ state: "live", stream: first }));
      const takePhoto = async (): Promise<HTMLButtonElement> => byName<HTMLButtonElement>(view, "button", "Take photo");
      while (!deepQueryAll<HTMLVideoElement>(view.shadowRoot as ShadowRoot, "video")[0]?.videoWidth || (await takePhoto()).disabled)
        await new Promise((resolve) => setTimeout(resolve, 20));
      view.screen = captureScreen({ state: "captured", previewUrl: samplePhotoUrl() });
      await settle(view);
      const capture = view.screenElement as EnclaveIdentityCapture;
      const enabled: string[] = [];
      // Every render of the next step, as it happens (not only the settled result).
      const observer = new MutationObserver(() => {
        const button = deepQueryAll<HTMLButtonElement>(capture.shadowRoot as ShadowRoot, "button").find((candidate) => candidate.textContent?.includes("Take photo"));
        if (button && !button.disabled) enabled.push("Take photo");
      });
      observer.observe(capture.shadowRoot as ShadowRoot, { subtree: true, childList: true, attributes: true });
      view.screen = captureScreen({ side: "selfie", state: "live", stream: empty });
      await settle(view);
      observer.disconnect();
      expect(enabled, "Take photo was enabled before the new stream had a frame").to.deep.equal([]);
      expect((await takePhoto()).disabled).to.equal(true);
    } finally {
      clearInterval(timer);
      for (const track of [...first.getTracks(), ...empty.getTracks()]) track.stop();
    }
  });

  it("reports a chosen file, and the same file chosen again", async () => {
    const view = await mount(captureScreen({ side: "back" }));
    const input = await byName<HTMLInputElement>(view, "input[type=file]", "Upload back of document");
    const file = new File(["x"], "back.png", { type: "image/png" });
    for (let time = 0; time < 2; time++) {
      const transfer = new DataTransfer();
      transfer.items.add(file);
      input.files = transfer.files;
      const photo = oneEvent(view, "enclave-identity-photo");
      input.dispatchEvent(new Event("change"));
      expect((await photo).detail).to.deep.equal({ file, source: "upload" });
      expect(input.value).to.equal("");
    }
  });

  it("offers Retake and Use this photo after a photo is taken", async () => {
    const view = await mount(captureScreen({ state: "captured", previewUrl: samplePhotoUrl() }));
    const decision = oneEvent(view, "enclave-identity-photo-decision");
    (await byName<HTMLButtonElement>(view, "button", "Use this photo")).click();
    expect((await decision).detail).to.deep.equal({ decision: "accept" });
    await byName(view, "button", "Retake");
    await byName(view, "img", "Your photo of the front of your document");
  });

  it("announces checking and uploading", async () => {
    const checking = await mount(captureScreen({ state: "checking", previewUrl: samplePhotoUrl() }));
    expect(textOf(checking)).to.contain("Checking your photo…");
    const uploading = await mount(captureScreen({ state: "uploading", previewUrl: samplePhotoUrl() }));
    expect(textOf(uploading)).to.contain("Uploading your photo…");
    expect(deepQueryAll(uploading.shadowRoot as ShadowRoot, "[role=status] .progress")).to.have.length(1);
  });
});

// ---- review, status, hand-off, exit ------------------------------------------------------------------

describe("identity review", () => {
  it("shows a thumbnail and a Retake per photo, and Submit named exactly", async () => {
    const url = samplePhotoUrl();
    const view = await mount({
      name: "review",
      items: [
        { side: "front", thumbnailUrl: url },
        { side: "back", thumbnailUrl: null },
        { side: "selfie", thumbnailUrl: url },
      ],
      busy: false,
      errorCode: null,
      phone: false,
    });
    await byName(view, "button", "Submit");
    await byName(view, "img", "Your photo: front of document");
    expect(textOf(view)).to.contain("Added on another device");
    const retake = oneEvent(view, "enclave-identity-retake");
    (await byName<HTMLButtonElement>(view, "button", "Retake back of document")).click();
    expect((await retake).detail).to.deep.equal({ side: "back" });
    await byName(view, "button", "Retake selfie");
    await expect(view).to.be.accessible();
  });

  it("shows submitting and a failed submission accessibly", async () => {
    const items = [{ side: "front" as const, thumbnailUrl: samplePhotoUrl() }];
    const busy = await mount({ name: "review", items, busy: true, errorCode: null, phone: false });
    expect(textOf(busy)).to.contain("Sending your photos for verification…");
    await expect(busy).to.be.accessible();
    const failed = await mount({ name: "review", items, busy: false, errorCode: "document_incomplete", phone: false });
    expect(textOf(failed)).to.contain("Add a photo of every side");
    await expect(failed).to.be.accessible();
  });

  it("says Finish on the phone", async () => {
    const view = await mount({ name: "review", items: [{ side: "front", thumbnailUrl: samplePhotoUrl() }], busy: false, errorCode: null, phone: true }, { phone: true });
    await byName(view, "button", "Finish");
  });
});

describe("identity processing and results", () => {
  const screens: IdentityScreen[] = [
    { name: "loading" },
    { name: "unavailable", errorCode: "origin_not_allowed" },
    { name: "processing" },
    { name: "verified", merchantName: "Acme Bank" },
    { name: "requires_input", reason: "document_unverified" },
    { name: "requires_input", reason: "selfie_mismatch" },
    { name: "requires_input", reason: "other" },
    { name: "phone_done" },
    { name: "phone_invalid", errorCode: "handoff_invalid" },
  ];
  for (const screen of screens) {
    it(`is accessible: ${screen.name}${"reason" in screen ? ` (${screen.reason})` : ""}`, async () => {
      const view = await mount(screen, { phone: screen.name.startsWith("phone") });
      await expect(view).to.be.accessible();
    });
  }

  it("announces processing and its outcome politely, in place", async () => {
    const view = await mount({ name: "processing" });
    const region = deepQueryAll(view.shadowRoot as ShadowRoot, "enclave-identity-status")[0]?.shadowRoot?.querySelector("[role=status]");
    expect(region?.textContent).to.contain("Verifying your identity…");
    view.screen = { name: "verified", merchantName: "Acme Bank" };
    await settle(view);
    const after = deepQueryAll(view.shadowRoot as ShadowRoot, "enclave-identity-status")[0]?.shadowRoot?.querySelector("[role=status]");
    expect(after).to.equal(region);
    expect(after?.textContent).to.contain("You're verified");
  });

  it("says why it cannot start in the frame's own words for the error code", async () => {
    const unavailable = await mount({ name: "unavailable", errorCode: "origin_not_allowed" });
    expect(textOf(unavailable)).to.contain("This page isn't allowed to show this form.");
    const invalid = await mount({ name: "phone_invalid", errorCode: "handoff_invalid" }, { phone: true });
    expect(textOf(invalid)).to.contain("This link has expired or has already been used. On your computer, choose “Continue on your phone” again to get a new code.");
  });

  it("explains each failure in plain words, with Try again", async () => {
    for (const reason of ["document_unverified", "selfie_mismatch"] as const) {
      const view = await mount({ name: "requires_input", reason });
      expect(textOf(view)).to.contain(english.status.requiresInput[reason]);
      const again = oneEvent(view, "enclave-identity-try-again");
      (await byName<HTMLButtonElement>(view, "button", "Try again")).click();
      await again;
    }
  });

  it('keeps "You\'re verified" on show with Done, which ends the flow', async () => {
    const view = await mount({ name: "verified", merchantName: "Acme Bank" });
    expect(textOf(view)).to.contain("You're verified");
    const done = oneEvent(view, "enclave-identity-done");
    (await byName<HTMLButtonElement>(view, "button", "Done")).click();
    await done;
  });

  it("tells the phone to go back to the computer", async () => {
    const view = await mount({ name: "phone_done" }, { phone: true });
    expect(textOf(view)).to.contain("All done — return to your computer");
    expect(deepQueryAll(view.shadowRoot as ShadowRoot, "button")).to.have.length(0);
  });
});

describe("identity phone hand-off", () => {
  const url = "http://localhost:4000/frames/identity.html?handoff=hot_0123456789abcdefghijklmnop";
  const handoff = (overrides: Partial<Extract<IdentityScreen, { name: "handoff" }>> = {}): IdentityScreen => ({
    name: "handoff",
    state: "waiting",
    url,
    expiresAt: 1_900_000_000,
    needed: ["front", "back", "selfie"],
    uploaded: [],
    errorCode: null,
    ...overrides,
  });

  it("draws the link as a QR code with a text alternative, and shows the link to copy", async () => {
    const view = await mount(handoff(), { canGoBack: true });
    const qr = await byName<SVGElement>(view, "svg[role=img]", "QR code that opens this verification on your phone");
    const path = qr.querySelector("path");
    expect(path?.getAttribute("d")).to.equal(toSvgPath(generate(url)));
    expect(Number(qr.getAttribute("data-modules"))).to.equal(generate(url).size);
    const link = deepQueryAll<HTMLAnchorElement>(view.shadowRoot as ShadowRoot, "a.link")[0];
    expect(link?.href).to.equal(url);
    expect(link?.textContent).to.equal(url);
    await byName(view, "button", "Copy link");
    expect(textOf(view)).to.contain("Waiting for your phone…");
    // When the link stops working, as a clock in the customer's locale shows it.
    expect(textOf(view)).to.contain(`expires at ${new Intl.DateTimeFormat("en", { timeStyle: "short" }).format(1_900_000_000_000)}.`);
    await expect(view).to.be.accessible();
  });

  it("copies the link, or selects it when the clipboard is not allowed", async () => {
    const view = await mount(handoff());
    const screen = deepQueryAll<EnclaveIdentityHandoff>(view.shadowRoot as ShadowRoot, "enclave-identity-handoff")[0];
    (await byName<HTMLButtonElement>(view, "button", "Copy link")).click();
    await new Promise((resolve) => setTimeout(resolve, 50));
    await screen?.updateComplete;
    expect(textOf(view)).to.match(/Link copied\.|Select the link and copy it/);
  });

  it("follows the phone: connected, and each photo as it arrives", async () => {
    const view = await mount(handoff({ state: "connected", uploaded: ["front"] }));
    const text = textOf(view);
    expect(text).to.contain("Phone connected");
    expect(text).to.contain("1 of 3 photos added.");
    expect(deepQueryAll(view.shadowRoot as ShadowRoot, "enclave-qr-code")).to.have.length(0);
    await expect(view).to.be.accessible();
  });

  for (const state of handoffStates) {
    it(`is accessible while ${state}`, async () => {
      const view = await mount(handoff({ state, errorCode: state === "error" ? "network_error" : null, url: state === "creating" ? "" : url }), { canGoBack: true });
      await expect(view).to.be.accessible();
    });
  }

  it("offers a new code when the old one expired, and this device instead", async () => {
    const view = await mount(handoff({ state: "expired", url: "" }));
    expect(textOf(view)).to.contain("This code has expired.");
    const renew = oneEvent(view, "enclave-identity-handoff-renew");
    (await byName<HTMLButtonElement>(view, "button", "Get a new code")).click();
    await renew;
    const back = oneEvent(view, "enclave-identity-back");
    (await byName<HTMLButtonElement>(view, "button", "Use this device instead")).click();
    await back;
  });
});

describe("identity frame around the screens", () => {
  it("shows Back after consent and Close (but no Close on the phone)", async () => {
    const view = await mount(captureScreen(), { canGoBack: true });
    const back = oneEvent(view, "enclave-identity-back");
    (await byName<HTMLButtonElement>(view, "button", "Back")).click();
    await back;
    const close = oneEvent(view, "enclave-identity-close");
    (await byName<HTMLButtonElement>(view, "button", "Close")).click();
    await close;
    const phone = await mount(captureScreen({ canHandoff: false }), { phone: true, canGoBack: true });
    expect(deepQueryAll(phone.shadowRoot as ShadowRoot, "button").some((button) => button.getAttribute("aria-label") === "Close")).to.equal(false);
  });

  it("shows the step in a header that keeps its place and height from screen to screen", async () => {
    const headerOf = (view: EnclaveIdentityView): HTMLElement => deepQueryAll<HTMLElement>(view.shadowRoot as ShadowRoot, "enclave-modal-header")[0] as HTMLElement;
    const stepText = (view: EnclaveIdentityView): string => deepQueryAll<HTMLElement>(view.shadowRoot as ShadowRoot, ".step")[0]?.textContent?.trim() ?? "";
    const view = await mount({ name: "consent", merchantName: "Acme Bank", requireSelfie: true });
    expect(stepText(view)).to.equal("Step 1 of 4");
    const first = headerOf(view).getBoundingClientRect();
    const seen: [string, number, number][] = [];
    for (const screen of [documentScreen(), captureScreen(), { name: "processing" } as IdentityScreen]) {
      view.screen = screen;
      view.canGoBack = screen.name !== "processing";
      await settle(view);
      const box = headerOf(view).getBoundingClientRect();
      seen.push([stepText(view), box.top - first.top, box.height - first.height]);
    }
    expect(seen).to.deep.equal([
      ["Step 2 of 4", 0, 0],
      ["Step 3 of 4", 0, 0],
      ["", 0, 0],
    ]);
  });

  it("on the phone counts from the document and names the merchant in the header", async () => {
    const view = await mount(documentScreen(), { phone: true });
    view.merchantName = "Acme Bank";
    await settle(view);
    const header = deepQueryAll<HTMLElement>(view.shadowRoot as ShadowRoot, "enclave-modal-header")[0];
    expect(header?.shadowRoot?.textContent?.replace(/\s+/g, " ")).to.contain("Acme Bank · Secured by Enclave").and.to.contain("Step 1 of 3");
    await expect(view).to.be.accessible();
  });

  it("asks before leaving: Leave verification?, with Stay focused first", async () => {
    const view = await mount(captureScreen(), { exitConfirmOpen: true });
    // The one leave confirmation both modal flows share (ui/modal-leave): it stands in for
    // the screen under the same header, as bank link's does, rather than a dialog in the frame.
    const dialog = deepQueryAll<HTMLElement>(view.shadowRoot as ShadowRoot, "[role=alertdialog]")[0];
    expect(dialog?.checkVisibility()).to.equal(true);
    expect(await accessibleName(dialog as HTMLElement)).to.equal("Leave verification?");
    expect(
      deepQueryAll<HTMLButtonElement>(view.shadowRoot as ShadowRoot, "button")
        .filter((button) => button.checkVisibility())
        .map((button) => button.textContent?.trim()),
    ).to.deep.equal(["Leave", "Stay"], "the screen under it is hidden, and no Back or Close");
    const stay = await byName<HTMLButtonElement>(view, "button", "Stay");
    expect((stay.getRootNode() as ShadowRoot).activeElement).to.equal(stay);
    await expect(view).to.be.accessible();
    const answer = oneEvent(view, "enclave-identity-exit-answer");
    (await byName<HTMLButtonElement>(view, "button", "Leave")).click();
    expect((await answer).detail).to.deep.equal({ leave: true });
  });

  it("treats Escape inside the frame as Close, and Escape in the dialog as Stay", async () => {
    const view = await mount(captureScreen());
    const close = oneEvent(view, "enclave-identity-close");
    (await byName<HTMLButtonElement>(view, "button", "Use camera")).dispatchEvent(new KeyboardEvent("keydown", { key: "Escape", bubbles: true, composed: true }));
    await close;
    view.exitConfirmOpen = true;
    await settle(view);
    const answer = oneEvent(view, "enclave-identity-exit-answer");
    (await byName<HTMLButtonElement>(view, "button", "Stay")).dispatchEvent(new KeyboardEvent("keydown", { key: "Escape", bubbles: true, composed: true }));
    expect((await answer).detail).to.deep.equal({ leave: false });
  });

  it("keeps the step's height while asking to leave, so the modal around the frame does not shrink", async () => {
    const view = await mount(captureScreen());
    const stepHeight = view.getBoundingClientRect().height;
    view.exitConfirmOpen = true;
    await settle(view);
    const dialog = deepQueryAll<HTMLElement>(view.shadowRoot as ShadowRoot, "[role=alertdialog]")[0];
    expect(dialog?.checkVisibility()).to.equal(true);
    expect(dialog?.getBoundingClientRect().height ?? 0).to.be.below(stepHeight - 100, "the question alone is shorter than the step");
    expect(view.getBoundingClientRect().height).to.be.closeTo(stepHeight, 1);
    view.exitConfirmOpen = false;
    await settle(view);
    expect(view.getBoundingClientRect().height).to.be.closeTo(stepHeight, 1, "Stay: the step as it was");
    // A shorter step asked about later gets its own height, not the capture step's.
    view.screen = { name: "processing" };
    await settle(view);
    view.exitConfirmOpen = true;
    await settle(view);
    expect(view.getBoundingClientRect().height).to.be.below(stepHeight - 100);
  });

  it("moves focus to the heading of each new screen", async () => {
    const view = await mount({ name: "consent", merchantName: "Acme Bank", requireSelfie: false });
    (await byName<HTMLButtonElement>(view, "button", "Continue")).focus();
    view.screen = documentScreen();
    await settle(view);
    await new Promise((resolve) => setTimeout(resolve, 0));
    const screen = deepQueryAll<EnclaveIdentityDocument>(view.shadowRoot as ShadowRoot, "enclave-identity-document")[0];
    expect(screen?.shadowRoot?.activeElement?.tagName).to.equal("H1");
  });

  it("keeps focus in the screen when the control that had it goes away", async () => {
    const view = await mount(captureScreen());
    (await byName<HTMLButtonElement>(view, "button", "Use camera")).focus();
    view.screen = captureScreen({ state: "live" });
    await settle(view);
    await new Promise((resolve) => setTimeout(resolve, 0));
    const screen = deepQueryAll<EnclaveIdentityCapture>(view.shadowRoot as ShadowRoot, "enclave-identity-capture")[0];
    expect(screen?.shadowRoot?.activeElement?.textContent?.trim()).to.equal("Take photo");
  });
});
