/**
 * The base of every Enclave host element: mounts the frame, runs the handshake, hands
 * the frame its client token, follows its height and re-dispatches its events.
 *
 * Built on lit's ReactiveElement without lit-html: the shadow DOM is one iframe (and a
 * dialog for modal flows), and the loader must stay under 12 KB gzip.
 *
 * Map: `connectedCallback` → `syncFrame()` mounts the iframe → `connect()` (handshake, then `init`) →
 * frame events become `enclave-*` events. `disconnectedCallback` tears it all down; a
 * re-attached element connects again from scratch.
 */
import { ReactiveElement, type PropertyValues } from "@lit/reactive-element";
import { connectToFrame, type BridgeEndpoint } from "../../bridge/index.js";
import type { Appearance } from "../../protocol/appearance.js";
import type { FrameSpec } from "../../protocol/bridge.js";
import { frameSpecForHost, hostSpec, type HostSpec } from "../../protocol/host-spec.js";
import { EnclaveError, ErrorCode, type EnclaveErrorShape } from "../../protocol/errors.js";
import type { EnclaveEventDetails, Flow } from "../../protocol/events.js";
import { checkPublishableKey, currentConfig, DEFAULT_HOST, normalizeHost } from "./config.js";

export type FrameConnection = BridgeEndpoint<HostSpec, FrameSpec>;

/** How long a frame may take to load and connect before `enclave-error` says so. */
export const FRAME_CONNECT_TIMEOUT_MS = 15_000;
const INIT_TIMEOUT_MS = 20_000;

export type ConnectionState = "idle" | "connecting" | "ready" | "failed";

export abstract class EnclaveElement extends ReactiveElement {
  static override properties = {
    publishableKey: { attribute: "publishable-key" },
    host: {},
    locale: {},
    clientToken: { attribute: "client-token" },
    appearance: { attribute: false },
    fetchClientToken: { attribute: false },
    connectionState: { state: true },
    frameHeight: { state: true },
  };

  /** The merchant's publishable key (`pk_test_…`); defaults to `Enclave.configure()`'s. */
  publishableKey?: string;
  /** The widget host's origin; defaults to `Enclave.configure()`'s, then to where enclave.js came from. */
  host?: string;
  /** BCP 47 language tag for the frame's text, amounts and dates; defaults to the browser's. */
  locale?: string;
  /** A client token minted by the merchant's backend for one session. */
  clientToken?: string;
  /**
   * Returns a fresh client token from the merchant's backend. Called when no
   * `clientToken` is set, and again whenever the token expires mid-flow.
   */
  fetchClientToken?: () => Promise<string>;
  /** Theme, variables and rules applied inside the frame; validated before it is sent. */
  appearance?: Appearance;

  protected connectionState: ConnectionState = "idle";
  protected frameHeight = 0;
  protected connection?: FrameConnection;

  /** Which frame this element hosts. */
  protected abstract readonly flow: Flow;
  /** The iframe's accessible title. */
  protected abstract readonly frameTitle: string;
  /** The `allow` attribute of the iframe (identity asks for the camera). */
  protected readonly frameAllow: string = "";

  private connectAbort?: AbortController;
  private frameUrl?: URL;

