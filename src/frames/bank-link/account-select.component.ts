import { html, nothing, type TemplateResult } from "lit";
import { live } from "lit/directives/live.js";
import { busyButtonStyles } from "../ui/busy-button.styles.js";
import { formStyles } from "../ui/form.styles.js";
import { formatMoney } from "../ui/format-money.js";
import { FrameElement } from "../ui/frame-element.js";
import { currentLocale } from "../ui/i18n.js";
import { alertIcon } from "../ui/icons.js";
import { institutionLogo } from "../ui/institution-logo.js";
import { screenStyles } from "../ui/screen.styles.js";
import { accountSelectStyles } from "./account-select.styles.js";
import { bankLinkMessages, errorText } from "./messages.js";
import type { Institution, LinkableAccount, ScreenError } from "./model.js";
import type {} from "./events.js";

/**
 * @summary The accounts the bank returned, as checkboxes — name, kind, masked number and
 * balance — of which the customer shares at least one. Nothing is ticked at first: sharing
 * is the customer's choice, account by account.
 *
 * @event enclave-accounts-change - The ticked accounts changed, or "Continue" found none. Detail: `{ selected, attempted }`.
 * @event enclave-accounts-submit - "Continue" with at least one account. Detail: `{ selected }`.
 *
 * @csspart container - The form.
 * @csspart input - Each checkbox.
 * @csspart error - The at-least-one error and a failure notice.
 * @csspart button - "Continue".
 */
export class EnclaveAccountSelect extends FrameElement {
  static override styles = [formStyles, screenStyles, accountSelectStyles, busyButtonStyles];

  static override properties = {
    institution: { attribute: false },
    merchantName: { attribute: "merchant-name" },
    accounts: { attribute: false },
    selected: { attribute: false },
    attempted: { type: Boolean },
    busy: { type: Boolean, reflect: true },
    error: { attribute: false },
  };

  institution: Institution | null = null;
  merchantName = "";
  accounts: LinkableAccount[] = [];
  /** Ids of the ticked accounts. */
  selected: string[] = [];
  /** "Continue" found nothing ticked: the error shows until something is. */
  attempted = false;
  busy = false;
  /** Sharing failed (the API's error). */
  error: ScreenError | null = null;

  /** Focuses the first account's checkbox. */
  focusStart(): void {
    this.renderRoot.querySelector<HTMLInputElement>(".checkbox")?.focus();
  }

  protected override render(): TemplateResult {
    const words = bankLinkMessages().accounts;
    const merchant = this.merchantName;
    const bank = this.institution?.name ?? "";
    const noneChosen = this.attempted && this.selected.length === 0;
    return html`<form class="screen" part="container" novalidate aria-labelledby="title" aria-busy=${this.busy ? "true" : "false"} @submit=${this.onSubmit}>
      ${this.institution ? html`<p class="institution">${institutionLogo(this.institution.logo, 40)}<span>${this.institution.name}</span></p>` : nothing}
      <h1 class="title" id="title" tabindex="-1">${words.title(merchant)}</h1>
      <p class="lede">${words.lede(merchant)}</p>
      <fieldset class=${noneChosen ? "accounts accounts--invalid" : "accounts"} aria-describedby=${noneChosen ? "accounts-error" : nothing}>
        <legend class="label legend">${words.legend(bank)}</legend>
        ${this.accounts.map((account, index) => this.renderAccount(account, index, noneChosen))}
        <p id="accounts-error" class="error" part="error" role="alert">${noneChosen ? html`${alertIcon(16)} ${words.noneChosen}` : nothing}</p>
      </fieldset>
      <p class="notice" part="error" role="alert">${this.error ? html`${alertIcon()}<span>${errorText(this.error, bank, words.failed)}</span>` : nothing}</p>
      <div class="actions">
        <button class="button button--primary" part="button" type="submit" aria-disabled=${this.busy ? "true" : "false"}>
          ${this.busy ? html`<span class="spinner"></span>` : nothing}${words.continue}
        </button>
      </div>
      <p class="status muted small" role="status">${this.busy ? words.sharing : nothing}</p>
    </form>`;
  }

  private renderAccount(account: LinkableAccount, index: number, noneChosen: boolean): TemplateResult {
    const words = bankLinkMessages().accounts;
    const id = `account-${index}`;
    const kind = `${words.subtypes[account.subtype]} · ${words.types[account.type]}`;
    const describedBy = [`${id}-kind`, `${id}-balance`, noneChosen ? "accounts-error" : ""].filter(Boolean).join(" ");
    return html`<label class="account">
      <input
        id=${id}
        class="checkbox"
        part="input"
        type="checkbox"
        .checked=${live(this.selected.includes(account.id))}
        aria-labelledby="${id}-name"
        aria-describedby=${describedBy}
        @change=${(event: Event) => this.toggle(account.id, (event.target as HTMLInputElement).checked)}
      />
      <!-- Seen as "•••• 1234", heard as "ending in 1234" (in the checkbox's name). -->
      <span class="account-name" id="${id}-name">${account.name}<span class="visually-hidden">${words.endingIn(account.mask)}</span></span>
      <span class="account-kind"><span class="mask" aria-hidden="true" dir="ltr">•••• ${account.mask}</span> · <span id="${id}-kind">${kind}</span></span>
      <span class="balance" id="${id}-balance"
        ><span class="balance-label">${account.type === "credit" ? words.owed : words.balance}</span> ${formatMoney(account.balances.current, account.balances.currency, currentLocale())}</span
      >
    </label>`;
  }

  private toggle(accountId: string, checked: boolean): void {
    const selected = this.accounts.map((account) => account.id).filter((id) => (id === accountId ? checked : this.selected.includes(id)));
    this.selected = selected;
    this.emit("enclave-accounts-change", { selected, attempted: this.attempted });
  }

  private readonly onSubmit = (event: SubmitEvent): void => {
    event.preventDefault();
    if (this.busy) return;
    if (this.selected.length === 0) {
      this.attempted = true;
      this.emit("enclave-accounts-change", { selected: [], attempted: true });
      this.focusStart();
      return;
    }
    this.emit("enclave-accounts-submit", { selected: [...this.selected] });
  };
}
