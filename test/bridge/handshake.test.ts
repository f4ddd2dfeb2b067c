/**
 * The handshake between this page (localhost) and a frame on a real second origin
 * (127.0.0.1): who may connect to whom, and the coded errors when nobody does.
 */
import { expect } from "@open-wc/testing";
import {
  addSandboxedFrame,
  cleanUp,
  connectedFrame,
  connectTo,
  createFrame,
  frameOrigin,
  nextHello,
  nextMessageFrom,
  nextReport,
  openFrame,
  pagePolluted,
  rejectionOf,
  sleep,
} from "./support/bridge-harness.js";

describe("bridge handshake", () => {
  afterEach(cleanUp);

  it("connects to a frame on another origin, which learns this page's origin from the browser", async () => {
    const { iframe, endpoint, stats } = await connectedFrame();

    expect(new URL(iframe.src).origin).to.equal(frameOrigin);
    expect(frameOrigin).not.to.equal(location.origin);
    // The browser itself keeps the two apart: the page cannot reach into the frame.
    expect(() => iframe.contentWindow?.document).to.throw();

    const frame = await endpoint.call("describe", {});
    expect(frame.parentOrigin).to.equal(location.origin);
    expect(frame.handshakeDropped).to.equal(0);
    expect(stats.droppedMessages).to.equal(0);
    expect(endpoint.isClosed).to.equal(false);
  });

  it("gives handshake_timeout when the frame never says hello", async () => {
    const { connecting } = openFrame({ page: "silent.html", timeoutMs: 500 });
    const error = await rejectionOf(connecting);
    expect(error.code).to.equal("handshake_timeout");
    expect(error.retryable).to.equal(true);
    expect(error.message).to.contain(frameOrigin);
  });

  it("gives handshake_timeout in the frame when no page connects to it", async () => {
    const iframe = createFrame({ frameTimeoutMs: 400 });
    const failed = nextReport(iframe, "handshake-failed");
    document.body.append(iframe);
    const report = await failed;
    expect(report.code).to.equal("handshake_timeout");
    expect(report.retryable).to.equal(true);
  });

  it("gives connection_closed when the page abandons the attempt", async () => {
    const controller = new AbortController();
    const { connecting } = openFrame({ page: "silent.html", signal: controller.signal });
    controller.abort();
    const error = await rejectionOf(connecting);
    expect(error.code).to.equal("connection_closed");
  });

  it("drops and counts hellos from its frame when the frame is on an unexpected origin", async () => {
    // The frame really is on 127.0.0.1; the page was told to expect it on localhost.
    const wrongOrigin = frameOrigin.replace("127.0.0.1", "localhost");
    const { stats, connecting } = openFrame({ expectedOrigin: wrongOrigin, timeoutMs: 1_000 });
    const error = await rejectionOf(connecting);
    expect(error.code).to.equal("handshake_timeout");
    expect(stats.droppedMessages).to.be.greaterThan(0);
  });

  it("drops and counts hellos that announce another flow", async () => {
    const { stats, connecting } = openFrame({ frameFlow: "bank-link", flow: "checkout", timeoutMs: 1_000 });
    const error = await rejectionOf(connecting);
    expect(error.code).to.equal("handshake_timeout");
    expect(stats.droppedMessages).to.be.greaterThan(0);
  });
});

