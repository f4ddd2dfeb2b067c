/**
 * A spy installed in the merchant page (top frame only) before any of its scripts run:
 * it records every window and MessagePort message the page receives, the detail of every
 * event dispatched on it, and at the end its DOM and storage. Tests then look for card
 * data in all of it.
 */
import type { BrowserContext, Page } from "playwright-core";

export interface MerchantSpyRecord {
  messages: string[];
  events: string[];
  dom: string;
  storage: string;
}

// Plain JavaScript in a string: a function would be serialized after tsx compiled it,
// with helper calls (__name) that do not exist in the page.
const spySource = `(() => {
  if (window.top !== window) return; // the frames are the widget host's, not the merchant's
  const record = { messages: [], events: [] };
  window.__merchantSpy = record;
  const keep = (list, value) => {
    try { list.push(JSON.stringify(value) ?? String(value)); } catch { list.push(String(value)); }
  };
  window.addEventListener("message", (event) => keep(record.messages, event.data), true);
  const descriptor = Object.getOwnPropertyDescriptor(MessagePort.prototype, "onmessage");
  Object.defineProperty(MessagePort.prototype, "onmessage", {
    configurable: true,
    get() { return descriptor.get.call(this); },
    set(handler) {
      const spied = handler && function (event) { keep(record.messages, event.data); return handler.call(this, event); };
      descriptor.set.call(this, spied);
    },
  });
  const dispatch = EventTarget.prototype.dispatchEvent;
  EventTarget.prototype.dispatchEvent = function (event) {
    if (event instanceof CustomEvent) keep(record.events, { type: event.type, detail: event.detail });
    return dispatch.call(this, event);
  };
})();`;

export async function installMerchantSpy(context: BrowserContext): Promise<void> {
  await context.addInitScript({ content: spySource });
}

export async function readMerchantSpy(page: Page): Promise<MerchantSpyRecord> {
  return page.evaluate(() => {
    const spy = (window as unknown as { __merchantSpy: { messages: string[]; events: string[] } }).__merchantSpy;
    const storage = JSON.stringify({ local: { ...localStorage }, session: { ...sessionStorage }, cookie: document.cookie });
    return { messages: spy.messages, events: spy.events, dom: document.documentElement.outerHTML, storage };
  });
}
