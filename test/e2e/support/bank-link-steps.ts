/**
 * The bank link's steps through the demo, by the contract's accessible names, shared by the
 * desktop suite (mouse clicks) and the phone suite (taps): open the modal, pick a bank,
 * sign in. Each suite adds the steps only it needs.
 */
import assert from "node:assert/strict";
import type { Frame, FrameLocator, Locator, Page } from "playwright-core";
import type { RunningDemo } from "../harness.js";

/** How the customer presses: a mouse click on a desktop, a tap on a phone. */
export type Press = "click" | "tap";

export interface BankLinkSteps {
  /** Opens the demo's bank page, waits for the element, opens the modal: the consent screen. */
  openBankLink(page: Page, demo: RunningDemo): Promise<FrameLocator>;
  /** From consent: "Continue", then searches for the bank and picks it. */
  chooseInstitution(frame: FrameLocator, name: string): Promise<void>;
  /** On the search screen: types the bank's name and picks it. */
  searchAndPick(frame: FrameLocator, name: string): Promise<void>;
  signIn(frame: FrameLocator, username: string, password: string): Promise<void>;
}

export function bankLinkSteps(press: Press): BankLinkSteps {
  const pressOn = (target: Locator): Promise<void> => (press === "tap" ? target.tap() : target.click());
  const searchAndPick = async (frame: FrameLocator, name: string): Promise<void> => {
    const search = frame
      .getByRole("searchbox", { name: "Search institutions" })
      .or(frame.getByRole("textbox", { name: "Search institutions" }))
      .or(frame.getByRole("combobox", { name: "Search institutions" }));
    await search.fill(name.split(" ").slice(0, 2).join(" "));
    await pressOn(
      frame
        .getByRole("option", { name: new RegExp(name) })
        .or(frame.getByRole("button", { name: new RegExp(`^${name}`) }))
        .first(),
    );
  };
  return {
    async openBankLink(page, demo) {
      await page.goto(`${demo.demoUrl}/bank`);
      await page.getByRole("log", { name: "Event log" }).getByText("enclave-ready").waitFor({ timeout: 20_000 });
      await pressOn(page.getByRole("button", { name: "Link a bank" }));
      const frame = page.frameLocator("enclave-bank-link >> iframe");
      await frame.getByRole("button", { name: "Continue" }).waitFor();
      return frame;
    },
    async chooseInstitution(frame, name) {
      await pressOn(frame.getByRole("button", { name: "Continue" }));
      await searchAndPick(frame, name);
    },
    searchAndPick,
    async signIn(frame, username, password) {
      await frame.getByRole("textbox", { name: "Username" }).fill(username);
      await frame.getByLabel("Password", { exact: true }).fill(password);
      await pressOn(frame.getByRole("button", { name: "Submit" }));
    },
  };
}

/** The bank-link frame itself (for evaluate): its page is the one at /frames/bank-link.html. */
export function bankLinkFrameOf(page: Page): Frame {
  const frame = page.frames().find((candidate) => candidate.url().includes("/frames/bank-link.html"));
  assert.ok(frame, "the bank-link frame is on the page");
  return frame;
}

/** Whether the element's modal dialog is open. */
export const bankLinkDialogOpen = (page: Page): Promise<boolean | undefined> =>
  page.locator("enclave-bank-link").evaluate((element) => element.shadowRoot?.querySelector("dialog")?.open);
