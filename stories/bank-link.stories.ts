/**
 * Every screen of the bank-link frame in every state, rendered from properties as the
 * frame shows them — no server, no bridge. The appearance controls set the same
 * --enclave-* variables a merchant's `appearance` does; the words, balances and direction
 * follow Storybook's global locale, as the frame's follow `init`. The models (search,
 * credentials, oauth, mfa, accounts) are editable as objects; errors are codes, as the
 * controller sets them, worded by the frame's catalogs.
 */
import type { Meta, StoryObj } from "@storybook/web-components-vite";
import "../src/frames/bank-link/bank-link-view.js";
import {
  emptyAccounts,
  emptyCredentials,
  emptyMfa,
  emptyOAuth,
  emptySearch,
  type AccountsModel,
  type BankLinkProduct,
  type CredentialsModel,
  type Institution,
  type LinkableAccount,
  type LinkScreen,
  type MfaModel,
  type OAuthModel,
  type ScreenError,
  type SearchModel,
} from "../src/frames/bank-link/model.js";
import { appearanceArgTypes, customAppearance, frameRoot, type AppearanceArgs } from "./support/appearance.js";

interface Args extends AppearanceArgs {
  screen: LinkScreen;
  exitConfirm: boolean;
  canGoBack: boolean;
  merchantName: string;
  products: BankLinkProduct[];
  sandbox: boolean;
  loadError: ScreenError | null;
  institution: Institution | null;
  search: SearchModel;
  credentials: CredentialsModel;
  oauth: OAuthModel;
  mfa: MfaModel;
  accounts: AccountsModel;
}

// ---- sandbox-like data -------------------------------------------------------------

const bank = (id: string, name: string, color: string, initials: string, auth: Institution["auth"] = "credentials"): Institution => ({
  id,
  name,
  auth,
  popular: true,
  logo: { color, initials },
});

const savingsBank = bank("ins_100001", "Sandbox Savings Bank", "#0a7c66", "SS");
const oauthBank = bank("ins_100002", "Sandbox OAuth Bank", "#3b5bdb", "SO", "oauth");
const popular: Institution[] = [
  savingsBank,
  oauthBank,
  bank("ins_100003", "Harborview National Bank", "#1d4ed8", "HN"),
  bank("ins_100004", "Summit Ridge Bank", "#b91c1c", "SR"),
  bank("ins_100005", "Meridian Federal", "#7c3aed", "MF", "oauth"),
  bank("ins_100006", "Evergreen Trust", "#15803d", "ET"),
  bank("ins_100007", "Northstar Credit Union", "#0f766e", "NC"),
  bank("ins_100008", "Bluewater Bank", "#0369a1", "BB", "oauth"),
  bank("ins_100009", "Liberty Square Bank", "#9a3412", "LS"),
  bank("ins_100010", "Keystone Savings", "#a16207", "KS"),
];
const sandboxResults = [savingsBank, oauthBank];

const accounts: LinkableAccount[] = [
  { id: "acc_checking", name: "Sandbox Checking", mask: "0000", type: "depository", subtype: "checking", balances: { available: 1104.12, current: 1250.4, currency: "usd" } },
  { id: "acc_savings", name: "Sandbox Savings", mask: "1111", type: "depository", subtype: "savings", balances: { available: 8200, current: 8200, currency: "usd" } },
  { id: "acc_credit", name: "Sandbox Rewards Card", mask: "3333", type: "credit", subtype: "credit card", balances: { available: 4087.5, current: 912.5, currency: "usd" } },
];

const screens: LinkScreen[] = ["loading", "load_error", "consent", "select_institution", "credentials", "oauth", "mfa", "select_accounts", "success"];

const meta: Meta<Args> = {
  title: "Frames/Bank link",
  component: "enclave-bank-link-view",
  args: {
    screen: "consent",
    exitConfirm: false,
    canGoBack: true,
    merchantName: "Enclave Demo Shop",
    products: ["accounts", "balances", "transactions"],
    sandbox: false,
    loadError: null,
    institution: null,
    search: { ...emptySearch(), popular, popularStatus: "ready" },
    credentials: emptyCredentials(),
    oauth: emptyOAuth(),
    mfa: emptyMfa(),
    accounts: { ...emptyAccounts(), accounts },
  },
  argTypes: {
    screen: { control: "select", options: screens },
    products: { control: "check", options: ["accounts", "balances", "transactions"] },
    ...appearanceArgTypes,
  },
  parameters: { layout: "padded" },
  render: (args) => {
    // The frame's root in miniature, as wide as the page's dialog.
    const frame = frameRoot();
    // A max width like the modal's, through the CSSOM (the frames allow no style attributes).
    frame.style.setProperty("max-width", "420px");

    const view = document.createElement("enclave-bank-link-view");
    Object.assign(view, {
      screen: args.screen,
      exitConfirm: args.exitConfirm,
      canGoBack: args.canGoBack,
      merchantName: args.merchantName,
      products: args.products,
      sandbox: args.sandbox,
      loadError: args.loadError,
      institution: args.institution,
      search: args.search,
      credentials: args.credentials,
      oauth: args.oauth,
      mfa: args.mfa,
      accounts: args.accounts,
    });
    frame.append(view);
    return frame;
  },
};

