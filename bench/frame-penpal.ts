/** Entry: frame side of penpal 7, exposing `echo`. */
import { connect, WindowMessenger } from "penpal";
import { queryOrigin, type EchoPayload } from "./spec.js";

const messenger = new WindowMessenger({ remoteWindow: window.parent, allowedOrigins: [queryOrigin("parent")] });
connect({ messenger, methods: { echo: (payload: EchoPayload) => payload }, timeout: 15_000 });
