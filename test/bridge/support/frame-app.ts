/**
 * The frame half of the bridge tests. frame-origin-plugin.ts bundles this file and serves
 * it from a second origin (127.0.0.1), where it runs the real `connectToParent` and
 * implements the test frame spec. Query parameters:
 *
 * - `flow`: the flow its hello announces (default `checkout`), to test a wrong flow;
 * - `timeoutMs`: its own handshake timeout (default 10 s), to test the frame giving up.
 *
 * Some of its methods misbehave on request (`emitRaw`, `postRaw`, `malformedResult`) so the
 * tests can play a buggy or hostile frame against the real host-side endpoint.
 */
import { connectToParent, type HandshakeStats } from "../../../src/bridge/handshake.js";
import { EnclaveError, type ErrorCode } from "../../../src/protocol/errors.js";
import { FlowSchema } from "../../../src/protocol/events.js";
import { testFrameSpec, testHostSpec, type BridgeTestReport } from "./test-spec.js";

const query = new URLSearchParams(location.search);
const flow = FlowSchema.parse(query.get("flow") ?? "checkout");
const timeoutMs = Number(query.get("timeoutMs") ?? 10_000);
const stats: HandshakeStats = { droppedMessages: 0 };
const documentId = crypto.randomUUID();

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

// The side channel goes to "*": it carries only test outcomes, and after a failed
// handshake the frame does not know its parent's origin.
const report = (message: BridgeTestReport): void => window.parent.postMessage(message, "*");

try {
  const { endpoint, parentOrigin } = await connectToParent({ flow, local: testFrameSpec, remote: testHostSpec, timeoutMs, stats });
  const notes: { text: string }[] = [];
  endpoint.on("note", (detail) => notes.push(detail));

  // A real frame cannot emit off-spec events or post on the endpoint's private port; this
  // one reaches past the types on purpose, to send what a hostile frame could.
  const emitAnything = endpoint.emit.bind(endpoint) as (name: string, detail: unknown) => void;
  const port = (endpoint as unknown as { port: MessagePort }).port;

  endpoint.handle("echo", async ({ text, delayMs }) => {
    if (delayMs !== undefined) await sleep(delayMs);
    return { text };
  });
  endpoint.handle("fail", ({ code, message, retryable, param }) => {
    throw new EnclaveError(code as ErrorCode, message, param === undefined ? { retryable } : { retryable, param });
  });
  endpoint.handle("crash", ({ message }) => {
    throw new Error(message);
  });
  endpoint.handle("slow", async ({ ms }) => {
    await sleep(ms);
    return { sleptMs: ms };
  });
  endpoint.handle("describe", () => ({
    parentOrigin,
    documentId,
    handshakeDropped: stats.droppedMessages,
    endpointDropped: endpoint.droppedMessages,
    prototypePolluted: "polluted" in {},
    notes,
  }));
  endpoint.handle("emitRaw", ({ events }) => {
    for (const { name, detail } of events) emitAnything(name, detail);
    return {};
  });
  endpoint.handle("postRaw", ({ messages }) => {
    for (const message of messages) port.postMessage(message);
    return {};
  });
  endpoint.handle("callHost", ({ timeoutMs: callTimeoutMs }) => {
    endpoint.call("hold", {}, callTimeoutMs === undefined ? {} : { timeoutMs: callTimeoutMs }).then(
      () => report({ bridgeTest: "host-call-settled", outcome: "resolved" }),
      (error: unknown) => report({ bridgeTest: "host-call-settled", outcome: "rejected", code: EnclaveError.from(error).code }),
    );
    return {};
  });
  endpoint.handle("closeSoon", () => {
    // After the answer has been posted, so the page sees this call succeed first.
    setTimeout(() => endpoint.close(), 50);
    return {};
  });
  endpoint.handle("malformedResult", () => ({ text: 42 }) as unknown as { text: string });
  endpoint.handle("looseEcho", (params) => params);
} catch (error) {
  const failure = EnclaveError.from(error);
  report({ bridgeTest: "handshake-failed", code: failure.code, retryable: failure.retryable });
}
