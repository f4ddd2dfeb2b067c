/**
 * A host element that shows its frame in a native `<dialog>` on the merchant page (the
 * default, like Plaid Link) or inline (`mode="inline"`). The frame loads as soon as the
 * element is attached so that `open()` shows a ready flow at once.
 */
import { EnclaveElement } from "./enclave-element.js";

export abstract class EnclaveModalElement extends EnclaveElement {
  static override observedAttributes = [...EnclaveElement.observedAttributes, "mode"];

  private lastStep = "start";
  private openerFocus: Element | null = null;

  /** `"modal"` (default) shows the flow in a dialog on `open()`; `"inline"` shows it in place. */
  get mode(): "modal" | "inline" {
    return this.getAttribute("mode") === "inline" ? "inline" : "modal";
  }
  set mode(value: "modal" | "inline") {
    this.setAttribute("mode", value);
  }

  override connectedCallback(): void {
    this.addEventListener("enclave-event", this.rememberStep);
    super.connectedCallback();
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
    if (this.mode === "inline") return this.root;
    let dialog = this.dialog;
    if (!dialog) {
      dialog = document.createElement("dialog");
      dialog.setAttribute("part", "dialog");
      dialog.setAttribute("aria-label", this.frameTitle);
      dialog.addEventListener("cancel", (event) => {
        event.preventDefault();
        this.close("user_closed");
      });
      this.root.append(dialog);
    }
    return dialog;
  }

  private get dialog(): HTMLDialogElement | null {
    return this.root.querySelector("dialog");
  }

  private readonly rememberStep = (event: Event): void => {
    const detail = (event as CustomEvent<{ step?: unknown }>).detail;
    if (typeof detail?.step === "string") this.lastStep = detail.step;
  };
}
