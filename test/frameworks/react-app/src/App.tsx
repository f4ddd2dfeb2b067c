/**
 * A React 19 shop page with all three elements, written from docs/react.md: the checkout
 * inline with a Pay button calling `submit()` through a ref, bank link and identity opened
 * from buttons. Every callback shows what it received, so a test can read it.
 */
import { useRef, useState } from "react";
import {
  EnclaveBankLink,
  EnclaveCheckout,
  EnclaveIdentity,
  type CheckoutSuccessDetail,
  type EnclaveBankLinkElement,
  type EnclaveCheckoutElement,
  type EnclaveIdentityElement,
  type ErrorDetail,
  type ExitDetail,
} from "enclave-kit/react";
import { clientTokenSource } from "../../shared/client-tokens.js";

const publishableKey = import.meta.env.VITE_ENCLAVE_PUBLISHABLE_KEY;
const host = import.meta.env.VITE_ENCLAVE_HOST;

export function App() {
  const checkout = useRef<EnclaveCheckoutElement>(null);
  const bankLink = useRef<EnclaveBankLinkElement>(null);
  const identity = useRef<EnclaveIdentityElement>(null);
  // One token source per element for the life of the page: it remembers its session.
  const [tokens] = useState(() => ({
    checkout: clientTokenSource("checkout"),
    bankLink: clientTokenSource("bank-link"),
    identity: clientTokenSource("identity"),
  }));

  const [checkoutReady, setCheckoutReady] = useState(false);
  const [cardComplete, setCardComplete] = useState(false);
  const [paid, setPaid] = useState<CheckoutSuccessDetail["paymentIntent"]>();
  const [bankReady, setBankReady] = useState(false);
  const [bankExit, setBankExit] = useState<ExitDetail>();
  const [identityReady, setIdentityReady] = useState(false);
  const [errors, setErrors] = useState<ErrorDetail[]>([]);
  const showError = (event: CustomEvent<ErrorDetail>) => setErrors((shown) => [...shown, event.detail]);

  async function pay() {
    try {
      await checkout.current?.submit();
    } catch (error) {
      setErrors((shown) => [...shown, error as ErrorDetail]);
    }
  }

  return (
    <main>
      <h1>Enclave in React</h1>

      <section aria-labelledby="payment-heading">
        <h2 id="payment-heading">Payment</h2>
        <EnclaveCheckout
          ref={checkout}
          publishableKey={publishableKey}
          host={host}
          locale="en"
          fetchClientToken={tokens.checkout}
          appearance={{ theme: "flat", variables: { colorPrimary: "#0f766e" } }}
          onReady={() => setCheckoutReady(true)}
          onChange={(event) => setCardComplete(event.detail.complete)}
          onSuccess={(event) => setPaid(event.detail.paymentIntent)}
          onError={showError}
        />
        <p role="status" aria-label="Checkout">
          {paid ? `Paid ${paid.id}: ${paid.status}, ${paid.amount} ${paid.currency}` : checkoutReady ? "Checkout ready" : "Checkout loading"}
        </p>
        <button type="button" onClick={() => void pay()} disabled={!checkoutReady || !cardComplete}>
          Pay $49.00
        </button>
      </section>

      <section aria-labelledby="bank-heading">
        <h2 id="bank-heading">Bank account</h2>
        <button type="button" onClick={() => bankLink.current?.open()} disabled={!bankReady}>
          Link a bank
        </button>
        <EnclaveBankLink
          ref={bankLink}
          publishableKey={publishableKey}
          host={host}
          fetchClientToken={tokens.bankLink}
          onReady={() => setBankReady(true)}
          onExit={(event) => setBankExit(event.detail)}
          onError={showError}
        />
        <p role="status" aria-label="Bank link">
          {bankExit ? `Bank link closed: ${bankExit.reason} at ${bankExit.step}` : bankReady ? "Bank link ready" : "Bank link loading"}
        </p>
      </section>

      <section aria-labelledby="identity-heading">
        <h2 id="identity-heading">Identity</h2>
        <button type="button" onClick={() => identity.current?.open()} disabled={!identityReady}>
          Verify your identity
        </button>
        <EnclaveIdentity ref={identity} publishableKey={publishableKey} host={host} fetchClientToken={tokens.identity} onReady={() => setIdentityReady(true)} onError={showError} />
        <p role="status" aria-label="Identity">
          {identityReady ? "Identity ready" : "Identity loading"}
        </p>
      </section>

      <ul aria-label="Errors">
        {errors.map((error, index) => (
          <li key={index}>
            {error.code}: {error.message}
          </li>
        ))}
      </ul>
    </main>
  );
}
