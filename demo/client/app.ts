/**
 * The demo shop's page script: a cart, <enclave-checkout> and a Pay button, then a
 * receipt that the shop's backend reads from the widget host, with refunds. A log shows
 * every enclave-* event the page receives, and the webhooks the backend verified. The
 * page never sees card data.
 */
import type {} from "../../src/elements/index.js";
import type { EnclaveCheckout } from "../../src/elements/index.js";
import { money, requestJson, startEventLog } from "./event-log.js";

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

interface Order {
  id: string;
  status: string;
  amount: number;
  amountRefunded: number;
  currency: string;
  description: string | null;
  card: { brand: string; last4: string } | null;
}

const publishableKey = document.querySelector<HTMLMetaElement>('meta[name="enclave-publishable-key"]')?.content ?? "";

const byId = <T extends HTMLElement>(id: string): T => {
  const element = document.getElementById(id);
  if (!element) throw new Error(`#${id} is missing from the page`);
  return element as T;
};

function setStatus(id: string, text: string, isError = false): void {
  const status = byId(id);
  status.textContent = text;
  status.classList.toggle("error", isError);
}

let current: { checkout: EnclaveCheckout; paymentIntent: CheckoutResponse["paymentIntent"] } | undefined;

const cartItems = (quantities: Map<string, number>): { id: string; quantity: number }[] =>
  [...quantities].filter(([, quantity]) => quantity > 0).map(([id, quantity]) => ({ id, quantity }));

/**
 * The cart changed while the payment form is open: the shop's backend prices the new cart
 * and updates the payment (`POST /v1/payment_intents/:id`), then the form shows the new
 * total with what the customer typed kept (`refresh()`). When that cannot be (an empty
 * cart, a payment no longer open), the payment for the old total goes.
 */
async function cartChanged(total: number, quantities: Map<string, number>): Promise<void> {
  const payment = current;
  if (!payment || byId("payment").hidden) return;
  const payLabel = byId("pay");
  try {
    if (total === 0) throw new Error("The cart is empty.");
    const { paymentIntent } = await requestJson<Pick<CheckoutResponse, "paymentIntent">>("/api/checkout/update", {
      paymentIntent: payment.paymentIntent.id,
      items: cartItems(quantities),
    });
    await payment.checkout.refresh();
    payment.paymentIntent = paymentIntent;
    payLabel.textContent = `Pay ${money(paymentIntent.amount, paymentIntent.currency)}`;
    setStatus("cart-status", `Your total is now ${money(paymentIntent.amount, paymentIntent.currency)}.`);
  } catch {
    if (current !== payment) return;
    payment.checkout.remove();
    current = undefined;
    byId("payment").hidden = true;
    setStatus("payment-status", "");
    setStatus("cart-status", `Your cart changed. Continue to payment to pay ${money(total, "usd")}.`);
  }
}

/** While a payment is on its way, the cart cannot change under it. */
function lockCart(locked: boolean): void {
  for (const select of byId("cart").querySelectorAll("select")) select.disabled = locked;
}

