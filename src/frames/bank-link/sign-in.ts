/**
 * Bank link's sign-in in the frame: the credentials form and the verification code. Each
 * goes to the widget host in one request and is dropped when it returns, right or wrong
 * (only the username stays, so a mistyped password can be corrected). What the bank
 * answered next is the controller's to follow. An answer for a screen the customer has
 * left is dropped (its AbortSignal).
 *
 * After a refusal, focus goes where the customer fixes it — the emptied password, the code
 * field, or the way out of a lock — not left on "Submit"; the screen's alert says why.
 */
import type { Institution, LinkStepResponse } from "../../protocol/bank-link-api.js";
import { EnclaveError, ErrorCode } from "../../protocol/errors.js";
import type { BankLinkApi } from "./bank-link-client.js";
import type { BankLinkScreen, CredentialsModel, MfaModel } from "./model.js";

/** What the sign-in needs of the controller. */
export interface SignInHost {
  api(): BankLinkApi | undefined;
  screen(): BankLinkScreen;
  /** The current screen's signal: aborted when the customer leaves it. */
  signal(): AbortSignal;
  patchCredentials(changes: Partial<CredentialsModel>): void;
  patchMfa(changes: Partial<MfaModel>): void;
  /** The bank signs in on its own page only: OAuth in place of the credentials step. */
  requiresOAuth(institution: Institution): void;
  /** The bank answered with the next step. */
  follow(answer: LinkStepResponse): void;
  failed(reason: EnclaveError, step: "credentials" | "mfa"): void;
  progress(name: "submit_credentials" | "submit_mfa"): void;
  focusStart(): void;
}

export class SignIn {
  constructor(private readonly host: SignInHost) {}

  async submitCredentials(username: string, password: string): Promise<void> {
    const host = this.host;
    const api = host.api();
    const screen = host.screen();
    if (!api || screen.name !== "credentials" || screen.credentials.busy) return;
    const { institution } = screen;
    const signal = host.signal();
    host.progress("submit_credentials");
    host.patchCredentials({ busy: true, attempted: false, error: null });
    let answer: LinkStepResponse;
    try {
      answer = await api.signIn(institution.id, username, password);
    } catch (error) {
      if (signal.aborted) return;
      // The password is dropped whatever the answer; the username stays in its field so a
      // mistyped password can be corrected without retyping it.
      host.patchCredentials({ password: "", busy: false });
      const reason = EnclaveError.from(error);
      if (reason.code === ErrorCode.institutionRequiresOAuth) {
        host.requiresOAuth({ ...institution, auth: "oauth" });
        return;
      }
      host.patchCredentials({ error: { code: reason.code } });
      host.failed(reason, "credentials");
      host.focusStart();
      return;
    }
    if (signal.aborted) return;
    host.patchCredentials({ password: "", busy: false });
    host.follow(answer);
  }

  async submitMfa(code: string): Promise<void> {
    const host = this.host;
    const api = host.api();
    const screen = host.screen();
    if (!api || screen.name !== "mfa" || screen.mfa.busy) return;
    const signal = host.signal();
    host.progress("submit_mfa");
    host.patchMfa({ busy: true, attempted: false });
    let answer: LinkStepResponse;
    try {
      answer = await api.submitMfa(code);
    } catch (error) {
      if (signal.aborted) return;
      const reason = EnclaveError.from(error);
      // The server counts attempts too; this count only words the message ("2 attempts left").
      const left = screen.mfa.attemptsLeft;
      const attemptsLeft = reason.code === ErrorCode.invalidMfaCode ? Math.max(0, left - 1) : reason.code === ErrorCode.mfaLocked ? 0 : left;
      // A code is never kept, right or wrong.
      host.patchMfa({ code: "", busy: false, attemptsLeft, error: { code: reason.code } });
      host.failed(reason, "mfa");
      host.focusStart();
      return;
    }
    if (signal.aborted) return;
    host.patchMfa({ code: "", busy: false, error: null });
    host.follow(answer);
  }
}
