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
 */
import {
  ConnectMessageSchema,
  HelloMessageSchema,
  PROTOCOL_VERSION,
  parsePortMessage,
  type SideSpec,
} from "../protocol/envelopes.js";
import { EnclaveError } from "../protocol/errors.js";
import type { Flow } from "../protocol/events.js";
import { BridgeEndpoint } from "./endpoint.js";

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
  local: Local;
  remote: Remote;
  timeoutMs?: number;
  signal?: AbortSignal;
  stats?: HandshakeStats;
}

/**
 * Host side. Call before (or right after) setting the iframe's `src`: resolves with the
 * endpoint once the frame has confirmed the channel.
 */
export function connectToFrame<Local extends SideSpec, Remote extends SideSpec>(
  options: ConnectToFrameOptions<Local, Remote>,
): Promise<BridgeEndpoint<Local, Remote>> {
  const { iframe, frameOrigin, flow, local, remote, signal } = options;
  const stats = options.stats ?? { droppedMessages: 0 };
  const timeoutMs = options.timeoutMs ?? DEFAULT_HANDSHAKE_TIMEOUT_MS;

  return new Promise((resolve, reject) => {
    const attempts = new Map<string, MessagePort>();

    const finish = (outcome: () => void): void => {
      clearTimeout(timer);
      window.removeEventListener("message", onWindowMessage);
      signal?.removeEventListener("abort", onAbort);
      outcome();
    };

    const onWindowMessage = (event: MessageEvent): void => {
      if (event.source === null || event.source !== iframe.contentWindow) return; // someone else's message: not ours to count
      const hello = HelloMessageSchema.safeParse(event.data);
      if (event.origin !== frameOrigin || !hello.success || hello.data.flow !== flow) {
        stats.droppedMessages++;
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
        for (const unused of attempts.values()) unused.close();
        finish(() => resolve(new BridgeEndpoint(channel.port1, local, remote)));
      };
      iframe.contentWindow?.postMessage(
        { enclave: 1, type: "connect", version: PROTOCOL_VERSION, nonce },
        frameOrigin,
        [channel.port2],
      );
    };

    const onAbort = (): void =>
      finish(() => {
        for (const port of attempts.values()) port.close();
        reject(new EnclaveError("connection_closed", "The connection attempt was abandoned.", { retryable: true }));
      });

    const timer = setTimeout(
      () =>
        finish(() => {
          for (const port of attempts.values()) port.close();
          reject(
            new EnclaveError(
              "handshake_timeout",
              `The ${flow} frame did not connect within ${timeoutMs} ms. Check that the widget host at ${frameOrigin} is reachable and that this page's origin is among your allowed origins.`,
              { retryable: true },
            ),
          );
        }),
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
  remote: Remote;
  timeoutMs?: number;
  stats?: HandshakeStats;
}

export interface ParentConnection<Local extends SideSpec, Remote extends SideSpec> {
  endpoint: BridgeEndpoint<Local, Remote>;
  /** The merchant page's origin, as the browser reported it. */
  parentOrigin: string;
}

/** Frame side: says hello until the parent connects, then speaks only over the port. */
export function connectToParent<Local extends SideSpec, Remote extends SideSpec>(
  options: ConnectToParentOptions<Local, Remote>,
): Promise<ParentConnection<Local, Remote>> {
  const { flow, local, remote } = options;
  const stats = options.stats ?? { droppedMessages: 0 };
  const timeoutMs = options.timeoutMs ?? DEFAULT_HANDSHAKE_TIMEOUT_MS;

  return new Promise((resolve, reject) => {
    if (window.parent === window) {
      reject(new EnclaveError("handshake_timeout", "This page must be embedded by an Enclave element."));
      return;
    }

    const sayHello = (): void => window.parent.postMessage({ enclave: 1, type: "hello", flow }, "*");

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
        return;
      }
      port.postMessage({ enclave: 1, kind: "connected", nonce: connect.data.nonce });
      finish(() => resolve({ endpoint: new BridgeEndpoint(port, local, remote), parentOrigin: event.origin }));
    };

    const timer = setTimeout(
      () =>
        finish(() =>
          reject(new EnclaveError("handshake_timeout", `The page did not connect to the ${flow} frame within ${timeoutMs} ms.`, { retryable: true })),
        ),
      timeoutMs,
    );
    const helloTimer = setInterval(sayHello, HELLO_INTERVAL_MS);
    window.addEventListener("message", onWindowMessage);
    sayHello();
  });
}
