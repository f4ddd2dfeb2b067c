/** The demo shop's products. Prices live on the server: the page only sends ids and quantities. */
export interface Product {
  id: string;
  name: string;
  amount: number;
  currency: "usd";
}

export const catalog: readonly Product[] = [
  { id: "hoodie", name: "Enclave hoodie", amount: 4900, currency: "usd" },
  { id: "mug", name: "Enclave mug", amount: 1450, currency: "usd" },
  { id: "stickers", name: "Sticker pack", amount: 500, currency: "usd" },
];

export interface PricedCart {
  amount: number;
  currency: "usd";
  description: string;
}

/** Prices `{ items: [{ id, quantity }] }`; null when anything is off. */
export function priceCart(body: unknown): PricedCart | null {
  const items = typeof body === "object" && body !== null ? (body as { items?: unknown }).items : undefined;
  if (!Array.isArray(items) || items.length === 0 || items.length > catalog.length) return null;
  let amount = 0;
  const names: string[] = [];
  for (const item of items as unknown[]) {
    const { id, quantity } = (item ?? {}) as { id?: unknown; quantity?: unknown };
    const product = catalog.find((candidate) => candidate.id === id);
    if (!product || !Number.isInteger(quantity) || (quantity as number) < 1 || (quantity as number) > 10) return null;
    amount += product.amount * (quantity as number);
    names.push(`${quantity as number} × ${product.name}`);
  }
  return { amount, currency: "usd", description: names.join(", ") };
}
