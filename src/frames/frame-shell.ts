/**
 * What every frame does before its flow starts: connect to the parent page, learn its
 * origin, accept `init`, apply appearance and locale (lang, dir, every view's words), report its height. A flow's controller gets
 * back the endpoint and an API client bound to the token it was given.
 *
 * `ready` means "painted at its final height" (issue 13): when a controller emits it, the
 * shell holds it back until every view of the first screen has rendered, then sends the
 * measured height first, so the page sizes the frame before it reveals it and nothing
 * moves afterwards.
 */
// First: the page's own styles, before any view is defined.
import "./ui/document-styles.js";
import { ReactiveElement } from "lit";
import * as z from "zod/mini";
import { connectToParent, type BridgeEndpoint, type FrameEndpoint } from "../bridge/index.js";
import { frameSpecs, hostSpec, type EveryFlowFrameSpec, type FrameSpecOf, type HostSpec, type InitParams } from "../protocol/bridge.js";
import { parseAppearance } from "../protocol/appearance.js";
import { EnclaveError, ErrorCode } from "../protocol/errors.js";
import type { Flow } from "../protocol/events.js";
import { FrameApi } from "./api-client.js";
import { frameKeyPair } from "./dpop.js";
import { frameTitle } from "./frame-titles.js";
import { languageOf, setLocale } from "./ui/i18n.js";
import { applyAppearance } from "./ui/theme.js";

// Frames run under script-src 'self' without unsafe-eval: keep zod from probing for it.
z.config({ jitless: true });

/** The longest `ready` waits for the first screen to finish rendering: a view that never settles must not hold the flow. */
const FIRST_SCREEN_WAIT_MS = 500;

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
  // The DPoP key pair is the first request's to sign with: made while the page shakes hands, not after `init`.
  frameKeyPair().catch(() => undefined);
  // Until `init` names the page's locale: the one the element put in the frame's URL, so the
  // customer's words download while the frame shakes hands (init then finds them loaded);
  // without it, the browser's, only if it needs no download (English), since a language
  // fetched only to be replaced by the page's would be bytes for nothing. The error shown
  // when the frame is opened outside a page fetches the browser's language (each flow's main.ts).
  const hintedLocale = new URL(location.href).searchParams.get("locale");
  if (hintedLocale) void setLocale(hintedLocale);
  else if (languageOf(navigator.language) === "en") void setLocale(navigator.language);
  const { endpoint, parentOrigin } = await connectToParent<FrameSpecOf<F>, HostSpec>({ flow, local: frameSpecs[flow], remote: hostSpec });
  // The methods every flow shares are handled here, whichever flow this is.
  const shared: FrameEndpoint<EveryFlowFrameSpec, HostSpec> = endpoint;
  const title = (locale: string): { title: string } => ({ title: frameTitle(flow, locale) });
  const framePublishableKey = new URL(location.href).searchParams.get("pk") ?? "";

  shared.handle("init", async (init) => {
    if (init.publishableKey !== framePublishableKey) {
      throw new EnclaveError(ErrorCode.invalidPublishableKey, "The publishable key does not match the one this frame was loaded with.");
    }
    const api = new FrameApi({
      publishableKey: framePublishableKey,
      parentOrigin,
      clientToken: init.clientToken,
      refreshClientToken: async () => (await endpoint.call("refreshClientToken", {}, { timeoutMs: 30_000 })).clientToken,
    });
    // Every flow resumes its session first: asked now, so the round trip runs while the
    // words load and the first screen renders (rendering starts once the request has left).
    const sessionSent = api.startSession();
    applyCheckedAppearance(shared, init.appearance);
    // The customer's language is loaded (a chunk, unless English) before the flow's first
    // screen renders and reports ready: the first paint is already in their words.
    await Promise.all([setLocale(init.locale), sessionSent]);
    shared.emit("title", title(init.locale));
    await onInit({ endpoint, parentOrigin, api, init });
    return {};
  });
  shared.handle("configure", async ({ appearance, locale }) => {
    if (appearance !== undefined) applyCheckedAppearance(shared, appearance);
    // Answered once the new words are on screen.
    if (locale) {
      await setLocale(locale);
      shared.emit("title", title(locale));
    }
    return {};
  });

  const measure = reportHeight(shared);
  shared.beforeEmit("ready", async (sendFirst) => {
    await firstScreenRendered();
    sendFirst("resize", { height: measure() });
  });
  return endpoint;
}

function applyCheckedAppearance(endpoint: BridgeEndpoint<EveryFlowFrameSpec, HostSpec>, value: unknown): void {
  const { appearance, error } = parseAppearance(value);
  // A styling mistake must not stop a customer from paying: report it, use the default.
  if (error) endpoint.emit("error", error.toJSON());
  applyAppearance(document.documentElement, appearance);
}

/** Reports the page's height whenever it changes; returns a function that measures it now (and counts it as reported). */
function reportHeight(endpoint: BridgeEndpoint<EveryFlowFrameSpec, HostSpec>): () => number {
  let last = -1;
  const measure = (): number => (last = Math.ceil(document.documentElement.getBoundingClientRect().height));
  const observer = new ResizeObserver(() => {
    const previous = last;
    if (measure() !== previous) endpoint.emit("resize", { height: last });
  });
  observer.observe(document.documentElement);
  endpoint.onClose(() => observer.disconnect());
  return measure;
}

/**
 * Resolves once no lit element in the document (shadow roots included) has an update
 * pending: a view renders its children in their own later updates, so one
 * `updateComplete` is not the whole screen. Also waits for the fonts the first screen
 * uses. Gives up after FIRST_SCREEN_WAIT_MS.
 */
async function firstScreenRendered(): Promise<void> {
  const deadline = performance.now() + FIRST_SCREEN_WAIT_MS;
  const timeLeft = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, Math.max(0, deadline - performance.now())));
  for (let pending = pendingUpdates(document); pending.length > 0 && performance.now() < deadline; pending = pendingUpdates(document)) {
    await Promise.race([Promise.all(pending), timeLeft()]);
  }
  await Promise.race([document.fonts.ready, timeLeft()]);
}

function pendingUpdates(root: Document | ShadowRoot): Promise<unknown>[] {
  const pending: Promise<unknown>[] = [];
  for (const element of root.querySelectorAll("*")) {
    if (element instanceof ReactiveElement && element.isUpdatePending) pending.push(element.updateComplete);
    if (element.shadowRoot) pending.push(...pendingUpdates(element.shadowRoot));
  }
  return pending;
}
