/**
 * The 3-D Secure overlay <enclave-checkout> shows above the merchant's page (issue 13): it
 * opens only the widget host's own challenge page, is modal (focus inside, the page inert
 * and still), full-screen on a phone, and Escape or its close button give the challenge up.
 * Last, a forged message on the page cannot make a real checkout open anything.
 */
import { expect } from "@open-wc/testing";
import { sendKeys, setViewport } from "@web/test-runner-commands";
import { EnclaveCheckout } from "../../src/elements/checkout/enclave-checkout.component.js";
import "../../src/elements/index.js";
import type { FrameConnection } from "../../src/elements/internal/enclave-element.js";
import { frameStyles } from "../../src/elements/internal/frame.styles.js";
import { ChallengeOverlay, challengePageUrl, type ChallengeNews } from "../../src/elements/internal/challenge-overlay.js";
import { createPaymentSession, nextEvent, sleep, testEnv } from "./support/merchant.js";

const words = { title: "Confirm this payment", frameTitle: "The bank's page, where you answer its check", closeLabel: "Cancel authentication" };
const page = new URL("/three_d_secure/tdsc_test_0123456789", location.origin);

function mountOverlay(): { overlay: ChallengeOverlay; root: ShadowRoot; told: ChallengeNews[]; focusReturned: () => number; host: HTMLElement } {
  const host = document.createElement("div");
  document.body.append(host);
  const root = host.attachShadow({ mode: "open" });
  // As in the elements: the shared sheet (the `dialog` card) under the overlay's own.
  root.adoptedStyleSheets = [frameStyles()];
  const told: ChallengeNews[] = [];
  let returned = 0;
  const overlay = new ChallengeOverlay(
    root,
    (news) => told.push(news),
    () => returned++,
  );
  return { overlay, root, told, focusReturned: () => returned, host };
}

function dialogOf(root: ShadowRoot): HTMLDialogElement {
  const dialog = root.querySelector("dialog");
  if (!dialog) throw new Error("no dialog");
  return dialog;
}

