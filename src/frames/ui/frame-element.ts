/**
 * What every view element inside a frame shares: a typed `emit()` for the frame-internal
 * DOM events (always `bubbles` and `composed`, `detail` always an object), and a
 * `defineElement()` that tolerates a tag defined twice (a story and a test in one page).
 */
import { LitElement } from "lit";

/** Frame-internal DOM events and their details; each flow adds its own (see checkout/events.ts). */
export interface FrameEventDetails {}

export class FrameElement extends LitElement {
  /** Dispatches a frame-internal event. These never leave the frame; the controller decides what crosses the bridge. */
  emit<K extends keyof FrameEventDetails>(name: K, detail: FrameEventDetails[K]): boolean {
    return this.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true, cancelable: true }));
  }
}

export function defineElement(name: string, constructor: CustomElementConstructor): void {
  if (!customElements.get(name)) customElements.define(name, constructor);
}
