/** Entry: our bridge with zod's default configuration (JIT-compiled object parsers). */
import { registerEnclave } from "./host-enclave-impl.js";

registerEnclave("enclave", "frame-enclave");
