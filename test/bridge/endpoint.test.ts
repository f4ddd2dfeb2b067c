/**
 * An established bridge between this page and a frame on a real second origin: calls and
 * their answers, coded errors across the wire, timeouts, events, and closing.
 */
import { expect } from "@open-wc/testing";
import { EnclaveError } from "../../src/protocol/errors.js";
import { cleanUp, connectedFrame, nextReport, rejectionOf, sleep, until } from "./support/bridge-harness.js";

describe("bridge calls", () => {
  afterEach(cleanUp);

  it("answers each of several concurrent calls with its own result, in the order they finish", async () => {
    const { endpoint } = await connectedFrame();
    const finished: string[] = [];
    const call = async (text: string, delayMs: number): Promise<string> => {
      const { text: answer } = await endpoint.call("echo", { text, delayMs });
      finished.push(answer);
      return answer;
    };

    const answers = await Promise.all([call("first", 300), call("second", 0), call("third", 150)]);

    expect(answers).to.deep.equal(["first", "second", "third"]);
    // Answers came back out of order, and each still found its own call.
    expect(finished).to.deep.equal(["second", "third", "first"]);
  });

  it("rebuilds a coded error thrown in the frame as an EnclaveError with its code, message and retryable", async () => {
    const { endpoint } = await connectedFrame();

    const error = await rejectionOf(endpoint.call("fail", { code: "session_not_open", message: "This payment was canceled.", retryable: false, param: "session" }));
    expect(error).to.be.instanceOf(EnclaveError);
    expect(error.name).to.equal("EnclaveError");
    expect(error.code).to.equal("session_not_open");
    expect(error.message).to.equal("This payment was canceled.");
    expect(error.retryable).to.equal(false);
    expect(error.param).to.equal("session");

    const retryable = await rejectionOf(endpoint.call("fail", { code: "network_error", message: "The network is down.", retryable: true }));
    expect(retryable.code).to.equal("network_error");
    expect(retryable.retryable).to.equal(true);
    expect(retryable.param).to.equal(undefined);
  });

  it("turns a plain Error thrown in the frame into remote_error", async () => {
    const { endpoint } = await connectedFrame();
    const error = await rejectionOf(endpoint.call("crash", { message: "undefined is not a function" }));
    expect(error.code).to.equal("remote_error");
    expect(error.message).to.equal("undefined is not a function");
    expect(error.retryable).to.equal(false);
  });

  it("rejects a call the frame does not answer in time with call_timeout, and drops the late answer", async () => {
    const { endpoint } = await connectedFrame();
    const started = performance.now();

    const error = await rejectionOf(endpoint.call("slow", { ms: 800 }, { timeoutMs: 150 }));
    expect(error.code).to.equal("call_timeout");
    expect(error.retryable).to.equal(true);
    expect(error.message).to.contain("slow");
    expect(performance.now() - started).to.be.below(700);

    const droppedBefore = endpoint.droppedMessages;
    await until(() => endpoint.droppedMessages > droppedBefore, 3_000);
    expect(endpoint.droppedMessages).to.equal(droppedBefore + 1);
    // The bridge is still usable after a timeout.
    expect(await endpoint.call("echo", { text: "still here" })).to.deep.equal({ text: "still here" });
  });

  it("answers params that do not match the method's schema with invalid_params", async () => {
    const { endpoint } = await connectedFrame();
    const wrongType = await rejectionOf(endpoint.call("echo", { text: 42 } as never));
    expect(wrongType.code).to.equal("invalid_params");
    expect(wrongType.message).to.contain("echo");

    const extraKey = await rejectionOf(endpoint.call("echo", { text: "hi", admin: true } as never));
    expect(extraKey.code).to.equal("invalid_params");
  });

  for (const method of ["doesNotExist", "unimplemented", "constructor", "toString", "__proto__", "hasOwnProperty"]) {
    it(`answers a call to ${JSON.stringify(method)} with method_not_found`, async () => {
      const { endpoint } = await connectedFrame();
      const error = await rejectionOf(endpoint.call(method as "echo", {} as never));
      expect(error.code).to.equal("method_not_found");
      expect(error.message).to.contain(method);
    });
  }

  it("rejects an answer that does not match the method's result schema with remote_error", async () => {
    const { endpoint } = await connectedFrame();
    const droppedBefore = endpoint.droppedMessages;
    const error = await rejectionOf(endpoint.call("malformedResult", {}));
    expect(error.code).to.equal("remote_error");
    expect(error.message).to.contain("malformedResult");
    expect(endpoint.droppedMessages).to.equal(droppedBefore + 1);
  });
});

