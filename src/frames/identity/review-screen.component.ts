import { html, nothing, svg, type TemplateResult } from "lit";
import { formStyles } from "../ui/form.styles.js";
import { alertIcon } from "../ui/icons.js";
import { screenStyles } from "../ui/screen.styles.js";
import { identityScreenStyles } from "./identity-screen.styles.js";
import { identityErrorMessage, identityMessages } from "./messages.js";
import type { ReviewItem } from "./model.js";
import { reviewScreenStyles } from "./review-screen.styles.js";
import { IdentityScreenElement } from "./screen-element.js";
import type {} from "./events.js";

const checkIcon = svg`<svg class="uploaded-icon" viewBox="0 0 24 24" width="28" height="28" aria-hidden="true" focusable="false" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round"><circle cx="12" cy="12" r="9.5" /><path d="M7.5 12.5l3 3 6-6.5" /></svg>`;

/**
 * @summary The photos before they go for verification: a thumbnail of each (or a mark
 * for one added on another device) with "Retake" beside it, and "Submit". On the phone
 * the button is "Finish": the computer submits.
 *
 * @event enclave-identity-retake - "Retake" beside a photo. Detail: `{ side }`.
 * @event enclave-identity-submit - "Submit" (or "Finish" on the phone).
 *
 * @csspart container - The screen.
 * @csspart button - "Retake" and "Submit".
 * @csspart error - Why submitting failed.
 */
export class EnclaveIdentityReview extends IdentityScreenElement {
  static override styles = [formStyles, screenStyles, identityScreenStyles, reviewScreenStyles];

  static override properties = {
    items: { attribute: false },
    busy: { type: Boolean, reflect: true },
    errorCode: { attribute: "error-code" },
    phone: { type: Boolean },
  };

  /** The photos, in the order they were asked for. */
  items: ReviewItem[] = [];
  /** While submitting: the buttons are disabled and the progress is announced. */
  busy = false;
  /** Why submitting failed, as an error code (the words are chosen here), or null. */
  errorCode: string | null = null;
  /** On the phone: "Finish" rather than "Submit". */
  phone = false;

  protected override render(): TemplateResult {
    const messages = identityMessages();
    const strings = messages.review;
    return html`<section class="screen" part="container" aria-labelledby="title" aria-busy=${this.busy ? "true" : "false"}>
      <h1 class="title" id="title" tabindex="-1">${strings.title}</h1>
      <p class="lede">${this.phone ? strings.ledePhone : strings.lede}</p>
      <ul class="photos">
        ${this.items.map(
          (item) => html`<li class="photo-item">
            ${
              item.thumbnailUrl
                ? html`<img class="thumbnail" src=${item.thumbnailUrl} alt=${strings.thumbnailAlt[item.side]} />`
                : html`<span class="thumbnail thumbnail--elsewhere">${checkIcon}</span>`
            }
            <span class="photo-text">
              <span class="photo-name">${messages.sides[item.side]}</span>
              ${item.thumbnailUrl ? nothing : html`<span class="muted small">${strings.addedElsewhere}</span>`}
            </span>
            <button
              class="button button--small"
              part="button"
              type="button"
              aria-label=${strings.retakeName[item.side]}
              ?disabled=${this.busy}
              @click=${() => this.emit("enclave-identity-retake", { side: item.side })}
            >
              ${strings.retake}
            </button>
          </li>`,
        )}
      </ul>
      <p class="notice" part="error" role="alert">${this.errorCode ? html`${alertIcon()}<span>${identityErrorMessage(this.errorCode)}</span>` : nothing}</p>
      <div class="actions">
        <button class="button button--primary" part="button" type="button" ?disabled=${this.busy} @click=${() => this.emit("enclave-identity-submit", {})}>
          ${this.phone ? strings.finish : strings.submit}
        </button>
      </div>
      <div role="status">${this.busy ? html`<p class="progress"><span class="spinner"></span>${this.phone ? strings.finishing : strings.submitting}</p>` : nothing}</div>
    </section>`;
  }
}
