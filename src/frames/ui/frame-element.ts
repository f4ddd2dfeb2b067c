/**
 * What every view element inside a frame shares: a typed `emit()` for the frame-internal
 * DOM events (always `bubbles` and `composed`, `detail` always an object), re-rendering
 * when the locale changes, the merchant's appearance rules in its shadow root, and a
 * `defineElement()` that tolerates a tag defined twice (a story and a test in one page).
 */
import { LitElement } from "lit";
import { LocaleController } from "./i18n.js";
import { merchantRulesSheet } from "./theme.js";

/** Frame-internal DOM events and their details; each flow adds its own (see checkout/events.ts). */
export interface FrameEventDetails {}

export class FrameElement extends LitElement {
  constructor() {
    super();
    // Every view follows the frame's locale without each one wiring it.
    new LocaleController(this);
  }

  protected override createRenderRoot(): HTMLElement | DocumentFragment {
    const root = super.createRenderRoot();
    // The merchant's appearance.rules come last, so they win over the view's own styles.
    if (merchantRulesSheet && root instanceof ShadowRoot) root.adoptedStyleSheets = [...root.adoptedStyleSheets, merchantRulesSheet];
    return root;
  }

  /** Dispatches a frame-internal event. These never leave the frame; the controller decides what crosses the bridge. */
  emit<K extends keyof FrameEventDetails>(name: K, detail: FrameEventDetails[K]): boolean {
    return this.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true, cancelable: true }));
  }
}

export function defineElement(name: string, constructor: CustomElementConstructor): void {
  if (!customElements.get(name)) customElements.define(name, constructor);
}
