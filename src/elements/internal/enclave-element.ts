/**
 * The base of every Enclave host element: mounts the frame, runs the handshake, hands
 * the frame its client token, follows its height and re-dispatches its events.
 *
 * A plain custom element, not lit: the host side is one iframe (and a dialog for modal
 * flows) and the whole loader must stay under 12 KB gzip (docs/decisions/0002).
 *
 * Map: `connectedCallback` → `mountFrame()` → `connect()` (handshake, then `init`) →
 * frame events become `enclave-*` events. `disconnectedCallback` tears it all down; a
 * re-attached element connects again from scratch. Changing `publishable-key` or `host`
 * reconnects; changing `locale` or `appearance` reconfigures the live frame, and only when
 * their content changed. A frame that reloads connects again by itself (the bridge
 * re-binds) and gets `init` again.
 *
 * Ready sooner, and at its final height (issue 13): the client token is asked for while
 * the iframe loads (it is still sent only over the port, after the handshake checked the
 * frame's origin); until the frame is ready the element shows a quiet skeleton of the
 * height it expects (the frame's last height on this page, or the flow's usual one) and
 * keeps the iframe hidden, taking the frame's reported height without animation, so at
 * `enclave-ready` it already stands at the height the customer will see.
 */
import { connectToFrame, type BridgeEndpoint } from "../../bridge/index.js";
import type { Appearance } from "../../protocol/appearance.js";
import type { EveryFlowFrameSpec, FrameSpecOf, HostSpec } from "../../protocol/bridge.js";
import type { RemoteChecks } from "../../protocol/envelopes.js";
import { EnclaveError, type EnclaveErrorShape } from "../../protocol/errors.js";
import type { EnclaveEventDetails, Flow } from "../../protocol/events.js";
import { hostChecks } from "../../protocol/host-spec.js";
import { checkPublishableKey, currentConfig, DEFAULT_HOST, normalizeHost } from "./config.js";
import { frameStyles } from "./frame.styles.js";

/** The host's end of the bridge to one flow's frame. */
export type FrameConnection<F extends Flow> = BridgeEndpoint<HostSpec, FrameSpecOf<F>>;

/** How long a frame may take to load and connect before `enclave-error` says so. */
export const FRAME_CONNECT_TIMEOUT_MS = 15_000;
const INIT_TIMEOUT_MS = 20_000;

export type ConnectionState = "idle" | "connecting" | "ready" | "failed";

/**
 * The skeleton's height before the frame has said its own: each flow's first screen at a
 * common width, then whatever a frame of that flow last reported on this page (a second
 * element, or this one re-attached, starts at the height it will have).
 */
const expectedHeights: Record<Flow, number> = { checkout: 342, "bank-link": 544, identity: 628 };

// Node has no HTMLElement: importing an entry during server-side rendering must not throw.
const ElementBase = globalThis.HTMLElement ?? class {};

/**
 * What every Enclave element shares: the attributes and properties below, the frame in its
 * shadow root and the `enclave-*` events re-dispatched from it.
 *
 * @attr {string} publishable-key - The merchant's publishable key (`pk_test_…` or `pk_live_…`); defaults to `Enclave.configure()`'s. Never a secret key.
 * @attr {string} host - The widget host's origin, e.g. `https://widgets.example.com`; defaults to `Enclave.configure()`'s, then to where enclave.js came from (`http://localhost:4000` for `npm start`).
 * @attr {string} locale - BCP 47 tag for the frame's words, amounts and dates (`en`, `es`, `fr`, `de`, `ja`, `ar`, or a regional tag such as `de-CH`); defaults to the browser's. Changing it re-renders the live frame.
 * @attr {string} client-token - A client token (`ct_…`) from the merchant's backend. Prefer the `clientToken` or `fetchClientToken` property, which keep it out of the DOM.
 */
export abstract class EnclaveElement<F extends Flow = Flow> extends ElementBase {
  static observedAttributes = ["publishable-key", "host", "locale", "client-token"];

