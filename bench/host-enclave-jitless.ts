/** Entry: our bridge with zod jitless on both sides, as shipped. */
import { zodConfig } from "./zod-jitless.js";
import { registerEnclave } from "./host-enclave-impl.js";

registerEnclave("enclave-jitless", "frame-enclave-jitless");
if (!zodConfig.jitless) throw new Error("zod is not jitless");
