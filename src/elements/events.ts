import type { EnclaveEventDetails } from "../protocol/events.js";

export type * from "../protocol/events.js";

/** The public events, typed for `addEventListener` on any element. */
declare global {
  interface HTMLElementEventMap {
    "enclave-ready": CustomEvent<EnclaveEventDetails["enclave-ready"]>;
    "enclave-change": CustomEvent<EnclaveEventDetails["enclave-change"]>;
    "enclave-success": CustomEvent<EnclaveEventDetails["enclave-success"]>;
    "enclave-exit": CustomEvent<EnclaveEventDetails["enclave-exit"]>;
    "enclave-error": CustomEvent<EnclaveEventDetails["enclave-error"]>;
    "enclave-event": CustomEvent<EnclaveEventDetails["enclave-event"]>;
  }
}

/**
 * One element's events for `addEventListener`: the page-wide map, with `enclave-success`
 * narrowed to what that element sends (a checkout's `{ paymentIntent }`, not every flow's).
 */
export type EnclaveElementEventMap<Success> = Omit<HTMLElementEventMap, "enclave-success"> & { "enclave-success": CustomEvent<Success> };
