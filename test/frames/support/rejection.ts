import type { EnclaveError } from "../../../src/protocol/errors.js";

/** The error `promise` rejects with; throws when it fulfils instead. */
export async function rejectionOf(promise: Promise<unknown>): Promise<EnclaveError> {
  try {
    await promise;
  } catch (error) {
    return error as EnclaveError;
  }
  throw new Error("expected a rejection");
}