describe("bridge handshake against hostile frames", () => {
  afterEach(cleanUp);

  // What a sandboxed third-party frame (opaque origin "null") posts to look like a frame.
  const lookAlikes = `[
    { enclave: 1, type: "hello", flow: "checkout" },
    JSON.parse('{"enclave":1,"type":"hello","flow":"checkout","__proto__":{"polluted":true}}'),
    { enclave: 1, type: "connect", version: 1, nonce: "0123456789abcdef0123" },
  ]`;
  // Posted only if the page wrongly answered the impostor with a port.
  const reportPorts = `addEventListener("message", (event) => event.ports.length > 0 && parent.postMessage("impostor-got-a-port", "*"));`;
  const impostorGotAPort = (impostor: HTMLIFrameElement, withinMs: number): Promise<boolean> =>
    nextMessageFrom(
      () => impostor.contentWindow,
      (data) => (data === "impostor-got-a-port" ? true : undefined),
      withinMs,
    ).catch(() => false);

  it("drops and counts look-alike hellos from the embedded frame when it has the wrong origin", async () => {
    // The page connects to a sandboxed srcdoc frame: the right source, but origin "null".
    const impostor = document.createElement("iframe");
    impostor.title = "Impostor";
    impostor.sandbox.add("allow-scripts");
    impostor.srcdoc = `<!doctype html><script>${reportPorts} for (const message of ${lookAlikes}) parent.postMessage(message, "*");</script>`;
    const { stats, connecting } = connectTo(impostor, { timeoutMs: 1_500 });
    const gotPort = impostorGotAPort(impostor, 2_000);
    document.body.append(impostor);

    const error = await rejectionOf(connecting);
    expect(error.code).to.equal("handshake_timeout");
    expect(stats.droppedMessages).to.equal(3);
    expect(await gotPort).to.equal(false, "the impostor was sent a port");
    expect(pagePolluted()).to.equal(false);
  });

  it("ignores hellos from a frame it did not embed and connects to its own", async () => {
    const impostor = addSandboxedFrame(`${reportPorts}
      const lookAlikes = ${lookAlikes};
      setInterval(() => { for (const message of lookAlikes) parent.postMessage(message, "*"); }, 20);`);
    const gotPort = impostorGotAPort(impostor, 2_000);
    await sleep(100); // the impostor is already saying hello before the real frame loads

    const { endpoint, stats } = await connectedFrame();
    expect((await endpoint.call("describe", {})).parentOrigin).to.equal(location.origin);
    expect(await gotPort).to.equal(false, "the impostor was sent a port");
    // Not even counted: with several widgets on a page, each handshake sees the others' hellos.
    expect(stats.droppedMessages).to.equal(0);
    expect(pagePolluted()).to.equal(false);
  });

  it("makes the frame ignore a forged connect from a sibling frame", async () => {
    // Embed the frame without connecting: it keeps saying hello, unanswered.
    const iframe = createFrame();
    const listening = nextHello(iframe);
    document.body.append(iframe);
    await listening;

    // A sandboxed sibling offers every other frame on the page a port of its own.
    const forger = addSandboxedFrame(`
      let targets = 0;
      let replies = 0;
      for (let index = 0; index < parent.frames.length; index++) {
        const target = parent.frames[index];
        if (target === window) continue;
        targets++;
        const channel = new MessageChannel();
        channel.port1.onmessage = () => replies++;
        target.postMessage({ enclave: 1, type: "connect", version: 1, nonce: "forgedforgedforged0000" }, "*", [channel.port2]);
      }
      setTimeout(() => parent.postMessage({ forger: "done", targets, replies }, "*"), 500);`);
    const outcome = await nextMessageFrom(
      () => forger.contentWindow,
      (data) => (typeof data === "object" && data !== null && "forger" in data ? (data as unknown as { targets: number; replies: number }) : undefined),
    );
    expect(outcome.targets).to.be.greaterThan(0);
    expect(outcome.replies).to.equal(0);

    // Had the frame taken the forged port, it would no longer answer its real parent.
    const endpoint = await connectTo(iframe, { timeoutMs: 5_000 }).connecting;
    expect((await endpoint.call("describe", {})).parentOrigin).to.equal(location.origin);
  });

  it("makes the frame drop and count connects from its parent that it cannot use", async () => {
    const iframe = createFrame();
    const listening = nextHello(iframe);
    document.body.append(iframe);
    await listening;

    const forged = new MessageChannel();
    let replies = 0;
    forged.port1.onmessage = () => replies++;
    const frameWindow = iframe.contentWindow;
    if (!frameWindow) throw new Error("the frame has no window");
    // A version this frame does not speak, a connect without its port, and a polluting one.
    frameWindow.postMessage({ enclave: 1, type: "connect", version: 99, nonce: "0123456789abcdef0123" }, frameOrigin, [forged.port2]);
    frameWindow.postMessage({ enclave: 1, type: "connect", version: 1, nonce: "0123456789abcdef0123" }, frameOrigin);
    frameWindow.postMessage(JSON.parse('{"enclave":1,"type":"connect","version":1,"nonce":"0123456789abcdef0123","__proto__":{"polluted":true}}'), frameOrigin);

    const endpoint = await connectTo(iframe, { timeoutMs: 5_000 }).connecting;
    const frame = await endpoint.call("describe", {});
    expect(frame.handshakeDropped).to.equal(3);
    expect(frame.prototypePolluted).to.equal(false);
    expect(replies).to.equal(0);
  });
});
