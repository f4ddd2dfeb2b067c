import { html, nothing, type TemplateResult } from "lit";
import { classMap } from "lit/directives/class-map.js";
import { live } from "lit/directives/live.js";
import { cardBrandIcon } from "../ui/card-brand-icon.js";
import { formStyles } from "../ui/form.styles.js";
import { FrameElement } from "../ui/frame-element.js";
import "../ui/help-popover.js";
import {
  caretFor,
  detectBrand,
  digitsBefore,
  editAcrossSeparator,
  emptyCardValue,
  formatCardNumber,
  formatCvc,
  formatExpiry,
  formatPostalCode,
  type CardBrand,
  type CardField,
  type CardValue,
} from "./card-input.js";
import { validateCard, type CardCheck, type TouchedFields } from "./card-validation.js";
import { cardFormStyles } from "./card-form.styles.js";
import { checkoutMessages, type CheckoutMessages } from "./messages.js";
// The frame-internal event names and details emit() is typed with.
import type {} from "./events.js";

const inputIds: Record<CardField, string> = { number: "number", expiry: "expiry", cvc: "cvc", postalCode: "postal-code" };

/**
 * @summary The card fields — number, expiration date, security code, postal code — as a
 * pure view: it renders `value` and `touched`, formats what the customer types by brand,
 * and reports every change with `enclave-card-input`. Errors show for touched fields only.
 *
 * @event enclave-card-input - A field changed or was left. Detail: `{ value, touched }` (frame-internal: it holds the card).
 *
 * @csspart container - The form.
 * @csspart label - Each field's label.
 * @csspart input - Each field.
 * @csspart error - Each field's error message.
 * @csspart button - The security code's help button.
 */
export class EnclaveCardForm extends FrameElement {
  static override styles = [formStyles, cardFormStyles];

  static override properties = {
    value: { attribute: false },
    touched: { attribute: false },
    disabled: { type: Boolean, reflect: true },
  };

  /** What the fields show, formatted ("4242 4242 …", "12 / 34"). */
  value: CardValue = emptyCardValue;
  /** The fields whose errors are shown: set on leaving a filled field, cleared while it is edited. */
  touched: TouchedFields = {};
  /** While a payment is processing: every field is disabled. */
  disabled = false;

  /** Moves focus to one field (the card number by default). */
  focusField(field: CardField = "number"): void {
    this.renderRoot.querySelector<HTMLInputElement>(`#${inputIds[field]}`)?.focus();
  }

  protected override render(): TemplateResult {
    const check = validateCard(this.value);
    const { brand } = check;
    const words = checkoutMessages();
    const { fields } = words;
    return html`<form class="form" part="container" novalidate @submit=${preventSubmit}>
      <div class="field">
        <div class="label-row"><label class="label" part="label" for="number">${fields.cardNumber}</label></div>
        <!-- Card numbers read left to right in every script; the brand mark sits at their end. -->
        <div class="control control--with-brand" dir="ltr">
          <input
            id="number"
            class="input"
            part="input"
            name="cardnumber"
            type="text"
            inputmode="numeric"
            autocomplete="cc-number"
            autocorrect="off"
            spellcheck="false"
            placeholder="1234 1234 1234 1234"
            .value=${live(this.value.number)}
            ?disabled=${this.disabled}
            aria-invalid=${this.invalid(check, "number")}
            aria-describedby=${this.errorId(check, "number") ?? nothing}
            @beforeinput=${this.onBeforeInput}
            @input=${this.onInput}
            @blur=${this.onBlur}
          />
          <span class="brand">${cardBrandIcon(brand.type, brand.niceType)}</span>
        </div>
        ${this.renderError(check, "number")}
      </div>

      <div class="row">
        <div class="field">
          <div class="label-row"><label class="label" part="label" for="expiry">${fields.expiry}</label></div>
          <input
            id="expiry"
            class="input"
            part="input"
            name="exp-date"
            type="text"
            inputmode="numeric"
            autocomplete="cc-exp"
            autocorrect="off"
            spellcheck="false"
            placeholder=${fields.expiryPlaceholder}
            dir="ltr"
            .value=${live(this.value.expiry)}
            ?disabled=${this.disabled}
            aria-invalid=${this.invalid(check, "expiry")}
            aria-describedby=${this.errorId(check, "expiry") ?? nothing}
            @beforeinput=${this.onBeforeInput}
            @input=${this.onInput}
            @blur=${this.onBlur}
          />
          ${this.renderError(check, "expiry")}
        </div>

        <div class="field">
          <div class="label-row">
            <label class="label" part="label" for="cvc">${fields.securityCode}</label>
            <!-- Named without the words "security code" (in every language), so that the field
                 stays the only thing a label search for "Security code" finds (tests, voice control). -->
            <enclave-help-popover
              exportparts="button"
              label=${words.securityCodeHelp.button}
              heading=${words.securityCodeHelp.heading}
              .text=${securityCodeHelp(brand, words.securityCodeHelp)}
            ></enclave-help-popover>
          </div>
          <!-- Its placeholder is the card network's own name for the code (CVC, CVV, CID…),
               printed as such in every language: a name, not a word to translate. -->
          <input
            id="cvc"
            class="input"
            part="input"
            name="cvc"
            type="text"
            inputmode="numeric"
            autocomplete="cc-csc"
            autocorrect="off"
            spellcheck="false"
            placeholder=${brand.code.name}
            dir="ltr"
            .value=${live(this.value.cvc)}
            ?disabled=${this.disabled}
            aria-invalid=${this.invalid(check, "cvc")}
            aria-describedby=${this.errorId(check, "cvc") ?? nothing}
            @input=${this.onInput}
            @blur=${this.onBlur}
          />
          ${this.renderError(check, "cvc")}
        </div>
      </div>

      <div class="field">
        <div class="label-row">
          <label class="label" part="label" for="postal-code">${fields.postalCode}</label>
          <span class="hint" id="postal-code-hint">${fields.optional}</span>
        </div>
        <input
          id="postal-code"
          class="input"
          part="input"
          name="postal"
          type="text"
          autocomplete="postal-code"
          autocorrect="off"
          spellcheck="false"
          maxlength="10"
          .value=${live(this.value.postalCode)}
          ?disabled=${this.disabled}
          aria-invalid=${this.invalid(check, "postalCode")}
          aria-describedby=${["postal-code-hint", this.errorId(check, "postalCode")].filter(Boolean).join(" ")}
          @input=${this.onInput}
          @blur=${this.onBlur}
        />
        ${this.renderError(check, "postalCode")}
      </div>
    </form>`;
  }

