import { EnclaveModalElement } from "../internal/modal-element.js";
import { frameChecks } from "../../protocol/host-spec.js";
import type { IdentitySuccessDetail } from "../../protocol/events.js";
import type { EnclaveElementEventMap } from "../events.js";

/**
 * The whole identity check — consent, the document ("Passport", "Driver's license",
 * "ID card") and its country, photos by camera, upload or phone, a selfie when the
 * session asks for one, review — in a frame served by the widget host, so documents and
 * faces never touch the merchant's page. The frame loads as soon as the element is
 * attached; `open()` shows it in a native dialog (or set `mode="inline"`). The iframe may
 * use the camera (`allow="camera"`). Read the verified data on your backend.
 *
 * @summary Verifies a person's identity document and selfie in a secure frame, like Stripe Identity.
 *
 * @event {CustomEvent<{ flow: "identity" }>} enclave-ready - The frame connected; `open()` now shows a ready flow. Detail: `{ flow }`.
 * @event {CustomEvent<{ verificationSession: { id: string, status: string } }>} enclave-success - The person was verified and pressed "Done" on "You're verified" (or closed it, or the page called `close()` there: the result is never lost); the dialog closes. Detail: `{ verificationSession: { id, status: "verified" } }`; the verified data itself is only on your backend. A document that could not be verified is reported by `enclave-error` while the frame offers "Try again".
 * @event {CustomEvent<{ reason: string, step: string }>} enclave-exit - The customer left (Escape, "Close", leaving after the confirmation) or `close()` was called, before the end (not on "You're verified": that is `enclave-success`); the dialog closes. Detail: `{ reason, step }`, `step` being where they left (`consent`, `document_type`, `front`, `back`, `selfie`, `review`, `handoff`).
 * @event {CustomEvent<{ code: string, message: string, retryable: boolean }>} enclave-error - Something failed: a setup mistake, the frame not connecting, the origin or token refused. Detail: `{ code, message, retryable }`.
 * @event {CustomEvent<{ name: string, step: string, at: string }>} enclave-event - Progress on every screen, for analytics. Detail: `{ name, step, at }` (`at` an ISO 8601 time). In modal mode `open` fires on each `open()`, not when the frame loads.
 *
 * @csspart dialog - The native dialog that holds the frame in modal mode.
 * @csspart frame - The iframe.
 *
 * @cssprop --enclave-min-height - The least height the element takes, whatever the frame reports (default `3rem`).
 * @cssprop --enclave-loading-background - Colour of the skeleton shown, at the frame's expected height, until the frame is ready (default a faint neutral grey).
 * @cssprop --enclave-loading-radius - Corner radius of that skeleton (default `6px`).
 */
export class EnclaveIdentity extends EnclaveModalElement {
  protected override readonly flow = "identity" as const;
  protected override readonly frameChecks = frameChecks.identity;
  protected override readonly frameTitle = "Verify your identity";
  protected override readonly frameAllow = "camera; clipboard-write";
}

/** `addEventListener("enclave-success", …)` on this element gets its own detail type. */
export interface EnclaveIdentity {
  addEventListener<K extends keyof EnclaveElementEventMap<IdentitySuccessDetail>>(
    type: K,
    listener: (this: EnclaveIdentity, event: EnclaveElementEventMap<IdentitySuccessDetail>[K]) => unknown,
    options?: boolean | AddEventListenerOptions,
  ): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions): void;
}
