/**
 * The one "Leave …?" confirmation of the modal flows (bank link, identity): asked when the
 * customer presses "Close" or Escape, or when the merchant's page asks (`requestExit`,
 * Escape on its dialog). It stands in for the screen under the same header, as Plaid's
 * exit pane does, rather than opening a dialog inside the frame: the screen's state is
 * kept, so "Stay" shows it exactly as it was. "Leave" comes first and "Stay" last, the
 * safe answer, which is the primary button and has focus first.
 */
import { html, type TemplateResult } from "lit";
import { formStyles } from "./form.styles.js";
import { FrameElement } from "./frame-element.js";
import { alertIcon } from "./icons.js";
import { modalLeaveStyles } from "./modal-leave.styles.js";
import { screenStyles } from "./screen.styles.js";
import type {} from "./modal-events.js";

/**
 * @summary "Leave …?" with "Leave" and "Stay".
 *
 * @event enclave-modal-leave-answer - Detail: `{ leave }`.
 *
 * @csspart container - The confirmation.
 * @csspart button - "Leave" and "Stay".
 */
export class EnclaveModalLeave extends FrameElement {
  static override styles = [formStyles, screenStyles, modalLeaveStyles];

  static override properties = {
    heading: {},
    text: {},
    leaveLabel: { attribute: "leave-label" },
    stayLabel: { attribute: "stay-label" },
  };

  /** The question ("Leave verification?"). */
  heading = "";
  /** What leaving loses. */
  text = "";
  leaveLabel = "Leave";
  stayLabel = "Stay";

  /** Focuses "Stay": the answer that loses nothing. */
  focusStart(): void {
    this.renderRoot.querySelector<HTMLButtonElement>("#stay")?.focus();
  }

  protected override render(): TemplateResult {
    return html`<section class="screen" part="container" role="alertdialog" aria-modal="false" aria-labelledby="title" aria-describedby="text">
      <span class="warning">${alertIcon(32)}</span>
      <h1 class="title" id="title" tabindex="-1">${this.heading}</h1>
      <p class="lede" id="text">${this.text}</p>
      <div class="actions">
        <button id="leave" class="button" part="button" type="button" @click=${() => this.emit("enclave-modal-leave-answer", { leave: true })}>${this.leaveLabel}</button>
        <button id="stay" class="button button--primary" part="button" type="button" @click=${() => this.emit("enclave-modal-leave-answer", { leave: false })}>${this.stayLabel}</button>
      </div>
    </section>`;
  }
}
