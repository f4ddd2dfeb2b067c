/**
 * What each host element takes and dispatches, written once for every framework adapter:
 * the React wrappers and JSX types beside this file, and the Vue types in `src/vue/`.
 * Types only, and free of any framework, so that the Vue types can use it without React.
 */
import type { EnclaveBankLink } from "../elements/bank-link/enclave-bank-link.component.js";
import type { EnclaveCheckout } from "../elements/checkout/enclave-checkout.component.js";
import type { EnclaveIdentity } from "../elements/identity/enclave-identity.component.js";
import type {
  BankLinkSuccessDetail,
  ChangeDetail,
  CheckoutSuccessDetail,
  ErrorDetail,
  ExitDetail,
  IdentitySuccessDetail,
  ProgressDetail,
  ReadyDetail,
} from "../protocol/events.js";

export type { Appearance } from "../protocol/appearance.js";
export type {
  BankLinkSuccessDetail,
  ChangeDetail,
  CheckoutSuccessDetail,
  ErrorDetail,
  ExitDetail,
  IdentitySuccessDetail,
  ProgressDetail,
  ReadyDetail,
} from "../protocol/events.js";

/** The element classes, named as a ref's type: `useRef<EnclaveCheckoutElement>(null)`. */
export type EnclaveCheckoutElement = EnclaveCheckout;
export type EnclaveBankLinkElement = EnclaveBankLink;
export type EnclaveIdentityElement = EnclaveIdentity;

/** The members every element lets a page configure (its attributes, camelCased, and its properties). */
type ConfigurableMember = "publishableKey" | "host" | "locale" | "clientToken" | "fetchClientToken" | "appearance";

/** Taken from the element classes so that their documentation shows on each prop. */
export type EnclaveCheckoutProps = Partial<Pick<EnclaveCheckout, ConfigurableMember>>;
export type EnclaveBankLinkProps = Partial<Pick<EnclaveBankLink, ConfigurableMember | "mode">>;
export type EnclaveIdentityProps = Partial<Pick<EnclaveIdentity, ConfigurableMember | "mode">>;

/** The events `<enclave-checkout>` dispatches. It is inline and has nothing to close, so no `enclave-exit`. */
export interface CheckoutEventDetails {
  "enclave-ready": ReadyDetail;
  "enclave-change": ChangeDetail;
  "enclave-success": CheckoutSuccessDetail;
  "enclave-error": ErrorDetail;
  "enclave-event": ProgressDetail;
}

/** The events of the modal flows, which report no form changes but can be left before the end. */
interface ModalEventDetails<Success> {
  "enclave-ready": ReadyDetail;
  "enclave-success": Success;
  "enclave-exit": ExitDetail;
  "enclave-error": ErrorDetail;
  "enclave-event": ProgressDetail;
}
export type BankLinkEventDetails = ModalEventDetails<BankLinkSuccessDetail>;
export type IdentityEventDetails = ModalEventDetails<IdentitySuccessDetail>;

/** The elements by tag, with their props and events: what the JSX and Vue declarations are built from. */
export interface EnclaveElements {
  "enclave-checkout": { element: EnclaveCheckout; props: EnclaveCheckoutProps; events: CheckoutEventDetails };
  "enclave-bank-link": { element: EnclaveBankLink; props: EnclaveBankLinkProps; events: BankLinkEventDetails };
  "enclave-identity": { element: EnclaveIdentity; props: EnclaveIdentityProps; events: IdentityEventDetails };
}
