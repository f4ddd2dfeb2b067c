/** Every element under `root` matching `selector`, through shadow roots (a shadow host's own tree first, then the shadow trees inside it). */
export function deepQueryAll<E extends Element = Element>(root: ParentNode, selector: string): E[] {
  if (root instanceof Element && root.shadowRoot) return deepQueryAll<E>(root.shadowRoot, selector);
  const found: E[] = [...root.querySelectorAll<E>(selector)];
  for (const element of root.querySelectorAll("*")) if (element.shadowRoot) found.push(...deepQueryAll<E>(element.shadowRoot, selector));
  return found;
}