  override connectedCallback(): void {
    super.connectedCallback();
    this.resolveFrameUrl();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.teardown();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has("publishableKey") || changed.has("host")) {
      if (this.connectionState !== "idle") this.teardown();
      this.resolveFrameUrl();
    }
  }

  protected override update(changed: PropertyValues): void {
    super.update(changed);
    this.syncFrame();
  }

  protected override updated(changed: PropertyValues): void {
    if (this.frameUrl && this.connectionState === "idle") void this.connect();
    if (this.connectionState === "ready" && (changed.has("locale") || changed.has("appearance"))) {
      void this.pushConfiguration();
    }
  }

  /** Where the iframe goes: the shadow root, or a dialog inside it. */
  protected frameContainer(): ParentNode {
    return this.renderRoot;
  }

  /** The iframe, once mounted. */
  protected get frame(): HTMLIFrameElement | null {
    return this.renderRoot.querySelector("iframe");
  }

  /** Mounts, updates or removes the iframe to match the state. */
  private syncFrame(): void {
    let iframe = this.frame;
    if (!this.frameUrl) {
      iframe?.remove();
      return;
    }
    if (!iframe) {
      iframe = document.createElement("iframe");
      iframe.setAttribute("part", "frame");
      iframe.title = this.frameTitle;
      iframe.referrerPolicy = "no-referrer";
      if (this.frameAllow) iframe.allow = this.frameAllow;
      this.frameContainer().append(iframe);
    }
    if (iframe.src !== this.frameUrl.href) iframe.src = this.frameUrl.href;
    // Through the CSSOM rather than a style attribute, which a strict CSP on the
    // merchant's page would block.
    iframe.style.height = `${Math.ceil(this.frameHeight)}px`;
    this.toggleAttribute("data-connecting", this.connectionState === "connecting");
  }

  /** Dispatches one of the public events: bubbles, composed, JSON detail. */
  protected emit<K extends keyof EnclaveEventDetails>(name: K, detail: EnclaveEventDetails[K]): void {
    this.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
  }

  protected emitError(error: EnclaveErrorShape): void {
    this.emit("enclave-error", { code: error.code, message: error.message, retryable: error.retryable });
  }

  /** The live connection, or a rejection with `not_connected` for calls made too early. */
  protected requireConnection(): FrameConnection {
    if (!this.connection || this.connectionState !== "ready" || this.connection.isClosed) {
      throw new EnclaveError(ErrorCode.notConnected, `<enclave-${this.flow}> is not connected to its frame yet; wait for enclave-ready.`, { retryable: true });
    }
    return this.connection;
  }

  private resolveFrameUrl(): void {
    this.frameUrl = undefined;
    try {
      const config = currentConfig();
      const publishableKey = checkPublishableKey(this.publishableKey ?? config.publishableKey);
      const host = normalizeHost(this.host ?? config.host ?? DEFAULT_HOST);
      const url = new URL(`/frames/${this.flow}.html`, host);
      url.searchParams.set("pk", publishableKey);
      this.frameUrl = url;
    } catch (error) {
      const missing = !(this.publishableKey ?? currentConfig().publishableKey);
      this.connectionState = "failed";
      this.emitError(
        missing
          ? new EnclaveError(ErrorCode.missingPublishableKey, `<enclave-${this.flow}> needs a publishable-key attribute or Enclave.configure({ publishableKey }).`)
          : EnclaveError.from(error),
      );
    }
  }

  private async connect(): Promise<void> {
    const iframe = this.frame;
    const frameUrl = this.frameUrl;
    if (!iframe || !frameUrl) return;
    this.connectionState = "connecting";
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
      if (abort.signal.aborted) {
        connection.close();
        return;
      }
      this.connection = connection;
      this.listenTo(connection);
      await this.initialize(connection);
      if (abort.signal.aborted) return;
      this.connectionState = "ready";
    } catch (error) {
      if (abort.signal.aborted) return;
      this.connectionState = "failed";
      const reason = EnclaveError.from(error);
      this.emitError(
        reason.code === ErrorCode.handshakeTimeout
          ? new EnclaveError(ErrorCode.frameConnectTimeout, reason.message, { retryable: true })
          : reason,
      );
    }
  }

  private listenTo(connection: FrameConnection): void {
    connection.handle("refreshClientToken", async () => ({ clientToken: await this.freshClientToken() }));
    connection.on("resize", ({ height }) => (this.frameHeight = height));
    connection.on("ready", (detail) => this.emit("enclave-ready", detail));
    connection.on("change", (detail) => this.emit("enclave-change", detail));
    connection.on("success", (detail) => this.emit("enclave-success", detail));
    connection.on("exit", (detail) => this.emit("enclave-exit", detail));
    connection.on("error", (detail) => this.emitError(detail));
    connection.on("event", (detail) => this.emit("enclave-event", detail));
    connection.onClose(() => {
      if (this.connection === connection) this.connectionState = "failed";
    });
  }

  private async initialize(connection: FrameConnection): Promise<void> {
    const init = async (clientToken: string) =>
      connection.call(
        "init",
        { clientToken, publishableKey: this.frameUrl?.searchParams.get("pk") ?? "", locale: this.effectiveLocale(), ...this.appearanceOption() },
        { timeoutMs: INIT_TIMEOUT_MS },
      );
    const firstToken = this.clientToken ?? (await this.freshClientToken());
    try {
      await init(firstToken);
    } catch (error) {
      // A token set as an attribute may have expired while the page sat open.
      if (EnclaveError.from(error).code !== ErrorCode.clientTokenExpired || !this.fetchClientToken) throw error;
      await init(await this.freshClientToken());
    }
  }

  private async freshClientToken(): Promise<string> {
    if (!this.fetchClientToken) {
      throw new EnclaveError(
        ErrorCode.clientTokenUnavailable,
        `<enclave-${this.flow}> needs a client token: set clientToken, or fetchClientToken to a function that asks your backend for one.`,
      );
    }
    let token: unknown;
    try {
      token = await this.fetchClientToken();
    } catch (cause) {
      throw new EnclaveError(ErrorCode.clientTokenUnavailable, "fetchClientToken() failed; check your backend's client-token endpoint.", { retryable: true, cause });
    }
    if (typeof token !== "string" || !token.startsWith("ct_")) {
      throw new EnclaveError(ErrorCode.clientTokenUnavailable, "fetchClientToken() must resolve with a client token string (ct_…).");
    }
    return token;
  }

  private effectiveLocale(): string {
    const candidate = this.locale ?? (typeof navigator === "undefined" ? "en" : navigator.language);
    try {
      return Intl.getCanonicalLocales(candidate)[0] ?? "en";
    } catch {
      return "en";
    }
  }

  /** Sent as given: the frame checks it and reports `invalid_appearance` itself. */
  private appearanceOption(): { appearance?: unknown } {
    return this.appearance === undefined ? {} : { appearance: JSON.parse(JSON.stringify(this.appearance)) as unknown };
  }

  private async pushConfiguration(): Promise<void> {
    try {
      await this.requireConnection().call("configure", { locale: this.effectiveLocale(), ...this.appearanceOption() });
    } catch (error) {
      this.emitError(EnclaveError.from(error));
    }
  }

  private teardown(): void {
    this.connectAbort?.abort();
    this.connectAbort = undefined;
    this.connection?.close();
    this.connection = undefined;
    this.connectionState = "idle";
    this.frameHeight = 0;
  }
}
