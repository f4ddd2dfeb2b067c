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
 * reconnects; changing `locale` or `appearance` reconfigures the live frame.
 */
import { connectToFrame, type BridgeEndpoint } from "../../bridge/index.js";
import type { Appearance } from "../../protocol/appearance.js";
import type { FrameSpec } from "../../protocol/bridge.js";
import { EnclaveError, type EnclaveErrorShape } from "../../protocol/errors.js";
import type { EnclaveEventDetails, Flow } from "../../protocol/events.js";
import { frameSpecForHost, hostSpec, type HostSpec } from "../../protocol/host-spec.js";
import { checkPublishableKey, currentConfig, DEFAULT_HOST, normalizeHost } from "./config.js";
import { frameStyles } from "./frame.styles.js";

export type FrameConnection = BridgeEndpoint<HostSpec, FrameSpec>;

/** How long a frame may take to load and connect before `enclave-error` says so. */
export const FRAME_CONNECT_TIMEOUT_MS = 15_000;
const INIT_TIMEOUT_MS = 20_000;

export type ConnectionState = "idle" | "connecting" | "ready" | "failed";

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
export abstract class EnclaveElement extends ElementBase {
  static observedAttributes = ["publishable-key", "host", "locale", "client-token"];

  /**
   * Returns a fresh client token from the merchant's backend. Called when no
   * `clientToken` is set, and again whenever the token expires mid-flow.
   */
  fetchClientToken?: () => Promise<string>;

  /** Which frame this element hosts. */
  protected abstract readonly flow: Flow;
  /** The iframe's accessible title. */
  protected abstract readonly frameTitle: string;
  /** The `allow` attribute of the iframe (identity asks for the camera). */
  protected readonly frameAllow: string = "";

  protected connectionState: ConnectionState = "idle";
  protected connection?: FrameConnection;
  protected readonly root: ShadowRoot;

