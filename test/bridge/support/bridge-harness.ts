/**
 * What the bridge tests do on the page (localhost): embed the test frame from its second
 * origin and connect to it with the real `connectToFrame`, add hostile sandboxed iframes,
 * and wait for the frame's side-channel reports — so the tests read as steps, not plumbing.
 */
import { connectToFrame, type HandshakeStats } from "../../../src/bridge/handshake.js";
import type { BridgeEndpoint, BridgeLog } from "../../../src/bridge/endpoint.js";
import { EnclaveError } from "../../../src/protocol/errors.js";
import type { Flow } from "../../../src/protocol/events.js";
import type { BridgeTestEnv } from "./frame-origin-plugin.js";
import { BridgeTestReportSchema, testFrameSpec, testHostSpec, type BridgeTestReport, type TestFrameSpec, type TestHostSpec } from "./test-spec.js";
import { sleep, waitFor } from "../../support/wait.js";

const env = (await (await fetch("/__bridge-test/env.json")).json()) as BridgeTestEnv;
if (!env.frameOrigin.startsWith("http://127.0.0.1:")) throw new Error(`the bridge test frame server is not running: ${JSON.stringify(env)}`);

/** The origin the test frame is served from: not this page's. */
export const frameOrigin = env.frameOrigin;

export type TestEndpoint = BridgeEndpoint<TestHostSpec, TestFrameSpec>;

export interface FramePageOptions {
  /** The frame page to load: the test frame or a page that never says hello. */
  page?: "frame.html" | "silent.html";
  /** The flow the frame announces in its hello. */
  frameFlow?: Flow;
  /** Passed to the frame's own `connectToParent`. */
  frameTimeoutMs?: number;
}

export interface ConnectOptions {
  /** The flow the page expects. */
  flow?: Flow;
  /** The origin the page expects the frame on (default: where it really is). */
  expectedOrigin?: string;
  timeoutMs?: number;
  signal?: AbortSignal;
  log?: BridgeLog;
}

export interface Connecting {
  stats: HandshakeStats;
  /** Settles as the page's `connectToFrame` does. */
  connecting: Promise<TestEndpoint>;
}

const openedEndpoints = new Set<TestEndpoint>();

/** An iframe (not yet on the page) that loads a page from the frame's origin. */
export function createFrame(options: FramePageOptions = {}): HTMLIFrameElement {
  const query = new URLSearchParams();
  if (options.frameFlow) query.set("flow", options.frameFlow);
  if (options.frameTimeoutMs !== undefined) query.set("timeoutMs", String(options.frameTimeoutMs));
  const iframe = document.createElement("iframe");
  iframe.title = "Bridge test frame";
  iframe.src = `${frameOrigin}/${options.page ?? "frame.html"}?${query}`;
  return iframe;
}

/** Starts the page's half of the handshake with `iframe`, as a host element does. */
export function connectTo(iframe: HTMLIFrameElement, options: ConnectOptions = {}): Connecting {
  const stats: HandshakeStats = { droppedMessages: 0 };
  const connecting = connectToFrame({
    iframe,
    frameOrigin: options.expectedOrigin ?? frameOrigin,
    flow: options.flow ?? "checkout",
    local: testHostSpec,
    remote: testFrameSpec,
    timeoutMs: options.timeoutMs ?? 10_000,
    stats,
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.log ? { log: options.log } : {}),
  });
  connecting.then(
    (endpoint) => openedEndpoints.add(endpoint),
    () => undefined,
  );
  return { stats, connecting };
}

/** Embeds a frame page and connects to it; the handshake listens before the frame loads. */
export function openFrame(options: FramePageOptions & ConnectOptions = {}): Connecting & { iframe: HTMLIFrameElement } {
  const iframe = createFrame(options);
  const connection = connectTo(iframe, options);
  document.body.append(iframe);
  return { iframe, ...connection };
}

/** Embeds the test frame and resolves once the bridge is up. */
export async function connectedFrame(options: FramePageOptions & ConnectOptions = {}): Promise<{ iframe: HTMLIFrameElement; stats: HandshakeStats; endpoint: TestEndpoint }> {
  const { iframe, stats, connecting } = openFrame(options);
  return { iframe, stats, endpoint: await connecting };
}

/**
 * Adds an iframe with `sandbox="allow-scripts"` (an opaque origin, like an ad or a widget
 * from a third party) whose page runs `script`.
 */
export function addSandboxedFrame(script: string): HTMLIFrameElement {
  const iframe = document.createElement("iframe");
  iframe.title = "Third-party frame";
  iframe.sandbox.add("allow-scripts");
  iframe.srcdoc = `<!doctype html><script>${script}</script>`;
  document.body.append(iframe);
  return iframe;
}

/** Resolves with the data of the next window message from `source` that `accept` takes. */
export function nextMessageFrom<T>(source: () => Window | null, accept: (data: unknown) => T | undefined, timeoutMs = 5_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      window.removeEventListener("message", onMessage);
      reject(new Error(`no matching message within ${timeoutMs} ms`));
    }, timeoutMs);
    const onMessage = (event: MessageEvent): void => {
      if (event.source === null || event.source !== source()) return;
      const accepted = accept(event.data);
      if (accepted === undefined) return;
      clearTimeout(timer);
      window.removeEventListener("message", onMessage);
      resolve(accepted);
    };
    window.addEventListener("message", onMessage);
  });
}

/** The next side-channel report of one kind from the test frame in `iframe`. */
export function nextReport<K extends BridgeTestReport["bridgeTest"]>(iframe: HTMLIFrameElement, kind: K, timeoutMs = 5_000): Promise<Extract<BridgeTestReport, { bridgeTest: K }>> {
  return nextMessageFrom(
    () => iframe.contentWindow,
    (data) => {
      const report = BridgeTestReportSchema.safeParse(data);
      return report.success && report.data.bridgeTest === kind ? (report.data as Extract<BridgeTestReport, { bridgeTest: K }>) : undefined;
    },
    timeoutMs,
  );
}

/** Resolves once the test frame in `iframe` has said hello, i.e. its handshake is listening. */
export function nextHello(iframe: HTMLIFrameElement): Promise<true> {
  return nextMessageFrom(
    () => iframe.contentWindow,
    (data) => (typeof data === "object" && data !== null && (data as { type?: unknown }).type === "hello" ? true : undefined),
  );
}

/** The EnclaveError `promise` rejects with; fails the test if it resolves or rejects with anything else. */
export async function rejectionOf(promise: Promise<unknown>): Promise<EnclaveError> {
  let outcome: unknown;
  try {
    outcome = await promise;
  } catch (error) {
    if (error instanceof EnclaveError) return error;
    throw new Error(`expected an EnclaveError, got ${String(error)}`);
  }
  throw new Error(`expected a rejection, got ${JSON.stringify(outcome)}`);
}

/** Resolves once `condition()` holds, polling; rejects after `timeoutMs`. */
export async function until(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  await waitFor(condition, timeoutMs, "the condition", 20);
}

export { sleep };

/** Closes every bridge the test opened and removes every iframe it added. */
export function cleanUp(): void {
  for (const endpoint of openedEndpoints) endpoint.close();
  openedEndpoints.clear();
  for (const iframe of document.querySelectorAll("iframe")) iframe.remove();
}

/** Whether Object.prototype on this page has picked up a `polluted` property. */
export const pagePolluted = (): boolean => "polluted" in {};
