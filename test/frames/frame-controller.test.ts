/**
 * The frames' shared controller parts (src/frames/ui): the FrameController base — a screen
 * union shown through `render`, a typed patch that drops a patch for a screen left behind,
 * an AbortSignal per place — and the poller's backoff, failure limit and stop signal.
 */
import { expect } from "@open-wc/testing";
import { FrameController, type ControllerEndpoint } from "../../src/frames/ui/frame-controller.js";
import { anySignal, maxPollFailures, poll } from "../../src/frames/ui/poller.js";
import { EnclaveError } from "../../src/protocol/errors.js";
import { FakeEndpoint } from "./support/fake-endpoint.js";

type Screen = { name: "start" } | { name: "form"; value: string; busy: boolean } | { name: "done"; id: string };

class TestController extends FrameController<"checkout", Screen, "opened", "start" | "form"> {
  readonly rendered: Screen[] = [];
  readonly left: Screen["name"][] = [];

  constructor(endpoint: ControllerEndpoint<"checkout">) {
    super(endpoint, { name: "start" }, () => new Date("2030-01-02T03:04:05.000Z"));
    this.handleSharedMethods({ clear: () => this.show({ name: "start" }), focus: async () => undefined });
  }

  protected override render(screen: Screen): void {
    this.rendered.push(screen);
  }

  protected override leaving(previous: Screen): void {
    this.left.push(previous.name);
  }

  // The protected API, opened for the test.
  go(screen: Screen): void {
    this.show(screen);
  }
  change(changes: Partial<Extract<Screen, { name: "form" }>>): boolean {
    return this.patch("form", changes);
  }
  get work(): AbortSignal {
    return this.signal;
  }
  opened(): void {
    this.progress("opened", "start");
  }
}

function failing(): Promise<never> {
  return Promise.reject(new EnclaveError("service_unavailable", "Down.", { retryable: true }));
}

async function settle(ms: number): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, ms));
}

describe("FrameController", () => {
  it("renders each screen, patches only the screen named, and aborts a place's work when it is left", async () => {
    const endpoint = new FakeEndpoint();
    const controller = new TestController(endpoint as unknown as ControllerEndpoint<"checkout">);
    controller.go({ name: "form", value: "", busy: false });
    const formWork = controller.work;
    expect(controller.change({ busy: true })).to.equal(true);
    expect(formWork.aborted, "a patch stays in the same place").to.equal(false);
    expect(controller.rendered.at(-1)).to.deep.equal({ name: "form", value: "", busy: true });

    controller.go({ name: "done", id: "x" });
    expect(formWork.aborted).to.equal(true);
    expect(controller.left).to.deep.equal(["start", "form"]);
    expect(controller.change({ busy: false }), "a patch for a screen left behind is dropped").to.equal(false);
    // @ts-expect-error -- "form" has no `id`: a property the screen does not have is a compile error.
    controller.change({ id: "x" });
    expect(controller.rendered.at(-1)).to.deep.equal({ name: "done", id: "x" });

    const doneWork = controller.work;
    expect(await endpoint.call("clear")).to.deep.equal({});
    expect(doneWork.aborted).to.equal(true);
    expect(await endpoint.call("focus")).to.deep.equal({});
    controller.opened();
    expect(endpoint.details("event")).to.deep.equal([{ name: "opened", step: "start", at: "2030-01-02T03:04:05.000Z" }]);
    controller.dispose();
    expect(controller.work.aborted).to.equal(true);
  });
});

describe("poll", () => {
  it("asks until the answer says stop", async () => {
    const answers: number[] = [];
    let calls = 0;
    await new Promise<void>((resolve) => {
      poll({
        signal: new AbortController().signal,
        intervalMs: 1,
        request: async () => ++calls,
        onAnswer: (answer) => {
          answers.push(answer);
          if (answer < 3) return true;
          resolve();
          return false;
        },
        onGiveUp: () => undefined,
      });
    });
    await settle(20);
    expect(answers).to.deep.equal([1, 2, 3]);
  });

  it("waits longer after each failure, one answer resets the count, and it gives up at the limit", async () => {
    let calls = 0;
    const reason = await new Promise<EnclaveError>((resolve) => {
      poll({
        signal: new AbortController().signal,
        intervalMs: 1,
        // One failure, one answer, then failures only.
        request: async () => (++calls === 2 ? "pending" : failing()),
        onAnswer: () => true,
        onGiveUp: resolve,
      });
    });
    expect(reason.code).to.equal("service_unavailable");
    expect(calls).to.equal(2 + maxPollFailures);
  });

  it("stops at once on an error it must not retry, and asks nothing once its signal is aborted", async () => {
    let calls = 0;
    const refused = await new Promise<EnclaveError>((resolve) => {
      poll({
        signal: new AbortController().signal,
        intervalMs: 1,
        request: async () => {
          calls++;
          throw new EnclaveError("link_step_invalid", "No.", { retryable: false });
        },
        onAnswer: () => true,
        onGiveUp: resolve,
        retryable: (error) => error.retryable,
      });
    });
    expect([refused.code, calls]).to.deep.equal(["link_step_invalid", 1]);

    const stop = new AbortController();
    let asked = 0;
    poll({ signal: stop.signal, intervalMs: 5, request: async () => ++asked, onAnswer: () => true, onGiveUp: () => undefined });
    stop.abort();
    await settle(30);
    expect(asked).to.equal(0);
  });

  it("combines signals: aborted by either one, or at once when one already is", () => {
    const screen = new AbortController();
    const run = new AbortController();
    const combined = anySignal(screen.signal, run.signal);
    expect(combined.aborted).to.equal(false);
    run.abort();
    expect(combined.aborted).to.equal(true);
    expect(anySignal(new AbortController().signal, run.signal).aborted).to.equal(true);
  });
});
