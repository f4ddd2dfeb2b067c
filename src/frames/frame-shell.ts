/**
 * What every frame does before its flow starts: connect to the parent page, learn its
 * origin, accept `init`, apply appearance and locale (lang, dir, every view's words), report its height. A flow's controller gets
 * back the endpoint and an API client bound to the token it was given.
 */
import * as z from "zod/mini";
import { connectToParent, type BridgeEndpoint } from "../bridge/index.js";
import { frameSpecs, hostSpec, type EveryFlowFrameSpec, type FrameSpecOf, type HostSpec, type InitParams } from "../protocol/bridge.js";
import { parseAppearance } from "../protocol/appearance.js";
import { EnclaveError, ErrorCode } from "../protocol/errors.js";
import type { Flow } from "../protocol/events.js";
import { FrameApi } from "./api-client.js";
import { languageOf, setLocale } from "./ui/i18n.js";
import { applyAppearance } from "./ui/theme.js";

// Frames run under script-src 'self' without unsafe-eval: keep zod from probing for it.
z.config({ jitless: true });

/** One flow's frame end of the bridge: it handles exactly the methods of that flow's spec. */
export type ParentEndpoint<F extends Flow> = BridgeEndpoint<FrameSpecOf<F>, HostSpec>;

export interface FrameContext<F extends Flow> {
  endpoint: ParentEndpoint<F>;
  parentOrigin: string;
  api: FrameApi;
  init: InitParams;
}

/** Connects and waits for `init`; `onInit` runs the flow's first step and its errors reach the host. */
export async function startFrame<F extends Flow>(flow: F, onInit: (context: FrameContext<F>) => Promise<void>): Promise<ParentEndpoint<F>> {
  // Until `init` names the page's locale, the browser's, if it needs no download (English):
  // `init` follows within milliseconds, and a language fetched only to be replaced by the
  // page's would be bytes for nothing. The error shown when the frame is opened outside a
  // page fetches the browser's language (each flow's main.ts).
  if (languageOf(navigator.language) === "en") void setLocale(navigator.language);
  const { endpoint, parentOrigin } = await connectToParent<FrameSpecOf<F>, HostSpec>({ flow, local: frameSpecs[flow], remote: hostSpec });
  // The methods every flow shares are handled here, whichever flow this is.
  const shared: BridgeEndpoint<EveryFlowFrameSpec, HostSpec> = endpoint;
  const framePublishableKey = new URL(location.href).searchParams.get("pk") ?? "";

  shared.handle("init", async (init) => {
    if (init.publishableKey !== framePublishableKey) {
      throw new EnclaveError(ErrorCode.invalidPublishableKey, "The publishable key does not match the one this frame was loaded with.");
    }
    applyCheckedAppearance(shared, init.appearance);
    // The customer's language is loaded (a chunk, unless English) before the flow's first
    // screen renders and reports ready: the first paint is already in their words.
    await setLocale(init.locale);
    const api = new FrameApi({
      publishableKey: framePublishableKey,
      parentOrigin,
      clientToken: init.clientToken,
      refreshClientToken: async () => (await endpoint.call("refreshClientToken", {}, { timeoutMs: 30_000 })).clientToken,
    });
    await onInit({ endpoint, parentOrigin, api, init });
    return {};
  });
  shared.handle("configure", async ({ appearance, locale }) => {
    if (appearance !== undefined) applyCheckedAppearance(shared, appearance);
    // Answered once the new words are on screen.
    if (locale) await setLocale(locale);
    return {};
  });

  reportHeight(shared);
  return endpoint;
}

function applyCheckedAppearance(endpoint: BridgeEndpoint<EveryFlowFrameSpec, HostSpec>, value: unknown): void {
  const { appearance, error } = parseAppearance(value);
  // A styling mistake must not stop a customer from paying: report it, use the default.
  if (error) endpoint.emit("error", error.toJSON());
  applyAppearance(document.documentElement, appearance);
}

function reportHeight(endpoint: BridgeEndpoint<EveryFlowFrameSpec, HostSpec>): void {
  let last = -1;
  const observer = new ResizeObserver(() => {
    const height = Math.ceil(document.documentElement.getBoundingClientRect().height);
    if (height === last) return;
    last = height;
    endpoint.emit("resize", { height });
  });
  observer.observe(document.documentElement);
  endpoint.onClose(() => observer.disconnect());
}