  private visibleError(check: CardCheck, field: CardField): string | undefined {
    return this.touched[field] ? check.errors[field]?.describe(checkoutMessages().fieldErrors) : undefined;
  }

  private invalid(check: CardCheck, field: CardField): "true" | "false" {
    return this.visibleError(check, field) ? "true" : "false";
  }

  private errorId(check: CardCheck, field: CardField): string | undefined {
    return this.visibleError(check, field) ? `${inputIds[field]}-error` : undefined;
  }

  /** Always in the page, empty when there is nothing to say: an alert region must exist before its text arrives to be announced. */
  private renderError(check: CardCheck, field: CardField): TemplateResult {
    const message = this.visibleError(check, field);
    return html`<p id="${inputIds[field]}-error" class=${classMap({ error: true, "error--shown": Boolean(message) })} part="error" role="alert">${message ?? ""}</p>`;
  }

  private fieldOf(input: HTMLInputElement): CardField {
    const field = (Object.keys(inputIds) as CardField[]).find((name) => inputIds[name] === input.id);
    if (!field) throw new Error(`no card field has the id ${input.id}`);
    return field;
  }

  private readonly onBeforeInput = (event: InputEvent): void => {
    const input = event.target as HTMLInputElement;
    const caret = input.selectionStart;
    if (caret === null || caret !== input.selectionEnd) return;
    const direction = event.inputType === "deleteContentBackward" ? "backward" : event.inputType === "deleteContentForward" ? "forward" : undefined;
    if (!direction) return;
    const edit = editAcrossSeparator(input.value, caret, direction);
    if (!edit) return;
    event.preventDefault();
    this.applyEdit(input, edit.text, edit.caret, true);
  };

  private readonly onInput = (event: Event): void => {
    const input = event.target as HTMLInputElement;
    const deleting = event instanceof InputEvent && event.inputType.startsWith("delete");
    this.applyEdit(input, input.value, input.selectionStart ?? input.value.length, deleting);
  };

  private readonly onBlur = (event: FocusEvent): void => {
    // A focused field loses focus when it is disabled for processing: the customer did not leave it.
    if (this.disabled) return;
    const field = this.fieldOf(event.target as HTMLInputElement);
    // Leaving an empty field is not a mistake (a customer may tab through); leaving a filled one shows what is wrong with it.
    if (this.touched[field] || this.value[field].trim() === "") return;
    this.commit(this.value, { ...this.touched, [field]: true });
  };

  /** Reformats `text` typed into `input`, keeps the caret beside the same characters, and reports the change. */
  private applyEdit(input: HTMLInputElement, text: string, caret: number, deleting: boolean): void {
    const field = this.fieldOf(input);
    const formatted = this.format(field, text, deleting);
    if (input.value !== formatted) input.value = formatted;
    if ((this.renderRoot as ShadowRoot).activeElement === input) {
      const next =
        field === "postalCode" ? Math.min(formatPostalCode(text.slice(0, caret)).length, formatted.length) : caretFor(formatted, digitsBefore(text, caret), caret >= text.length);
      input.setSelectionRange(next, next);
    }
    if (formatted === this.value[field]) return;
    // Editing hides the field's error until the customer leaves it again: no alert on every keystroke.
    this.commit({ ...this.value, [field]: formatted }, { ...this.touched, [field]: false });
  }

  private format(field: CardField, text: string, deleting: boolean): string {
    switch (field) {
      case "number":
        return formatCardNumber(text);
      case "expiry":
        return formatExpiry(text, deleting);
      case "cvc":
        return formatCvc(text, detectBrand(this.value.number));
      case "postalCode":
        return formatPostalCode(text);
    }
  }

  private commit(value: CardValue, touched: TouchedFields): void {
    this.value = value;
    this.touched = touched;
    this.emit("enclave-card-input", { value, touched });
  }
}

function preventSubmit(event: SubmitEvent): void {
  // Enter in a field: the merchant's page owns the pay button and calls submit() over the bridge.
  event.preventDefault();
}

function securityCodeHelp(brand: CardBrand, words: CheckoutMessages["securityCodeHelp"]): string {
  if (brand.type === "american-express") return words.onFront;
  if (brand.type === "unknown") return words.eitherSide;
  return words.onBack;
}
