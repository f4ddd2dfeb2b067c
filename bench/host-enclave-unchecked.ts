/** Entry (BENCH_INVESTIGATE=1): our bridge with envelope parsing patched, see envelope-patches.ts. */
import { skipEnvelopeChecks } from "./envelope-patches.js";
import { registerEnclave } from "./host-enclave-impl.js";

skipEnvelopeChecks();
registerEnclave("enclave-unchecked", "frame-enclave-unchecked");