export default meta;
type Story = StoryObj<Args>;

const search = (model: Partial<SearchModel>): SearchModel => ({ ...emptySearch(), popular, popularStatus: "ready", ...model });
const credentials = (model: Partial<CredentialsModel>): CredentialsModel => ({ ...emptyCredentials(), ...model });
const oauth = (model: Partial<OAuthModel>): OAuthModel => ({ ...emptyOAuth(), ...model });
const mfa = (model: Partial<MfaModel>): MfaModel => ({ ...emptyMfa(), ...model });
const choose = (model: Partial<AccountsModel>): AccountsModel => ({ ...emptyAccounts(), accounts, ...model });
const authorizationUrl = "https://localhost:4000/oauth/sandbox/authorize?state=story";

// ---- before the flow -------------------------------------------------------------------

export const Loading: Story = { args: { screen: "loading", canGoBack: false } };
export const LoadErrorSessionClosed: Story = { args: { screen: "load_error", canGoBack: false, loadError: { code: "session_not_open" } } };
export const LoadErrorNotEmbedded: Story = { args: { screen: "load_error", canGoBack: false, loadError: { code: "handshake_timeout" } } };

// ---- consent ---------------------------------------------------------------------------

export const Consent: Story = { args: { screen: "consent", canGoBack: false } };
export const ConsentAccountsOnly: Story = { args: { screen: "consent", canGoBack: false, products: ["accounts"] } };

// ---- institution search ----------------------------------------------------------------

export const SearchPopular: Story = { args: { screen: "select_institution" } };
export const SearchPopularLoading: Story = { args: { screen: "select_institution", search: search({ popular: [], popularStatus: "loading" }) } };
export const SearchPopularError: Story = {
  args: { screen: "select_institution", search: search({ popular: [], popularStatus: "error", error: { code: "network_error" } }) },
};
export const SearchTyping: Story = { args: { screen: "select_institution", search: search({ query: "sandbox", status: "ready", results: sandboxResults }) } };
export const SearchLoading: Story = { args: { screen: "select_institution", search: search({ query: "sandbox", status: "loading" }) } };
export const SearchNoResults: Story = { args: { screen: "select_institution", search: search({ query: "Zebra Bank", status: "ready", results: [] }) } };
export const SearchError: Story = {
  args: { screen: "select_institution", search: search({ query: "sandbox", status: "error", error: { code: "service_unavailable" } }) },
};

// ---- credentials -----------------------------------------------------------------------

export const CredentialsEmpty: Story = { args: { screen: "credentials", institution: savingsBank } };
export const CredentialsFilled: Story = { args: { screen: "credentials", institution: savingsBank, credentials: credentials({ username: "user_good", password: "pass_good" }) } };
export const CredentialsShowPassword: Story = {
  args: { screen: "credentials", institution: savingsBank, credentials: credentials({ username: "user_good", password: "pass_good", showPassword: true }) },
};
export const CredentialsMissing: Story = { args: { screen: "credentials", institution: savingsBank, credentials: credentials({ attempted: true }) } };
export const CredentialsSubmitting: Story = {
  args: { screen: "credentials", institution: savingsBank, credentials: credentials({ username: "user_good", password: "pass_good", busy: true }) },
};
export const CredentialsInvalid: Story = {
  args: {
    screen: "credentials",
    institution: savingsBank,
    credentials: credentials({ username: "user_good", error: { code: "invalid_credentials" } }),
  },
};
/** A locked account (`user_locked`): the form closes; "Choose another bank" and "Exit" replace "Submit". */
export const CredentialsLocked: Story = {
  args: {
    screen: "credentials",
    institution: savingsBank,
    credentials: credentials({ username: "user_locked", error: { code: "item_locked" } }),
  },
};
export const CredentialsSandboxHint: Story = { args: { screen: "credentials", institution: savingsBank, sandbox: true } };

