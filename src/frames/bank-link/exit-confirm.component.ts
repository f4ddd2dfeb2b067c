import { html, type TemplateResult } from "lit";
import { formStyles } from "../ui/form.styles.js";
import { FrameElement } from "../ui/frame-element.js";
import { alertIcon } from "../ui/icons.js";
import { screenStyles } from "../ui/screen.styles.js";
import { exitConfirmStyles } from "./exit-confirm.styles.js";
import { bankLinkMessages } from "./messages.js";
import type {} from "./events.js";

/**
 * @summary "Leave without connecting your bank?" — asked when the customer presses the
 * frame's close button or Escape, or when the host page asks (`requestExit`, Escape on
 * its dialog). "Stay" returns to the screen as it was.
 *
 * @event enclave-exit-answer - Detail: `{ leave }`.
 *
 * @csspart container - The screen.
 * @csspart button - "Leave" and "Stay".
 */
export class EnclaveExitConfirm extends FrameElement {
  static override styles = [formStyles, screenStyles, exitConfirmStyles];

  static override properties = {
    merchantName: { attribute: "merchant-name" },
  };

  merchantName = "";

  /** Focuses "Stay": the answer that loses nothing. */
  focusStart(): void {
    this.renderRoot.querySelector<HTMLButtonElement>("#stay")?.focus();
  }

  protected override render(): TemplateResult {
    const words = bankLinkMessages().exit;
    return html`<section class="screen" part="container" role="alertdialog" aria-modal="false" aria-labelledby="title" aria-describedby="text">
      <span class="warning">${alertIcon(32)}</span>
      <h1 class="title" id="title" tabindex="-1">${words.title}</h1>
      <p class="lede" id="text">${words.text(this.merchantName)}</p>
      <div class="actions">
        <button id="leave" class="button button--primary" part="button" type="button" @click=${() => this.emit("enclave-exit-answer", { leave: true })}>${words.leave}</button>
        <button id="stay" class="button" part="button" type="button" @click=${() => this.emit("enclave-exit-answer", { leave: false })}>${words.stay}</button>
      </div>
    </section>`;
  }
}
