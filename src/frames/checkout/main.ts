/** The checkout frame's controller: resumes the payment session and shows what is due. */
import { EnclaveError } from "../../protocol/errors.js";
import { startFrame } from "../frame-shell.js";
import "./checkout-view.js";

const view = document.querySelector("enclave-checkout-view");

if (view) {
  startFrame("checkout", async ({ endpoint, api, init }) => {
    view.locale = init.locale;
    try {
      const { session, merchant } = await api.getSession();
      Object.assign(view, { amount: session.amount, currency: session.currency, merchantName: merchant.name, state: "ready" });
      await view.updateComplete;
      endpoint.emit("ready", { flow: "checkout" });
      endpoint.emit("event", { name: "session_resumed", step: "payment_details", at: new Date().toISOString() });
    } catch (error) {
      const reason = EnclaveError.from(error);
      Object.assign(view, { state: "error", errorMessage: reason.message });
      throw reason;
    }
  }).catch((error: unknown) => {
    // Not embedded, or the page never connected: say so in the frame itself.
    Object.assign(view, { state: "error", errorMessage: EnclaveError.from(error).message });
  });
}
