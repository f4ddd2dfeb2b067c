/**
 * What every identity screen shares: the frame's typed `emit()` and two ways to move
 * focus, which the shell uses when a screen appears (its heading, so a screen reader
 * reads where the customer now is) and on the host's `focus()` (its first control).
 */
import { FrameElement } from "../ui/frame-element.js";

export class IdentityScreenElement extends FrameElement {
  /** Focuses the screen's heading (`tabindex="-1"`), once rendered. */
  async focusHeading(): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>("h1")?.focus({ preventScroll: false });
  }

  /** Focuses the screen's first enabled control, or its heading when it has none. */
  async focusFirstControl(): Promise<void> {
    await this.updateComplete;
    const control = this.renderRoot.querySelector<HTMLElement>("input:not([disabled]):not([type=hidden]), select:not([disabled]), button:not([disabled]), a[href]");
    // Without scrolling: this runs as the dialog opens, and scrolling down to a control near
    // the bottom of a tall screen would push the header (and its Close) off the top.
    if (control) control.focus({ preventScroll: true });
    else await this.focusHeading();
  }
}
