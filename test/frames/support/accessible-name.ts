/** For the view suites, which check the accessible names the contract fixes. */

interface Axe {
  setup(node: Node): unknown;
  teardown(): void;
  utils: { getNodeFromTree(node: Node): unknown };
  commons: { text: { accessibleTextVirtual(node: unknown): string } };
}

/** The accessible name as axe-core computes it (labels, aria-label, aria-labelledby, across shadow roots). */
export async function accessibleName(element: Element): Promise<string> {
  const holder = window as unknown as { axe?: Axe };
  if (!holder.axe) await import("axe-core/axe.min.js" as string);
  const axe = holder.axe;
  if (!axe) throw new Error("axe-core did not load");
  axe.setup(document);
  try {
    return axe.commons.text.accessibleTextVirtual(axe.utils.getNodeFromTree(element));
  } finally {
    axe.teardown();
  }
}
