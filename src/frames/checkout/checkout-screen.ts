/**
 * What the checkout frame shows, as one discriminated union (the view's `state` is its
 * `name`), and the one function that hands a screen to the view's properties. The card
 * being typed and the session's amount are not part of a screen: they stay on the view
 * across screens, so nothing typed is lost while a payment is tried.
 */
import type { EnclaveCheckoutView } from "./checkout-view.js";

export type CheckoutScreen =
  | { name: "loading" }
  /** The form cannot be shown; the view words the code in the customer's language. */
  | { name: "error"; errorCode: string }
  | { name: "ready" }
  | { name: "processing" }
  /** The host element shows the bank's 3-D Secure page above the merchant's page. */
  | { name: "authenticating" }
  | { name: "declined"; errorCode: string; declineCode: string }
  | { name: "succeeded" };

/** Sets the view's properties for `screen`; what the screen does not name is emptied. */
export function renderCheckoutScreen(view: EnclaveCheckoutView, screen: CheckoutScreen): void {
  view.state = screen.name;
  view.errorCode = screen.name === "error" || screen.name === "declined" ? screen.errorCode : "";
  view.declineCode = screen.name === "declined" ? screen.declineCode : "";
}