// ---- OAuth -------------------------------------------------------------------------------

export const OAuthReady: Story = { name: "OAuth ready", args: { screen: "oauth", institution: oauthBank } };
export const OAuthOpening: Story = { name: "OAuth opening", args: { screen: "oauth", institution: oauthBank, oauth: oauth({ status: "starting" }) } };
export const OAuthWaiting: Story = { name: "OAuth waiting", args: { screen: "oauth", institution: oauthBank, oauth: oauth({ status: "waiting", authorizationUrl }) } };
export const OAuthPopupBlocked: Story = { name: "OAuth popup blocked", args: { screen: "oauth", institution: oauthBank, oauth: oauth({ status: "blocked", authorizationUrl }) } };
export const OAuthDenied: Story = { name: "OAuth denied", args: { screen: "oauth", institution: oauthBank, oauth: oauth({ status: "denied" }) } };
/** The customer closed the bank's window before it answered: "Try again" or "Choose another bank". */
export const OAuthWindowClosed: Story = { name: "OAuth window closed", args: { screen: "oauth", institution: oauthBank, oauth: oauth({ status: "closed", authorizationUrl }) } };
export const OAuthError: Story = {
  args: { screen: "oauth", institution: oauthBank, oauth: oauth({ status: "error", error: { code: "network_error" } }) },
};

// ---- MFA ---------------------------------------------------------------------------------

export const MfaEmpty: Story = { args: { screen: "mfa", institution: savingsBank } };
export const MfaMissing: Story = { args: { screen: "mfa", institution: savingsBank, mfa: mfa({ attempted: true }) } };
export const MfaWrongCode: Story = {
  args: { screen: "mfa", institution: savingsBank, mfa: mfa({ attemptsLeft: 2, error: { code: "invalid_mfa_code" } }) },
};
export const MfaLastAttempt: Story = {
  args: { screen: "mfa", institution: savingsBank, mfa: mfa({ attemptsLeft: 1, error: { code: "invalid_mfa_code" } }) },
};
export const MfaLocked: Story = {
  args: { screen: "mfa", institution: savingsBank, mfa: mfa({ attemptsLeft: 0, error: { code: "mfa_locked" } }) },
};
export const MfaChecking: Story = { args: { screen: "mfa", institution: savingsBank, mfa: mfa({ code: "123456", busy: true }) } };
export const MfaSandboxHint: Story = { args: { screen: "mfa", institution: savingsBank, sandbox: true } };

// ---- accounts ----------------------------------------------------------------------------

export const AccountsNoneSelected: Story = { args: { screen: "select_accounts", institution: savingsBank } };
export const AccountsNoneSelectedError: Story = { args: { screen: "select_accounts", institution: savingsBank, accounts: choose({ attempted: true }) } };
export const AccountsSomeSelected: Story = { args: { screen: "select_accounts", institution: savingsBank, accounts: choose({ selected: ["acc_checking", "acc_credit"] }) } };
export const AccountsSharing: Story = { args: { screen: "select_accounts", institution: savingsBank, accounts: choose({ selected: ["acc_checking"], busy: true }) } };
export const AccountsShareFailed: Story = {
  args: {
    screen: "select_accounts",
    institution: savingsBank,
    accounts: choose({ selected: ["acc_checking"], error: { code: "network_error" } }),
  },
};
export const AccountsInEuros: Story = {
  args: {
    screen: "select_accounts",
    institution: savingsBank,
    accounts: choose({ accounts: accounts.map((account) => ({ ...account, balances: { ...account.balances, currency: "eur" } })) }),
  },
  globals: { locale: "de" },
};

// ---- the end and leaving -----------------------------------------------------------------

export const Success: Story = { args: { screen: "success", institution: savingsBank, accounts: choose({ selected: ["acc_checking", "acc_savings"] }) } };
export const ExitConfirm: Story = { args: { screen: "credentials", institution: savingsBank, exitConfirm: true } };

// ---- appearance --------------------------------------------------------------------------

export const Night: Story = { args: { screen: "select_institution" }, globals: { theme: "night" } };
export const NightCredentialsError: Story = { ...CredentialsInvalid, globals: { theme: "night" } };
export const Flat: Story = { args: { screen: "select_accounts", institution: savingsBank, accounts: choose({ selected: ["acc_savings"] }) }, globals: { theme: "flat" } };
export const CustomAppearance: Story = {
  args: {
    screen: "consent",
    canGoBack: false,
    ...customAppearance,
  },
};
export const RightToLeft: Story = { args: { screen: "select_accounts", institution: savingsBank }, globals: { locale: "ar" } };
