/** Entry: frame side of our bridge, zod jitless as in src/frames/frame-shell.ts. */
import { zodConfig } from "./zod-jitless.js";
import { serveEnclaveEcho } from "./frame-enclave-impl.js";

void serveEnclaveEcho();
if (!zodConfig.jitless) throw new Error("zod is not jitless");
