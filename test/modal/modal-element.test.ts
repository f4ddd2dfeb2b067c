/**
 * The modal host element (src/elements/internal/modal-element.ts) as a merchant's customer
 * meets it, through <enclave-bank-link> and its real cross-origin frame from the widget
 * host the element suites share (test/elements/support/widget-host-plugin.ts): `open()`
 * shows a native modal dialog and moves focus into the frame, the page behind it is inert,
 * Escape asks the frame (which confirms) and leaving closes the dialog with the documented
 * `enclave-exit` detail `{ reason, step }`, and focus goes back to where it was.
 *
 * Keys and clicks are real input (@web/test-runner-commands), so they reach the frame the
 * way a customer's would: the page cannot see or script what happens inside it.
 */
import { expect } from "@open-wc/testing";
import { sendKeys, sendMouse, setViewport } from "@web/test-runner-commands";
import "../../src/elements/index.js";
import type { EnclaveBankLink } from "../../src/elements/index.js";
import { nextEvent, testEnv } from "../elements/support/merchant.js";
import { waitFor } from "../support/wait.js";

/** A bank-link session from the test's merchant backend (the secret key stays in Node). */
async function createBankLinkSession(): Promise<{ id: string; clientToken: string }> {
  const session = (await (await fetch("/__merchant/bank-link-session")).json()) as { id: string; client_token: string };
  return { id: session.id, clientToken: session.client_token };
}

interface Page {
  before: HTMLButtonElement;
  opener: HTMLButtonElement;
  after: HTMLButtonElement;
  bankLink: EnclaveBankLink;
  clicks: string[];
}

/** A merchant page: a button that opens the flow between two other controls, and the element, connected. */
async function mountPage(): Promise<Page> {
  const session = await createBankLinkSession();
  const clicks: string[] = [];
  const button = (name: string): HTMLButtonElement => {
    const element = document.createElement("button");
    element.textContent = name;
    element.addEventListener("click", () => clicks.push(name));
    return element;
  };
  const [before, opener, after] = [button("Before"), button("Link your bank"), button("After")];
  const bankLink = document.createElement("enclave-bank-link");
  bankLink.host = testEnv.hostUrl;
  bankLink.publishableKey = testEnv.publishableKey;
  bankLink.clientToken = session.clientToken;
  const ready = nextEvent(bankLink, "enclave-ready");
  document.body.append(before, opener, after, bankLink);
  await ready;
  return { before, opener, after, bankLink, clicks };
}

const dialogOf = (bankLink: EnclaveBankLink): HTMLDialogElement | null => bankLink.shadowRoot?.querySelector("dialog") ?? null;
const iframeOf = (bankLink: EnclaveBankLink): HTMLIFrameElement | null => bankLink.shadowRoot?.querySelector("iframe") ?? null;

/** Shift+Tab, as a customer presses it (sendKeys' `press` takes one key). */
async function shiftTab(): Promise<void> {
  await sendKeys({ down: "Shift" });
  await sendKeys({ press: "Tab" });
  await sendKeys({ up: "Shift" });
}

/** True while keyboard focus is in the element's frame (the page sees the element, and its shadow root the iframe). */
const focusInFrame = (bankLink: EnclaveBankLink): boolean => document.activeElement === bankLink && bankLink.shadowRoot?.activeElement === iframeOf(bankLink);

