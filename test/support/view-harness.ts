/**
 * A view harness for browser tests (after Material Web's `testing/harness.ts`): a test says
 * what a customer does — `await harness.click("Continue")`, `await harness.fill("Email", "a@b.c")`
 * — and reads what they see — `harness.text()` — instead of reaching for selectors.
 *
 * Controls are found by their accessible name, in the view's shadow tree and every shadow
 * tree inside it, and waited for (on screen and enabled) with the test kit's `waitFor`.
 * Clicks and keys are real input from the browser (@web/test-runner-commands), so they are
 * trusted events that land where a customer's would: a control under an overlay is not clicked.
 *
 * For views mounted in the test page; a cross-origin frame's inside is out of reach by design.
 */
import { sendKeys, sendMouse } from "@web/test-runner-commands";
import { waitFor } from "./wait.js";

/** Collapses runs of white space and trims: text as a person reads it. */
const squeeze = (text: string): string => text.replace(/\s+/g, " ").trim();

/** Every element under `root` matching `selector`, through open shadow roots, in document order. */
export function deepQueryAll<E extends Element = HTMLElement>(root: Element | ShadowRoot | Document, selector: string): E[] {
  const found: E[] = [];
  const visit = (node: Element | ShadowRoot | Document): void => {
    for (const element of node.querySelectorAll("*")) {
      if (element.matches(selector)) found.push(element as E);
      if (element.shadowRoot) visit(element.shadowRoot);
    }
  };
  if (root instanceof Element && root.shadowRoot) visit(root.shadowRoot);
  visit(root);
  return found;
}

/** What can be clicked by name, and what can be filled by label. */
const clickable =
  "button, a[href], summary, input[type=button], input[type=submit], input[type=checkbox], input[type=radio], [role=button], [role=link], [role=option], [role=tab], [role=menuitem], [role=checkbox], [role=radio], [role=switch]";
const fillable = "input:not([type=button], [type=submit], [type=checkbox], [type=radio], [type=hidden], [type=file]), textarea, [role=textbox], [role=combobox], [role=searchbox]";

const isEnabled = (element: Element): boolean => !element.matches(":disabled") && element.getAttribute("aria-disabled") !== "true";
// `display: contents` (a slot, a wrapper) draws no box of its own, yet its children show.
const isShown = (element: Element): boolean => element.checkVisibility() || getComputedStyle(element).display === "contents";
const nameMatches = (name: string | RegExp, actual: string): boolean => (typeof name === "string" ? actual === name : name.test(actual));

/**
 * The text a person sees in `node`: its own text and its shadow tree's (a shadow tree is drawn
 * instead of the light children, which show through their slots), white space collapsed.
 * Hidden elements (`hidden`, `display: none`), styles and scripts do not count.
 */
/** An element's textContent with its whitespace collapsed: what assertions on plain text compare. */
export const flatText = (element: Node | null | undefined): string => (element?.textContent ?? "").replace(/\s+/g, " ").trim();

export function textOf(node: Node | null | undefined): string {
  const parts: string[] = [];
  const visit = (current: Node): void => {
    if (current.nodeType === Node.TEXT_NODE) {
      parts.push(current.textContent ?? "");
      return;
    }
    if (current instanceof HTMLSlotElement) {
      for (const assigned of current.assignedNodes({ flatten: true })) visit(assigned);
      if (current.assignedNodes().length > 0) return;
    }
    if (current instanceof Element) {
      if (current.matches("style, script, template") || !isShown(current)) return;
      parts.push(" ");
      for (const child of (current.shadowRoot ?? current).childNodes) visit(child);
      parts.push(" ");
      return;
    }
    for (const child of current.childNodes) visit(child);
  };
  if (node) visit(node);
  return squeeze(parts.join(""));
}

/** The text of the elements an id list names, in the root the referring element is in. */
function textOfIds(element: Element, ids: string): string {
  const root = element.getRootNode() as Document | ShadowRoot;
  return squeeze(
    ids
      .split(/\s+/)
      .map((id) => textOf(root.getElementById(id)))
      .join(" "),
  );
}

/**
 * The accessible name of a control, following the usual order of the accessible-name
 * computation: `aria-labelledby`, `aria-label`, its `<label>`s, then its text (or `alt`,
 * `title`, a placeholder for a field).
 */
