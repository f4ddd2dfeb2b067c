/**
 * The view harness (test/support/view-harness.ts) on a small view made for it: controls in
 * nested shadow roots, named the ways real views name them (text, aria-label, <label>,
 * aria-labelledby), one enabled late, one hidden twin, one under an overlay. The harness
 * must find them by name as a customer would, click and type with real input, and say
 * clearly what it was waiting for when a control never comes.
 */
import { expect } from "@open-wc/testing";
import { harness, textOf } from "./view-harness.js";

/** An inner part with its own shadow root: a field labelled by another element, and a link. */
class HarnessInner extends HTMLElement {
  constructor() {
    super();
    this.attachShadow({ mode: "open" }).innerHTML = `
      <span id="code-label">Verification   code</span>
      <input id="code" aria-labelledby="code-label" autocomplete="off">
      <a href="#next">Next step</a>`;
  }
}

/** The view: a form in its shadow root, the inner part inside it, and a slot for light-DOM text. */
class HarnessDemo extends HTMLElement {
  readonly clicks: { name: string; trusted: boolean }[] = [];
  readonly inputs: string[] = [];

  constructor() {
    super();
    const root = this.attachShadow({ mode: "open" });
    root.innerHTML = `
      <style>.overlay { position: fixed; inset: 0; background: transparent; }</style>
      <h1>Pay <slot></slot></h1>
      <label for="email">Email</label>
      <input id="email" type="email" value="old@example.com">
      <button id="hidden-twin" hidden>Continue</button>
      <button id="continue" disabled>Continue</button>
      <button id="close" aria-label="Close">×</button>
      <p hidden>Not shown</p>
      <harness-inner></harness-inner>
      <div id="covered"><button id="under">Under the overlay</button></div>`;
    root.addEventListener("click", (event) => {
      const target = event.composedPath()[0];
      if (target instanceof HTMLElement && target.id) this.clicks.push({ name: target.id, trusted: event.isTrusted });
    });
    root.addEventListener("input", (event) => {
      const target = event.composedPath()[0];
      if (target instanceof HTMLInputElement) this.inputs.push(`${target.id}=${target.value}`);
    });
  }
}

customElements.define("harness-inner", HarnessInner);
customElements.define("harness-demo", HarnessDemo);

function mount(): HarnessDemo {
  const view = document.createElement("harness-demo") as HarnessDemo;
  view.append("Example Shop");
  document.body.append(view);
  return view;
}

describe("the view harness", () => {
  afterEach(() => document.querySelectorAll("harness-demo, .test-overlay").forEach((element) => element.remove()));

  it("clicks a control by its accessible name with a real click, waiting until it is enabled and skipping a hidden twin", async () => {
    const view = mount();
    setTimeout(() => view.shadowRoot?.querySelector("#continue")?.removeAttribute("disabled"), 150);
    const ui = harness(view);
    await ui.click("Continue");
    await ui.click("Close");
    await ui.click(/^Next/);
    expect(view.clicks).to.deep.equal([
      { name: "continue", trusted: true },
      { name: "close", trusted: true },
    ]);
    expect(location.hash).to.equal("#next", "the link in the inner shadow root was followed");
    history.replaceState(null, "", location.pathname + location.search);
  });

  it("fills a field by its label (a <label>, or aria-labelledby in a nested shadow root), replacing what it held, key by key", async () => {
    const view = mount();
    const ui = harness(view);
    await ui.fill("Email", "new@example.com");
    await ui.fill("Verification code", "123");
    const [email, code] = [view.shadowRoot?.querySelector("input"), view.shadowRoot?.querySelector("harness-inner")?.shadowRoot?.querySelector("input")];
    expect(email?.value).to.equal("new@example.com");
    expect(code?.value).to.equal("123");
    expect(view.inputs.at(-1)).to.equal("code=123");
    expect(view.inputs).to.include("email=n", "typed key by key, with an input event each");
    await ui.fill("Email", "");
    expect(email?.value).to.equal("");
  });

  it("reads the text a person sees: through shadow roots and slots, white space collapsed, hidden parts left out", () => {
    const view = mount();
    const text = harness(view).text();
    expect(text).to.contain("Pay Example Shop");
    expect(text).to.contain("Verification code Next step");
    expect(text).not.to.contain("Not shown");
    expect(text).not.to.contain(".overlay", "no style text");
    expect(textOf(null)).to.equal("");
  });

  it("a click lands where a customer's would: not on a control under an overlay", async () => {
    const view = mount();
    const overlay = document.createElement("div");
    overlay.className = "test-overlay";
    overlay.style.cssText = "position: fixed; inset: 0; z-index: 10;";
    document.body.append(overlay);
    await harness(view).click("Under the overlay");
    expect(view.clicks).to.deep.equal([]);
  });

  it("fails naming the control it waited for and the controls that were there", async () => {
    const view = mount();
    const ui = harness(view, { timeoutMs: 150 });
    let error: unknown;
    try {
      await ui.click("Pay now");
    } catch (caught) {
      error = caught;
    }
    expect(error).to.be.instanceOf(Error);
    expect((error as Error).message).to.match(/timed out after 150 ms waiting for an enabled control named Pay now \(on screen: .*Close.*Next step/);
    let textError: unknown;
    await ui.waitForText("Receipt").catch((caught: unknown) => (textError = caught));
    expect(String(textError)).to.contain('the text Receipt (shown: "Pay Example Shop');
  });

  it("the view made for it is accessible, so the names the harness uses are the ones assistive technology reads", async () => {
    const view = mount();
    await expect(view).to.be.accessible();
  });
});
