/**
 * Compiled by `tsc -p test/frameworks/react-app`, never rendered: what the published types
 * of `enclave-kit/react` accept and refuse. Each `@ts-expect-error` fails the check if the
 * line it marks ever compiles, so loose (`any`) types cannot pass.
 */
import { useRef } from "react";
import { EnclaveBankLink, EnclaveCheckout, EnclaveIdentity, type EnclaveBankLinkElement, type EnclaveCheckoutElement } from "enclave-kit/react";

export function WrapperTypes() {
  const checkout = useRef<EnclaveCheckoutElement>(null);
  const bankLink = useRef<EnclaveBankLinkElement>(null);
  return (
    <>
      <EnclaveCheckout
        ref={checkout}
        publishableKey="pk_test_types"
        appearance={{ theme: "night", variables: { borderRadius: "4px" } }}
        onChange={(event) => event.detail.brand.toUpperCase()}
        onSuccess={(event) => event.detail.paymentIntent.amount.toFixed(2)}
        onError={(event) => event.detail.retryable}
      />
      <EnclaveBankLink ref={bankLink} mode="inline" onSuccess={(event) => event.detail.accounts.map((account) => account.mask)} onExit={(event) => event.detail.step} />
      <EnclaveIdentity onSuccess={(event) => event.detail.verificationSession.status} />

      {/* @ts-expect-error a publishable key is a string */}
      <EnclaveCheckout publishableKey={42} />
      {/* @ts-expect-error the checkout is always inline: it has no mode */}
      <EnclaveCheckout mode="inline" />
      {/* @ts-expect-error the checkout has nothing to close, so no onExit */}
      <EnclaveCheckout onExit={() => undefined} />
      {/* @ts-expect-error a checkout succeeds with a payment intent, not a public token */}
      <EnclaveCheckout onSuccess={(event) => event.detail.publicToken} />
      {/* @ts-expect-error mode is "modal" or "inline" */}
      <EnclaveBankLink mode="popup" />
      {/* @ts-expect-error a bank link ref is not a checkout's */}
      <EnclaveCheckout ref={bankLink} />
    </>
  );
}

export async function methodsThroughRefs(checkout: EnclaveCheckoutElement, bankLink: EnclaveBankLinkElement) {
  await checkout.submit();
  bankLink.open();
  bankLink.close();
  // @ts-expect-error bank link has no submit()
  bankLink.submit();
}

export function RawTagTypes() {
  return (
    <>
      <enclave-checkout publishable-key="pk_test_types" onenclave-success={(event) => event.detail.paymentIntent.id} />
      <enclave-identity mode="inline" clientToken="ct_types" onenclave-exit={(event) => event.detail.reason} />
      {/* @ts-expect-error the checkout has no mode */}
      <enclave-checkout mode="inline" />
      {/* @ts-expect-error bank link events carry bank link details */}
      <enclave-bank-link onenclave-success={(event) => event.detail.paymentIntent} />
    </>
  );
}

export function domTypes() {
  document.querySelector("enclave-identity")?.open();
  document.createElement("enclave-checkout").addEventListener("enclave-change", (event) => event.detail.complete);
  document.body.addEventListener("enclave-exit", (event) => event.detail.step);
}
