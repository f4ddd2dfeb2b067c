/**
 * The bank-link views' own DOM events. They stay inside the frame: the controller listens
 * to them and decides what, if anything, crosses the bridge — never a username, a
 * password or a verification code.
 */
import type { Institution } from "./model.js";

/** The customer typed in the institution search box. */
export interface InstitutionQueryDetail {
  query: string;
}

/** The customer picked an institution (from the results or the popular grid). */
export interface InstitutionSelectDetail {
  institution: Institution;
}

/** The credentials form changed. Holds the password: only ever dispatched inside the frame. */
export interface CredentialsInputDetail {
  username: string;
  password: string;
  showPassword: boolean;
  /** A submit found an empty field: the fields' own errors show from now on. */
  attempted: boolean;
}

/** The customer submitted both fields filled. Holds the password: frame-internal. */
export interface CredentialsSubmitDetail {
  username: string;
  password: string;
}

/** The verification code field changed. Holds the code: frame-internal. */
export interface MfaInputDetail {
  code: string;
  attempted: boolean;
}

/** The customer submitted a code. Frame-internal. */
export interface MfaSubmitDetail {
  code: string;
}

/** The ticked accounts changed (`attempted`: a "Continue" found none ticked). */
export interface AccountsChangeDetail {
  selected: string[];
  attempted: boolean;
}

/** The customer confirmed the accounts to share (at least one). */
export interface AccountsSubmitDetail {
  selected: string[];
}

/** The customer's answer on the exit confirmation. */
export interface ExitAnswerDetail {
  leave: boolean;
}

/** Events with nothing to say still carry an object (our convention for every `detail`). */
type Empty = Record<string, never>;

declare module "../ui/frame-element.js" {
  interface FrameEventDetails {
    "enclave-consent-accept": Empty;
    "enclave-institution-query": InstitutionQueryDetail;
    "enclave-institution-select": InstitutionSelectDetail;
    "enclave-institution-retry": Empty;
    "enclave-credentials-input": CredentialsInputDetail;
    "enclave-credentials-submit": CredentialsSubmitDetail;
    "enclave-oauth-continue": Empty;
    "enclave-oauth-reopen": Empty;
    "enclave-mfa-input": MfaInputDetail;
    "enclave-mfa-submit": MfaSubmitDetail;
    "enclave-mfa-restart": Empty;
    "enclave-accounts-change": AccountsChangeDetail;
    "enclave-accounts-submit": AccountsSubmitDetail;
    "enclave-link-done": Empty;
    "enclave-link-choose-bank": Empty;
    "enclave-link-exit": Empty;
    "enclave-link-back": Empty;
    "enclave-link-close": Empty;
    "enclave-exit-answer": ExitAnswerDetail;
  }
}

declare global {
  interface HTMLElementEventMap {
    "enclave-consent-accept": CustomEvent<Empty>;
    "enclave-institution-query": CustomEvent<InstitutionQueryDetail>;
    "enclave-institution-select": CustomEvent<InstitutionSelectDetail>;
    "enclave-institution-retry": CustomEvent<Empty>;
    "enclave-credentials-input": CustomEvent<CredentialsInputDetail>;
    "enclave-credentials-submit": CustomEvent<CredentialsSubmitDetail>;
    "enclave-oauth-continue": CustomEvent<Empty>;
    "enclave-oauth-reopen": CustomEvent<Empty>;
    "enclave-mfa-input": CustomEvent<MfaInputDetail>;
    "enclave-mfa-submit": CustomEvent<MfaSubmitDetail>;
    "enclave-mfa-restart": CustomEvent<Empty>;
    "enclave-accounts-change": CustomEvent<AccountsChangeDetail>;
    "enclave-accounts-submit": CustomEvent<AccountsSubmitDetail>;
    "enclave-link-done": CustomEvent<Empty>;
    "enclave-link-choose-bank": CustomEvent<Empty>;
    "enclave-link-exit": CustomEvent<Empty>;
    "enclave-link-back": CustomEvent<Empty>;
    "enclave-link-close": CustomEvent<Empty>;
    "enclave-exit-answer": CustomEvent<ExitAnswerDetail>;
  }
}
