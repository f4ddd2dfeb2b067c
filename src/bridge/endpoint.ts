/**
 * One end of an established bridge: RPC calls with ids and timeouts, and one-way events,
 * over a private MessagePort. Both ends use this class; what differs is the spec each
 * side implements (`local`) and the spec of the other side (`remote`).
 *
 * Nothing that arrives is trusted: every port message is parsed by its envelope schema,
 * every params/result/detail by its spec schema. What fails is dropped and counted.
 * Everything sent is built by the envelope constructors of protocol/envelopes.ts.
 *
 * The port can change under the endpoint: when the frame reloads, the handshake connects
 * to the new document and `rebind()`s this endpoint to the new port, so handlers and
 * listeners stay in place (see handshake.ts, requirement "a frame that reloads").
 */
import type * as z from "zod/mini";
import {
  callMessage,
  closeMessage,
  errorMessage,
  eventMessage,
  parsePortMessage,
  resultMessage,
  type LocalChecks,
  type PortMessage,
  type PortMessageOf,
  type RemoteChecks,
  type SideSpec,
} from "../protocol/envelopes.js";
import { EnclaveError } from "../protocol/errors.js";

/**
 * Where the bridge says what it does (handshake steps, dropped messages, reconnections),
 * for a developer chasing a problem: `(message, ...details) => console.debug("[enclave]", message, ...details)`.
 * Silent unless given.
 */
export type BridgeLog = (message: string, ...details: unknown[]) => void;

type Params<S extends SideSpec, M extends keyof S["methods"]> = z.input<S["methods"][M]["params"]>;
type Result<S extends SideSpec, M extends keyof S["methods"]> = z.output<S["methods"][M]["result"]>;
type Detail<S extends SideSpec, E extends keyof S["events"]> = z.output<S["events"][E]>;

export type MethodHandlers<S extends SideSpec> = {
  [M in keyof S["methods"]]?: (params: z.output<S["methods"][M]["params"]>) => Promise<z.input<S["methods"][M]["result"]>> | z.input<S["methods"][M]["result"]>;
};

export interface CallOptions {
  timeoutMs?: number;
}

interface PendingCall {
  method: string;
  resolve: (value: unknown) => void;
  reject: (error: EnclaveError) => void;
  timer: ReturnType<typeof setTimeout>;
}

export const DEFAULT_CALL_TIMEOUT_MS = 10_000;

export class BridgeEndpoint<Local extends SideSpec, Remote extends SideSpec> {
  /** Messages that did not parse, or named a method or event the spec does not know. */
  droppedMessages = 0;

  #nextCallId = 1;
  readonly #pending = new Map<number, PendingCall>();
  readonly #handlers: MethodHandlers<Local> = {};
  readonly #listeners = new Map<string, Set<(detail: unknown) => void>>();
  readonly #closeListeners = new Set<() => void>();
  readonly #reconnectListeners = new Set<() => void>();
  #closed = false;
  /** Of the other side's spec, what this side parses: results and events. */
  readonly #remote: RemoteChecks<SideSpec>;
  /** Of this side's spec, what this side parses: the params of calls it receives. */
  readonly #local: LocalChecks<SideSpec>;
  readonly #log: BridgeLog;

  /** Each side's spec, or only what this end checks of it (LocalChecks, RemoteChecks). */
  constructor(
    // Not a #private field: the bridge tests' hostile frame posts on it directly.
    private port: MessagePort,
    local: Local | LocalChecks<Local>,
    remote: Remote | RemoteChecks<Remote>,
    log: BridgeLog = () => undefined,
  ) {
    this.#local = local;
    this.#remote = remote;
    this.#log = log;
    this.#listen(port);
  }

  get isClosed(): boolean {
    return this.#closed;
  }

  /** Implements one of this side's methods. */
  handle<M extends keyof Local["methods"] & string>(method: M, handler: NonNullable<MethodHandlers<Local>[M]>): void {
    this.#handlers[method] = handler;
  }

