/**
 * Compile-time checks of what a TypeScript merchant page sees (run by `npm run typecheck`):
 * each element's `enclave-success` and `submit()` carry that flow's own detail.
 */
import "../../src/elements/index.js";

export async function checkoutTypes(): Promise<string> {
  const checkout = document.querySelector("enclave-checkout");
  checkout?.addEventListener("enclave-success", (event) => console.log(event.detail.paymentIntent.id));
  // @ts-expect-error a checkout's success has no public token
  checkout?.addEventListener("enclave-success", (event) => console.log(event.detail.publicToken));
  checkout?.addEventListener("enclave-change", (event) => console.log(event.detail.complete));
  const { paymentIntent } = (await checkout?.submit()) ?? { paymentIntent: { id: "" } };
  return paymentIntent.id;
}

export function modalTypes(): void {
  document.querySelector("enclave-bank-link")?.addEventListener("enclave-success", (event) => console.log(event.detail.publicToken, event.detail.accounts[0]?.mask));
  document.querySelector("enclave-identity")?.addEventListener("enclave-success", (event) => console.log(event.detail.verificationSession.status));
  // @ts-expect-error an identity success has no payment intent
  document.querySelector("enclave-identity")?.addEventListener("enclave-success", (event) => console.log(event.detail.paymentIntent));
  document.querySelector("enclave-bank-link")?.addEventListener("enclave-exit", (event) => console.log(event.detail.step));
}
