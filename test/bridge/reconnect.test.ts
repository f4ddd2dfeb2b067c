/**
 * A frame on a real second origin that reloads (penpal's handshake requirement 5): the
 * page's endpoint re-binds to the new document, calls in flight reject with
 * `frame_reloaded`, and the `log` hook says what happened (and nothing unless given).
 */
import { expect } from "@open-wc/testing";
import { cleanUp, connectedFrame, rejectionOf, until } from "./support/bridge-harness.js";

/** Navigates the iframe to its own address again, as a reload inside the frame does. */
function reload(iframe: HTMLIFrameElement): void {
  // eslint-disable-next-line no-self-assign -- setting src navigates even to the same URL
  iframe.src = iframe.src;
}

describe("a frame that reloads", () => {
  afterEach(cleanUp);

  it("connects again: the same endpoint answers from the new document", async () => {
    const { iframe, endpoint } = await connectedFrame();
    const before = await endpoint.call("describe", {});
    let reconnections = 0;
    endpoint.onReconnect(() => reconnections++);

    reload(iframe);
    await until(() => reconnections === 1, 8_000);

    const after = await endpoint.call("describe", {});
    expect(after.documentId).not.to.equal(before.documentId, "answered by the reloaded document");
    expect(after.parentOrigin).to.equal(location.origin);
    expect(endpoint.isClosed).to.equal(false);
    expect(await endpoint.call("echo", { text: "still here" })).to.deep.equal({ text: "still here" });
  });

  it("rejects calls still waiting on the old document with frame_reloaded, retryable", async () => {
    const { iframe, endpoint } = await connectedFrame();
    const reconnected = new Promise<void>((resolve) => endpoint.onReconnect(resolve));
    const pending = endpoint.call("slow", { ms: 5_000 });
    reload(iframe);
    const error = await rejectionOf(pending);
    expect(error.code).to.equal("frame_reloaded");
    expect(error.retryable).to.equal(true);
    // And the call made again, once reconnected, is answered.
    await reconnected;
    const again = await endpoint.call("slow", { ms: 10 }, { timeoutMs: 8_000 });
    expect(again).to.deep.equal({ sleptMs: 10 });
  });

  it("stops following the frame once the page closes the bridge", async () => {
    const { iframe, endpoint } = await connectedFrame();
    let reconnections = 0;
    endpoint.onReconnect(() => reconnections++);
    endpoint.close();
    reload(iframe);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(reconnections).to.equal(0);
    expect((await rejectionOf(endpoint.call("describe", {}))).code).to.equal("connection_closed");
  });

  it("tells a log hook what it does, and logs nothing without one", async () => {
    const logged: string[] = [];
    const consoleCalls: unknown[][] = [];
    const methods = ["log", "info", "debug", "warn", "error"] as const;
    const originals = methods.map((method) => console[method]);
    for (const method of methods) console[method] = (...args: unknown[]) => void consoleCalls.push(args);
    try {
      const silent = await connectedFrame();
      const silentReconnected = new Promise<void>((resolve) => silent.endpoint.onReconnect(resolve));
      reload(silent.iframe);
      await silentReconnected;
      await silent.endpoint.call("describe", {});
    } finally {
      methods.forEach((method, index) => (console[method] = originals[index] ?? console[method]));
    }
    expect(consoleCalls).to.deep.equal([], "silent by default");

    const { iframe, endpoint } = await connectedFrame({ log: (message) => logged.push(message) });
    const reconnected = new Promise<void>((resolve) => endpoint.onReconnect(resolve));
    reload(iframe);
    await reconnected;
    expect(logged).to.include("connected");
    expect(logged).to.include("frame reloaded: bridge rebound");
  });
});
