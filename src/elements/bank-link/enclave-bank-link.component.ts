import { EnclaveModalElement } from "../internal/modal-element.js";

/**
 * @summary Links a customer's bank account in a secure frame, like Plaid Link.
 *
 * @event enclave-ready - The frame connected. Detail: `{ flow }`.
 * @event enclave-success - The flow finished. Detail: `{ publicToken, institution: { id, name }, accounts }`.
 * @event enclave-exit - The customer or the merchant closed it before the end. Detail: `{ reason, step }`.
 * @event enclave-error - Something failed. Detail: `{ code, message, retryable }`.
 * @event enclave-event - Progress on every screen. Detail: `{ name, step, at }`.
 *
 * @csspart dialog - The native dialog that holds the frame in modal mode.
 * @csspart frame - The iframe.
 *
 * @cssprop --enclave-min-height - Height reserved before the frame reports its own.
 */
export class EnclaveBankLink extends EnclaveModalElement {
  protected override readonly flow = "bank-link" as const;
  protected override readonly frameTitle = "Link a bank account";
  protected override readonly frameAllow = "";
}
