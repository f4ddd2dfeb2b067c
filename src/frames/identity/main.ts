/**
 * The identity frame's entry (identity.html), in one of two modes:
 *
 * - in the merchant's page (an iframe of <enclave-identity>): connects to the page over
 *   the bridge, then hands the view, the bridge and the API client to the controller;
 * - on the phone (`?handoff=<token>`, opened top-level from the QR code): no bridge and no
 *   handshake. It claims the hand-off token for a client token of the same session, then
 *   runs the same screens with an API client whose parent origin is the widget host's own
 *   (`location.origin`, which the server accepts for hand-off tokens only).
 *
 * Everything else is in identity-controller.ts (behaviour) and identity-view.ts (screens).
 */
import { EnclaveError, ErrorCode } from "../../protocol/errors.js";
import { FrameApi } from "../api-client.js";
import { startFrame } from "../frame-shell.js";
import { setLocale, titleFollowsLocale } from "../ui/i18n.js";
import { IdentityController, silentEndpoint } from "./identity-controller.js";
import { claimHandoff, IdentityClient } from "./identity-client.js";
import "./identity-view.js";
import type { EnclaveIdentityView } from "./identity-view.js";
import { identityMessages } from "./messages.js";

const view = document.querySelector("enclave-identity-view");
const handoffToken = new URL(location.href).searchParams.get("handoff");

// The page's title follows the locale too: on the phone it is the browser tab's name.
// The phone's names the merchant once known (the tab is all that says whose check it is).
const pageTitle = (): string => (view?.phone && view.merchantName ? `${identityMessages().pageTitle} · ${view.merchantName}` : identityMessages().pageTitle);
titleFollowsLocale(pageTitle);

if (view) {
  if (handoffToken === null) runInFrame(view);
  else void runOnPhone(view, handoffToken);
}

function runInFrame(view: EnclaveIdentityView): void {
  let controller: IdentityController | undefined;

  // frame-shell sets the locale from `init` (and `configure`) before this runs; every view
  // follows it from there.
  startFrame("identity", async ({ endpoint, api }) => {
    // `init` may come again (the page retries it with a fresh token): one controller, new API client.
    if (!controller) {
      const created = new IdentityController(view, endpoint);
      controller = created;
      // The page went away: the camera goes off and polling stops.
      endpoint.onClose(() => created.dispose());
      addEventListener("pagehide", () => created.dispose());
    }
    await controller.load(new IdentityClient(api));
    document.title = pageTitle();
  }).catch((error: unknown) => {
    // Not embedded, or the page never connected: say so in the frame itself, in the browser's language.
    view.screen = { name: "unavailable", errorCode: EnclaveError.from(error).code };
    void setLocale(navigator.language);
  });
}

async function runOnPhone(view: EnclaveIdentityView, token: string): Promise<void> {
  // No merchant page to say which language: the phone's own, loaded before the first screen.
  await setLocale(navigator.language);
  view.phone = true;
  view.screen = { name: "loading" };
  // The link works once: take its token out of the address bar and history right away.
  history.replaceState(null, "", location.pathname);
  try {
    const claim = await claimHandoff(token);
    const api = new FrameApi({
      publishableKey: claim.publishable_key,
      parentOrigin: location.origin,
      clientToken: claim.client_token,
      // No merchant page to ask for a fresh token: the link has to be made again.
      refreshClientToken: () => Promise.reject(new EnclaveError(ErrorCode.handoffInvalid, "This link has expired. Get a new code on your computer.", { retryable: false })),
    });
    const controller = new IdentityController(view, silentEndpoint, { mode: "phone" });
    addEventListener("pagehide", () => controller.dispose());
    await controller.load(new IdentityClient(api));
    document.title = pageTitle();
  } catch (error) {
    const { code } = EnclaveError.from(error);
    view.screen = code === ErrorCode.handoffInvalid ? { name: "phone_invalid", errorCode: code } : { name: "unavailable", errorCode: code };
  }
}