describe("bridge events", () => {
  afterEach(cleanUp);

  it("delivers the frame's valid events and drops and counts malformed ones", async () => {
    const { endpoint } = await connectedFrame();
    const received: unknown[] = [];
    endpoint.on("progress", (detail) => received.push(detail));
    const droppedBefore = endpoint.droppedMessages;

    await endpoint.call("emitRaw", {
      events: [
        { name: "progress", detail: { step: "card" } },
        { name: "progress", detail: { step: 42 } },
        { name: "progress", detail: { step: "card", extra: "<img src=x onerror=alert(1)>" } },
        { name: "progress", detail: "card" },
        { name: "unknownEvent", detail: { step: "card" } },
        { name: "progress", detail: { step: "review" } },
      ],
    });
    await until(() => received.length >= 2);
    await sleep(50); // anything wrongly delivered after the last valid event shows up here

    expect(received).to.deep.equal([{ step: "card" }, { step: "review" }]);
    expect(endpoint.droppedMessages).to.equal(droppedBefore + 4);
  });

  it("stops delivering to a listener once it unsubscribes", async () => {
    const { endpoint } = await connectedFrame();
    const first: unknown[] = [];
    const second: unknown[] = [];
    const stop = endpoint.on("progress", (detail) => first.push(detail));
    endpoint.on("progress", (detail) => second.push(detail));

    await endpoint.call("emitRaw", { events: [{ name: "progress", detail: { step: "one" } }] });
    await until(() => second.length === 1);
    stop();
    await endpoint.call("emitRaw", { events: [{ name: "progress", detail: { step: "two" } }] });
    await until(() => second.length === 2);

    expect(first).to.deep.equal([{ step: "one" }]);
    expect(second).to.deep.equal([{ step: "one" }, { step: "two" }]);
  });

  it("delivers the page's valid events to the frame and drops malformed ones there", async () => {
    const { endpoint } = await connectedFrame();
    endpoint.emit("note", { text: "hello frame" });
    endpoint.emit("note", { text: 7 } as never);
    (endpoint.emit as (name: string, detail: unknown) => void).call(endpoint, "noSuchEvent", { text: "x" });
    endpoint.emit("note", { text: "bye frame" });

    // Port messages arrive in order, so the describe call is answered after all four.
    const frame = await endpoint.call("describe", {});
    expect(frame.notes).to.deep.equal([{ text: "hello frame" }, { text: "bye frame" }]);
    expect(frame.endpointDropped).to.equal(2);
  });
});

describe("closing the bridge", () => {
  afterEach(cleanUp);

  it("rejects pending calls on both sides with connection_closed when the page closes", async () => {
    const { iframe, endpoint } = await connectedFrame();
    let holds = 0;
    endpoint.handle("hold", () => {
      holds++;
      return new Promise<Record<string, never>>(() => undefined);
    });
    const closedListener = new Promise<true>((resolve) => endpoint.onClose(() => resolve(true)));

    // A call pending in the frame (to the page's `hold`) and one pending here (`slow`).
    const frameSettled = nextReport(iframe, "host-call-settled");
    await endpoint.call("callHost", {});
    await until(() => holds === 1);
    const pending = endpoint.call("slow", { ms: 5_000 });

    endpoint.close();

    const here = await rejectionOf(pending);
    expect(here.code).to.equal("connection_closed");
    expect(here.retryable).to.equal(true);
    const there = await frameSettled;
    expect(there).to.deep.equal({ bridgeTest: "host-call-settled", outcome: "rejected", code: "connection_closed" });
    expect(await closedListener).to.equal(true);
    expect(endpoint.isClosed).to.equal(true);
    expect((await rejectionOf(endpoint.call("echo", { text: "too late" }))).code).to.equal("connection_closed");
  });

  it("rejects the page's pending calls with connection_closed when the frame closes", async () => {
    const { endpoint } = await connectedFrame();
    const closedListener = new Promise<true>((resolve) => endpoint.onClose(() => resolve(true)));
    const pending = endpoint.call("slow", { ms: 5_000 });

    expect(await endpoint.call("closeSoon", {})).to.deep.equal({});

    const error = await rejectionOf(pending);
    expect(error.code).to.equal("connection_closed");
    expect(await closedListener).to.equal(true);
    expect(endpoint.isClosed).to.equal(true);
  });
});
