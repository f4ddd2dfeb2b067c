/**
 * What "ready" means to a merchant's page (issue 13), against the real widget host on
 * another origin: the client token is asked for while the frame loads, `enclave-ready`
 * comes with the element already at the frame's final height (a hidden frame and a
 * skeleton until then), and the iframe's title follows `locale`.
 */
import { expect } from "@open-wc/testing";
import { setViewport } from "@web/test-runner-commands";
import "../../src/elements/index.js";
import type { EnclaveCheckout } from "../../src/elements/index.js";
import { createPaymentSession, freshClientToken, nextEvent, sleep, testEnv } from "./support/merchant.js";

function mountCheckout(setup: (checkout: EnclaveCheckout) => void = () => undefined): EnclaveCheckout {
  const checkout = document.createElement("enclave-checkout");
  checkout.host = testEnv.hostUrl;
  checkout.publishableKey = testEnv.publishableKey;
  setup(checkout);
  document.body.append(checkout);
  return checkout;
}

/** Resolves with performance.now() when the first window message from the widget host's origin (the frame's hello) arrives. */
function firstMessageFromFrame(): Promise<number> {
  return new Promise((resolve) => {
    addEventListener("message", function listener(event) {
      if (event.origin !== testEnv.hostUrl) return;
      removeEventListener("message", listener);
      resolve(performance.now());
    });
  });
}

describe("enclave-ready: sooner, at its final height, in the customer's language", () => {
  afterEach(() => document.querySelectorAll("enclave-checkout").forEach((element) => element.remove()));

  it("asks fetchClientToken() while the frame loads, before the frame has said hello", async () => {
    const session = await createPaymentSession();
    const token = await freshClientToken(session.id);
    const hello = firstMessageFromFrame();
    let askedAt = Number.NaN;
    const checkout = mountCheckout((element) => {
      element.fetchClientToken = async () => {
        askedAt = performance.now();
        return token;
      };
    });
    const helloAt = await hello;
    await nextEvent(checkout, "enclave-ready");
    expect(askedAt).to.be.lessThan(helloAt, "the token was asked for before the frame's handshake began");
  });

  it("still reports a failing fetchClientToken() as client_token_unavailable, once the frame has connected", async () => {
    const checkout = mountCheckout((element) => {
      element.fetchClientToken = () => Promise.reject(new Error("backend down"));
    });
    const error = await nextEvent<{ code: string; retryable: boolean }>(checkout, "enclave-error");
    expect(error.code).to.equal("client_token_unavailable");
    expect(error.retryable).to.equal(true);
  });

  /** The element's largest height change in `ms` from now, measured every frame. */
  async function largestHeightChange(element: HTMLElement, from: number, ms: number): Promise<number> {
    let largest = 0;
    const until = performance.now() + ms;
    while (performance.now() < until) {
      await new Promise((resolve) => requestAnimationFrame(resolve));
      largest = Math.max(largest, Math.abs(element.getBoundingClientRect().height - from));
    }
    return largest;
  }

  it("on a phone too (375 px wide), enclave-ready comes at the final height", async () => {
    await setViewport({ width: 375, height: 740 });
    try {
      const session = await createPaymentSession();
      const checkout = mountCheckout((element) => (element.clientToken = session.clientToken));
      let heightAtReady = 0;
      checkout.addEventListener("enclave-ready", () => (heightAtReady = checkout.getBoundingClientRect().height), { once: true });
      await nextEvent(checkout, "enclave-ready");
      expect(heightAtReady).to.be.greaterThan(150);
      expect(await largestHeightChange(checkout, heightAtReady, 1000)).to.equal(0);
    } finally {
      await setViewport({ width: 800, height: 600 });
    }
  });

  it("fires enclave-ready with the element already at the frame's final height: nothing moves in the next second", async () => {
    const session = await createPaymentSession();
    const checkout = mountCheckout((element) => (element.clientToken = session.clientToken));
    let heightAtReady = 0;
    const iframe = () => checkout.shadowRoot?.querySelector("iframe");
    checkout.addEventListener("enclave-ready", () => (heightAtReady = checkout.getBoundingClientRect().height), { once: true });
    await nextEvent(checkout, "enclave-ready");
    expect(heightAtReady).to.be.greaterThan(150, "the payment form's height, not the 3rem placeholder");
    expect(getComputedStyle(iframe() ?? checkout).visibility).to.equal("visible");

    expect(await largestHeightChange(checkout, heightAtReady, 1000)).to.equal(0);
  });

  it("shows a skeleton of the expected height while connecting: busy, the frame hidden, nothing to read", async () => {
    const checkout = mountCheckout();
    await sleep(50);
    expect(checkout.getAttribute("aria-busy")).to.equal("true");
    expect(checkout.hasAttribute("data-connecting")).to.equal(true);
    const iframe = checkout.shadowRoot?.querySelector("iframe");
    expect(iframe && getComputedStyle(iframe).visibility).to.equal("hidden", "the frame's loading screen is not read out");
    expect(checkout.getBoundingClientRect().height).to.be.greaterThan(150, "room for the form, not a 3rem strip");
    await expect(checkout).to.be.accessible();

    const session = await createPaymentSession();
    checkout.clientToken = session.clientToken;
    await nextEvent(checkout, "enclave-ready");
    expect(checkout.hasAttribute("aria-busy")).to.equal(false);
  });

  it("enclave.js opens a connection to the widget host as it loads (a preconnect hint)", async () => {
    const script = document.createElement("script");
    script.src = `${testEnv.hostUrl}/v1/enclave.js`;
    const loaded = new Promise((resolve, reject) => {
      script.addEventListener("load", resolve);
      script.addEventListener("error", reject);
    });
    document.head.append(script);
    await loaded;
    const hints = [...document.head.querySelectorAll<HTMLLinkElement>('link[rel="preconnect"]')].map((link) => link.href.replace(/\/$/, ""));
    expect(hints).to.include(testEnv.hostUrl);
    script.remove();
  });

  it("titles the iframe in the element's locale, and follows a change of locale", async () => {
    const session = await createPaymentSession();
    const checkout = mountCheckout((element) => {
      element.locale = "fr";
      element.clientToken = session.clientToken;
    });
    await nextEvent(checkout, "enclave-ready");
    const iframe = checkout.shadowRoot?.querySelector("iframe");
    expect(iframe?.title).to.equal("Formulaire de paiement sécurisé");

    checkout.locale = "de";
    const deadline = performance.now() + 5000;
    while (iframe?.title !== "Sicheres Zahlungsformular" && performance.now() < deadline) await sleep(50);
    expect(iframe?.title).to.equal("Sicheres Zahlungsformular");
    await expect(checkout).to.be.accessible();
  });
});
