/** Entry: frame side of our bridge, zod with its default configuration. */
import { serveEnclaveEcho } from "./frame-enclave-impl.js";

void serveEnclaveEcho();