describe("3-D Secure overlay", () => {
  afterEach(async () => {
    document.querySelectorAll("div, enclave-checkout").forEach((element) => element.remove());
    // A failed test must not leave the page unscrollable for the next.
    document.documentElement.style.overflow = "";
    await setViewport({ width: 800, height: 600 });
  });

  it("opens only the widget host's own challenge pages", () => {
    const host = "https://widgets.example.com";
    expect(challengePageUrl(`${host}/three_d_secure/tdsc_1`, host)?.href).to.equal(`${host}/three_d_secure/tdsc_1`);
    for (const hostile of [
      "https://bank.attacker.example/three_d_secure/tdsc_1",
      "http://widgets.example.com/three_d_secure/tdsc_1",
      "https://widgets.example.com:8443/three_d_secure/tdsc_1",
      `${host}/frames/checkout.html`,
      `https://user:secret@widgets.example.com/three_d_secure/tdsc_1`,
      "javascript:alert(1)",
      "data:text/html,<h1>bank</h1>",
      "/three_d_secure/tdsc_1",
      "",
    ]) {
      expect(challengePageUrl(hostile, host), hostile).to.equal(undefined);
    }
  });

  it("shows the page in a modal dialog named by its title, focus on the title, the page behind still", async () => {
    const { overlay, root, told, host } = mountOverlay();
    overlay.open(page, words);
    const dialog = dialogOf(root);
    expect(dialog.matches(":modal")).to.equal(true);
    expect(dialog.getAttribute("aria-labelledby")).to.equal("enclave-challenge-title");
    expect(root.activeElement?.id).to.equal("enclave-challenge-title");
    expect(root.activeElement?.textContent).to.equal(words.title);
    const frame = dialog.querySelector("iframe");
    expect(frame?.src).to.equal(page.href);
    expect(frame?.title).to.equal(words.frameTitle);
    expect(frame?.getAttribute("sandbox")).to.equal("allow-forms allow-same-origin", "no script, pop-up or navigation of the page");
    expect(frame?.referrerPolicy).to.equal("no-referrer");
    expect(dialog.querySelector("button")?.getAttribute("aria-label")).to.equal(words.closeLabel);
    expect(getComputedStyle(document.documentElement).overflow).to.equal("hidden");
    await new Promise((resolve) => frame?.addEventListener("load", resolve, { once: true }));
    expect(told).to.deep.equal(["loaded"]);
    await expect(host).to.be.accessible();
    overlay.close();
    expect(root.querySelector("dialog")).to.equal(null);
    expect(getComputedStyle(document.documentElement).overflow).not.to.equal("hidden");
  });

  it("counts Escape as giving the challenge up, once, and gives focus back", async () => {
    const { overlay, root, told, focusReturned } = mountOverlay();
    overlay.open(page, words);
    await sendKeys({ press: "Escape" });
    expect(told.filter((news) => news === "abandoned")).to.deep.equal(["abandoned"]);
    expect(root.querySelector("dialog")).to.equal(null);
    expect(focusReturned()).to.equal(1);
    await sendKeys({ press: "Escape" });
    expect(told.filter((news) => news === "abandoned")).to.have.length(1);
  });

  it("counts its close button as giving the challenge up", async () => {
    const { overlay, root, told } = mountOverlay();
    overlay.open(page, words);
    dialogOf(root).querySelector("button")?.click();
    expect(told.filter((news) => news === "abandoned")).to.deep.equal(["abandoned"]);
    expect(overlay.isOpen).to.equal(false);
  });

  it("reads right to left with Arabic words: the close button on the left", () => {
    const { overlay, root } = mountOverlay();
    overlay.open(page, { title: "تأكيد هذه الدفعة", frameTitle: "صفحة البنك، حيث تجيب عن التحقق", closeLabel: "إلغاء المصادقة" });
    const [title, close] = [dialogOf(root).querySelector("h2"), dialogOf(root).querySelector("button")];
    expect(getComputedStyle(dialogOf(root)).direction).to.equal("rtl");
    expect((close?.getBoundingClientRect().left ?? 0) < (title?.getBoundingClientRect().left ?? 0)).to.equal(true);
    overlay.close();
  });

  it("keeps Tab inside the dialog", async () => {
    const outside = document.createElement("button");
    outside.textContent = "Behind";
    document.body.append(outside);
    const { overlay, root } = mountOverlay();
    overlay.open(page, words);
    for (let index = 0; index < 3; index++) {
      await sendKeys({ press: "Tab" });
      expect(document.activeElement, `Tab ${index + 1}`).not.to.equal(outside);
    }
    expect(dialogOf(root).contains(root.activeElement)).to.equal(true);
    overlay.close();
    outside.remove();
  });

  it("fills a phone's screen (375×740)", async () => {
    await setViewport({ width: 375, height: 740 });
    const { overlay, root } = mountOverlay();
    overlay.open(page, words);
    const box = dialogOf(root).getBoundingClientRect();
    expect([box.left, box.top, box.width, box.height]).to.deep.equal([0, 0, 375, 740]);
    const close = dialogOf(root).querySelector("button")?.getBoundingClientRect();
    expect(close && close.right <= 375 && close.width >= 44 && close.height >= 44).to.equal(true, "the close button is on screen and big enough to touch");
    overlay.close();
  });

  it("is a card near the top of a desktop screen, as tall as the bank's page needs", async () => {
    await setViewport({ width: 1280, height: 800 });
    const { overlay, root } = mountOverlay();
    overlay.open(page, words);
    const box = dialogOf(root).getBoundingClientRect();
    // 28rem wide, centred, 1rem from the top like the other flows' dialogs, 40rem tall.
    expect([box.width, Math.round(box.left), Math.round(box.top), box.height]).to.deep.equal([448, 416, 16, 640]);
    expect(getComputedStyle(dialogOf(root), "::backdrop").backgroundColor).to.equal("rgba(15, 23, 42, 0.55)", "the page behind is dimmed");
    overlay.close();
  });
});

