/**
 * A frame on a real second origin that sends what a compromised or buggy frame could:
 * malformed envelopes on the private port, answers to calls nobody made, and
 * prototype-pollution payloads. None of it may reach app code or change shared objects.
 */
import { expect } from "@open-wc/testing";
import { cleanUp, connectedFrame, pagePolluted, rejectionOf, sleep, until } from "./support/bridge-harness.js";

// Built by JSON.parse so `__proto__` is an own key, which structured cloning keeps.
const polluting = <T>(json: string): T => JSON.parse(json) as T;

describe("bridge messages from a hostile frame", () => {
  afterEach(cleanUp);

  it("drops and counts malformed port messages without delivering or settling anything", async () => {
    const { endpoint } = await connectedFrame();
    const received: unknown[] = [];
    endpoint.on("progress", (detail) => received.push(detail));
    const pending = endpoint.call("slow", { ms: 2_000 });
    let settled = false;
    pending.then(
      () => (settled = true),
      () => (settled = true),
    );
    const droppedBefore = endpoint.droppedMessages;

    const hostile: unknown[] = [
      "enclave-ready",
      null,
      42,
      [1, 2, 3],
      { enclave: 2, kind: "event", name: "progress", detail: { step: "v2" } },
      { enclave: 1, kind: "event", name: "progress", detail: { step: "extra" }, extra: true },
      { enclave: 1, kind: "party", name: "progress" },
      // Answers to calls that were never made, and a forged answer with a guessed id.
      { enclave: 1, kind: "result", id: 999, value: { sleptMs: 0 } },
      { enclave: 1, kind: "error", id: 998, error: { code: "internal_error", message: "x", retryable: false } },
      { enclave: 1, kind: "result", id: 0, value: {} },
      { enclave: 1, kind: "result", id: 1, value: { sleptMs: 0 }, forged: true },
      { enclave: 1, kind: "error", id: 1, error: { code: "internal_error", message: "x".repeat(5_000), retryable: false } },
      // A handshake message after the handshake.
      { enclave: 1, kind: "connected", nonce: "0123456789abcdef0123" },
      // Event names that exist on every object.
      { enclave: 1, kind: "event", name: "__proto__", detail: { step: "proto" } },
      { enclave: 1, kind: "event", name: "constructor", detail: { step: "constructor" } },
      { enclave: 1, kind: "event", name: "toString", detail: { step: "toString" } },
    ];
    await endpoint.call("postRaw", { messages: hostile });
    // A valid event posted after the batch: once it is here, the whole batch has been seen.
    await endpoint.call("emitRaw", { events: [{ name: "progress", detail: { step: "marker" } }] });
    await until(() => received.length > 0);
    await sleep(50);

    expect(received).to.deep.equal([{ step: "marker" }]);
    expect(endpoint.droppedMessages).to.equal(droppedBefore + hostile.length);
    expect(settled).to.equal(false, "a forged answer settled a pending call");
    expect(await pending).to.deep.equal({ sleptMs: 2_000 });
  });

  it("keeps __proto__ in call params from polluting the frame", async () => {
    const { endpoint } = await connectedFrame();

    const strict = await rejectionOf(endpoint.call("echo", polluting('{"text":"hi","__proto__":{"polluted":true}}')));
    expect(strict.code).to.equal("invalid_params");

    // A schema that lets unknown keys through still never turns `__proto__` into a prototype.
    const answer = await endpoint.call("looseEcho", polluting<Record<string, unknown>>('{"kept":1,"__proto__":{"polluted":true}}'));
    expect(answer["kept"]).to.equal(1);
    expect("polluted" in answer).to.equal(false);
    expect(Object.getPrototypeOf(answer)).to.equal(Object.prototype);

    expect((await endpoint.call("describe", {})).prototypePolluted).to.equal(false);
    expect(pagePolluted()).to.equal(false);
  });

  it("keeps __proto__ in the frame's answers, events and envelopes from polluting the page", async () => {
    const { endpoint } = await connectedFrame();
    const received: unknown[] = [];
    endpoint.on("progress", (detail) => received.push(detail));
    const droppedBefore = endpoint.droppedMessages;

    await endpoint.call("emitRaw", {
      events: [{ name: "progress", detail: polluting('{"step":"x","__proto__":{"polluted":true}}') }],
    });
    await endpoint.call("postRaw", {
      messages: [polluting('{"enclave":1,"kind":"event","name":"progress","detail":{"step":"y"},"__proto__":{"polluted":true}}'), polluting('{"__proto__":{"polluted":true}}')],
    });
    await endpoint.call("emitRaw", { events: [{ name: "progress", detail: { step: "marker" } }] });
    await until(() => received.length > 0);
    await sleep(50);

    expect(received).to.deep.equal([{ step: "marker" }]);
    expect(endpoint.droppedMessages).to.equal(droppedBefore + 3);
    expect(pagePolluted()).to.equal(false);
  });
});
