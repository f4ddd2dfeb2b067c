/**
 * The checkout frame's entry (checkout.html): connects to the page, then hands the view,
 * the bridge and the API client to the controller. Everything else is in
 * checkout-controller.ts (behaviour) and checkout-view.ts (the screens).
 */
import { EnclaveError } from "../../protocol/errors.js";
import { startFrame } from "../frame-shell.js";
import { CheckoutController } from "./checkout-controller.js";
import "./checkout-view.js";

const view = document.querySelector("enclave-checkout-view");

if (view) {
  let controller: CheckoutController | undefined;

  // `configure` may change the locale after `init`; frame-shell sets it on <html>.
  new MutationObserver(() => {
    view.locale = document.documentElement.lang || view.locale;
  }).observe(document.documentElement, { attributes: true, attributeFilter: ["lang"] });

  startFrame("checkout", async ({ endpoint, api, init }) => {
    view.locale = init.locale;
    // `init` may come again (the page retries it with a fresh token): one controller, new API client.
    controller ??= new CheckoutController(view, endpoint);
    await controller.load(api);
  }).catch((error: unknown) => {
    // Not embedded, or the page never connected: say so in the frame itself.
    Object.assign(view, { state: "error", errorMessage: EnclaveError.from(error).message });
  });
}