describe("a forged request to open a challenge", () => {
  it("opens nothing on a real checkout: the element only hears its own frame, over its private port", async () => {
    const session = await createPaymentSession();
    const checkout = document.createElement("enclave-checkout");
    checkout.host = testEnv.hostUrl;
    checkout.publishableKey = testEnv.publishableKey;
    checkout.clientToken = session.clientToken;
    document.body.append(checkout);
    await nextEvent(checkout, "enclave-ready");
    const call = { enclave: 1, kind: "call", id: 1, method: "openChallenge", params: { url: "https://bank.attacker.example/three_d_secure/x", ...words } };
    const attacker = document.createElement("iframe");
    attacker.sandbox.add("allow-scripts");
    attacker.srcdoc = `<script>parent.postMessage(${JSON.stringify(call)}, "*"); parent.postMessage("attacker-done", "*");</script>`;
    const done = new Promise((resolve) => window.addEventListener("message", (event) => event.data === "attacker-done" && resolve(null)));
    document.body.append(attacker);
    await done;
    window.postMessage(call, "*");
    await sleep(300);
    expect(checkout.shadowRoot?.querySelector("dialog")).to.equal(null);
    expect(checkout.shadowRoot?.querySelectorAll("iframe").length).to.equal(1);
    attacker.remove();
  });
});

/** <enclave-checkout> with its bridge hook reachable, and a fake frame end that records what the element tells it. */
class CheckoutUnderTest extends EnclaveCheckout {
  readonly handlers = new Map<string, (params: unknown) => unknown>();
  readonly told: unknown[] = [];

  attachFakeFrame(frameOrigin: string): void {
    const fake = {
      handle: (name: string, handler: (params: unknown) => unknown) => this.handlers.set(name, handler),
      emit: (name: string, detail: unknown) => this.told.push({ name, detail }),
    };
    this.frameConnected(fake as unknown as FrameConnection<"checkout">, frameOrigin);
  }
}
customElements.define("checkout-under-test", CheckoutUnderTest);

describe("<enclave-checkout> asked by its frame to open a challenge", () => {
  afterEach(() => document.querySelectorAll("checkout-under-test").forEach((element) => element.remove()));

  function mount(): CheckoutUnderTest {
    const checkout = new CheckoutUnderTest();
    // No key: the element never loads a real frame here; the fake frame end stands for it.
    document.body.append(checkout);
    checkout.attachFakeFrame(location.origin);
    return checkout;
  }

  it("refuses a page on another origin, or not a challenge page, and opens nothing", async () => {
    const checkout = mount();
    for (const url of ["https://bank.attacker.example/three_d_secure/x", `${location.origin}/frames/checkout.html`, "javascript:alert(1)"]) {
      let refused: unknown;
      try {
        await checkout.handlers.get("openChallenge")?.({ url, ...words });
      } catch (error) {
        refused = error;
      }
      expect((refused as { code?: string } | undefined)?.code, url).to.equal("invalid_params");
      expect(checkout.shadowRoot?.querySelector("dialog"), url).to.equal(null);
    }
  });

  it("opens its widget host's page, tells the frame when it loads or is given up, and closes when the frame says", async () => {
    const checkout = mount();
    await checkout.handlers.get("openChallenge")?.({ url: page.href, ...words });
    const dialog = checkout.shadowRoot?.querySelector("dialog");
    expect(dialog?.open).to.equal(true);
    await new Promise((resolve) => dialog?.querySelector("iframe")?.addEventListener("load", resolve, { once: true }));
    await sendKeys({ press: "Escape" });
    expect(checkout.told).to.deep.equal([
      { name: "challenge", detail: { what: "loaded" } },
      { name: "challenge", detail: { what: "abandoned" } },
    ]);
    expect(checkout.shadowRoot?.querySelector("dialog")).to.equal(null);
    await checkout.handlers.get("openChallenge")?.({ url: page.href, ...words });
    await checkout.handlers.get("closeChallenge")?.({});
    expect(checkout.shadowRoot?.querySelector("dialog")).to.equal(null);
  });

  it("takes the overlay away when the element leaves the page", async () => {
    const checkout = mount();
    await checkout.handlers.get("openChallenge")?.({ url: page.href, ...words });
    checkout.remove();
    expect(checkout.shadowRoot?.querySelector("dialog")).to.equal(null);
    expect(getComputedStyle(document.documentElement).overflow).not.to.equal("hidden");
  });
});
