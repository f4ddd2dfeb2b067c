/**
 * Bank link once signed in: the accounts screen the bank's answer opens, the customer's
 * choice, and its submission — whose answer is what the page hears in `success` (the
 * public token, the institution and the accounts' public fields, nothing else).
 */
import type { Institution, LinkStepResponse } from "../../protocol/bank-link-api.js";
import { EnclaveError } from "../../protocol/errors.js";
import type { BankLinkApi } from "./bank-link-client.js";
import { emptyAccounts, type AccountsModel, type BankLinkScreen, type LinkSuccessDetail, type StepScreen } from "./model.js";

type AccountsScreen = Extract<StepScreen, { name: "select_accounts" }>;

/** The accounts screen for a bank that answered `connected`; the API's id and name win, the logo stays the one the customer picked. */
export function accountsScreen(answer: Extract<LinkStepResponse, { status: "connected" }>, chosen: Institution | undefined): AccountsScreen {
  const { id, name } = answer.institution;
  const fallback: Institution = { id, name, auth: "credentials", popular: false, logo: { color: "#6b7280", initials: name.slice(0, 2) } };
  return { name: "select_accounts", institution: { ...(chosen ?? fallback), ...answer.institution }, accounts: { ...emptyAccounts(), accounts: answer.accounts } };
}

/** What the account choice needs of the controller. */
export interface AccountsHost {
  api(): BankLinkApi | undefined;
  screen(): BankLinkScreen;
  signal(): AbortSignal;
  patchAccounts(changes: Partial<AccountsModel>): void;
  /** Linked: the page is told, and the success screen follows. */
  linked(detail: LinkSuccessDetail, success: Extract<StepScreen, { name: "success" }>): void;
  failed(reason: EnclaveError): void;
  progress(name: "select_accounts"): void;
}

export class AccountChoice {
  constructor(private readonly host: AccountsHost) {}

  async submit(selected: string[]): Promise<void> {
    const host = this.host;
    const api = host.api();
    const screen = host.screen();
    if (!api || screen.name !== "select_accounts" || screen.accounts.busy || selected.length === 0) return;
    const signal = host.signal();
    host.progress("select_accounts");
    host.patchAccounts({ busy: true, error: null });
    try {
      const answer = await api.chooseAccounts(selected);
      if (signal.aborted) return;
      host.patchAccounts({ busy: false });
      const detail: LinkSuccessDetail = {
        publicToken: answer.public_token,
        institution: { id: answer.institution.id, name: answer.institution.name },
        accounts: answer.accounts.map(({ id, name, mask, type, subtype }) => ({ id, name, mask, type, subtype })),
      };
      const accounts = { ...screen.accounts, busy: false, error: null, selected: detail.accounts.map((account) => account.id) };
      host.linked(detail, { name: "success", institution: screen.institution, accounts });
    } catch (error) {
      if (signal.aborted) return;
      const reason = EnclaveError.from(error);
      host.patchAccounts({ busy: false, error: { code: reason.code } });
      host.failed(reason);
    }
  }
}
