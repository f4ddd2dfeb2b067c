import { html, nothing, type PropertyValues, type TemplateResult } from "lit";
import { formStyles } from "../ui/form.styles.js";
import { FrameElement } from "../ui/frame-element.js";
import { LaterScreens, type LaterScreen } from "../ui/later-screens.js";
import "../ui/modal-header.js";
import type {} from "../ui/modal-leave.js";
import "./consent-screen.js";
import { identityViewStyles } from "./identity-view.styles.js";
import { identityMessages } from "./messages.js";
import type { IdentityScreen } from "./model.js";
import type { IdentityScreenElement } from "./screen-element.js";
import "./status-screen.js";
import { identityStep } from "./steps.js";
import type {} from "./events.js";

/**
 * Screens reached only after the first ones, each a chunk of its own (ui/later-screens.ts):
 * the document choice, the capture step (camera, photo checks), the phone hand-off (its
 * QR code) and the review. Consent and the waiting and outcome screens are in the frame's
 * first load.
 */
const laterScreens = {
  document_type: { tag: "enclave-identity-document", load: () => import("./document-screen.js") },
  capture: { tag: "enclave-identity-capture", load: () => import("./capture-screen.js") },
  handoff: { tag: "enclave-identity-handoff", load: () => import("./handoff-screen.js") },
  review: { tag: "enclave-identity-review", load: () => import("./review-screen.js") },
} satisfies Partial<Record<IdentityScreen["name"], LaterScreen>>;

/** "Leave verification?" (the shared ui/modal-leave), shown only when the customer closes: loaded then (or at their first touch). */
const exitDialog = { exit: { tag: "enclave-modal-leave", load: () => import("../ui/modal-leave.js") } };

/** Two screens are "the same place" when this matches: a capture step changing state is not a new screen. */
function placeOf(screen: IdentityScreen): string {
  if (screen.name === "capture") return `capture:${screen.side}`;
  return screen.name;
}

/**
 * @summary The identity frame's screen, as a pure view: the modal header every modal
 * flow shares (ui/modal-header: "Back", the step, "Close"), the current `screen` (one of
 * the identity screens, given as data — see model.ts) and, standing in for it while
 * `exitConfirmOpen`, the shared "Leave verification?" (ui/modal-leave; the screen stays
 * mounted underneath, hidden, so "Stay" finds it as it was). Storybook and tests show any
 * screen in any state with no server and no camera; the controller
 * (identity-controller.ts) owns the bridge, the API and the camera.
 *
 * Focus: when a new screen appears its heading gets focus, so a screen reader says where
 * the customer is; when a control that had focus goes away within a screen (a capture
 * step moving on), focus moves to the screen's first control rather than being lost.
 * Escape asks to leave, as it does from the merchant's page (not on the phone); on the
 * leave confirmation it means "Stay", which has focus first. Every
 * screen's own events bubble out of this view, where the controller listens.
 *
 * @event enclave-identity-back - "Back".
 * @event enclave-identity-close - "Close", or Escape.
 *
 * @csspart container - Each screen, and the dialog.
 * @csspart button - Every button.
 */
export class EnclaveIdentityView extends FrameElement {
  static override styles = [formStyles, identityViewStyles];

  static override properties = {
    screen: { attribute: false },
    phone: { type: Boolean, reflect: true },
    canGoBack: { type: Boolean, attribute: "can-go-back" },
    exitConfirmOpen: { type: Boolean, attribute: "exit-confirm-open" },
    merchantName: { attribute: "merchant-name" },
  };

  screen: IdentityScreen = { name: "loading" };
  /** The phone page (top-level, no merchant page): no "Close", no exit confirmation. */
  phone = false;
  /** Shows "Back" (the controller knows where it leads). */
  canGoBack = false;
  /** Shows "Leave verification?" in place of the screen. */
  exitConfirmOpen = false;
  /**
   * Who asked for the verification. The phone page names them in its header: the customer
   * opened it from a QR code, with no merchant page around it to say whose check it is.
   */
  merchantName = "";

  private hadFocus = false;
  /**
   * The height of the step "Leave verification?" stands in for: the question is shorter,
   * and the modal around the frame would shrink under the customer's pointer and grow back
   * on "Stay" (Plaid and Stripe keep the modal's size). 0 when not asking.
   */
  private leaveMinHeight = 0;
  private readonly laterScreens = new LaterScreens(this, laterScreens);
  private readonly laterDialog = new LaterScreens(this, exitDialog);

  override connectedCallback(): void {
    super.connectedCallback();
    this.addEventListener("keydown", this.onKeydown);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.removeEventListener("keydown", this.onKeydown);
  }

  /** The screen element on show. */
  get screenElement(): IdentityScreenElement | null {
    return this.renderRoot.querySelector<IdentityScreenElement>(".screen-host > *");
  }

  /** Focuses the current screen's first control (the host's `focus()`); "Stay" while asking to leave. */
  async focusFirstControl(): Promise<void> {
    await this.updateComplete;
    const leave = this.leaveElement;
    if (!leave) return this.screenElement?.focusFirstControl();
    await leave.updateComplete;
    leave.focusStart();
  }

  private get leaveElement(): HTMLElementTagNameMap["enclave-modal-leave"] | null {
    return this.renderRoot.querySelector("enclave-modal-leave");
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    this.hadFocus = this.matches(":focus-within");
    // Measured before this render hides the step.
    if (changed.has("exitConfirmOpen")) this.leaveMinHeight = this.exitConfirmOpen ? (this.renderRoot.querySelector(".screen-host")?.getBoundingClientRect().height ?? 0) : 0;
    if (changed.has("screen")) this.laterScreens.show(this.screen.name);
    if (changed.has("exitConfirmOpen") && this.exitConfirmOpen) this.laterDialog.show("exit");
  }