  /** Which frame this element hosts. */
  protected abstract readonly flow: F;
  /** What this element checks of its frame's answers and events (host-spec.ts `frameChecks`). */
  protected abstract readonly frameChecks: RemoteChecks<FrameSpecOf<F>>;
  /** The iframe's accessible title until the frame sends it in the customer's language. */
  protected abstract readonly frameTitle: string;
  /** The `allow` attribute of the iframe (identity asks for the camera). */
  protected readonly frameAllow: string = "";

  protected connectionState: ConnectionState = "idle";
  protected connection?: FrameConnection<F>;
  protected readonly root: ShadowRoot;

  #clientTokenValue?: string;
  #fetchClientTokenValue?: () => Promise<string>;
  #appearanceValue?: Appearance;
  #connectAbort?: AbortController;
  #frameUrl?: URL;
  /** Set while `init` waits for a token source; the setters call it. */
  #tokenSourceArrived?: () => void;
  /** The locale and appearance the frame has now (sameContent), so an equal value sends nothing. */
  #sentOptions?: string;
  /** `fetchClientToken()` started with the frame, for the first `init` only (a later one needs a fresh token). */
  #earlyToken?: Promise<string>;
  /** The frame's latest reported height: applied while the frame shows, held back while it connects. */
  #frameHeight?: number;

  constructor() {
    super();
    this.root = this.attachShadow({ mode: "open" });
    this.root.adoptedStyleSheets = [frameStyles()];
  }

  /** The merchant's publishable key (`pk_test_…`); defaults to `Enclave.configure()`'s. */
  get publishableKey(): string | undefined {
    return this.getAttribute("publishable-key") ?? undefined;
  }
  set publishableKey(value: string | undefined) {
    this.#reflect("publishable-key", value);
  }

  /** The widget host's origin; defaults to `Enclave.configure()`'s, then to where enclave.js came from. */
  get host(): string | undefined {
    return this.getAttribute("host") ?? undefined;
  }
  set host(value: string | undefined) {
    this.#reflect("host", value);
  }

  /** BCP 47 language tag for the frame's text, amounts and dates; defaults to the browser's. */
  get locale(): string | undefined {
    return this.getAttribute("locale") ?? undefined;
  }
  set locale(value: string | undefined) {
    this.#reflect("locale", value);
  }

  /** A client token minted by the merchant's backend for one session (kept out of the DOM when set as a property). */
  get clientToken(): string | undefined {
    return this.#clientTokenValue ?? this.getAttribute("client-token") ?? undefined;
  }
  set clientToken(value: string | undefined) {
    this.#clientTokenValue = value;
    this.#wakeIfTokenSource();
  }

  /**
   * Returns a fresh client token from the merchant's backend. Called when no
   * `clientToken` is set, and again whenever the token expires mid-flow. May be set after
   * the element is attached (React 19 and Vue set it as a property): the frame waits.
   */
  get fetchClientToken(): (() => Promise<string>) | undefined {
    return this.#fetchClientTokenValue;
  }
  set fetchClientToken(value: (() => Promise<string>) | undefined) {
    this.#fetchClientTokenValue = value;
    this.#wakeIfTokenSource();
  }

  /** Theme, variables and rules applied inside the frame, which checks them and reports `invalid_appearance`. */
  get appearance(): Appearance | undefined {
    return this.#appearanceValue;
  }
  set appearance(value: Appearance | undefined) {
    this.#appearanceValue = value;
    this.#reconfigure();
  }

