/**
 * The checkout as a raw `<enclave-checkout>` tag, without the wrappers (docs/react.md's
 * other way): React 19 sets a prop as a property when the element has a property of that
 * name, so `fetchClientToken` (an accessor on the element) reaches it as a function, and
 * `onenclave-ready` listens to the event. Shown at `?raw-tag`.
 */
import { useState } from "react";
import "enclave-kit/react";
import type { ErrorDetail } from "enclave-kit/react";
import { clientTokenSource } from "../../shared/client-tokens.js";

const publishableKey = import.meta.env.VITE_ENCLAVE_PUBLISHABLE_KEY;
const host = import.meta.env.VITE_ENCLAVE_HOST;

export function RawTagCheckout() {
  const [fetchClientToken] = useState(() => clientTokenSource("checkout"));
  const [ready, setReady] = useState(false);
  const [errors, setErrors] = useState<ErrorDetail[]>([]);

  return (
    <main>
      <h1>Enclave as a raw tag in React</h1>
      <enclave-checkout
        publishableKey={publishableKey}
        host={host}
        locale="en"
        fetchClientToken={fetchClientToken}
        onenclave-ready={() => setReady(true)}
        onenclave-error={(event) => setErrors((shown) => [...shown, event.detail])}
      />
      <p role="status" aria-label="Checkout">
        {ready ? "Checkout ready" : "Checkout loading"}
      </p>
      <ul aria-label="Errors">
        {errors.map((error, index) => (
          <li key={index}>{`${error.code}: ${error.message}`}</li>
        ))}
      </ul>
    </main>
  );
}
