/**
 * What the host-element stories share: the real `<enclave-checkout>`, `<enclave-bank-link>`
 * and `<enclave-identity>` as a merchant page holds them, connected to a real widget host
 * (the `enclaveHost` global, see widget-host.ts), with the merchant's own controls beside
 * them (Pay, Clear, Open) and a log of every `enclave-*` event they dispatch.
 *
 * Stories that need the widget host carry the tag `widget-host`; those that also need a
 * client token carry `client-token`, and take it from the `clientToken` control (the
 * Storybook test mints one per visit; by hand, see Docs › Getting started).
 */
import type { ArgTypes, Meta, StoryContext } from "@storybook/web-components-vite";
import { withActions } from "storybook/actions/decorator";
import { EnclaveBankLink, EnclaveCheckout, EnclaveIdentity } from "../../src/elements/index.js";
import { DEFAULT_HOST } from "../../src/elements/internal/config.js";
import type { EnclaveEventDetails } from "../../src/protocol/events.js";
import { supportedLanguages } from "../../src/frames/ui/i18n.js";
import { appearanceArgTypes, appearanceOf, type AppearanceArgs, type FrameGlobals } from "./appearance.js";
import "./host-element.css";

export const enclaveEventNames = [
  "enclave-ready",
  "enclave-change",
  "enclave-success",
  "enclave-exit",
  "enclave-error",
  "enclave-event",
] as const satisfies readonly (keyof EnclaveEventDetails)[];

const elements = {
  "enclave-checkout": { opens: "", flowName: "payment form" },
  "enclave-bank-link": { opens: "Link a bank", flowName: "bank link" },
  "enclave-identity": { opens: "Verify identity", flowName: "identity check" },
} as const;
export type HostTag = keyof typeof elements;
type HostElement = EnclaveCheckout | EnclaveBankLink | EnclaveIdentity;

/** The element's attributes and properties a story sets, and the appearance it sends to its frame. */
export interface HostArgs extends AppearanceArgs {
  /** Empty: none, as on a page that forgot it. */
  publishableKey: string;
  /** Empty: the `enclaveHost` global. */
  host: string;
  /** Empty: no client token, as on a page whose backend has not answered. */
  clientToken: string;
  /** Empty: the toolbar's locale. */
  locale: string;
  /** Bank link and identity only. */
  mode: "modal" | "inline";
}

interface HostGlobals extends Partial<FrameGlobals> {
  enclaveHost?: string;
}

// `type: "string"` because the manifest types these "string | undefined", which Storybook
// cannot map, and would then drop the values given in the URL (`?args=publishableKey:…`).
const hostArgTypes: Partial<ArgTypes<HostArgs>> = {
  publishableKey: { type: "string", control: "text", description: "`publishable-key`: the `pk_test_…` that `npm start` prints", table: { category: "Element" } },
  host: { type: "string", control: "text", description: "`host`: the widget host's origin (empty: the enclaveHost global, http://localhost:4000)", table: { category: "Element" } },
  clientToken: {
    type: "string",
    control: "text",
    description: "`clientToken`: a `ct_…` your backend minted for one session (see Docs › Getting started)",
    table: { category: "Element" },
  },
  locale: {
    type: "string",
    control: "select",
    options: ["", ...supportedLanguages, "en-GB", "de-CH"],
    description: "`locale` (empty: the toolbar's)",
    table: { category: "Element" },
  },
  mode: { control: "inline-radio", options: ["modal", "inline"], description: "`mode`", table: { category: "Element" } },
};

/** The meta every host-element story file starts from. */
export function hostElementMeta(tag: HostTag): Meta<HostArgs> {
  const modal = tag !== "enclave-checkout";
  return {
    args: { publishableKey: "", host: "", clientToken: "", locale: "", mode: "modal" },
    argTypes: {
      ...hostArgTypes,
      ...(modal ? {} : { mode: { table: { disable: true } } }),
      ...appearanceArgTypes,
      // The manifest lists these; the controls above set them (attributes as their properties).
      "publishable-key": { control: false },
      "client-token": { control: false },
      appearance: { control: false },
      fetchClientToken: { control: false },
    } as Meta<HostArgs>["argTypes"],
    decorators: [withActions],
    parameters: { layout: "padded", actions: { handles: [...enclaveEventNames] } },
    render: (args, context) => renderHostElement(tag, args, context),
  };
}

