/** Frame side of our bridge: connectToParent, then `echo` returns its params. */
import { connectToParent } from "../src/bridge/index.js";
import { frameSpec, hostSpec } from "./spec.js";

export async function serveEnclaveEcho(): Promise<void> {
  const { endpoint } = await connectToParent({ flow: "checkout", local: frameSpec, remote: hostSpec });
  endpoint.handle("echo", (params) => params);
}
