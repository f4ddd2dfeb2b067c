/**
 * The bank-link frame's entry (bank-link.html): connects to the page, then hands the view,
 * the bridge and the API client to the controller. Behaviour is in bank-link-controller.ts,
 * the screens in bank-link-view.ts and the files it imports.
 */
import { EnclaveError } from "../../protocol/errors.js";
import { startFrame } from "../frame-shell.js";
import { BankLinkController } from "./bank-link-controller.js";
import "./bank-link-view.js";

const view = document.querySelector("enclave-bank-link-view");

if (view) {
  let controller: BankLinkController | undefined;
  // Test keys get the sandbox's credentials shown beside the form.
  view.sandbox = (new URL(location.href).searchParams.get("pk") ?? "").startsWith("pk_test_");

  // `configure` may change the locale after `init`; frame-shell sets it on <html>.
  new MutationObserver(() => {
    view.locale = document.documentElement.lang || view.locale;
  }).observe(document.documentElement, { attributes: true, attributeFilter: ["lang"] });

  startFrame("bank-link", async ({ endpoint, api, init }) => {
    view.locale = init.locale;
    // `init` may come again (the page retries it with a fresh token): one controller, new API client.
    controller ??= new BankLinkController(view, endpoint);
    await controller.load(api);
  }).catch((error: unknown) => {
    // Not embedded, or the page never connected: say so in the frame itself.
    Object.assign(view, { screen: "load_error", loadError: EnclaveError.from(error).message });
  });
}
