import { html, nothing, svg, type SVGTemplateResult, type TemplateResult } from "lit";
import { live } from "lit/directives/live.js";
import { repeat } from "lit/directives/repeat.js";
import { documentTypes, type DocumentType } from "../../protocol/identity-api.js";
import { formStyles } from "../ui/form.styles.js";
import { alertIcon } from "../ui/icons.js";
import { screenStyles } from "../ui/screen.styles.js";
import { documentNames } from "./copy.js";
import type { CountryOption } from "./countries.js";
import { documentScreenStyles } from "./document-screen.styles.js";
import { identityScreenStyles } from "./identity-screen.styles.js";
import { IdentityScreenElement } from "./screen-element.js";
import type {} from "./events.js";

/** Every word this screen shows (the document names are the contract's, in copy.ts). */
const strings = {
  title: "Choose your ID",
  lede: "Use the original document, not a copy or a screenshot, and make sure it hasn't expired.",
  typeLegend: "Document type",
  hints: {
    passport: "Photo page",
    driving_license: "Front and back",
    id_card: "Front and back",
  } satisfies Record<DocumentType, string>,
  country: "Issuing country",
  chooseType: "Choose the type of your document.",
  continue: "Continue",
  saving: "Saving your choice…",
};

const icons: Record<DocumentType, SVGTemplateResult> = {
  passport: svg`<rect x="5" y="2.5" width="14" height="19" rx="2" /><circle cx="12" cy="10" r="3.2" /><path d="M8.8 10h6.4M12 6.8c-1 .9-1.4 2-1.4 3.2s.4 2.3 1.4 3.2M12 6.8c1 .9 1.4 2 1.4 3.2s-.4 2.3-1.4 3.2M9 17.5h6" />`,
  driving_license: svg`<rect x="2.5" y="5" width="19" height="14" rx="2" /><circle cx="8.5" cy="11" r="2" /><path d="M5.5 16c.6-1.6 1.7-2.4 3-2.4s2.4.8 3 2.4M14 10h4.5M14 13.5h3" />`,
  id_card: svg`<rect x="2.5" y="5" width="19" height="14" rx="2" /><path d="M6 9.5h6M6 12.5h9M6 15.5h4" /><rect x="15" y="8.5" width="3.5" height="4" rx=".8" />`,
};

const documentIcon = (type: DocumentType): TemplateResult =>
  html`<svg class="choice-icon" viewBox="0 0 24 24" width="28" height="28" aria-hidden="true" focusable="false" fill="none" stroke="currentColor" stroke-width="1.6" stroke-linecap="round" stroke-linejoin="round">${icons[type]}</svg>`;

/**
 * @summary The document choice: its type (radio buttons named exactly "Passport",
 * "Driver's license", "ID card") and the country that issued it (names from
 * `Intl.DisplayNames`, given in `countries`). "Continue" sends both.
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
    countries: { attribute: false },
    busy: { type: Boolean, reflect: true },
    error: {},
    showTypeError: { state: true },
  };

  /** The type chosen, or null before a choice. */
  documentType: DocumentType | null = null;
  /** ISO 3166-1 alpha-2 of the issuing country. */
  country = "US";
  /** The countries to offer, already named and sorted (countries.ts). */
  countries: readonly CountryOption[] = [];
  /** While the choice is being saved: the controls are disabled. */
  busy = false;
  /** Why saving failed (the server's words), or empty. */
  error = "";

  /** "Continue" was pressed with no type chosen. */
  private showTypeError = false;

  protected override render(): TemplateResult {
    const typeError = this.showTypeError && !this.documentType ? strings.chooseType : "";
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
              <label class="choice-name" for="type-${type}">${documentNames[type]}</label>
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
              this.countries,
              (option) => option.code,
              (option) => html`<option value=${option.code} ?selected=${option.code === this.country}>${option.name}</option>`,
            )}
          </select>
        </div>

        <p class="notice" part="error" role="alert">${this.error ? html`${alertIcon()}<span>${this.error}</span>` : nothing}</p>

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
    if (select && select.value !== this.country && this.countries.some((option) => option.code === this.country)) select.value = this.country;
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