/**
 * The element as a merchant's page holds it: attributes from the args, the appearance
 * from the toolbar's theme and the appearance controls, and `prepare` for what a page
 * sets in script (a `fetchClientToken`, a call on ready).
 */
export function renderHostElement(tag: HostTag, args: HostArgs, context: StoryContext<HostArgs>, prepare?: (element: HostElement) => void): HTMLElement {
  const globals = context.globals as HostGlobals;
  const element = document.createElement(tag);
  if (args.publishableKey) element.publishableKey = args.publishableKey;
  element.host = args.host || globals.enclaveHost || DEFAULT_HOST;
  element.locale = args.locale || globals.locale || "en";
  if (element instanceof EnclaveBankLink || element instanceof EnclaveIdentity) element.mode = args.mode;
  if (args.clientToken) element.clientToken = args.clientToken;
  element.appearance = appearanceOf(globals.theme ?? "default", args);

  const log = eventLog(element);
  prepare?.(element);

  const page = document.createElement("div");
  page.className = "host-story";
  page.append(merchantControls(element, log.record), element, log.log);
  return page;
}

/** A well-formed publishable key for the states that fail before any request, so the key is not what they show. */
export const wellFormedPublishableKey = "pk_test_storybook000000000001";
/** An origin where nothing answers (the discard port): the frame never connects. */
export const unreachableHost = "http://127.0.0.1:9";

type Prepare = (element: HostElement, context: StoryContext<HostArgs>) => void;

/** A story's render with something the page sets in script before the element connects. */
export function renderWith(tag: HostTag, prepare: Prepare): NonNullable<Meta<HostArgs>["render"]> {
  return (args, context) => renderHostElement(tag, args, context, (element) => prepare(element, context));
}

/** The merchant's backend fails: `fetchClientToken()` rejects. */
export const backendFails: Prepare = (element) => {
  element.fetchClientToken = () => Promise.reject(new Error("The merchant's backend answered 500"));
};

/** Opens the dialog on ready, as a page's button would — not on a docs page, where it would cover the page. */
export const openWhenReady: Prepare = (element, context) => {
  if (context.viewMode === "docs" || element instanceof EnclaveCheckout) return;
  element.addEventListener("enclave-ready", () => element.open(), { once: true });
};

/** The page's own buttons: Pay and Clear for checkout, Open for the modal flows. */
function merchantControls(element: HostElement, record: (label: string, detail: unknown) => void): HTMLElement {
  const bar = document.createElement("div");
  bar.className = "host-story-controls";
  const button = (label: string, onClick: () => void): HTMLButtonElement => {
    const control = document.createElement("button");
    control.type = "button";
    control.textContent = label;
    control.addEventListener("click", onClick);
    return control;
  };
  // A rejected promise is what the merchant's code sees: log it as their catch would.
  const settle = (call: string, promise: Promise<unknown>): void => {
    promise.then(
      (result) => record(`${call} resolved`, result ?? {}),
      (error: unknown) => record(`${call} rejected`, error),
    );
  };
  if (element instanceof EnclaveCheckout) {
    bar.append(
      button("Pay", () => settle("submit()", element.submit())),
      button("Clear", () => settle("clear()", element.clear())),
    );
  } else {
    bar.append(button(elements[element.localName as HostTag].opens, () => element.open()));
  }
  return bar;
}

/** Every `enclave-*` event of the element, newest last, with its detail as the page receives it. */
function eventLog(element: HostElement): { log: HTMLElement; record: (label: string, detail: unknown) => void } {
  // A live region around the list, so a screen reader hears each event (a list may not be a log itself).
  const log = document.createElement("div");
  log.className = "host-story-log";
  log.setAttribute("role", "log");
  log.setAttribute("aria-label", `Events from the ${elements[element.localName as HostTag].flowName}`);
  const list = document.createElement("ol");
  log.append(list);
  const record = (label: string, detail: unknown): void => {
    const entry = document.createElement("li");
    const name = document.createElement("code");
    name.textContent = label;
    const body = document.createElement("span");
    body.textContent = JSON.stringify(detail instanceof Error ? { ...detail, message: detail.message } : detail);
    entry.append(name, " ", body);
    list.append(entry);
  };
  for (const name of enclaveEventNames) element.addEventListener(name, (event) => record(name, (event as CustomEvent).detail));
  return { log, record };
}
