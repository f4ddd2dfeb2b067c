/**
 * A host element that shows its frame in a native `<dialog>` on the merchant page (the
 * default, like Plaid Link) or inline (`mode="inline"`). The frame loads as soon as the
 * element is attached so that `open()` shows a ready flow at once.
 *
 * Escape does not drop the customer's progress: it asks the frame, which confirms
 * ("Leave without connecting?") and reports `exit` if they leave. The dialog closes on the
 * frame's `exit` and `success`, and focus returns to what had it before `open()`.
 *
 * On a small screen (under 600 CSS px wide at the page's zoom, as Plaid Link and Stripe do)
 * the dialog covers the whole visible area, inside the safe areas. It is placed over the
 * visual viewport, not the layout viewport: a page wider than the phone (a header that does
 * not wrap) widens the layout viewport, and a dialog centred in that drew partly off-screen,
 * its close button included. It follows the visual viewport while open (rotation, zoom).
 *
 * On a success screen (bank link's "Connected", identity's "You're verified") the flow is
 * done and waits for "Done": `close()` then asks the frame to finish, as Escape does, so the
 * page gets `enclave-success` (which closes the dialog), never an `enclave-exit` that loses
 * the result.
 *
 * In modal mode the `open` progress event means the customer saw the flow: each `open()`
 * sends one, with the step the frame starts on (once the frame has said it: a page may
 * call `open()` on `enclave-ready`, just before); the frame's own, sent when it loads in
 * the background, is not passed on.
 */
import type { EnclaveEventDetails } from "../../protocol/events.js";
import { EnclaveElement } from "./enclave-element.js";

/**
 * @attr {"modal" | "inline"} mode - `modal` (default) shows the flow in a dialog on `open()`; `inline` shows it in place, in the page's layout.
 */
export abstract class EnclaveModalElement extends EnclaveElement<"bank-link" | "identity"> {
  static override observedAttributes = [...EnclaveElement.observedAttributes, "mode"];

  #lastStep = "start";
  #openerFocus: Element | null = null;
  /** The frame has said which step it starts on (its `open` progress event). */
  #frameOpened = false;
  /** `open()` was called and its `open` event is not sent yet (the frame has not said its step). */
  #openPending = false;
  /** The frame shows its success screen: its result is sent on "Done", Escape or `close()`. */
  #resultWaiting = false;

  /** `"modal"` (default) shows the flow in a dialog on `open()`; `"inline"` shows it in place. */
  get mode(): "modal" | "inline" {
    return this.getAttribute("mode") === "inline" ? "inline" : "modal";
  }
  set mode(value: "modal" | "inline") {
    this.setAttribute("mode", value);
  }

  override connectedCallback(): void {
    this.addEventListener("enclave-event", this.#rememberStep);
    this.addEventListener("enclave-exit", this.#hide);
    this.addEventListener("enclave-success", this.#hide);
    super.connectedCallback();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#hide();
    this.removeEventListener("enclave-event", this.#rememberStep);
    this.removeEventListener("enclave-exit", this.#hide);
    this.removeEventListener("enclave-success", this.#hide);
  }

  /** Shows the flow (modal mode): focus moves into the frame and returns on close. */
  open(): void {
    const dialog = this.#dialog;
    if (!dialog || dialog.open) return;
    this.#openerFocus = document.activeElement;
    this.#fitToScreen();
    visualViewport?.addEventListener("resize", this.#fitToScreen);
    visualViewport?.addEventListener("scroll", this.#fitToScreen);
    dialog.showModal();
    this.frame?.focus();
    this.connection?.call("focus", {}).catch(() => undefined);
    this.#openPending = true;
    this.#sendOpen();
  }

  /**
   * In modal mode, keeps the frame's `open` progress event (it comes when the frame loads,
   * before the customer sees anything) to itself, remembering only its step: `open()` sends
   * one when the customer does see the flow.
   */
  protected override emit<K extends keyof EnclaveEventDetails>(name: K, detail: EnclaveEventDetails[K]): void {
    if (this.mode !== "modal" || !("name" in detail) || detail.name !== "open") return super.emit(name, detail);
    this.#lastStep = detail.step;
    this.#frameOpened = true;
    this.#sendOpen();
  }

  /** One `open` per `open()`, with the step the frame starts on: at once, or when the frame says it. */
  #sendOpen(): void {
    if (!this.#openPending || !this.#frameOpened) return;
    this.#openPending = false;
    super.emit("enclave-event", { name: "open", step: this.#lastStep, at: new Date().toISOString() });
  }

  /** Full screen over what the customer sees, on a small screen; the centred card otherwise. */
  readonly #fitToScreen = (): void => {
    const dialog = this.#dialog;
    const view = visualViewport;
    if (!dialog || !view) return;
    const full = view.width * view.scale < 600;
    dialog.toggleAttribute("data-full", full);
    if (!full) return;
    // Through the CSSOM, not a style attribute, which a strict CSP on the merchant's page would block.
    const style = dialog.style;
    style.left = `${view.offsetLeft}px`;
    style.top = `${view.offsetTop}px`;
    style.width = `${view.width}px`;
    style.height = `${view.height}px`;
  };

  /**
   * Hides the flow at once and reports `enclave-exit` with the step the customer was on; on
   * a success screen, reports `enclave-success` with the result instead (after the frame's
   * answer) and then hides it.
   */
  close(reason = "merchant_closed"): void {
    if (!this.#dialog?.open && this.mode === "modal") return;
    const exit = (): void => this.emit("enclave-exit", { reason, step: this.#lastStep });
    if (!this.#resultWaiting || !this.connection) return exit();
    // The frame sends `success` (which hides the flow and clears #resultWaiting) before it
    // answers: an exit only when it had no result to send.
    const unlessSucceeded = (): void => void (this.#resultWaiting && exit());
    this.connection.call("requestExit", {}).then(unlessSucceeded, unlessSucceeded);
  }

  protected override frameContainer(): ParentNode {
    if (this.mode === "inline") return this.root;
    let dialog = this.#dialog;
    if (!dialog) {
      dialog = document.createElement("dialog");
      dialog.setAttribute("part", "dialog");
      dialog.setAttribute("aria-label", this.frameTitle);
      // When the frame is taller than the screen the dialog scrolls, and Chrome makes a scroller a
      // Tab stop: one that shows nothing to act on. The frame's own controls are the stops.
      dialog.tabIndex = -1;
      dialog.addEventListener("cancel", (event) => {
        event.preventDefault();
        // Before the frame is ready there is nothing to lose: leave at once.
        if (this.connectionState === "ready") this.connection?.call("requestExit", {}).catch(() => this.close("user_exit"));
        else this.close("user_exit");
      });
      this.root.append(dialog);
    }
    return dialog;
  }

  get #dialog(): HTMLDialogElement | null {
    return this.root.querySelector("dialog");
  }

  readonly #hide = (): void => {
    this.#openPending = false;
    this.#resultWaiting = false;
    visualViewport?.removeEventListener("resize", this.#fitToScreen);
    visualViewport?.removeEventListener("scroll", this.#fitToScreen);
    const dialog = this.#dialog;
    if (!dialog?.open) return;
    dialog.close();
    if (this.#openerFocus instanceof HTMLElement) this.#openerFocus.focus();
    this.#openerFocus = null;
  };

  readonly #rememberStep = (event: Event): void => {
    const detail = (event as CustomEvent<{ name?: unknown; step?: unknown }>).detail;
    if (typeof detail?.step === "string") this.#lastStep = detail.step;
    if (detail?.name === "verified" || detail.step === "success") this.#resultWaiting = true;
  };
}