async function renderCart(): Promise<Map<string, number>> {
  const { products } = (await (await fetch("/api/catalog")).json()) as { products: Product[] };
  const quantities = new Map<string, number>([[products[0]?.id ?? "", 1]]);
  const list = byId<HTMLUListElement>("cart");
  const updateTotal = (): number => {
    const total = products.reduce((sum, product) => sum + product.amount * (quantities.get(product.id) ?? 0), 0);
    byId("cart-total").textContent = money(total, "usd");
    byId<HTMLButtonElement>("continue").disabled = total === 0;
    return total;
  };
  for (const product of products) {
    const item = document.createElement("li");
    const label = document.createElement("label");
    const select = document.createElement("select");
    for (let quantity = 0; quantity <= 5; quantity++) select.add(new Option(String(quantity), String(quantity)));
    select.value = String(quantities.get(product.id) ?? 0);
    select.addEventListener("change", () => {
      quantities.set(product.id, Number(select.value));
      void cartChanged(updateTotal(), quantities);
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
  button.disabled = true;
  setStatus("payment-status", "");
  setStatus("cart-status", "");
  try {
    const { paymentIntent, clientToken } = await requestJson<CheckoutResponse>("/api/checkout", { items: cartItems(quantities) });
    const checkout = document.createElement("enclave-checkout");
    checkout.setAttribute("publishable-key", publishableKey);
    checkout.clientToken = clientToken;
    // Called again whenever the token expires while the customer is still here.
    checkout.fetchClientToken = async () => (await requestJson<{ clientToken: string }>("/api/client-token", { paymentIntent: paymentIntent.id })).clientToken;
    current = { checkout, paymentIntent };
    byId("checkout-slot").replaceChildren(checkout);
    byId("pay").textContent = `Pay ${money(paymentIntent.amount, paymentIntent.currency)}`;
    byId("payment").hidden = false;
    byId("receipt").hidden = true;
  } catch (error) {
    setStatus("payment-status", `Could not start the payment: ${(error as Error).message}`, true);
  } finally {
    button.disabled = false;
  }
}

async function pay(): Promise<void> {
  if (!current) return;
  const button = byId<HTMLButtonElement>("pay");
  const label = button.textContent;
  button.disabled = true;
  button.textContent = "Processing…";
  setStatus("payment-status", "");
  lockCart(true);
  try {
    const { paymentIntent } = (await current.checkout.submit()) as { paymentIntent: { id: string } };
    await showReceipt(paymentIntent.id);
  } catch (error) {
    const reason = error as { code?: string; message?: string };
    // Incomplete fields are shown inside the form itself; everything else is said here too.
    if (reason.code !== "incomplete_card") setStatus("payment-status", reason.message ?? "The payment failed.", true);
  } finally {
    lockCart(false);
    button.disabled = false;
    button.textContent = label;
  }
}

async function showReceipt(id: string): Promise<void> {
  const order = await requestJson<Order>(`/api/orders/${id}`);
  const rows: [string, string][] = [
    ["Order", order.description ?? order.id],
    ["Amount", money(order.amount, order.currency)],
    ["Status", order.status],
    ["Card", order.card ? `${order.card.brand} ending in ${order.card.last4}` : "—"],
    ["Refunded", money(order.amountRefunded, order.currency)],
    ["Payment", order.id],
  ];
  const details = byId("receipt-details");
  details.replaceChildren();
  for (const [term, value] of rows) {
    const dt = document.createElement("dt");
    dt.textContent = term;
    const dd = document.createElement("dd");
    dd.textContent = value;
    details.append(dt, dd);
  }
  byId("receipt").dataset["paymentIntent"] = order.id;
  byId<HTMLButtonElement>("refund").disabled = order.amountRefunded >= order.amount;
  byId("payment").hidden = true;
  byId("receipt").hidden = false;
}

async function refund(event: SubmitEvent): Promise<void> {
  event.preventDefault();
  const id = byId("receipt").dataset["paymentIntent"];
  if (!id) return;
  const input = byId<HTMLInputElement>("refund-amount").value.trim();
  const amount = input === "" ? undefined : Math.round(Number(input) * 100);
  if (amount !== undefined && (!Number.isFinite(amount) || amount < 1)) {
    setStatus("refund-status", "Enter an amount such as 10.00, or leave it empty to refund the rest.", true);
    return;
  }
  try {
    const result = await requestJson<{ amount: number; currency: string }>("/api/refunds", { paymentIntent: id, ...(amount === undefined ? {} : { amount }) });
    byId<HTMLInputElement>("refund-amount").value = "";
    // The receipt first, so that the confirmation never sits beside stale numbers.
    await showReceipt(id);
    setStatus("refund-status", `Refunded ${money(result.amount, result.currency)}.`);
  } catch (error) {
    setStatus("refund-status", `Could not refund: ${(error as Error).message}`, true);
  }
}

async function pollWebhooks(): Promise<void> {
  const { events } = await requestJson<{ events: { id: string; type: string; object: string }[] }>("/api/webhooks");
  const log = byId("webhook-log");
  if (log.childElementCount === events.length) return;
  log.replaceChildren(
    ...events.map((event) => {
      const item = document.createElement("li");
      const name = document.createElement("span");
      name.className = "name";
      name.textContent = event.type;
      item.append(name, ` ${event.object}`);
      return item;
    }),
  );
}

startEventLog(byId("event-log"));

const quantities = await renderCart();
byId("continue").addEventListener("click", () => void startPayment(quantities));
byId("pay").addEventListener("click", () => void pay());
byId<HTMLFormElement>("refund-form").addEventListener("submit", (event) => void refund(event));
byId("new-order").addEventListener("click", () => {
  byId("receipt").hidden = true;
  setStatus("refund-status", "");
  byId("continue").focus();
});
setInterval(() => void pollWebhooks().catch(() => undefined), 1000);
