/**
 * The one modal chrome (src/frames/ui/modal-header, modal-leave) as both modal flows show
 * it: the same header (Back, brand, "Step n of 4", Close) in the same place and height on
 * every step of bank link and identity, and the same "Leave …?" confirmation with the same
 * buttons in the same order, "Stay" focused first (issue 13).
 */
import { expect, fixture, html } from "@open-wc/testing";
import "../../src/frames/bank-link/bank-link-view.js";
import type { EnclaveBankLinkView } from "../../src/frames/bank-link/bank-link-view.js";
import type { LinkScreen } from "../../src/frames/bank-link/model.js";
import { bankLinkStep } from "../../src/frames/bank-link/steps.js";
import type { EnclaveIdentityView } from "../../src/frames/identity/identity-view.js";
import { identityStep } from "../../src/frames/identity/steps.js";
import { captureScreen, documentScreen } from "../../stories/support/identity-screens.js";
import { deepQueryAll } from "../frames/support/deep-query.js";
import { mountIdentityView } from "../frames/support/identity-view.js";
import { settle } from "../frames/support/settle.js";
import { savings } from "../frames/support/bank-link-samples.js";

async function mountBankLink(screen: LinkScreen, properties: Partial<EnclaveBankLinkView> = {}): Promise<EnclaveBankLinkView> {
  const view = await fixture<EnclaveBankLinkView>(html`<enclave-bank-link-view></enclave-bank-link-view>`);
  Object.assign(view, { merchantName: "Enclave Demo Shop", products: ["accounts"], institution: savings, screen, ...properties });
  await settle(view);
  return view;
}

function header(view: HTMLElement): HTMLElement {
  const found = deepQueryAll<HTMLElement>(view.shadowRoot as ShadowRoot, "enclave-modal-header")[0];
  if (!found) throw new Error("no modal header");
  return found;
}

/** The header as a customer meets it: its visible texts and its buttons' names, in order. */
function headerParts(view: HTMLElement): string[] {
  const root = header(view).shadowRoot as ShadowRoot;
  return [...root.querySelectorAll(".step, button")].map((element) => element.textContent?.replace(/\s+/g, " ").trim() ?? "");
}

describe("one modal chrome for bank link and identity", () => {
  it("numbers the steps of both flows out of four; screens that are not steps have none", () => {
    expect(
      (["consent", "select_institution", "credentials", "oauth", "mfa", "select_accounts", "success", "loading"] as const).map((screen) => bankLinkStep(screen)?.step ?? null),
    ).to.deep.equal([1, 2, 3, 3, 3, 4, null, null]);
    expect(identityStep(documentScreen(), false)).to.deep.equal({ step: 2, total: 4 });
    expect(identityStep(captureScreen(), false)).to.deep.equal({ step: 3, total: 4 });
    expect(identityStep({ name: "processing" }, false)).to.equal(null);
    expect(identityStep(documentScreen(), true)).to.deep.equal({ step: 1, total: 3 }, "the phone starts at the document");
  });

  it("shows the same header in both flows, in the same place and height on every step", async () => {
    const bank = await mountBankLink("select_institution", { canGoBack: true });
    const identity: EnclaveIdentityView = await mountIdentityView(documentScreen(), { canGoBack: true });
    expect(headerParts(bank)).to.deep.equal(["Back", "Step 2 of 4", "Close"]);
    expect(headerParts(identity)).to.deep.equal(["Back", "Step 2 of 4", "Close"]);
    expect(header(bank).getBoundingClientRect().height).to.equal(header(identity).getBoundingClientRect().height);

    const first = header(bank).getBoundingClientRect();
    for (const screen of ["consent", "credentials", "select_accounts", "success", "loading"] as const) {
      bank.screen = screen;
      await settle(bank);
      const box = header(bank).getBoundingClientRect();
      expect([box.top, box.height], screen).to.deep.equal([first.top, first.height]);
    }
    await expect(bank).to.be.accessible();
    await expect(identity).to.be.accessible();
  });

  it("asks the same Leave …? in both flows: Leave, then Stay, focused first", async () => {
    // One at a time: a document has one focused element.
    const mounts = [
      async () => {
        const bank = await mountBankLink("credentials", { canGoBack: true, exitConfirm: true });
        await bank.focusStart();
        return bank;
      },
      () => mountIdentityView(captureScreen(), { canGoBack: true, exitConfirmOpen: true }),
    ];
    for (const mount of mounts) {
      const view: HTMLElement = await mount();
      const leave = deepQueryAll<HTMLElement>(view.shadowRoot as ShadowRoot, "enclave-modal-leave")[0];
      expect(leave, view.localName).to.be.ok;
      const buttons = [...(leave?.shadowRoot?.querySelectorAll("button") ?? [])];
      expect(buttons.map((button) => button.textContent?.trim())).to.deep.equal(["Leave", "Stay"]);
      expect(leave?.shadowRoot?.activeElement?.textContent?.trim()).to.equal("Stay", `${view.localName}: the safe answer has focus`);
      expect(headerParts(view), "no Back, Close or step while asking").to.deep.equal([""]);
      view.remove();
    }
  });
});
