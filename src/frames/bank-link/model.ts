/**
 * What the bank-link screens show, as plain data: the step names every event and `exit`
 * carries, and one model per screen. The controller owns the models and hands them to
 * the pure views (bank-link-view and its screens); stories build them by hand.
 */
import type { BankLinkProduct, Institution, LinkableAccount } from "../../protocol/bank-link-api.js";
import type { SuccessDetail } from "../../protocol/events.js";

export type { BankLinkProduct, Institution, LinkableAccount };

/**
 * The steps of the flow, in the order a customer meets them. They are public: `event`
 * and `exit` details carry them as `step`, and merchants' analytics read them.
 */
export const linkSteps = ["consent", "select_institution", "credentials", "oauth", "mfa", "select_accounts", "success"] as const;
export type LinkStep = (typeof linkSteps)[number];

/** What the frame shows: a step, or the two screens before the flow can start. */
export type LinkScreen = "loading" | "load_error" | LinkStep;

/**
 * An error shown to the customer. Only its code: the frame's catalogs word it in the
 * customer's language (messages.ts `errorText()`); the API's English `message` goes to the
 * merchant in the `error` event and never onto a screen.
 */
export interface ScreenError {
  code: string;
}

export interface SearchModel {
  /** What the search box holds. */
  query: string;
  /** The state of the search for `query` (an empty query shows the popular grid instead). */
  status: "idle" | "loading" | "ready" | "error";
  /** The institutions that match `query` (when `status` is `ready`). */
  results: Institution[];
  /** Popular institutions, shown while the query is empty. */
  popular: Institution[];
  popularStatus: "loading" | "ready" | "error";
  /** Why the search or the popular list failed. */
  error: ScreenError | null;
}

export interface CredentialsModel {
  username: string;
  /** Held only while typed: the controller empties it as soon as the request returns. */
  password: string;
  showPassword: boolean;
  /** Set by a submit with an empty field: the fields' own errors show. */
  attempted: boolean;
  busy: boolean;
  error: ScreenError | null;
}

export interface OAuthModel {
  /**
   * - `ready`: the explanation and "Continue".
   * - `starting`: the popup is open (or blocked) and the authorization URL is on its way.
   * - `waiting`: the customer is on the bank's page; the frame polls for the outcome.
   * - `blocked`: the browser refused the popup; a real link opens the bank in a new tab.
   * - `denied`: the customer said no at the bank: "Try again" or "Choose another bank".
   * - `closed`: the customer closed the bank's window before it answered: "Try again" or
   *   "Choose another bank" (the status is still checked, in case the bank finished after all).
   * - `error`: the hand-off could not start or its status could not be read.
   */
  status: "ready" | "starting" | "waiting" | "blocked" | "denied" | "closed" | "error";
  authorizationUrl: string;
  error: ScreenError | null;
}

export interface MfaModel {
  /** Held only while typed: emptied as soon as the request returns. */
  code: string;
  attemptsLeft: number;
  attempted: boolean;
  busy: boolean;
  /** `invalid_mfa_code` (with `attemptsLeft`) or `mfa_locked`, among others. */
  error: ScreenError | null;
}

export interface AccountsModel {
  accounts: LinkableAccount[];
  /** Ids of the accounts ticked. */
  selected: string[];
  /** Set by a "Continue" with nothing ticked: the at-least-one error shows. */
  attempted: boolean;
  busy: boolean;
  error: ScreenError | null;
}

export const emptySearch = (): SearchModel => ({ query: "", status: "idle", results: [], popular: [], popularStatus: "loading", error: null });
export const emptyCredentials = (): CredentialsModel => ({ username: "", password: "", showPassword: false, attempted: false, busy: false, error: null });
export const emptyOAuth = (): OAuthModel => ({ status: "ready", authorizationUrl: "", error: null });
export const emptyMfa = (): MfaModel => ({ code: "", attemptsLeft: 3, attempted: false, busy: false, error: null });
export const emptyAccounts = (): AccountsModel => ({ accounts: [], selected: [], attempted: false, busy: false, error: null });

/**
 * What the frame shows, one screen at a time. A screen after the search carries the
 * institution chosen and its step's model; the search itself, the merchant's name and the
 * exit confirmation are the flow's, kept across screens (the view has a property for each).
 */
export type BankLinkScreen =
  | { name: "loading" }
  | { name: "load_error"; error: ScreenError }
  | { name: "consent" }
  | { name: "select_institution" }
  | { name: "credentials"; institution: Institution; credentials: CredentialsModel }
  | { name: "oauth"; institution: Institution; oauth: OAuthModel }
  | { name: "mfa"; institution: Institution; mfa: MfaModel }
  | { name: "select_accounts"; institution: Institution; accounts: AccountsModel }
  | { name: "success"; institution: Institution; accounts: AccountsModel };

/** A screen of the flow proper (the history "Back" walks), named by its step. */
export type StepScreen = Extract<BankLinkScreen, { name: LinkStep }>;

/** Progress names sent as `event`, with the step they belong to. */
export type LinkProgressName =
  | "open"
  | "transition_view"
  | "search_institution"
  | "select_institution"
  | "submit_credentials"
  | "submit_mfa"
  | "oauth_open"
  | "oauth_denied"
  | "close_oauth"
  | "select_accounts"
  | "handoff"
  | "done"
  | "error";

/** The bank-link form of `success` (and what the frame keeps once linked). */
export type LinkSuccessDetail = Extract<SuccessDetail, { publicToken: string }>;
