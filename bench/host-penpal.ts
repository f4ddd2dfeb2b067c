/** Host side of penpal 7: WindowMessenger + connect, then remote.echo(). */
import { connect, WindowMessenger } from "penpal";
import { benchFrame, queryOrigin, register, type EchoPayload } from "./spec.js";

interface FrameMethods {
  [name: string]: (...args: never[]) => unknown;
  echo(payload: EchoPayload): EchoPayload;
}

const iframe = benchFrame("frame-penpal");
document.body.append(iframe);
const messenger = new WindowMessenger({ remoteWindow: iframe.contentWindow!, allowedOrigins: [queryOrigin("frame")] });
const connection = connect<FrameMethods>({ messenger, methods: {}, timeout: 15_000 });
register(
  "penpal",
  connection.promise.then((remote) => (payload) => remote.echo(payload)),
);
