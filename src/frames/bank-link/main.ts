/**
 * The bank-link frame's entry (bank-link.html): connects to the page, then hands the view,
 * the bridge and the API client to the controller. Behaviour is in bank-link-controller.ts,
 * the screens in bank-link-view.ts and the files it imports.
 */
import { EnclaveError } from "../../protocol/errors.js";
import { startFrame } from "../frame-shell.js";
import { setLocale, titleFollowsLocale } from "../ui/i18n.js";
import { BankLinkClient } from "./bank-link-client.js";
import { BankLinkController } from "./bank-link-controller.js";
import "./bank-link-view.js";
import { bankLinkMessages } from "./messages.js";

// The document's title follows the locale too (frame-shell sets it from `init` and `configure`).
titleFollowsLocale(() => bankLinkMessages().documentTitle);

const view = document.querySelector("enclave-bank-link-view");

if (view) {
  let controller: BankLinkController | undefined;
  // Test keys get the sandbox's credentials shown beside the form.
  view.sandbox = (new URL(location.href).searchParams.get("pk") ?? "").startsWith("pk_test_");

  startFrame("bank-link", async ({ endpoint, api }) => {
    // `init` may come again (the page retries it with a fresh token): one controller, new API client.
    controller ??= new BankLinkController(view, endpoint);
    await controller.load(new BankLinkClient(api));
  }).catch((error: unknown) => {
    // Not embedded, or the page never connected: say so in the frame itself, in the browser's language.
    view.screen = "load_error";
    view.loadError = { code: EnclaveError.from(error).code };
    void setLocale(navigator.language);
  });
}
