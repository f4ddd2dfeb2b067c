/** Entry (BENCH_INVESTIGATE=1): our bridge with envelope parsing patched, see envelope-patches.ts. */
import { useDiscriminatedEnvelopes } from "./envelope-patches.js";
import { registerEnclave } from "./host-enclave-impl.js";

useDiscriminatedEnvelopes();
registerEnclave("enclave-discriminated", "frame-enclave-discriminated");