  protected override async getUpdateComplete(): Promise<boolean> {
    // A later screen's element is defined once its chunk is in; then it has rendered.
    const complete = await super.getUpdateComplete();
    await Promise.all([this.laterScreens.settled(), this.laterDialog.settled()]);
    return complete;
  }

  protected override async updated(changed: PropertyValues<this>): Promise<void> {
    // Through the CSSOM (a strict style-src allows it), before the frame's next paint.
    const leaveHost = this.renderRoot.querySelector<HTMLElement>(".leave-host");
    if (leaveHost) leaveHost.style.minHeight = this.leaveMinHeight > 0 ? `${this.leaveMinHeight}px` : "";
    // The safe answer first: a second Escape or Enter keeps the customer's progress.
    if (changed.has("exitConfirmOpen") && this.exitConfirmOpen) {
      await this.laterDialog.settled();
      const leave = this.leaveElement;
      await leave?.updateComplete;
      leave?.focusStart();
    }
    if (!changed.has("screen")) return;
    const previous = changed.get("screen");
    // A later screen's element upgrades when its chunk arrives: focus waits for it.
    await this.laterScreens.settled();
    const screen = this.screenElement;
    // The first screen, and the one that replaces "loading", keep focus where it is; so does
    // a frame the customer is not using (focus must not jump into it from the merchant's page).
    if (!screen || previous === undefined || previous.name === "loading" || !document.hasFocus()) return;
    if (placeOf(previous) !== placeOf(this.screen)) {
      await screen.focusHeading();
      return;
    }
    await screen.updateComplete;
    if (this.hadFocus && !this.matches(":focus-within")) await screen.focusFirstControl();
  }

  protected override render(): TemplateResult {
    const messages = identityMessages();
    const strings = messages.frame;
    const confirming = this.exitConfirmOpen && !this.phone;
    const step = confirming ? null : identityStep(this.screen, this.phone);
    return html`<enclave-modal-header
        exportparts="button"
        .brand=${this.phone && this.merchantName ? `${this.merchantName} · ${strings.secured}` : strings.secured}
        .step=${step ? strings.step(step.step, step.total) : ""}
        .backLabel=${strings.back}
        .closeLabel=${strings.close}
        .showBack=${this.canGoBack && !confirming}
        .showClose=${!this.phone && !confirming}
        @enclave-modal-back=${() => this.emit("enclave-identity-back", {})}
        @enclave-modal-close=${() => this.emit("enclave-identity-close", {})}
      ></enclave-modal-header>
      <div class="screen-host" ?hidden=${confirming}>${this.renderScreen()}</div>
      ${
        confirming
          ? html`<div class="leave-host">
            <enclave-modal-leave
              exportparts="container, button"
              .heading=${messages.exit.title}
              .text=${messages.exit.text}
              .leaveLabel=${messages.exit.leave}
              .stayLabel=${messages.exit.stay}
              @enclave-modal-leave-answer=${(event: CustomEvent<{ leave: boolean }>) => this.emit("enclave-identity-exit-answer", event.detail)}
            ></enclave-modal-leave>
          </div>`
          : nothing
      }`;
  }

  private renderScreen(): TemplateResult {
    const screen = this.screen;
    switch (screen.name) {
      case "consent":
        return html`<enclave-identity-consent exportparts="container, button" .merchantName=${screen.merchantName} .requireSelfie=${screen.requireSelfie}></enclave-identity-consent>`;
      case "document_type":
        return html`<enclave-identity-document
          exportparts="container, label, input, error, button"
          .documentType=${screen.documentType}
          .country=${screen.country}
          .busy=${screen.busy}
          .errorCode=${screen.errorCode}
        ></enclave-identity-document>`;
      case "capture":
        return html`<enclave-identity-capture
          exportparts="container, button, error"
          .side=${screen.side}
          .documentType=${screen.documentType}
          .state=${screen.state}
          .stream=${screen.stream}
          .previewUrl=${screen.previewUrl}
          .cameraProblem=${screen.cameraProblem}
          .errorCode=${screen.errorCode}
          .canHandoff=${screen.canHandoff}
        ></enclave-identity-capture>`;
      case "review":
        return html`<enclave-identity-review
          exportparts="container, button, error"
          .items=${screen.items}
          .busy=${screen.busy}
          .errorCode=${screen.errorCode}
          .phone=${screen.phone}
        ></enclave-identity-review>`;
      case "handoff":
        return html`<enclave-identity-handoff
          exportparts="container, button, error, image"
          .state=${screen.state}
          .url=${screen.url}
          .expiresAt=${screen.expiresAt}
          .needed=${screen.needed}
          .uploaded=${screen.uploaded}
          .errorCode=${screen.errorCode}
        ></enclave-identity-handoff>`;
      default:
        // One template for every waiting and ending screen, so that processing turns into
        // its outcome in the same element, and its live region announces the change.
        return html`<enclave-identity-status
          exportparts="container, button"
          .kind=${screen.name}
          .merchantName=${screen.name === "verified" ? screen.merchantName : ""}
          .reason=${screen.name === "requires_input" ? screen.reason : "other"}
          .errorCode=${screen.name === "unavailable" || screen.name === "phone_invalid" ? screen.errorCode : ""}
        ></enclave-identity-status>`;
    }
  }

  private readonly onKeydown = (event: KeyboardEvent): void => {
    // Inside the frame, Escape never reaches the merchant page's dialog: ask here, as it would.
    if (event.key !== "Escape" || event.defaultPrevented || this.phone) return;
    event.preventDefault();
    if (this.exitConfirmOpen) this.emit("enclave-identity-exit-answer", { leave: false });
    else this.emit("enclave-identity-close", {});
  };
}