  connectedCallback(): void {
    // A microtask later, so properties set right after the element is attached (React,
    // Vue, a merchant's own script) are there when the frame URL is decided.
    queueMicrotask(() => this.isConnected && this.connectionState === "idle" && this.#start());
  }

  disconnectedCallback(): void {
    this.#teardown();
  }

  attributeChangedCallback(name: string, previous: string | null, value: string | null): void {
    if (previous === value || !this.isConnected) return;
    if (name === "client-token") this.#wakeIfTokenSource();
    else if (name === "locale") this.#reconfigure();
    // Before the first start (still "idle"), the pending start will read the new value.
    else if ((name === "publishable-key" || name === "host") && this.connectionState !== "idle") {
      this.#teardown();
      this.#start();
    }
  }

  /** Where the iframe goes: the shadow root, or a dialog inside it. */
  protected frameContainer(): ParentNode {
    return this.root;
  }

  /** A flow's own bridge methods go here (checkout's 3-D Secure overlay); `frameOrigin` is the widget host's. */
  protected frameConnected(_connection: FrameConnection<F>, _frameOrigin: string): void {}

  /** The iframe, once mounted. */
  protected get frame(): HTMLIFrameElement | null {
    return this.root.querySelector("iframe");
  }

  /** Dispatches one of the public events: bubbles, composed, JSON detail. */
  protected emit<K extends keyof EnclaveEventDetails>(name: K, detail: EnclaveEventDetails[K]): void {
    this.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
  }

  protected emitError(error: EnclaveErrorShape): void {
    this.emit("enclave-error", { code: error.code, message: error.message, retryable: error.retryable });
  }

  /** The live connection, or an EnclaveError `not_connected` for calls made too early. */
  protected requireConnection(): FrameConnection<F> {
    if (!this.connection || this.connectionState !== "ready" || this.connection.isClosed) {
      throw new EnclaveError("not_connected", `<enclave-${this.flow}> is not connected yet; wait for enclave-ready.`, { retryable: true });
    }
    return this.connection;
  }

  #reflect(name: string, value: string | undefined): void {
    if (value === undefined || value === null) this.removeAttribute(name);
    else this.setAttribute(name, value);
  }

  #start(): void {
    this.#frameUrl = this.#resolveFrameUrl();
    if (!this.#frameUrl) return;
    this.#mountFrame(this.#frameUrl);
    // Asked now, while the frame loads; it waits for the handshake before it is sent.
    if (!this.clientToken && this.fetchClientToken) {
      this.#earlyToken = this.#freshClientToken();
      // Reported where it is used (#initialize), as the same enclave-error as before.
      this.#earlyToken.catch(() => undefined);
    }
    void this.#connect(this.#frameUrl);
  }

  #resolveFrameUrl(): URL | undefined {
    const config = currentConfig();
    const key = this.publishableKey ?? config.publishableKey;
    try {
      if (!key) throw new EnclaveError("missing_publishable_key", `<enclave-${this.flow}> needs a publishable-key attribute or Enclave.configure({ publishableKey }).`);
      const url = new URL(`/frames/${this.flow}.html`, normalizeHost(this.host ?? config.host ?? DEFAULT_HOST));
      url.searchParams.set("pk", checkPublishableKey(key));
      // A hint only (init names the locale again): the frame starts fetching the customer's words while it boots.
      url.searchParams.set("locale", this.#effectiveLocale());
      return url;
    } catch (error) {
      this.connectionState = "failed";
      // Deferred so that listeners added right after the element is created still hear it.
      queueMicrotask(() => this.emitError(EnclaveError.from(error)));
      return undefined;
    }
  }

