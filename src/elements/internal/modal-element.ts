/**
 * A host element that shows its frame in a native `<dialog>` on the merchant page (the
 * default, like Plaid Link) or inline (`mode="inline"`). The frame loads as soon as the
 * element is attached so that `open()` shows a ready flow at once.
 */
import { css } from "@lit/reactive-element";
import { EnclaveElement } from "./enclave-element.js";
import { frameStyles } from "./frame.styles.js";

export abstract class EnclaveModalElement extends EnclaveElement {
  static override properties = {
    ...EnclaveElement.properties,
    mode: { reflect: true },
  };

  static override styles = [
    frameStyles,
    css`
      dialog {
        width: min(28rem, calc(100vw - 2rem));
        max-height: calc(100vh - 2rem);
        padding: 0;
        border: 0;
        border-radius: 0.75rem;
        box-shadow: 0 20px 50px rgb(0 0 0 / 0.3);
        overflow: auto;
      }
      dialog::backdrop {
        background: rgb(15 23 42 / 0.55);
      }
    `,
  ];

  /** `"modal"` (default) shows the flow in a dialog on `open()`; `"inline"` shows it in place. */
  mode: "modal" | "inline" = "modal";

  private lastStep = "start";
  private openerFocus: Element | null = null;

  override connectedCallback(): void {
    super.connectedCallback();
    this.addEventListener("enclave-event", this.rememberStep);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.removeEventListener("enclave-event", this.rememberStep);
  }

  /** Shows the flow (modal mode): focus moves into the frame and returns on close. */
  open(): void {
    const dialog = this.dialog;
    if (!dialog || dialog.open) return;
    this.openerFocus = document.activeElement;
    dialog.showModal();
    this.frame?.focus();
  }

  /** Hides the flow and reports `enclave-exit` with the step the customer was on. */
  close(reason = "merchant_closed"): void {
    const dialog = this.dialog;
    if (dialog?.open) dialog.close();
    this.emit("enclave-exit", { reason, step: this.lastStep });
    if (this.openerFocus instanceof HTMLElement) this.openerFocus.focus();
    this.openerFocus = null;
  }

  protected override frameContainer(): ParentNode {
    if (this.mode === "inline") return this.renderRoot;
    let dialog = this.dialog;
    if (!dialog) {
      dialog = document.createElement("dialog");
      dialog.setAttribute("part", "dialog");
      dialog.setAttribute("aria-label", this.frameTitle);
      dialog.addEventListener("cancel", (event) => this.onCancel(event));
      this.renderRoot.append(dialog);
    }
    return dialog;
  }

  private get dialog(): HTMLDialogElement | null {
    return this.renderRoot.querySelector("dialog");
  }

  private readonly rememberStep = (event: Event): void => {
    const detail = (event as CustomEvent<{ step?: unknown }>).detail;
    if (typeof detail?.step === "string") this.lastStep = detail.step;
  };

  private onCancel(event: Event): void {
    event.preventDefault();
    this.close("user_closed");
  }
}
