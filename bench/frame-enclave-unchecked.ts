/** Entry (BENCH_INVESTIGATE=1): frame side of our bridge with envelope parsing patched. */
import { skipEnvelopeChecks } from "./envelope-patches.js";
import { serveEnclaveEcho } from "./frame-enclave-impl.js";

skipEnvelopeChecks();
void serveEnclaveEcho();
