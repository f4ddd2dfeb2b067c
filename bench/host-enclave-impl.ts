/** Host side of our bridge: connectToFrame + BridgeEndpoint.call("echo"). */
import { connectToFrame } from "../src/bridge/index.js";
import { benchFrame, frameSpec, hostSpec, queryOrigin, register, type ImplName } from "./spec.js";

export function registerEnclave(name: ImplName, page: string): void {
  const iframe = benchFrame(page);
  const connected = connectToFrame({ iframe, frameOrigin: queryOrigin("frame"), flow: "checkout", local: hostSpec, remote: frameSpec });
  document.body.append(iframe);
  register(
    name,
    connected.then((endpoint) => (payload) => endpoint.call("echo", payload)),
  );
}
