/**
 * The demo shop's page script: a cart, then <enclave-checkout> for the payment, and a
 * log of every enclave-* event the page receives. It never sees card data.
 */
import type {} from "../../src/elements/index.js";
interface Product {
  id: string;
  name: string;
  amount: number;
  currency: string;
}

interface CheckoutResponse {
  paymentIntent: { id: string; amount: number; currency: string };
  clientToken: string;
}

const enclaveEvents = ["enclave-ready", "enclave-change", "enclave-success", "enclave-exit", "enclave-error", "enclave-event"];
const publishableKey = document.querySelector<HTMLMetaElement>('meta[name="enclave-publishable-key"]')?.content ?? "";
const money = (amount: number, currency: string): string =>
  new Intl.NumberFormat(undefined, { style: "currency", currency: currency.toUpperCase() }).format(amount / 100);

const byId = <T extends HTMLElement>(id: string): T => {
  const element = document.getElementById(id);
  if (!element) throw new Error(`#${id} is missing from the page`);
  return element as T;
};

async function postJson<T>(path: string, body: unknown): Promise<T> {
  const response = await fetch(path, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
  const payload = (await response.json()) as T & { error?: { message?: string } };
  if (!response.ok) throw new Error(payload.error?.message ?? `Request failed (${response.status})`);
  return payload;
}

function logEvent(name: string, detail: unknown): void {
  const item = document.createElement("li");
  const label = document.createElement("span");
  label.className = name === "enclave-error" ? "name error" : "name";
  label.textContent = name;
  item.append(label, ` ${JSON.stringify(detail)}`);
  byId("event-log").prepend(item);
}

async function renderCart(): Promise<Map<string, number>> {
  const { products } = (await (await fetch("/api/catalog")).json()) as { products: Product[] };
  const quantities = new Map<string, number>([[products[0]?.id ?? "", 1]]);
  const list = byId<HTMLUListElement>("cart");
  const updateTotal = (): void => {
    const total = products.reduce((sum, product) => sum + product.amount * (quantities.get(product.id) ?? 0), 0);
    byId("cart-total").textContent = money(total, "usd");
    byId<HTMLButtonElement>("continue").disabled = total === 0;
  };
  for (const product of products) {
    const item = document.createElement("li");
    const label = document.createElement("label");
    const select = document.createElement("select");
    for (let quantity = 0; quantity <= 5; quantity++) select.add(new Option(String(quantity), String(quantity)));
    select.value = String(quantities.get(product.id) ?? 0);
    select.addEventListener("change", () => {
      quantities.set(product.id, Number(select.value));
      updateTotal();
    });
    label.append(`${product.name} · ${money(product.amount, product.currency)}`, select);
    select.setAttribute("aria-label", `Quantity of ${product.name}`);
    item.append(label);
    list.append(item);
  }
  updateTotal();
  return quantities;
}

async function startPayment(quantities: Map<string, number>): Promise<void> {
  const button = byId<HTMLButtonElement>("continue");
  const status = byId("payment-status");
  button.disabled = true;
  status.textContent = "";
  status.classList.remove("error");
  try {
    const items = [...quantities].filter(([, quantity]) => quantity > 0).map(([id, quantity]) => ({ id, quantity }));
    const { paymentIntent, clientToken } = await postJson<CheckoutResponse>("/api/checkout", { items });
    const checkout = document.createElement("enclave-checkout");
    checkout.setAttribute("publishable-key", publishableKey);
    checkout.clientToken = clientToken;
    // Called again whenever the token expires while the customer is still here.
    checkout.fetchClientToken = async () =>
      (await postJson<{ clientToken: string }>("/api/client-token", { paymentIntent: paymentIntent.id })).clientToken;
    byId("checkout-slot").replaceChildren(checkout);
    byId("payment").hidden = false;
  } catch (error) {
    status.textContent = `Could not start the payment: ${(error as Error).message}`;
    status.classList.add("error");
  } finally {
    button.disabled = false;
  }
}

for (const name of enclaveEvents) document.addEventListener(name, (event) => logEvent(name, (event as CustomEvent).detail));

const quantities = await renderCart();
byId("continue").addEventListener("click", () => void startPayment(quantities));
