import type { Placement } from "@floating-ui/dom";
import { html, type PropertyValues, type TemplateResult } from "lit";
import { FrameElement } from "./frame-element.js";
import { helpPopoverStyles } from "./help-popover.styles.js";

type FloatingUi = typeof import("@floating-ui/dom");
let floatingUi: Promise<FloatingUi> | undefined;

/** @floating-ui/dom, a chunk of its own, fetched once per frame (again only if it failed). */
function loadFloatingUi(): Promise<FloatingUi> {
  floatingUi ??= import("@floating-ui/dom").catch((error: unknown) => {
    floatingUi = undefined;
    throw error;
  });
  return floatingUi;
}

function prefetchFloatingUi(): void {
  loadFloatingUi().catch(() => undefined);
}

/**
 * @summary A "?" button beside a field that shows a short explanation in a small panel
 * positioned by @floating-ui/dom (a toggletip, as a non-modal dialog).
 *
 * Keyboard and focus: the button toggles the panel and, on opening, focus moves into the
 * panel so a screen reader reads it; Escape closes it and puts focus back on the button;
 * moving focus anywhere outside (Tab, a click elsewhere) closes it and leaves focus there.
 *
 * Positioning runs only while the panel is shown: `autoUpdate` starts on show and is
 * stopped on hide and on disconnect, so a closed popover costs nothing. @floating-ui is
 * not in the frame's first load either: it is fetched when the customer points at or
 * focuses the button (so it is usually there by the click), at the latest on show.
 *
 * @csspart button - The "?" button.
 * @csspart container - The panel.
 */
export class EnclaveHelpPopover extends FrameElement {
  static override styles = helpPopoverStyles;

  static override properties = {
    label: {},
    heading: {},
    text: {},
    placement: {},
    open: { type: Boolean, reflect: true },
  };

  /** The button's accessible name, as a question: "Where do I find this code?". */
  label = "";
  /** The panel's title, which also names it as a dialog. */
  heading = "";
  /** The explanation itself: a sentence or two. */
  text = "";
  /** Where the panel goes when there is room; it flips and shifts when there is not. */
  placement: Placement = "top";
  /** Whether the panel is shown. Set it to show the panel without moving focus (stories). */
  open = false;

  private stopAutoUpdate: (() => void) | undefined;
  /** Bumped on every start and stop: a positioning that waited for the library and was overtaken gives up. */
  private positioning = 0;

  private get trigger(): HTMLButtonElement | null {
    return this.renderRoot.querySelector<HTMLButtonElement>(".trigger");
  }

  private get panel(): HTMLElement | null {
    return this.renderRoot.querySelector<HTMLElement>(".panel");
  }

  /** Shows the panel and moves focus into it. */
  async show(): Promise<void> {
    this.open = true;
    await this.updateComplete;
    this.panel?.focus({ preventScroll: true });
  }

  /** Hides the panel; with `returnFocus`, focus goes back to the button. */
  hide(returnFocus = false): void {
    this.open = false;
    if (returnFocus) this.trigger?.focus();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.addEventListener("keydown", this.onKeydown);
    this.addEventListener("focusout", this.onFocusout);
    this.addEventListener("pointerenter", prefetchFloatingUi, { once: true });
    this.addEventListener("focusin", prefetchFloatingUi, { once: true });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.removeEventListener("keydown", this.onKeydown);
    this.removeEventListener("focusout", this.onFocusout);
    this.removeEventListener("pointerenter", prefetchFloatingUi);
    this.removeEventListener("focusin", prefetchFloatingUi);
    this.stopPositioning();
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (!changed.has("open")) return;
    if (this.open) void this.startPositioning();
    else this.stopPositioning();
  }

  protected override render(): TemplateResult {
    return html`<button
        class="trigger"
        part="button"
        type="button"
        aria-label=${this.label}
        aria-expanded=${this.open ? "true" : "false"}
        aria-controls="panel"
        @click=${this.onTriggerClick}
      >
        <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
          <circle cx="8" cy="8" r="7.25" fill="none" stroke="currentColor" stroke-width="1.5" />
          <path d="M6.1 6.2a2 2 0 1 1 2.7 1.9c-.5.2-.8.6-.8 1.1v.5" fill="none" stroke="currentColor" stroke-width="1.5" stroke-linecap="round" />
          <circle cx="8" cy="11.9" r="0.9" fill="currentColor" />
        </svg>
      </button>
      <div id="panel" class="panel" part="container" role="dialog" aria-labelledby="heading" aria-describedby="text" tabindex="-1" ?hidden=${!this.open}>
        <p id="heading" class="heading">${this.heading}</p>
        <p id="text" class="text">${this.text}</p>
      </div>`;
  }

  private readonly onTriggerClick = (): void => {
    if (this.open) this.hide(true);
    else void this.show();
  };

  private readonly onKeydown = (event: KeyboardEvent): void => {
    if (event.key !== "Escape" || !this.open) return;
    // Handled here, so an Escape meant for the popover does not also close a dialog around it.
    event.preventDefault();
    event.stopPropagation();
    this.hide(true);
  };

  private readonly onFocusout = (event: FocusEvent): void => {
    const next = event.relatedTarget;
    const staysInside = next instanceof Node && (this.contains(next) || this.renderRoot.contains(next));
    if (this.open && !staysInside) this.hide();
  };

  private async startPositioning(): Promise<void> {
    const trigger = this.trigger;
    const panel = this.panel;
    if (!trigger || !panel) return;
    this.stopPositioning();
    const attempt = this.positioning;
    let floating: FloatingUi;
    try {
      floating = await loadFloatingUi();
    } catch {
      // Offline at that moment: the panel still opens (at its default place), and the next show tries again.
      return;
    }
    if (attempt !== this.positioning || !this.open) return;
    this.stopAutoUpdate = floating.autoUpdate(trigger, panel, () => void this.reposition(floating, trigger, panel));
  }

  private stopPositioning(): void {
    this.positioning++;
    this.stopAutoUpdate?.();
    this.stopAutoUpdate = undefined;
  }

  private async reposition({ computePosition, flip, offset, shift }: FloatingUi, trigger: HTMLElement, panel: HTMLElement): Promise<void> {
    const { x, y, placement } = await computePosition(trigger, panel, {
      placement: this.placement,
      strategy: "fixed",
      // The order matters: each middleware works on the position the previous one gave.
      middleware: [
        // 1. offset: the gap to the button, first, so flip and shift account for it.
        offset(8),
        // 2. flip: to the opposite side when the preferred one has no room (a frame is short).
        flip({ padding: 8 }),
        // 3. shift: slides along the side chosen to stay inside the frame's viewport.
        shift({ padding: 8 }),
      ],
    });
    if (!this.open) return;
    panel.style.setProperty("left", `${x}px`);
    panel.style.setProperty("top", `${y}px`);
    panel.dataset["placement"] = placement;
  }
}
