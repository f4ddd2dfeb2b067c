import { EnclaveModalElement } from "../internal/modal-element.js";
import { frameChecks } from "../../protocol/host-spec.js";
import type { BankLinkSuccessDetail } from "../../protocol/events.js";
import type { EnclaveElementEventMap } from "../events.js";

/**
 * The whole bank-linking flow — consent, "Search institutions", sign-in ("Username",
 * "Password", "Verification code") or the bank's own OAuth page, then the accounts to
 * share — in a frame served by the widget host, so bank credentials never touch the
 * merchant's page. The frame loads as soon as the element is attached; `open()` shows it
 * in a native dialog (or set `mode="inline"`). Your page gets a single-use public token
 * in `enclave-success`, which your backend exchanges for an access token.
 *
 * @summary Links a customer's bank account in a secure frame, like Plaid Link.
 *
 * @event {CustomEvent<{ flow: "bank-link" }>} enclave-ready - The frame connected; `open()` now shows a ready flow. Detail: `{ flow }`.
 * @event {CustomEvent<{ publicToken: string, institution: { id: string, name: string }, accounts: { id: string, name: string, mask: string, type: string, subtype: string }[] }>} enclave-success - The customer shared accounts and pressed "Done" on the success screen (or Escape there, or the page called `close()` there: the result is never lost); the dialog closes. Detail: `{ publicToken, institution: { id, name }, accounts: [{ id, name, mask, type, subtype }] }`. Exchange `publicToken` on your backend within 30 minutes.
 * @event {CustomEvent<{ reason: string, step: string }>} enclave-exit - The customer left (Escape, "Close", leaving after the confirmation) or `close()` was called, before the end (not on the success screen: that is `enclave-success`); the dialog closes. Detail: `{ reason, step }`, `step` being where they left (`consent`, `select_institution`, `credentials`, `oauth`, `mfa`, `select_accounts`).
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
export class EnclaveBankLink extends EnclaveModalElement {
  protected override readonly flow = "bank-link" as const;
  protected override readonly frameChecks = frameChecks["bank-link"];
  protected override readonly frameTitle = "Link a bank account";
  protected override readonly frameAllow = "";
}

/** `addEventListener("enclave-success", …)` on this element gets its own detail type. */
export interface EnclaveBankLink {
  addEventListener<K extends keyof EnclaveElementEventMap<BankLinkSuccessDetail>>(
    type: K,
    listener: (this: EnclaveBankLink, event: EnclaveElementEventMap<BankLinkSuccessDetail>[K]) => unknown,
    options?: boolean | AddEventListenerOptions,
  ): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions): void;
}
