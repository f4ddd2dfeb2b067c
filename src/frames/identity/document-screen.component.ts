import { html, nothing, svg, type SVGTemplateResult, type TemplateResult } from "lit";
import { live } from "lit/directives/live.js";
import { repeat } from "lit/directives/repeat.js";
import { documentTypes, type DocumentType } from "../../protocol/identity-constants.js";
import { formStyles } from "../ui/form.styles.js";
import { currentLocale } from "../ui/i18n.js";
import { alertIcon } from "../ui/icons.js";
import { screenStyles } from "../ui/screen.styles.js";
import { countryOptions } from "./countries.js";
import { documentScreenStyles } from "./document-screen.styles.js";
import { identityScreenStyles } from "./identity-screen.styles.js";
import { identityErrorMessage, identityMessages } from "./messages.js";
import { IdentityScreenElement } from "./screen-element.js";
import type {} from "./events.js";

const icons: Record<DocumentType, SVGTemplateResult> = {
  passport: svg`<rect x="5" y="2.5" width="14" height="19" rx="2" /><circle cx="12" cy="10" r="3.2" /><path d="M8.8 10h6.4M12 6.8c-1 .9-1.4 2-1.4 3.2s.4 2.3 1.4 3.2M12 6.8c1 .9 1.4 2 1.4 3.2s-.4 2.3-1.4 3.2M9 17.5h6" />`,
  driving_license: svg`<rect x="2.5" y="5" width="19" height="14" rx="2" /><circle cx="8.5" cy="11" r="2" /><path d="M5.5 16c.6-1.6 1.7-2.4 3-2.4s2.4.8 3 2.4M14 10h4.5M14 13.5h3" />`,
  id_card: svg`<rect x="2.5" y="5" width="19" height="14" rx="2" /><path d="M6 9.5h6M6 12.5h9M6 15.5h4" /><rect x="15" y="8.5" width="3.5" height="4" rx=".8" />`,
};

const documentIcon = (type: DocumentType): TemplateResult =>
  html`<svg class="choice-icon" viewBox="0 0 24 24" width="28" height="28" aria-hidden="true" focusable="false" fill="none" stroke="currentColor" stroke-width="1.6" stroke-linecap="round" stroke-linejoin="round">${icons[type]}</svg>`;

/**
 * @summary The document choice: its type (radio buttons named exactly "Passport",
 * "Driver's license", "ID card" in English) and the country that issued it (named by
 * `Intl.DisplayNames` in the frame's current locale, and sorted as that locale sorts).
 * "Continue" sends both.
 *
 * @event enclave-identity-document-change - The type or country changed. Detail: `{ documentType, country }`.
 * @event enclave-identity-document-submit - "Continue" with a type chosen. Detail: `{ documentType, country }`.
 *
 * @csspart container - The screen.
 * @csspart label - The legend and the country's label.
 * @csspart input - The country select.
 * @csspart error - The messages.
 * @csspart button - "Continue".
 */
export class EnclaveIdentityDocument extends IdentityScreenElement {
  static override styles = [formStyles, screenStyles, identityScreenStyles, documentScreenStyles];

  static override properties = {
    documentType: { attribute: "document-type" },
    country: {},
    busy: { type: Boolean, reflect: true },
    errorCode: { attribute: "error-code" },
    showTypeError: { state: true },
  };

  /** The type chosen, or null before a choice. */
  documentType: DocumentType | null = null;
  /** ISO 3166-1 alpha-2 of the issuing country. */
  country = "US";
  /** While the choice is being saved: the controls are disabled. */
  busy = false;
  /** Why saving failed, as an error code (the words are chosen here), or null. */
  errorCode: string | null = null;

  /** "Continue" was pressed with no type chosen. */
  private showTypeError = false;

  protected override render(): TemplateResult {
    const messages = identityMessages();
    const strings = messages.document;
    const typeError = this.showTypeError && !this.documentType ? strings.chooseType : "";
    const countries = countryOptions(currentLocale());
    return html`<section class="screen" part="container" aria-labelledby="title">
      <h1 class="title" id="title" tabindex="-1">${strings.title}</h1>
      <p class="lede">${strings.lede}</p>
      <form class="form" novalidate @submit=${this.onSubmit}>
        <fieldset class="choices" aria-describedby="type-error" ?disabled=${this.busy}>
          <legend class="label" part="label">${strings.typeLegend}</legend>
          ${documentTypes.map(
            (type) => html`<div class="choice">
              <input
                class="choice-input"
                type="radio"
                name="document-type"
                id="type-${type}"
                value=${type}
                aria-describedby="hint-${type}"
                .checked=${live(this.documentType === type)}
                @change=${() => this.change(type, this.country)}
              />
              ${documentIcon(type)}
              <label class="choice-name" for="type-${type}">${messages.documents[type]}</label>
              <span class="choice-hint" id="hint-${type}">${strings.hints[type]}</span>
            </div>`,
          )}
        </fieldset>
        <p id="type-error" class="error" part="error" role="alert">${typeError}</p>

        <div class="field">
          <label class="label" part="label" for="country">${strings.country}</label>
          <select
            id="country"
            class="input select"
            part="input"
            autocomplete="country"
            ?disabled=${this.busy}
            @change=${(event: Event) => this.change(this.documentType, (event.target as HTMLSelectElement).value)}
          >
            ${repeat(
              countries,
              (option) => option.code,
              (option) => html`<option value=${option.code} ?selected=${option.code === this.country}>${option.name}</option>`,
            )}
          </select>
        </div>

        <p class="notice" part="error" role="alert">${this.errorCode ? html`${alertIcon()}<span>${identityErrorMessage(this.errorCode)}</span>` : nothing}</p>

        <div class="actions">
          <button class="button button--primary" part="button" type="submit" ?disabled=${this.busy}>${strings.continue}</button>
        </div>
        <div role="status" class="status">${this.busy ? html`<p class="progress"><span class="spinner"></span>${strings.saving}</p>` : nothing}</div>
      </form>
    </section>`;
  }

  protected override updated(): void {
    // `selected` on the options sets the initial choice; after that the select's value is what counts.
    const select = this.renderRoot.querySelector<HTMLSelectElement>("#country");
    if (select && select.value !== this.country && countryOptions(currentLocale()).some((option) => option.code === this.country)) select.value = this.country;
  }

  private change(documentType: DocumentType | null, country: string): void {
    this.documentType = documentType;
    this.country = country;
    this.emit("enclave-identity-document-change", { documentType, country });
  }

  private readonly onSubmit = (event: SubmitEvent): void => {
    event.preventDefault();
    if (this.busy) return;
    if (!this.documentType) {
      this.showTypeError = true;
      this.renderRoot.querySelector<HTMLInputElement>(".choice-input")?.focus();
      return;
    }
    this.showTypeError = false;
    this.emit("enclave-identity-document-submit", { documentType: this.documentType, country: this.country });
  };
}