export function accessibleName(element: Element): string {
  const labelledBy = element.getAttribute("aria-labelledby");
  if (labelledBy) return textOfIds(element, labelledBy);
  const label = element.getAttribute("aria-label");
  if (label) return squeeze(label);
  if (element instanceof HTMLInputElement || element instanceof HTMLTextAreaElement || element instanceof HTMLSelectElement) {
    const labels = [...(element.labels ?? [])].map((each) => textOf(each)).join(" ");
    if (labels) return squeeze(labels);
    return squeeze(element.getAttribute("title") ?? element.getAttribute("placeholder") ?? "");
  }
  if (element instanceof HTMLImageElement) return squeeze(element.alt);
  return textOf(element) || squeeze(element.getAttribute("title") ?? "");
}

export interface HarnessOptions {
  /** How long to wait for a control to be on screen and enabled (default 5 s). */
  timeoutMs?: number;
}

/** A customer's hands and eyes on one view: find, click, fill, press, read. */
export class ViewHarness {
  readonly timeoutMs: number;

  constructor(
    /** The view (or any element) whose shadow trees the harness searches. */
    readonly root: Element,
    options: HarnessOptions = {},
  ) {
    this.timeoutMs = options.timeoutMs ?? 5_000;
  }

  /** Every element in the view matching `selector`, through its shadow trees. */
  all<E extends Element = HTMLElement>(selector: string): E[] {
    return deepQueryAll<E>(this.root, selector);
  }

  /** Waits for the first element matching `selector` to be in the view and on screen. */
  find<E extends Element = HTMLElement>(selector: string): Promise<E> {
    return waitFor(() => this.all<E>(selector).find(isShown), this.timeoutMs, `"${selector}" on screen`, 10);
  }

  /** Waits for a control named `name` (a button, a link, an option…) to be on screen and enabled, and returns it. */
  control<E extends HTMLElement = HTMLElement>(name: string | RegExp, selector = clickable): Promise<E> {
    return waitFor(
      () => this.all<E>(selector).find((element) => isShown(element) && isEnabled(element) && nameMatches(name, accessibleName(element))),
      this.timeoutMs,
      () => `an enabled control named ${String(name)} (on screen: ${this.names(selector).join(", ") || "none"})`,
      10,
    );
  }

  /** Waits for a field labelled `label` to be on screen and enabled, and returns it. */
  field<E extends HTMLElement = HTMLInputElement>(label: string | RegExp): Promise<E> {
    return this.control<E>(label, fillable);
  }

  /** Clicks the control a customer reads as `name`, with the mouse, at its centre. */
  async click(name: string | RegExp): Promise<void> {
    const element = await this.control(name);
    element.scrollIntoView({ block: "center", inline: "center" });
    const box = element.getBoundingClientRect();
    await sendMouse({ type: "click", position: [Math.round(box.x + box.width / 2), Math.round(box.y + box.height / 2)] });
    // Leaves no hover behind for the next step.
    await sendMouse({ type: "move", position: [0, 0] });
  }

  /** Replaces what the field labelled `label` holds by typing `value` into it, key by key. */
  async fill(label: string | RegExp, value: string): Promise<void> {
    const field: HTMLElement = await this.field<HTMLElement>(label);
    field.focus();
    if (field instanceof HTMLInputElement || field instanceof HTMLTextAreaElement) field.select();
    else await sendKeys({ press: "Control+A" });
    if (value === "") await sendKeys({ press: "Backspace" });
    else await sendKeys({ type: value });
  }

  /** Presses one key (or a chord such as `Shift+Tab`) where focus is. */
  async press(key: string): Promise<void> {
    await sendKeys({ press: key });
  }

  /** The view's text as a person sees it, white space collapsed. */
  text(): string {
    return textOf(this.root);
  }

  /** Waits until the view shows `expected` (a fragment of its text, or a pattern). */
  async waitForText(expected: string | RegExp): Promise<void> {
    await waitFor(
      () => (typeof expected === "string" ? this.text().includes(expected) : expected.test(this.text())),
      this.timeoutMs,
      () => `the text ${String(expected)} (shown: "${this.text().slice(0, 300)}")`,
      10,
    );
  }

  /** The accessible names of the controls on screen, for failure messages. */
  names(selector = clickable): string[] {
    return this.all(selector)
      .filter(isShown)
      .map((element) => accessibleName(element));
  }
}

/** `harness(view)`: a ViewHarness on `view`. */
export const harness = (root: Element, options?: HarnessOptions): ViewHarness => new ViewHarness(root, options);
