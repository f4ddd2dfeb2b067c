/**
 * The handshake between a merchant page (host) and a frame on the widget host's origin.
 *
 * Requirements
 * - The host talks only to the iframe it created, on the origin it expects: a window
 *   message counts only if `event.source === iframe.contentWindow` and
 *   `event.origin === frameOrigin`.
 * - The frame talks only to its own parent, and learns the parent's origin from the
 *   browser (`event.origin` of the `connect` message), never from message data.
 * - Nothing secret travels in a window message: `hello` is posted to "*" and carries
 *   only the flow name; the client token goes over the private port, after it exists.
 * - Every message is parsed by its schema first; what does not parse is dropped and
 *   counted. Look-alike messages from other frames or scripts never reach app code.
 * - Either side gives up with a coded error after a timeout, so a frame that is refused
 *   (CSP frame-ancestors) or a host that is down turns into `handshake_timeout`.
 * - Hellos repeat until answered, so it does not matter whose script loads first; the
 *   host answers each with a fresh channel and keeps the one the frame confirms.
 * - A frame that reloads (or navigates to another page of the widget host) connects
 *   again: the host keeps listening to its iframe while the bridge is open, answers the
 *   new document's hello with a fresh channel, and re-binds the same endpoint to it
 *   (`BridgeEndpoint.rebind`): handlers and listeners stay, calls still waiting on the
 *   old document reject with `frame_reloaded`, and `onReconnect` listeners run (the host
 *   element sends `init` again). The frame side needs nothing: a reloaded document is a
 *   new frame saying hello.
 * - Both sides take a `log` hook (BridgeLog), silent by default.
 *
 * Sequence
 *
 *   frame (W)                                   host page (M)
 *   ─────────                                   ─────────────
 *   hello {flow} ── window.parent, "*" ───────► checks source + origin + schema
 *                                               new MessageChannel, nonce
 *   checks source === parent, schema ◄──────── connect {version, nonce} + port, target W
 *   records event.origin as parent origin
 *   connected {nonce} ── port ────────────────► checks nonce → BridgeEndpoint
 *   ◄══════════ call / result / error / event / close over the port ══════════►
 *   (reloads) hello {flow} ───────────────────► same checks, new channel, connect
 *   connected {nonce} ── new port ────────────► endpoint.rebind(new port)
 */
import {
  ConnectMessageSchema,
  HelloMessageSchema,
  PROTOCOL_VERSION,
  connectMessage,
  connectedMessage,
  helloMessage,
  parsePortMessage,
  type LocalChecks,
  type RemoteChecks,
  type SideSpec,
} from "../protocol/envelopes.js";
import { EnclaveError } from "../protocol/errors.js";
import type { Flow } from "../protocol/events.js";
import { BridgeEndpoint, type BridgeLog } from "./endpoint.js";
import { FrameEndpoint } from "./frame-endpoint.js";

export const DEFAULT_HANDSHAKE_TIMEOUT_MS = 15_000;
const HELLO_INTERVAL_MS = 200;

/** Counts window messages the handshake ignored; tests and diagnostics read it. */
export interface HandshakeStats {
  droppedMessages: number;
}

export interface ConnectToFrameOptions<Local extends SideSpec, Remote extends SideSpec> {
  iframe: HTMLIFrameElement;
  /** The widget host's origin, exactly as `event.origin` will report it. */
  frameOrigin: string;
  flow: Flow;
  /** This side's spec, or only its params (LocalChecks): the frame checks the results. */
  local: Local | LocalChecks<Local>;
  /**
   * The frame's spec, or only the part this side checks (its results and events): the
   * frame checks its own params. With only the checks, name `Remote` explicitly.
   */
  remote: Remote | RemoteChecks<Remote>;
  timeoutMs?: number;
  /** Abandons the attempt; once connected, stops listening for the frame reloading. */
  signal?: AbortSignal;
  stats?: HandshakeStats;
  log?: BridgeLog;
}

/**
 * Host side. Call before (or right after) setting the iframe's `src`: resolves with the
 * endpoint once the frame has confirmed the channel, and keeps it bound to the frame
 * across reloads until it closes.
 */