  private clientTokenValue?: string;
  private appearanceValue?: Appearance;
  private connectAbort?: AbortController;
  private frameUrl?: URL;

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
    this.reflect("publishable-key", value);
  }

  /** The widget host's origin; defaults to `Enclave.configure()`'s, then to where enclave.js came from. */
  get host(): string | undefined {
    return this.getAttribute("host") ?? undefined;
  }
  set host(value: string | undefined) {
    this.reflect("host", value);
  }

  /** BCP 47 language tag for the frame's text, amounts and dates; defaults to the browser's. */
  get locale(): string | undefined {
    return this.getAttribute("locale") ?? undefined;
  }
  set locale(value: string | undefined) {
    this.reflect("locale", value);
  }

  /** A client token minted by the merchant's backend for one session (kept out of the DOM when set as a property). */
  get clientToken(): string | undefined {
    return this.clientTokenValue ?? this.getAttribute("client-token") ?? undefined;
  }
  set clientToken(value: string | undefined) {
    this.clientTokenValue = value;
  }

  /** Theme, variables and rules applied inside the frame, which checks them and reports `invalid_appearance`. */
  get appearance(): Appearance | undefined {
    return this.appearanceValue;
  }
  set appearance(value: Appearance | undefined) {
    this.appearanceValue = value;
    this.reconfigure();
  }

  connectedCallback(): void {
    // A microtask later, so properties set right after the element is attached (React,
    // Vue, a merchant's own script) are there when the frame URL is decided.
    queueMicrotask(() => this.isConnected && this.connectionState === "idle" && this.start());
  }

  disconnectedCallback(): void {
    this.teardown();
  }

  attributeChangedCallback(name: string, previous: string | null, value: string | null): void {
    if (previous === value || !this.isConnected) return;
    if (name === "locale") this.reconfigure();
    // Before the first start (still "idle"), the pending start will read the new value.
    else if ((name === "publishable-key" || name === "host") && this.connectionState !== "idle") {
      this.teardown();
      this.start();
    }
  }

  /** Where the iframe goes: the shadow root, or a dialog inside it. */
  protected frameContainer(): ParentNode {
    return this.root;
  }

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
  protected requireConnection(): FrameConnection {
    if (!this.connection || this.connectionState !== "ready" || this.connection.isClosed) {
      throw new EnclaveError("not_connected", `<enclave-${this.flow}> is not connected yet; wait for enclave-ready.`, { retryable: true });
    }
    return this.connection;
  }

  private reflect(name: string, value: string | undefined): void {
    if (value === undefined || value === null) this.removeAttribute(name);
    else this.setAttribute(name, value);
  }

  private start(): void {
    this.frameUrl = this.resolveFrameUrl();
    if (!this.frameUrl) return;
    this.mountFrame(this.frameUrl);
    void this.connect(this.frameUrl);
  }

  private resolveFrameUrl(): URL | undefined {
    const config = currentConfig();
    const key = this.publishableKey ?? config.publishableKey;
    try {
      if (!key) throw new EnclaveError("missing_publishable_key", `<enclave-${this.flow}> needs a publishable-key attribute or Enclave.configure({ publishableKey }).`);
      const url = new URL(`/frames/${this.flow}.html`, normalizeHost(this.host ?? config.host ?? DEFAULT_HOST));
      url.searchParams.set("pk", checkPublishableKey(key));
      return url;
    } catch (error) {
      this.connectionState = "failed";
      // Deferred so that listeners added right after the element is created still hear it.
      queueMicrotask(() => this.emitError(EnclaveError.from(error)));
      return undefined;
    }
  }

  private mountFrame(url: URL): void {
    const iframe = this.frame ?? document.createElement("iframe");
    iframe.setAttribute("part", "frame");
    iframe.title = this.frameTitle;
    iframe.referrerPolicy = "no-referrer";
    if (this.frameAllow) iframe.allow = this.frameAllow;
    iframe.src = url.href;
    if (!iframe.isConnected) this.frameContainer().append(iframe);
  }

  private setState(state: ConnectionState): void {
    this.connectionState = state;
    this.toggleAttribute("data-connecting", state === "connecting");
  }

  private async connect(frameUrl: URL): Promise<void> {
    const iframe = this.frame;
    if (!iframe) return;
    this.setState("connecting");
    const abort = new AbortController();
    this.connectAbort = abort;
    try {
      const connection = await connectToFrame({
        iframe,
        frameOrigin: frameUrl.origin,
        flow: this.flow,
        local: hostSpec,
        remote: frameSpecForHost,
        timeoutMs: FRAME_CONNECT_TIMEOUT_MS,
        signal: abort.signal,
      });
      this.connection = connection;
      this.listenTo(connection, iframe);
      await this.initialize(connection, frameUrl);
      if (!abort.signal.aborted) this.setState("ready");
    } catch (error) {
      if (abort.signal.aborted) return;
      this.setState("failed");
      const reason = EnclaveError.from(error);
      this.emitError(reason.code === "handshake_timeout" ? new EnclaveError("frame_connect_timeout", reason.message, { retryable: true }) : reason);
    }
  }

  private listenTo(connection: FrameConnection, iframe: HTMLIFrameElement): void {
    connection.handle("refreshClientToken", async () => ({ clientToken: await this.freshClientToken() }));
    // Through the CSSOM, not a style attribute, which a strict CSP on the merchant's page would block.
    connection.on("resize", ({ height }) => iframe.style.setProperty("height", `${Math.ceil(height)}px`));
    connection.on("ready", (detail) => this.emit("enclave-ready", detail));
    connection.on("change", (detail) => this.emit("enclave-change", detail));
    connection.on("success", (detail) => this.emit("enclave-success", detail));
    connection.on("exit", (detail) => this.emit("enclave-exit", detail));
    connection.on("error", (detail) => this.emitError(detail));
    connection.on("event", (detail) => this.emit("enclave-event", detail));
    connection.onClose(() => {
      if (this.connection === connection) this.setState("failed");
    });
  }

  private async initialize(connection: FrameConnection, frameUrl: URL): Promise<void> {
    const init = (clientToken: string) =>
      connection.call(
        "init",
        { clientToken, publishableKey: frameUrl.searchParams.get("pk") ?? "", locale: this.effectiveLocale(), ...this.appearanceOption() },
        { timeoutMs: INIT_TIMEOUT_MS },
      );
    if (!this.clientToken && !this.fetchClientToken) await this.tokenSourceProvided();
    try {
      await init(this.clientToken ?? (await this.freshClientToken()));
    } catch (error) {
      // A token set in the markup may have expired while the page sat open, or be bound to
      // the key of an earlier frame (this element was re-attached, so its frame reloaded).
      const { code } = EnclaveError.from(error);
      if ((code !== "client_token_expired" && code !== "client_token_bound") || !this.fetchClientToken) throw error;
      await init(await this.freshClientToken());
    }
  }

  private async freshClientToken(): Promise<string> {
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
   * comes before the script that sets them, and the frame loads in the meantime.
   */
  private tokenSourceProvided(): Promise<void> {
    const started = Date.now();
    return new Promise((resolve) => {
      const check = (): void => {
        if (this.clientToken || this.fetchClientToken || Date.now() - started > FRAME_CONNECT_TIMEOUT_MS || !this.isConnected) resolve();
        else setTimeout(check, 50);
      };
      check();
    });
  }

  private effectiveLocale(): string {
    try {
      return Intl.getCanonicalLocales(this.locale ?? navigator.language)[0] ?? "en";
    } catch {
      return "en";
    }
  }

  /** Sent as given: the frame checks it and reports `invalid_appearance` itself. */
  private appearanceOption(): { appearance?: unknown } {
    if (this.appearanceValue === undefined) return {};
    try {
      return { appearance: JSON.parse(JSON.stringify(this.appearanceValue)) as unknown };
    } catch {
      return { appearance: "not JSON" };
    }
  }

  private reconfigure(): void {
    if (this.connectionState !== "ready") return;
    this.requireConnection()
      .call("configure", { locale: this.effectiveLocale(), ...this.appearanceOption() })
      .catch((error: unknown) => this.emitError(EnclaveError.from(error)));
  }

  private teardown(): void {
    this.connectAbort?.abort();
    this.connectAbort = undefined;
    this.connection?.close();
    this.connection = undefined;
    this.setState("idle");
  }
}
