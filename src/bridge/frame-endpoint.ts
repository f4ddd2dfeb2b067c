/**
 * The frame's end of the bridge: a BridgeEndpoint that can hold an event back until
 * something is ready for it. Only the frame needs this (`ready` waits for the first
 * screen's final height, frame-shell.ts), so it lives apart from BridgeEndpoint and stays
 * out of the merchant page's loader.
 */
import type * as z from "zod/mini";
import { eventMessage, type PortMessage, type SideSpec } from "../protocol/envelopes.js";
import { BridgeEndpoint } from "./endpoint.js";

/** Sends an event of `Local` at once, ahead of whatever is held. */
export type SendFirst<Local extends SideSpec> = <E extends keyof Local["events"] & string>(name: E, detail: z.input<Local["events"][E]>) => void;

export class FrameEndpoint<Local extends SideSpec, Remote extends SideSpec> extends BridgeEndpoint<Local, Remote> {
  // Typed loosely here, so that a flow's endpoint is still one of every flow's (frame-shell.ts); beforeEmit types it.
  readonly #preparers = new Map<string, (sendFirst: (name: string, detail: unknown) => void) => Promise<void>>();
  /** While an event waits for its preparer: it and every message sent after it, in order. */
  #held?: PortMessage[];

  /**
   * Makes the event `name` wait for `prepare()` each time it is emitted: it, and everything
   * this side sends after it (events, results, errors, calls), goes out once `prepare`
   * settles, in the order it was sent; what `prepare` sends with `sendFirst` goes out
   * before them. A `close` is never held.
   */
  beforeEmit<E extends keyof Local["events"] & string>(name: E, prepare: (sendFirst: SendFirst<Local>) => Promise<void>): void {
    this.#preparers.set(name, prepare);
  }

  protected override post(message: PortMessage): void {
    if (this.#held && message.kind !== "close") {
      this.#held.push(message);
      return;
    }
    const prepare = message.kind === "event" ? this.#preparers.get(message.name) : undefined;
    if (!prepare) {
      super.post(message);
      return;
    }
    this.#held = [message];
    const release = (): void => {
      const held = this.#held ?? [];
      this.#held = undefined;
      if (!this.isClosed) for (const waiting of held) super.post(waiting);
    };
    prepare((name, detail) => super.post(eventMessage(name, detail))).then(release, release);
  }
}
