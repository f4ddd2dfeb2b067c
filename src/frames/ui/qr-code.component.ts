import { generate } from "lean-qr";
import { toSvgPath } from "lean-qr/extras/svg";
import { html, nothing, svg, type PropertyValues, type TemplateResult } from "lit";
import { FrameElement } from "./frame-element.js";
import { qrCodeStyles } from "./qr-code.styles.js";

/** The blank margin around a QR code that scanners need, in modules (ISO 18004 asks for 4). */
const quietZone = 4;

/**
 * @summary A QR code of `value`, drawn by lean-qr as one SVG path: no canvas, no image
 * request, no inline style — nothing the frames' CSP would have to allow. It is always
 * dark on white, whatever the theme, because that is what phone cameras read best.
 *
 * It is an image with a text alternative (`label`); put what it encodes beside it as
 * text too, for anyone who cannot scan it.
 *
 * @csspart image - The SVG.
 */
export class EnclaveQrCode extends FrameElement {
  static override styles = qrCodeStyles;

  static override properties = {
    value: {},
    label: {},
  };

  /** What the code encodes (a URL). Nothing is drawn while empty. */
  value = "";
  /** The image's accessible name, e.g. "QR code to continue on your phone". */
  label = "";

  private path = "";
  private size = 0;

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (!changed.has("value")) return;
    if (!this.value) {
      this.path = "";
      this.size = 0;
      return;
    }
    const code = generate(this.value);
    this.path = toSvgPath(code);
    this.size = code.size;
  }

  protected override render(): TemplateResult | typeof nothing {
    if (!this.path) return nothing;
    const box = this.size + quietZone * 2;
    return html`<svg
      class="qr"
      part="image"
      viewBox="${-quietZone} ${-quietZone} ${box} ${box}"
      role="img"
      aria-label=${this.label}
      shape-rendering="crispEdges"
      data-modules=${this.size}
    >
      ${svg`<rect x=${-quietZone} y=${-quietZone} width=${box} height=${box} fill="#ffffff" />
        <path d=${this.path} fill="#000000" />`}
    </svg>`;
  }
}
