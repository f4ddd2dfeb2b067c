import { deepQueryAll } from "./deep-query.js";

/**
 * Waits until `root` and every Lit element under it (through shadow roots) have rendered.
 * Several rounds, because a screen may render again after its parent hands it new properties.
 */
export async function settle(root: Node, rounds = 4): Promise<void> {
  for (let round = 0; round < rounds; round++) {
    const nodes: Node[] = [root, ...deepQueryAll(root as ParentNode, "*")];
    if (root instanceof Element && root.shadowRoot) nodes.push(...root.querySelectorAll("*"));
    await Promise.all(nodes.map((node) => (node as { updateComplete?: Promise<unknown> }).updateComplete));
  }
}