describe("the modal host element (<enclave-bank-link>)", () => {
  afterEach(() => {
    for (const element of document.body.querySelectorAll("enclave-bank-link, button, .wide-header")) element.remove();
  });

  it("open() shows the cross-origin frame in a native modal dialog, focus inside, and it is accessible", async () => {
    const { opener, bankLink } = await mountPage();
    const dialog = dialogOf(bankLink);
    expect(dialog?.open).to.equal(false, "nothing shows before open()");
    expect(dialog?.contains(iframeOf(bankLink))).to.equal(true, "the frame is loaded inside the dialog, ready before open()");
    expect(new URL(iframeOf(bankLink)?.src ?? "").origin).to.equal(testEnv.hostUrl);
    expect(location.origin).not.to.equal(testEnv.hostUrl, "the frame is really cross-origin");

    opener.focus();
    bankLink.open();
    expect(dialog?.open).to.equal(true);
    expect(dialog?.matches(":modal")).to.equal(true, "shown with showModal(), not show()");
    expect(dialog?.getAttribute("aria-label")).to.equal("Link a bank account");
    expect(dialog?.getAttribute("part")).to.equal("dialog");
    expect(focusInFrame(bankLink)).to.equal(true, "focus moved into the frame");
    await expect(bankLink).to.be.accessible();
  });

  it("traps focus: the page behind the dialog can be neither tabbed to, focused nor clicked", async () => {
    const { before, opener, after, bankLink, clicks } = await mountPage();
    opener.focus();
    bankLink.open();

    const page = [before, opener, after];
    const visited = new Set<Element | null>();
    for (let press = 0; press < 12; press++) {
      if (press % 3 === 2) await shiftTab();
      else await sendKeys({ press: "Tab" });
      visited.add(document.activeElement);
      expect(page).not.to.include(document.activeElement, `Tab ${press + 1} left the dialog for the page`);
    }
    expect(visited.has(bankLink)).to.equal(true, "Tab moved through the frame's controls");
    for (let press = 0; press < 8; press++) {
      await sendKeys({ press: "Tab" });
      expect(page).not.to.include(document.activeElement, `Tab ${press + 1} in a row left the dialog for the page`);
    }

    after.focus();
    expect(document.activeElement).not.to.equal(after, "the page is inert while the dialog is open");
    const box = after.getBoundingClientRect();
    await sendMouse({ type: "click", position: [Math.round(box.x + box.width / 2), Math.round(box.y + box.height / 2)] });
    await sendMouse({ type: "move", position: [0, 0] });
    expect(clicks).to.deep.equal([], "a click on the page behind the dialog does nothing");
    expect(dialogOf(bankLink)?.open).to.equal(true, "and it does not close the dialog");
  });

  it("Escape asks the frame, which confirms; leaving closes the dialog with enclave-exit { reason, step } and focus returns", async () => {
    const { opener, bankLink } = await mountPage();
    opener.focus();
    bankLink.open();
    await waitFor(() => focusInFrame(bankLink), 5_000, "focus in the frame");
    const exits: unknown[] = [];
    bankLink.addEventListener("enclave-exit", (event) => exits.push(event.detail));

    // The frame answers Escape itself (the page's dialog never sees a frame's keys): it asks
    // "Leave without connecting?" with "Stay" focused, so one Escape loses nothing.
    await sendKeys({ press: "Escape" });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(dialogOf(bankLink)?.open).to.equal(true, "Escape alone does not drop the customer's progress");
    expect(exits).to.deep.equal([]);

    // "Leave" is before "Stay": Shift+Tab, Enter.
    const exited = nextEvent<{ reason: string; step: string }>(bankLink, "enclave-exit", 10_000);
    await shiftTab();
    await sendKeys({ press: "Enter" });
    expect(await exited).to.deep.equal({ reason: "user_exit", step: "consent" });
    expect(exits).to.have.length(1, "one enclave-exit");
    expect(dialogOf(bankLink)?.open).to.equal(false, "the dialog closed");
    expect(document.activeElement).to.equal(opener, "focus returned to the control that had it before open()");
  });

  it("the exit event bubbles out of the element and is composed, as every enclave-* event", async () => {
    const { opener, bankLink } = await mountPage();
    opener.focus();
    bankLink.open();
    const seen = nextEvent<{ reason: string; step: string }>(document, "enclave-exit", 5_000);
    let flags: { bubbles: boolean; composed: boolean } | undefined;
    document.addEventListener("enclave-exit", (event) => (flags = { bubbles: event.bubbles, composed: event.composed }), { once: true });
    bankLink.close();
    const detail = await seen;
    expect(detail.reason).to.equal("merchant_closed");
    // The step is the last one the frame reported (enclave-event); before any, where flows start.
    expect(["start", "consent"]).to.include(detail.step);
    expect(flags).to.deep.equal({ bubbles: true, composed: true });
    expect(dialogOf(bankLink)?.open).to.equal(false);
    expect(document.activeElement).to.equal(opener, "close() restores focus too");
  });

  it("opens again after closing, with focus back in the frame", async () => {
    const { opener, bankLink } = await mountPage();
    opener.focus();
    bankLink.open();
    bankLink.close();
    expect(dialogOf(bankLink)?.open).to.equal(false);
    bankLink.open();
    expect(dialogOf(bankLink)?.open).to.equal(true);
    expect(focusInFrame(bankLink)).to.equal(true);
    bankLink.close();
    expect(document.activeElement).to.equal(opener);
  });

  it("the `open` progress event fires on open(), each time, not when the frame loads behind the page", async () => {
    const opens: { name: string; step: string }[] = [];
    const record = (event: Event): void => {
      const detail = (event as CustomEvent<{ name: string; step: string }>).detail;
      if (detail.name === "open") opens.push(detail);
    };
    document.addEventListener("enclave-event", record);
    try {
      const { opener, bankLink } = await mountPage();
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(opens).to.deep.equal([], "nothing is open yet: the frame only loaded");
      opener.focus();
      bankLink.open();
      expect(opens).to.have.length(1);
      expect(opens[0]?.step).to.equal("consent", "the step the customer sees first");
      bankLink.close();
      bankLink.open();
      expect(opens).to.have.length(2, "a second open() is a second open");
      bankLink.close();
    } finally {
      document.removeEventListener("enclave-event", record);
    }
  });

  it("open() called on enclave-ready sends open with the step the frame starts on, once", async () => {
    const session = await createBankLinkSession();
    const bankLink = document.createElement("enclave-bank-link");
    bankLink.host = testEnv.hostUrl;
    bankLink.publishableKey = testEnv.publishableKey;
    bankLink.clientToken = session.clientToken;
    const opens: { name: string; step: string }[] = [];
    bankLink.addEventListener("enclave-event", (event) => {
      if (event.detail.name === "open") opens.push(event.detail);
    });
    bankLink.addEventListener("enclave-ready", () => bankLink.open(), { once: true });
    document.body.append(bankLink);
    await waitFor(() => opens.length > 0, 20_000, "the open event");
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(opens.map((detail) => detail.step)).to.deep.equal(["consent"]);
    bankLink.close();
  });

  it("Tab stops only on what the customer sees: never on the dialog box itself, even when the frame is taller than the screen", async () => {
    // A short screen: the frame is taller than the dialog, which then scrolls (a scroller Chrome would make a Tab stop of).
    await setViewport({ width: 800, height: 320 });
    try {
      const { opener, bankLink } = await mountPage();
      opener.focus();
      bankLink.open();
      const dialog = dialogOf(bankLink);
      await waitFor(() => (dialog?.clientHeight ?? 0) > 0, 5000, "the dialog on screen");
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(dialog?.scrollTop).to.equal(0, "opening does not scroll the dialog (its header and Close stay at the top)");
      for (let press = 0; press < 16; press++) {
        await sendKeys({ press: "Tab" });
        expect(bankLink.shadowRoot?.activeElement).not.to.equal(dialog, `Tab ${press + 1} stopped on the dialog box, which shows nothing to act on`);
      }
      bankLink.close();
    } finally {
      await setViewport({ width: 800, height: 600 });
    }
  });

  it("on a phone the dialog covers the whole screen, even when the page is wider than the screen", async () => {
    await setViewport({ width: 375, height: 740 });
    try {
      // A merchant header that does not wrap, as the demo's did: 592 px on a 375 px screen.
      const header = document.createElement("div");
      header.className = "wide-header";
      header.style.width = "592px";
      header.style.height = "40px";
      document.body.prepend(header);
      const { opener, bankLink } = await mountPage();
      scrollTo(120, 0);
      opener.focus({ preventScroll: true });
      bankLink.open();
      const box = dialogOf(bankLink)?.getBoundingClientRect();
      const view = visualViewport;
      expect(box && view).to.be.ok;
      if (!box || !view) return;
      expect([box.left, box.top, box.width, box.height]).to.deep.equal([view.offsetLeft, view.offsetTop, view.width, view.height], "edge to edge over what the customer sees");
      expect(getComputedStyle(dialogOf(bankLink) ?? document.body).borderTopLeftRadius).to.equal("0px", "no card corners on a phone");
      bankLink.close();
    } finally {
      scrollTo(0, 0);
      await setViewport({ width: 800, height: 600 });
    }
  });

  it("on a desktop the dialog stays a card in the middle of the screen", async () => {
    await setViewport({ width: 1280, height: 800 });
    try {
      const { opener, bankLink } = await mountPage();
      opener.focus();
      bankLink.open();
      const box = dialogOf(bankLink)?.getBoundingClientRect();
      expect(box?.width).to.equal(448, "28rem wide");
      expect(Math.round(((box?.left ?? 0) + (box?.right ?? 0)) / 2)).to.equal(640, "centred");
      expect(dialogOf(bankLink)?.hasAttribute("data-full")).to.equal(false);
      bankLink.close();
    } finally {
      await setViewport({ width: 800, height: 600 });
    }
  });
});