  #mountFrame(url: URL): void {
    const iframe = this.frame ?? document.createElement("iframe");
    iframe.setAttribute("part", "frame");
    iframe.referrerPolicy = "no-referrer";
    if (this.frameAllow) iframe.allow = this.frameAllow;
    iframe.src = url.href;
    iframe.style.setProperty("height", `${this.#frameHeight ?? expectedHeights[this.flow]}px`);
    if (!iframe.isConnected) this.frameContainer().append(iframe);
    this.#applyTitle(this.frameTitle);
  }

  /** Names the frame, and the dialog holding it if there is one. */
  #applyTitle(title: string): void {
    this.frame?.setAttribute("title", title);
    this.root.querySelector("dialog")?.setAttribute("aria-label", title);
  }

  #setState(state: ConnectionState): void {
    const iframe = this.frame;
    // Shown now: at the frame's height; a frame that never said one (it did not connect) takes no room.
    const height = state === "ready" || state === "failed" ? (this.#frameHeight ?? (state === "failed" ? 0 : undefined)) : undefined;
    if (iframe && height !== undefined) {
      this.#sizeFrame(iframe, height);
      // Laid out at that height before the transition comes back with the reveal: no animation from the skeleton's height.
      iframe.getBoundingClientRect();
    }
    this.connectionState = state;
    this.toggleAttribute("data-connecting", state === "connecting");
    if (state === "connecting") this.setAttribute("aria-busy", "true");
    else this.removeAttribute("aria-busy");
  }

  #sizeFrame(iframe: HTMLIFrameElement, height: number): void {
    // Through the CSSOM, not a style attribute, which a strict CSP on the merchant's page would block.
    iframe.style.setProperty("height", `${height}px`);
    if (height > 0) expectedHeights[this.flow] = height;
  }

  async #connect(frameUrl: URL): Promise<void> {
    const iframe = this.frame;
    if (!iframe) return;
    this.#setState("connecting");
    const abort = new AbortController();
    this.#connectAbort = abort;
    const fail = (error: unknown): void => {
      if (abort.signal.aborted) return;
      this.#setState("failed");
      const reason = EnclaveError.from(error);
      this.emitError(reason.code === "handshake_timeout" ? new EnclaveError("frame_connect_timeout", reason.message, { retryable: true }) : reason);
    };
    try {
      const connection = await connectToFrame<HostSpec, FrameSpecOf<F>>({
        iframe,
        frameOrigin: frameUrl.origin,
        flow: this.flow,
        local: hostChecks,
        remote: this.frameChecks,
        timeoutMs: FRAME_CONNECT_TIMEOUT_MS,
        signal: abort.signal,
      });
      this.connection = connection;
      this.#listenTo(connection, iframe);
      this.frameConnected(connection, frameUrl.origin);
      // The frame reloaded: a new document, with nothing of the old one's `init`.
      connection.onReconnect(() => void this.#initialize(connection, frameUrl, abort.signal).catch(fail));
      await this.#initialize(connection, frameUrl, abort.signal);
    } catch (error) {
      fail(error);
    }
  }

  #listenTo(connection: FrameConnection<F>, iframe: HTMLIFrameElement): void {
    connection.handle("refreshClientToken", async () => ({ clientToken: await this.#freshClientToken() }));
    // While connecting the skeleton keeps its height; the frame sends its final one just before `ready`.
    connection.on("resize", ({ height }) => {
      this.#frameHeight = Math.ceil(height);
      if (this.connectionState !== "connecting") this.#sizeFrame(iframe, this.#frameHeight);
    });
    // In the frame's locale, which follows this element's `locale`.
    connection.on("title", ({ title }) => this.#applyTitle(title));
    // The frame announces ready just before it answers `init`: a listener may call submit() at once.
    connection.on("ready", (detail) => {
      this.#setState("ready");
      this.emit("enclave-ready", detail);
    });
    connection.on("change", (detail) => this.emit("enclave-change", detail));
    connection.on("success", (detail) => this.emit("enclave-success", detail));
    connection.on("exit", (detail) => this.emit("enclave-exit", detail));
    connection.on("error", (detail) => this.emitError(detail));
    connection.on("event", (detail) => this.emit("enclave-event", detail));
    connection.onClose(() => {
      if (this.connection === connection) this.#setState("failed");
    });
  }

  /** Sends `init` (a token, the key, locale and appearance); the element is ready once the frame accepts it. */
  async #initialize(frameConnection: FrameConnection<F>, frameUrl: URL, signal: AbortSignal): Promise<void> {
    const connection: BridgeEndpoint<HostSpec, EveryFlowFrameSpec> = frameConnection;
    this.#setState("connecting");
    if (!this.clientToken && !this.fetchClientToken) await this.#tokenSourceProvided(signal);
    const options = this.#frameOptions();
    // Before sending: an `enclave-ready` listener that changes the appearance is diffed against these.
    this.#sentOptions = sameContent(options);
    const init = (clientToken: string) =>
      connection.call("init", { clientToken, publishableKey: frameUrl.searchParams.get("pk") ?? "", ...options }, { timeoutMs: INIT_TIMEOUT_MS });
    const early = this.#earlyToken;
    this.#earlyToken = undefined;
    try {
      await init(this.clientToken ?? (await (early ?? this.#freshClientToken())));
    } catch (error) {
      // A token set in the markup may have expired while the page sat open, or be bound to
      // the key of an earlier frame (this element was re-attached, or the frame reloaded).
      const { code } = EnclaveError.from(error);
      if ((code !== "client_token_expired" && code !== "client_token_bound") || !this.fetchClientToken) throw error;
      await init(await this.#freshClientToken());
    }
    if (signal.aborted) return;
    this.#setState("ready");
    // What changed while `init` was on its way.
    this.#reconfigure();
  }

  async #freshClientToken(): Promise<string> {
    if (!this.fetchClientToken) {
      throw new EnclaveError("client_token_unavailable", `<enclave-${this.flow}> needs clientToken, or fetchClientToken to ask your backend for one.`);
    }
    let token: unknown;
    try {
      token = await this.fetchClientToken();
    } catch (cause) {
      throw new EnclaveError("client_token_unavailable", "fetchClientToken() failed; check your backend's client-token endpoint.", { retryable: true, cause });
    }
    if (typeof token !== "string" || !token.startsWith("ct_")) {
      throw new EnclaveError("client_token_unavailable", "fetchClientToken() must resolve with a client token string (ct_…).");
    }
    return token;
  }

  /**
   * Waits a while for the page to set `clientToken` or `fetchClientToken`: markup often
   * comes before the script that sets them, and the frame loads in the meantime. Their
   * setters end the wait; after FRAME_CONNECT_TIMEOUT_MS, or once the element is
   * removed, it ends anyway (and `init` then reports `client_token_unavailable`).
   */
  #tokenSourceProvided(signal: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        signal.removeEventListener("abort", done);
        this.#tokenSourceArrived = undefined;
        resolve();
      };
      const timer = setTimeout(done, FRAME_CONNECT_TIMEOUT_MS);
      signal.addEventListener("abort", done);
      this.#tokenSourceArrived = done;
    });
  }

  #wakeIfTokenSource(): void {
    if (this.clientToken || this.fetchClientToken) this.#tokenSourceArrived?.();
  }

  #effectiveLocale(): string {
    try {
      return Intl.getCanonicalLocales(this.locale ?? navigator.language)[0] ?? "en";
    } catch {
      return "en";
    }
  }

  /** The locale, and the appearance as given: the frame checks it and reports `invalid_appearance` itself. */
  #frameOptions(): { locale: string; appearance?: unknown } {
    const locale = this.#effectiveLocale();
    if (this.#appearanceValue === undefined) return { locale };
    try {
      return { locale, appearance: JSON.parse(JSON.stringify(this.#appearanceValue)) as unknown };
    } catch {
      return { locale, appearance: "not JSON" };
    }
  }

  /**
   * Sends the locale and appearance when their content differs from what the frame has
   * (as react-stripe-js diffs options): a framework that builds a new `appearance`
   * object on every render sends nothing, and the frame does not restyle.
   */
  #reconfigure(): void {
    if (this.connectionState !== "ready") return;
    const options = this.#frameOptions();
    const content = sameContent(options);
    if (content === this.#sentOptions) return;
    this.#sentOptions = content;
    const connection: BridgeEndpoint<HostSpec, EveryFlowFrameSpec> = this.requireConnection();
    connection.call("configure", options).catch((error: unknown) => this.emitError(EnclaveError.from(error)));
  }

  #teardown(): void {
    this.#connectAbort?.abort();
    this.#connectAbort = undefined;
    this.connection?.close();
    this.connection = undefined;
    this.#sentOptions = undefined;
    this.#earlyToken = undefined;
    this.#setState("idle");
  }
}

/** JSON with every object's keys sorted: equal for values with the same content. */
function sameContent(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner && typeof inner === "object" && !Array.isArray(inner) ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => (a < b ? -1 : 1))) : inner,
  );
}