export function connectToFrame<Local extends SideSpec, Remote extends SideSpec>(options: ConnectToFrameOptions<Local, Remote>): Promise<BridgeEndpoint<Local, Remote>> {
  const { iframe, frameOrigin, flow, local, remote, signal } = options;
  const stats = options.stats ?? { droppedMessages: 0 };
  const timeoutMs = options.timeoutMs ?? DEFAULT_HANDSHAKE_TIMEOUT_MS;
  const log = options.log ?? (() => undefined);

  return new Promise((resolve, reject) => {
    const attempts = new Map<string, MessagePort>();
    let endpoint: BridgeEndpoint<Local, Remote> | undefined;

    const closeAttempts = (): void => {
      for (const port of attempts.values()) port.close();
      attempts.clear();
    };

    const stopListening = (): void => {
      window.removeEventListener("message", onWindowMessage);
      signal?.removeEventListener("abort", onAbort);
      closeAttempts();
    };

    const fail = (error: EnclaveError): void => {
      clearTimeout(timer);
      stopListening();
      reject(error);
    };

    const onWindowMessage = (event: MessageEvent): void => {
      if (event.source === null || event.source !== iframe.contentWindow) return; // someone else's message: not ours to count
      const hello = HelloMessageSchema.safeParse(event.data);
      if (event.origin !== frameOrigin || !hello.success || hello.data.flow !== flow) {
        stats.droppedMessages++;
        log("dropped a hello", event.origin, event.data);
        return;
      }
      const channel = new MessageChannel();
      const nonce = crypto.randomUUID();
      attempts.set(nonce, channel.port1);
      channel.port1.onmessage = (portEvent) => {
        const message = parsePortMessage(portEvent.data);
        if (message?.kind !== "connected" || message.nonce !== nonce) {
          stats.droppedMessages++;
          return;
        }
        channel.port1.onmessage = null;
        attempts.delete(nonce);
        closeAttempts();
        if (endpoint) {
          // A hello after the bridge is up comes from a new document in the same iframe.
          endpoint.rebind(channel.port1);
          return;
        }
        clearTimeout(timer);
        log("connected", frameOrigin);
        const connected = new BridgeEndpoint<Local, Remote>(channel.port1, local, remote, log);
        endpoint = connected;
        connected.onClose(stopListening);
        resolve(connected);
      };
      iframe.contentWindow?.postMessage(connectMessage(nonce), frameOrigin, [channel.port2]);
    };

    const onAbort = (): void => {
      if (endpoint) stopListening();
      else fail(new EnclaveError("connection_closed", "The connection attempt was abandoned.", { retryable: true }));
    };

    const timer = setTimeout(
      () =>
        fail(
          new EnclaveError(
            "handshake_timeout",
            `The ${flow} frame did not connect within ${timeoutMs} ms. Check that the widget host at ${frameOrigin} is reachable and that this page's origin is among your allowed origins.`,
            { retryable: true },
          ),
        ),
      timeoutMs,
    );

    if (signal?.aborted) {
      onAbort();
      return;
    }
    signal?.addEventListener("abort", onAbort);
    window.addEventListener("message", onWindowMessage);
  });
}

export interface ConnectToParentOptions<Local extends SideSpec, Remote extends SideSpec> {
  flow: Flow;
  local: Local;
  remote: Remote | RemoteChecks<Remote>;
  timeoutMs?: number;
  stats?: HandshakeStats;
  log?: BridgeLog;
}

export interface ParentConnection<Local extends SideSpec, Remote extends SideSpec> {
  endpoint: FrameEndpoint<Local, Remote>;
  /** The merchant page's origin, as the browser reported it. */
  parentOrigin: string;
}

/** Frame side: says hello until the parent connects, then speaks only over the port. */
export function connectToParent<Local extends SideSpec, Remote extends SideSpec>(options: ConnectToParentOptions<Local, Remote>): Promise<ParentConnection<Local, Remote>> {
  const { flow, local, remote, log } = options;
  const stats = options.stats ?? { droppedMessages: 0 };
  const timeoutMs = options.timeoutMs ?? DEFAULT_HANDSHAKE_TIMEOUT_MS;

  return new Promise((resolve, reject) => {
    if (window.parent === window) {
      reject(new EnclaveError("handshake_timeout", "This page must be embedded by an Enclave element."));
      return;
    }

    const sayHello = (): void => window.parent.postMessage(helloMessage(flow), "*");

    const finish = (outcome: () => void): void => {
      clearTimeout(timer);
      clearInterval(helloTimer);
      window.removeEventListener("message", onWindowMessage);
      outcome();
    };

    const onWindowMessage = (event: MessageEvent): void => {
      if (event.source === null || event.source !== window.parent) return;
      const connect = ConnectMessageSchema.safeParse(event.data);
      const port = event.ports[0];
      if (!connect.success || connect.data.version !== PROTOCOL_VERSION || event.ports.length !== 1 || !port) {
        stats.droppedMessages++;
        log?.("dropped a connect", event.data);
        return;
      }
      port.postMessage(connectedMessage(connect.data.nonce));
      log?.("connected", event.origin);
      finish(() => resolve({ endpoint: new FrameEndpoint<Local, Remote>(port, local, remote, log), parentOrigin: event.origin }));
    };

    const timer = setTimeout(
      () => finish(() => reject(new EnclaveError("handshake_timeout", `The page did not connect to the ${flow} frame within ${timeoutMs} ms.`, { retryable: true }))),
      timeoutMs,
    );
    const helloTimer = setInterval(sayHello, HELLO_INTERVAL_MS);
    window.addEventListener("message", onWindowMessage);
    sayHello();
  });
}
