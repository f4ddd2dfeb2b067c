/**
 * Defines a custom element unless the tag is taken. Two copies of enclave.js on one page
 * (a merchant's tag plus a plugin's) must not throw "already defined".
 */
export function defineElement(tag: string, constructor: CustomElementConstructor): void {
  if (typeof customElements === "undefined") return; // server-side rendering: nothing to define
  if (!customElements.get(tag)) customElements.define(tag, constructor);
}
