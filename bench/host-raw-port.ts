/**
 * Host side of the floor: a bare MessagePort echo, no ids beyond a counter, no checks.
 * What postMessage across two renderer processes costs with no library at all.
 */
import { benchFrame, queryOrigin, register, type Caller, type EchoPayload } from "./spec.js";

const iframe = benchFrame("frame-raw-port");
const frameOrigin = queryOrigin("frame");

register(
  "raw-port",
  new Promise<Caller>((resolve) => {
    const onHello = (event: MessageEvent): void => {
      if (event.source !== iframe.contentWindow || event.origin !== frameOrigin || event.data !== "raw-hello") return;
      window.removeEventListener("message", onHello);
      const { port1, port2 } = new MessageChannel();
      const pending = new Map<number, (value: EchoPayload) => void>();
      let nextId = 1;
      port1.onmessage = (reply: MessageEvent<{ id: number; value: EchoPayload }>) => {
        const settle = pending.get(reply.data.id);
        pending.delete(reply.data.id);
        settle?.(reply.data.value);
      };
      iframe.contentWindow?.postMessage("raw-connect", frameOrigin, [port2]);
      resolve(
        (payload) =>
          new Promise((settle) => {
            const id = nextId++;
            pending.set(id, settle);
            port1.postMessage({ id, value: payload });
          }),
      );
    };
    window.addEventListener("message", onHello);
    document.body.append(iframe);
  }),
);
