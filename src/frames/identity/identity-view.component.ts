import { html, nothing, type PropertyValues, type TemplateResult } from "lit";
import { formStyles } from "../ui/form.styles.js";
import { FrameElement } from "../ui/frame-element.js";
import { backIcon, closeIcon, lockIcon } from "../ui/icons.js";
import { LaterScreens, type LaterScreen } from "../ui/later-screens.js";
import "./consent-screen.js";
import { identityViewStyles } from "./identity-view.styles.js";
import { identityMessages } from "./messages.js";
import type { IdentityScreen } from "./model.js";
import type { IdentityScreenElement } from "./screen-element.js";
import "./status-screen.js";
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

/** "Leave verification?", shown only when the customer closes: loaded then (or at their first touch). */
const exitDialog = { exit: { tag: "enclave-identity-exit-dialog", load: () => import("./exit-dialog.js") } };

/** Two screens are "the same place" when this matches: a capture step changing state is not a new screen. */
function placeOf(screen: IdentityScreen): string {
  if (screen.name === "capture") return `capture:${screen.side}`;
  return screen.name;
}

/**
 * @summary The identity frame's screen, as a pure view: a bar with "Back" and "Close",
 * the current `screen` (one of the identity screens, given as data — see model.ts) and the
 * "Leave verification?" dialog. Storybook and tests show any screen in any state with no
 * server and no camera; the controller (identity-controller.ts) owns the bridge, the API
 * and the camera.
 *
 * Focus: when a new screen appears its heading gets focus, so a screen reader says where
 * the customer is; when a control that had focus goes away within a screen (a capture
 * step moving on), focus moves to the screen's first control rather than being lost.
 * Escape asks to leave, as it does from the merchant's page (not on the phone). Every
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
  };

  screen: IdentityScreen = { name: "loading" };
  /** The phone page (top-level, no merchant page): no "Close", no exit confirmation. */
  phone = false;
  /** Shows "Back" (the controller knows where it leads). */
  canGoBack = false;
  /** Shows "Leave verification?". */
  exitConfirmOpen = false;

  private hadFocus = false;
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

  /** Focuses the current screen's first control (the host's `focus()`). */
  async focusFirstControl(): Promise<void> {
    await this.updateComplete;
    await this.screenElement?.focusFirstControl();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    this.hadFocus = this.matches(":focus-within");
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
    const strings = identityMessages().frame;
    return html`<div class="bar">
        ${
          this.canGoBack
            ? html`<button class="bar-button" part="button" type="button" @click=${() => this.emit("enclave-identity-back", {})}>${backIcon()}<span>${strings.back}</span></button>`
            : html`<span class="secured">${lockIcon(14)}<span>${strings.secured}</span></span>`
        }
        ${
          this.phone
            ? nothing
            : html`<button class="bar-button bar-button--icon" part="button" type="button" aria-label=${strings.close} @click=${() => this.emit("enclave-identity-close", {})}>
              ${closeIcon()}
            </button>`
        }
      </div>
      <div class="screen-host">${this.renderScreen()}</div>
      ${this.phone ? nothing : html`<enclave-identity-exit-dialog exportparts="container, button" ?open=${this.exitConfirmOpen}></enclave-identity-exit-dialog>`}`;
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
    if (event.key !== "Escape" || event.defaultPrevented || this.phone || this.exitConfirmOpen) return;
    event.preventDefault();
    this.emit("enclave-identity-close", {});
  };
}
