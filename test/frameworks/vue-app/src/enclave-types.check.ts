/**
 * Compiled by `tsc -p test/frameworks/vue-app`, never run: the `GlobalComponents` entries
 * of `enclave-kit/vue` as Vue's template checker (vue-tsc) reads them — a template's
 * bindings must fit the component's `$props` (camelCased; `@enclave-exit` is
 * `onEnclaveExit`) and its listeners its `$emit`. Each `@ts-expect-error` fails the check
 * if the line it marks ever compiles, so loose (`any`) types cannot pass. The same checks
 * through real templates are in template-types.check.vue, for vue-tsc.
 */
import type { GlobalComponents } from "vue";

type PropsOf<Tag extends keyof GlobalComponents> = InstanceType<GlobalComponents[Tag]>["$props"];
type EmitOf<Tag extends keyof GlobalComponents> = InstanceType<GlobalComponents[Tag]>["$emit"];

export const checkout: PropsOf<"enclave-checkout"> = {
  publishableKey: "pk_test_types",
  host: "https://widgets.example.com",
  locale: "fr-CA",
  fetchClientToken: async () => "ct_types",
  appearance: { theme: "night", variables: { colorPrimary: "#0f766e" } },
  class: "payment",
  onEnclaveChange: (event) => event.detail.complete,
  onEnclaveSuccess: (event) => event.detail.paymentIntent.currency,
  onEnclaveError: (event) => event.detail.code,
};

export const bankLink: PropsOf<"enclave-bank-link"> = {
  mode: "inline",
  onEnclaveSuccess: (event) => event.detail.institution.name,
  onEnclaveExit: (event) => event.detail.step,
};

export const identity: PropsOf<"enclave-identity"> = {
  onEnclaveSuccess: (event) => event.detail.verificationSession.status,
  onEnclaveEvent: (event) => event.detail.name,
};

// @ts-expect-error a publishable key is a string
export const numericKey: PropsOf<"enclave-checkout"> = { publishableKey: 42 };
// @ts-expect-error the checkout is always inline: it has no mode
export const checkoutMode: PropsOf<"enclave-checkout"> = { mode: "inline" };
// @ts-expect-error mode is "modal" or "inline"
export const popupMode: PropsOf<"enclave-identity"> = { mode: "popup" };
// @ts-expect-error the checkout has nothing to close, so no enclave-exit
export const checkoutExit: PropsOf<"enclave-checkout"> = { onEnclaveExit: () => undefined };
export const wrongDetail: PropsOf<"enclave-bank-link"> = {
  // @ts-expect-error a bank link succeeds with a public token, not a payment intent
  onEnclaveSuccess: (event) => event.detail.paymentIntent,
};

export function emits(emit: EmitOf<"enclave-bank-link">, exit: CustomEvent<{ reason: string; step: string }>): void {
  emit("enclave-exit", exit);
  // @ts-expect-error bank link sends no enclave-change
  emit("enclave-change", exit);
}
