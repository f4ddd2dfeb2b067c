/**
 * The checkout frame's entry (checkout.html): connects to the page, then hands the view,
 * the bridge and the API client to the controller. Everything else is in
 * checkout-controller.ts (behaviour) and checkout-view.ts (the screens).
 */
import { EnclaveError } from "../../protocol/errors.js";
import { startFrame } from "../frame-shell.js";
import { CheckoutClient } from "./checkout-client.js";
import { CheckoutController } from "./checkout-controller.js";
import { renderCheckoutScreen } from "./checkout-screen.js";
import "./checkout-view.js";
import { setLocale, titleFollowsLocale } from "../ui/i18n.js";
import { checkoutMessages } from "./messages.js";

// The locale comes with `init` (and a later `configure`): the title follows it as the views do.
titleFollowsLocale(() => checkoutMessages().pageTitle);

const view = document.querySelector("enclave-checkout-view");

if (view) {
  let controller: CheckoutController | undefined;

  startFrame("checkout", async ({ endpoint, api }) => {
    // `init` may come again (the page retries it with a fresh token): one controller, new API client.
    controller ??= new CheckoutController(view, endpoint);
    await controller.load(new CheckoutClient(api));
  }).catch((error: unknown) => {
    // Not embedded, or the page never connected: say so in the frame itself, in the customer's words for the code.
    renderCheckoutScreen(view, { name: "error", errorCode: EnclaveError.from(error).code });
    void setLocale(navigator.language);
  });
}
