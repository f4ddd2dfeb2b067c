import { html, nothing, svg, type TemplateResult } from "lit";
import { classMap } from "lit/directives/class-map.js";
import type { ImageSide } from "../../protocol/identity-api.js";
import { formStyles } from "../ui/form.styles.js";
import { formatDate } from "../ui/i18n.js";
import { alertIcon } from "../ui/icons.js";
import "../ui/qr-code.js";
import { screenStyles } from "../ui/screen.styles.js";
import { handoffScreenStyles } from "./handoff-screen.styles.js";
import { identityScreenStyles } from "./identity-screen.styles.js";
import { identityErrorMessage, identityMessages } from "./messages.js";
import type { HandoffState } from "./model.js";
import { IdentityScreenElement } from "./screen-element.js";
import type {} from "./events.js";

const doneIcon = svg`<svg class="icon" viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false" fill="none" stroke="currentColor" stroke-width="2.5" stroke-linecap="round" stroke-linejoin="round"><path d="M5 12.5l4.5 4.5L19 7.5" /></svg>`;
const pendingIcon = svg`<svg class="icon" viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round"><circle cx="12" cy="12" r="8" stroke-dasharray="3 3" /></svg>`;

/**
 * @summary The phone hand-off: a QR code of the link (with a text alternative, the link
 * itself to copy, and the time it expires, in the locale's format), then the phone's
 * progress as the controller polls — "Waiting for your phone…", "Phone connected" and
 * each photo as it arrives.
 *
 * @event enclave-identity-handoff-renew - "Get a new code" (the link expired or could not be made).
 * @event enclave-identity-back - "Use this device instead".
 *
 * @csspart container - The screen.
 * @csspart button - Every button.
 * @csspart error - The expired and error notices.
 * @csspart image - The QR code.
 */
export class EnclaveIdentityHandoff extends IdentityScreenElement {
  static override styles = [formStyles, screenStyles, identityScreenStyles, handoffScreenStyles];

  static override properties = {
    state: { reflect: true },
    url: {},
    expiresAt: { type: Number, attribute: "expires-at" },
    needed: { attribute: false },
    uploaded: { attribute: false },
    errorCode: { attribute: "error-code" },
    copyResult: { state: true },
  };

  state: HandoffState = "creating";
  /** The hand-off link, which the QR code encodes. */
  url = "";
  /** When the link expires, in Unix seconds. */
  expiresAt = 0;
  /** The photos the session needs, in order. */
  needed: ImageSide[] = [];
  /** The photos already in. */
  uploaded: ImageSide[] = [];
  /** Why the link could not be made (state `error`), as an error code: the words are chosen here. */
  errorCode: string | null = null;

  private copyResult: "" | "copied" | "by_hand" = "";

  protected override render(): TemplateResult {
    const strings = identityMessages().handoff;
    const showCode = this.state === "waiting" && this.url !== "";
    return html`<section class="screen" part="container" aria-labelledby="title">
      <h1 class="title" id="title" tabindex="-1">${strings.title}</h1>
      ${this.state === "connected" ? nothing : html`<p class="lede">${strings.lede}</p>`}
      ${showCode ? this.renderCode() : nothing}
      <p class="notice" part="error" role="alert">${this.renderProblem()}</p>
      <div class="status" role="status">${this.renderProgress()}</div>
      ${this.state === "connected" ? this.renderChecklist() : nothing}
      <div class="actions">
        ${
          this.state === "expired" || this.state === "error"
            ? html`<button class="button button--primary" part="button" type="button" @click=${() => this.emit("enclave-identity-handoff-renew", {})}>${strings.renew}</button>`
            : nothing
        }
        <button class="button button--link" part="button" type="button" @click=${() => this.emit("enclave-identity-back", {})}>${strings.useThisDevice}</button>
      </div>
    </section>`;
  }

  private renderCode(): TemplateResult {
    const strings = identityMessages().handoff;
    return html`<div class="code">
        <enclave-qr-code class="qr" exportparts="image" .value=${this.url} label=${strings.qrLabel}></enclave-qr-code>
      </div>
      <div class="link-box">
        <p class="muted small" id="link-intro">${strings.linkIntro}</p>
        <!-- A URL reads left to right in any language: in Arabic its punctuation would otherwise be reordered. -->
        <a class="link" id="link" dir="ltr" href=${this.url} target="_blank" rel="noopener noreferrer" aria-describedby="link-intro">${this.url}</a>
        <div class="copy-row">
          <button class="button button--small" part="button" type="button" @click=${this.onCopy}>${strings.copy}</button>
          <span class="muted small" role="status">${this.copyResult === "copied" ? strings.copied : this.copyResult === "by_hand" ? strings.copyByHand : ""}</span>
        </div>
        <p class="muted small">${strings.oneUse(formatDate(this.expiresAt * 1000, { timeStyle: "short" }))}</p>
      </div>`;
  }

  private renderProblem(): TemplateResult | typeof nothing {
    if (this.state === "expired") return html`${alertIcon()}<span>${identityMessages().handoff.expired}</span>`;
    if (this.state === "error") return html`${alertIcon()}<span>${identityErrorMessage(this.errorCode ?? "")}</span>`;
    return nothing;
  }

  private renderProgress(): TemplateResult | typeof nothing {
    const strings = identityMessages().handoff;
    switch (this.state) {
      case "creating":
        return html`<p class="progress"><span class="spinner"></span>${strings.creating}</p>`;
      case "waiting":
        return html`<p class="progress"><span class="spinner"></span>${strings.waiting}</p>`;
      case "connected": {
        const count = this.needed.filter((side) => this.uploaded.includes(side)).length;
        return html`<p class="connected"><span class="connected-title">${strings.connected}</span>
          <span>${strings.connectedHint} ${strings.added(count, this.needed.length)}</span></p>`;
      }
      default:
        return nothing;
    }
  }

  private renderChecklist(): TemplateResult {
    const messages = identityMessages();
    return html`<ul class="checklist">
      ${this.needed.map((side) => {
        const done = this.uploaded.includes(side);
        return html`<li class=${classMap({ "check-item": true, "check-item--done": done })}>
          ${done ? doneIcon : pendingIcon}<span class="check-name">${messages.sides[side]}</span>
          <span class="muted small">${done ? messages.handoff.addedMark : messages.handoff.pendingMark}</span>
        </li>`;
      })}
    </ul>`;
  }

  private readonly onCopy = async (): Promise<void> => {
    try {
      // Needs clipboard-write in the iframe's allow list; without it the link is selected instead.
      await navigator.clipboard.writeText(this.url);
      this.copyResult = "copied";
    } catch {
      const link = this.renderRoot.querySelector("#link");
      const selection = getSelection();
      if (link && selection) {
        const range = document.createRange();
        range.selectNodeContents(link);
        selection.removeAllRanges();
        selection.addRange(range);
      }
      this.copyResult = "by_hand";
    }
  };
}
