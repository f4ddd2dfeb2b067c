import { html, nothing, type PropertyValues, type TemplateResult } from "lit";
import { dialogStyles } from "../ui/dialog.styles.js";
import { formStyles } from "../ui/form.styles.js";
import { FrameElement } from "../ui/frame-element.js";
import { exitDialogStyles } from "./exit-dialog.styles.js";
import { identityMessages } from "./messages.js";
import type {} from "./events.js";

/**
 * @summary "Leave verification?" — asked when the customer presses Escape on the
 * merchant's page (the host calls `requestExit`) or the frame's own "Close". A modal
 * `<dialog>` inside the frame; "Stay" has focus first, and Escape means "Stay".
 *
 * @event enclave-identity-exit-answer - Detail: `{ leave }`.
 *
 * @csspart container - The dialog.
 * @csspart button - "Leave" and "Stay".
 */
export class EnclaveIdentityExitDialog extends FrameElement {
  static override styles = [formStyles, dialogStyles, exitDialogStyles];

  static override properties = {
    open: { type: Boolean, reflect: true },
  };

  /** Shows the dialog (modal) while true. */
  open = false;

  private get dialog(): HTMLDialogElement | null {
    return this.renderRoot.querySelector("dialog");
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (!changed.has("open")) return;
    const dialog = this.dialog;
    if (!dialog) return;
    if (this.open && !dialog.open && this.isConnected) {
      dialog.showModal();
      // The safe answer first: a second Escape or Enter keeps the customer's progress.
      dialog.querySelector<HTMLButtonElement>(".stay")?.focus();
    }
    if (!this.open && dialog.open) dialog.close();
  }

  protected override render(): TemplateResult {
    const strings = identityMessages().exit;
    return html`<dialog part="container" aria-labelledby="title" aria-describedby="text" @cancel=${this.onCancel}>
      ${
        this.open
          ? html`<h2 id="title">${strings.title}</h2>
            <p id="text">${strings.text}</p>
            <div class="actions">
              <button class="button button--primary stay" part="button" type="button" @click=${() => this.answer(false)}>${strings.stay}</button>
              <button class="button" part="button" type="button" @click=${() => this.answer(true)}>${strings.leave}</button>
            </div>`
          : nothing
      }
    </dialog>`;
  }

  private answer(leave: boolean): void {
    this.emit("enclave-identity-exit-answer", { leave });
  }

  private readonly onCancel = (event: Event): void => {
    // The controller closes the dialog; Escape here is "Stay".
    event.preventDefault();
    this.answer(false);
  };
}
