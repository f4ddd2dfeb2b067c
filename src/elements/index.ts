/** `import "enclave-kit"`: defines every element and exports their classes. */
import "./events.js";

export { EnclaveCheckout } from "./checkout/enclave-checkout.js";
export { EnclaveBankLink } from "./bank-link/enclave-bank-link.js";
export { EnclaveIdentity } from "./identity/enclave-identity.js";
export { configure, type EnclaveConfig } from "./internal/config.js";
export { EnclaveError, ErrorCode, type EnclaveErrorShape } from "../protocol/errors.js";
export type { Appearance } from "../protocol/appearance.js";