  /** Calls a method of the other side; rejects with an EnclaveError on error or timeout. */
  call<M extends keyof Remote["methods"] & string>(method: M, params: Params<Remote, M>, options: CallOptions = {}): Promise<Result<Remote, M>> {
    if (this.#closed) return Promise.reject(closedError());
    const id = this.#nextCallId++;
    const timeoutMs = options.timeoutMs ?? DEFAULT_CALL_TIMEOUT_MS;
    return new Promise<Result<Remote, M>>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#pending.delete(id);
        this.#log("call timed out", method);
        reject(new EnclaveError("call_timeout", `The other side did not answer "${method}" within ${timeoutMs} ms.`, { retryable: true }));
      }, timeoutMs);
      this.#pending.set(id, { method, resolve: resolve as (value: unknown) => void, reject, timer });
      this.post(callMessage(id, method, params));
    });
  }

  /** Announces one of this side's events. */
  emit<E extends keyof Local["events"] & string>(name: E, detail: z.input<Local["events"][E]>): void {
    if (this.#closed) return;
    this.post(eventMessage(name, detail));
  }

  /** Listens to one of the other side's events; returns the function that stops listening. */
  on<E extends keyof Remote["events"] & string>(name: E, listener: (detail: Detail<Remote, E>) => void): () => void {
    let set = this.#listeners.get(name);
    if (!set) this.#listeners.set(name, (set = new Set()));
    const untyped = listener as (detail: unknown) => void;
    set.add(untyped);
    return () => set.delete(untyped);
  }

  /** Called once when the bridge closes, from either side. */
  onClose(listener: () => void): void {
    this.#closeListeners.add(listener);
  }

  /**
   * Called each time the other side reloaded and connected again: its state is new, so
   * whatever set it up (the host's `init`) has to run again.
   */
  onReconnect(listener: () => void): void {
    this.#reconnectListeners.add(listener);
  }

  /**
   * Moves the bridge to `port`, the channel to a reloaded frame (called by the handshake).
   * Calls still waiting on the old document reject with `frame_reloaded` rather than being
   * sent again: the document that held their state (typed card fields, a payment being
   * confirmed) is gone, and replaying a `submit` into a fresh form could pay twice or
   * answer for a form the customer never filled. They are retryable once the frame is
   * ready again.
   */
  rebind(port: MessagePort): void {
    if (this.#closed) {
      port.close();
      return;
    }
    this.#log("frame reloaded: bridge rebound");
    this.#unlisten();
    this.#rejectPending(new EnclaveError("frame_reloaded", "The frame reloaded before it answered.", { retryable: true }));
    this.port = port;
    this.#listen(port);
    for (const listener of this.#reconnectListeners) listener();
  }

  /** Closes the bridge: pending calls reject with `connection_closed`, the other side is told. */
  close(): void {
    if (this.#closed) return;
    this.post(closeMessage());
    this.#shutDown();
  }

  #listen(port: MessagePort): void {
    port.onmessage = (event) => this.#receive(event.data);
    port.onmessageerror = () => this.droppedMessages++;
  }

  #unlisten(): void {
    this.port.onmessage = null;
    this.port.close();
  }

  #rejectPending(error: EnclaveError): void {
    for (const call of this.#pending.values()) {
      clearTimeout(call.timer);
      call.reject(error);
    }
    this.#pending.clear();
  }

  #shutDown(): void {
    this.#closed = true;
    this.#log("bridge closed");
    this.#rejectPending(closedError());
    this.#unlisten();
    for (const listener of this.#closeListeners) listener();
    this.#closeListeners.clear();
    this.#reconnectListeners.clear();
  }

  /** Sends one message on the port (FrameEndpoint holds some back; see frame-endpoint.ts). */
  protected post(message: PortMessage): void {
    try {
      this.port.postMessage(message);
    } catch {
      // A value that cannot be cloned is a programming error on this side; the call
      // times out rather than throwing into unrelated code.
      this.droppedMessages++;
    }
  }

  #receive(data: unknown): void {
    const message = parsePortMessage(data);
    if (!message) {
      this.#drop(data);
      return;
    }
    switch (message.kind) {
      case "call":
        void this.#answer(message.id, message.method, message.params);
        return;
      case "result":
      case "error":
        this.#settle(message);
        return;
      case "event":
        this.#dispatch(message.name, message.detail);
        return;
      case "close":
        this.#shutDown();
        return;
      case "connected":
        // Only meaningful during the handshake; later copies are noise.
        this.#drop(message);
        return;
    }
  }

  async #answer(id: number, method: string, rawParams: unknown): Promise<void> {
    const spec = Object.hasOwn(this.#local.methods, method) ? this.#local.methods[method] : undefined;
    const handler = Object.hasOwn(this.#handlers, method) ? this.#handlers[method as keyof Local["methods"]] : undefined;
    if (!spec || !handler) {
      this.#replyError(id, new EnclaveError("method_not_found", `"${method}" is not available on this side.`));
      return;
    }
    const params = spec.params.safeParse(rawParams);
    if (!params.success) {
      this.#replyError(id, new EnclaveError("invalid_params", `"${method}" was called with invalid parameters.`));
      return;
    }
    try {
      const value = await (handler as (p: unknown) => unknown)(params.data);
      this.post(resultMessage(id, value));
    } catch (error) {
      this.#replyError(id, EnclaveError.from(error));
    }
  }

  #replyError(id: number, error: EnclaveError): void {
    this.post(errorMessage(id, error.toJSON()));
  }

  #settle(message: PortMessageOf<"result" | "error">): void {
    const call = this.#pending.get(message.id);
    if (!call) {
      this.#drop(message);
      return;
    }
    this.#pending.delete(message.id);
    clearTimeout(call.timer);
    if (message.kind === "error") {
      call.reject(EnclaveError.from(message.error));
      return;
    }
    const spec = this.#remote.methods[call.method];
    const result = spec ? spec.result.safeParse(message.value) : undefined;
    if (!result?.success) {
      this.#drop(message);
      call.reject(new EnclaveError("remote_error", `The answer to "${call.method}" was malformed.`));
      return;
    }
    call.resolve(result.data);
  }

  #dispatch(name: string, rawDetail: unknown): void {
    const schema = Object.hasOwn(this.#remote.events, name) ? this.#remote.events[name] : undefined;
    const detail = schema?.safeParse(rawDetail);
    if (!detail?.success) {
      this.#drop(name);
      return;
    }
    for (const listener of this.#listeners.get(name) ?? []) listener(detail.data);
  }

  #drop(what: unknown): void {
    this.droppedMessages++;
    this.#log("dropped a message", what);
  }
}

function closedError(): EnclaveError {
  return new EnclaveError("connection_closed", "The connection to the frame is closed.", { retryable: true });
}
