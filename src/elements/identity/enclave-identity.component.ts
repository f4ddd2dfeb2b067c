import { EnclaveModalElement } from "../internal/modal-element.js";

/**
 * @summary Verifies a person's identity document and selfie in a secure frame, like Stripe Identity.
 *
 * @event enclave-ready - The frame connected. Detail: `{ flow }`.
 * @event enclave-success - The flow finished. Detail: `{ verificationSession: { id, status } }`.
 * @event enclave-exit - The customer or the merchant closed it before the end. Detail: `{ reason, step }`.
 * @event enclave-error - Something failed. Detail: `{ code, message, retryable }`.
 * @event enclave-event - Progress on every screen. Detail: `{ name, step, at }`.
 *
 * @csspart dialog - The native dialog that holds the frame in modal mode.
 * @csspart frame - The iframe.
 *
 * @cssprop --enclave-min-height - Height reserved before the frame reports its own.
 */
export class EnclaveIdentity extends EnclaveModalElement {
  protected override readonly flow = "identity" as const;
  protected override readonly frameTitle = "Verify your identity";
  protected override readonly frameAllow = "camera; clipboard-write";
}
