/**
 * FrameEndpoint, the frame's end of the bridge: an event can wait for something to be
 * ready (the frame's `ready` waits for its first screen's final height), and everything
 * sent after it waits too, so the page sees the messages in the order they were sent.
 * Both ends in this page over one MessageChannel: what is tested is ordering, not origins.
 */
import { expect } from "@open-wc/testing";
import * as z from "zod/mini";
import { BridgeEndpoint, FrameEndpoint } from "../../src/bridge/index.js";
import type { SideSpec } from "../../src/protocol/envelopes.js";

const empty = z.strictObject({});
const frameSide = {
  methods: { init: { params: empty, result: empty } },
  events: { ready: empty, resize: z.strictObject({ height: z.number() }), note: z.strictObject({ text: z.string() }) },
} satisfies SideSpec;
const pageSide = { methods: {}, events: {} } satisfies SideSpec;

function pair(): { frame: FrameEndpoint<typeof frameSide, typeof pageSide>; page: BridgeEndpoint<typeof pageSide, typeof frameSide>; seen: string[] } {
  const channel = new MessageChannel();
  const frame = new FrameEndpoint(channel.port1, frameSide, pageSide);
  const page = new BridgeEndpoint(channel.port2, pageSide, frameSide);
  const seen: string[] = [];
  page.on("ready", () => seen.push("ready"));
  page.on("resize", ({ height }) => seen.push(`resize ${height}`));
  page.on("note", ({ text }) => seen.push(text));
  return { frame, page, seen };
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe("FrameEndpoint.beforeEmit", () => {
  it("holds the event until its preparer settles, sends what the preparer sends first, then the rest in order", async () => {
    const { frame, page, seen } = pair();
    frame.beforeEmit("ready", async (sendFirst) => {
      await sleep(100);
      sendFirst("resize", { height: 321 });
    });
    frame.handle("init", () => {
      frame.emit("ready", {});
      frame.emit("note", { text: "after ready" });
      return {};
    });
    frame.emit("note", { text: "before ready" });

    const answered = page.call("init", {}).then(() => seen.push("init answered"));
    await sleep(50);
    expect(seen).to.deep.equal(["before ready"], "nothing after ready went out while it waited");
    await answered;
    expect(seen).to.deep.equal(["before ready", "resize 321", "ready", "after ready", "init answered"]);
    frame.close();
  });

  it("sends the held messages even when the preparer fails", async () => {
    const { frame, seen } = pair();
    frame.beforeEmit("ready", () => Promise.reject(new Error("no height")));
    frame.emit("ready", {});
    frame.emit("note", { text: "after" });
    await sleep(50);
    expect(seen).to.deep.equal(["ready", "after"]);
    frame.close();
  });

  it("leaves other events alone", async () => {
    const { frame, seen } = pair();
    frame.beforeEmit("ready", () => new Promise(() => undefined));
    frame.emit("note", { text: "one" });
    frame.emit("resize", { height: 10 });
    await sleep(50);
    expect(seen).to.deep.equal(["one", "resize 10"]);
    frame.close();
  });
});
