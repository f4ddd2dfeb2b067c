import { html, nothing, svg, type PropertyValues, type TemplateResult } from "lit";
import { classMap } from "lit/directives/class-map.js";
import type { DocumentType, ImageSide } from "../../protocol/identity-api.js";
import { formStyles } from "../ui/form.styles.js";
import { alertIcon } from "../ui/icons.js";
import { screenStyles } from "../ui/screen.styles.js";
import { captureScreenStyles } from "./capture-screen.styles.js";
import { identityScreenStyles } from "./identity-screen.styles.js";
import { captureFrame } from "./image-checks.js";
import { captureStep, identityErrorMessage, identityMessages } from "./messages.js";
import type { CameraProblem, CaptureState } from "./model.js";
import { IdentityScreenElement } from "./screen-element.js";
import type {} from "./events.js";

const cameraIcon = svg`<svg class="icon" viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round"><path d="M3 8.5A1.5 1.5 0 0 1 4.5 7h2.3l1.4-2h7.6l1.4 2h2.3A1.5 1.5 0 0 1 21 8.5v9a1.5 1.5 0 0 1-1.5 1.5h-15A1.5 1.5 0 0 1 3 17.5z" /><circle cx="12" cy="13" r="3.5" /></svg>`;
const uploadIcon = svg`<svg class="icon" viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round"><path d="M12 15V4M7.5 8.5L12 4l4.5 4.5" /><path d="M4 15v3.5A1.5 1.5 0 0 0 5.5 20h13a1.5 1.5 0 0 0 1.5-1.5V15" /></svg>`;
const phoneIcon = svg`<svg class="icon" viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round"><rect x="6.5" y="2.5" width="11" height="19" rx="2" /><path d="M11 18h2" /></svg>`;

/**
 * @summary One capture step — the front or back of the document, or the selfie — as a
 * pure view. It offers the camera (a live preview with a guide: a card-shaped frame for a
 * document, an oval for a face), an upload (a file input named exactly "Upload front of
 * document", "Upload back of document" or "Upload selfie" in English) and, off the phone, the phone
 * hand-off. It shows what was taken, why a photo was refused, and the progress of checks
 * and upload. The controller owns the camera: it passes the live `stream` in and stops it.
 *
 * "Take photo" draws the video's current frame to a canvas here and reports it as a JPEG.
 *
 * @event enclave-identity-camera-start - "Use camera".
 * @event enclave-identity-camera-cancel - "Cancel" under the preview.
 * @event enclave-identity-photo - A photo was taken or a file chosen. Detail: `{ file, source }` (frame-internal).
 * @event enclave-identity-photo-decision - "Retake" or "Use this photo". Detail: `{ decision }`.
 * @event enclave-identity-handoff-start - "Continue on your phone".
 *
 * @csspart container - The screen.
 * @csspart button - Every button, and the upload's label.
 * @csspart error - The refusal and camera notices.
 */
export class EnclaveIdentityCapture extends IdentityScreenElement {
  static override styles = [formStyles, screenStyles, identityScreenStyles, captureScreenStyles];

  static override properties = {
    side: { reflect: true },
    documentType: { attribute: "document-type" },
    state: { reflect: true },
    stream: { attribute: false },
    previewUrl: { attribute: "preview-url" },
    cameraProblem: { attribute: "camera-problem" },
    errorCode: { attribute: "error-code" },
    canHandoff: { type: Boolean, attribute: "can-handoff" },
    taking: { state: true },
    hasFrame: { state: true },
  };

  side: ImageSide = "front";
  documentType: DocumentType = "driving_license";
  state: CaptureState = "choose";
  /** The live camera while `state` is `live`. Without one (stories), a placeholder stands in. */
  stream: MediaStream | null = null;
  /** The photo taken or chosen (object URL). */
  previewUrl = "";
  /** Why the camera cannot be used, if it cannot. */
  cameraProblem: CameraProblem | null = null;
  /** Why the last photo was refused, as an error code (the words are chosen here for this side). */
  errorCode: string | null = null;
  /** Offer "Continue on your phone" (false on the phone itself). */
  canHandoff = true;

  private taking = false;
  /** The live video has decoded a frame: before that, a photo would be black or empty. */
  private hasFrame = false;

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    // The controller stops the tracks; the element just lets go of them.
    const video = this.video;
    if (video) video.srcObject = null;
  }

  private get video(): HTMLVideoElement | null {
    return this.renderRoot.querySelector("video");
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // A new stream has no decoded frame yet: reset before rendering, so "Take photo" is never
    // drawn enabled for a stream whose video is still empty (the element is reused from one
    // side to the next, and the last side's frame must not count for this one).
    if (changed.has("stream")) this.hasFrame = false;
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (!changed.has("stream") && !changed.has("state")) return;
    const video = this.video;
    if (!video) return;
    if (video.srcObject !== this.stream) {
      video.srcObject = this.stream;
      this.hasFrame = false;
    }
    // Autoplay needs muted + playsinline on iOS; play() is asked for all the same.
    if (this.stream) video.play().catch(() => undefined);
  }

  protected override render(): TemplateResult {
    const document = this.side !== "selfie";
    const step = identityMessages().capture.steps[captureStep(this.side, this.documentType)];
    return html`<section class="screen" part="container" aria-labelledby="title">
      <h1 class="title" id="title" tabindex="-1">${step.title}</h1>
      <p class="lede">${step.lede}</p>
      <div class="alerts" id="alerts" role="alert">${this.renderAlerts()}</div>
      ${this.renderBody(document)}
      <div class="status" role="status">${this.renderProgress()}</div>
    </section>`;
  }

  private renderAlerts(): TemplateResult | typeof nothing {
    const errorCode = this.state === "choose" ? this.errorCode : null;
    const problem = this.state === "choose" ? this.cameraProblem : null;
    if (!errorCode && !problem) return nothing;
    const strings = identityMessages().capture;
    return html`${errorCode ? html`<p class="notice" part="error">${alertIcon()}<span>${identityErrorMessage(errorCode, this.side)}</span></p>` : nothing}
    ${
      problem
        ? html`<p class="notice notice--info" part="error">
          ${alertIcon()}<span>${strings.cameraProblems[problem]} ${this.canHandoff ? strings.cameraAlternatives : strings.cameraAlternativesPhone}</span>
        </p>`
        : nothing
    }`;
  }

  private renderBody(document: boolean): TemplateResult {
    switch (this.state) {
      case "choose":
        return this.renderChoices(document);
      case "starting":
      case "live":
        return this.renderCamera(document);
      case "captured":
      case "checking":
      case "uploading":
        return this.renderPhoto();
    }
  }

  private renderChoices(document: boolean): TemplateResult {
    const strings = identityMessages().capture;
    // In this order whatever the order of a translation's keys.
    const { documentTips, selfieTips } = strings;
    const tips = document ? [documentTips.flat, documentTips.corners, documentTips.glare] : [selfieTips.face, selfieTips.light, selfieTips.expression];
    const cameraUsable = this.cameraProblem !== "unavailable";
    // No camera here: the phone becomes the suggested way, before the upload.
    const phoneFirst = this.canHandoff && this.cameraProblem !== null;
    const hasError = Boolean(this.errorCode || this.cameraProblem);
    const phone = this.canHandoff
      ? html`<button class=${classMap({ button: true, "button--primary": phoneFirst })} part="button" type="button" @click=${() => this.emit("enclave-identity-handoff-start", {})}>
          ${phoneIcon}${strings.continueOnPhone}
        </button>`
      : nothing;
    return html`<div class="tips">
        <h2 class="subtitle" id="tips-title">${strings.tipsTitle}</h2>
        <ul class="hint-list" aria-labelledby="tips-title">
          ${tips.map((tip) => html`<li>${tip}</li>`)}
        </ul>
      </div>
      <div class="actions">
        ${
          cameraUsable
            ? html`<button class=${classMap({ button: true, "button--primary": !phoneFirst })} part="button" type="button" @click=${() => this.emit("enclave-identity-camera-start", {})}>
              ${cameraIcon}${strings.useCamera}
            </button>`
            : nothing
        }
        ${phoneFirst ? phone : nothing}
        <input
          id="upload"
          class="file-input"
          type="file"
          accept="image/jpeg,image/png"
          aria-describedby=${hasError ? "alerts" : nothing}
          @change=${this.onFile}
        />
        <label class="button file-label" part="button" for="upload">${uploadIcon}${strings.upload[this.side]}</label>
        ${phoneFirst ? nothing : phone}
      </div>
      ${this.canHandoff && !phoneFirst ? html`<p class="muted small">${strings.orPhone}</p>` : nothing}`;
  }

  private renderCamera(document: boolean): TemplateResult {
    const strings = identityMessages().capture;
    const live = this.state === "live";
    return html`<figure class=${classMap({ viewfinder: true, "viewfinder--selfie": !document })}>
        ${
          this.stream
            ? html`<video class="video" autoplay muted playsinline disablepictureinpicture aria-hidden="true" @loadeddata=${this.onVideoData}></video>`
            : html`<div class="video video--placeholder" aria-hidden="true">${live ? strings.preview : nothing}</div>`
        }
        <div class=${classMap({ guide: true, "guide--card": document, "guide--oval": !document })} aria-hidden="true"></div>
        <figcaption class="guide-caption">${live ? (document ? strings.guideDocument : strings.guideSelfie) : ""}</figcaption>
      </figure>
      <div class="actions">
        <button class="button button--primary" part="button" type="button" ?disabled=${!live || (this.stream !== null && !this.hasFrame) || this.taking} @click=${this.onTakePhoto}>${cameraIcon}${strings.takePhoto}</button>
        <button class="button" part="button" type="button" @click=${() => this.emit("enclave-identity-camera-cancel", {})}>${strings.cancel}</button>
      </div>`;
  }

  private renderPhoto(): TemplateResult {
    const strings = identityMessages().capture;
    const busy = this.state !== "captured";
    return html`<figure class=${classMap({ snapshot: true, "snapshot--busy": busy })}>
        ${this.previewUrl ? html`<img class="photo" src=${this.previewUrl} alt=${strings.photoAlt[this.side]} />` : nothing}
      </figure>
      ${
        busy
          ? nothing
          : html`<div class="actions">
            <button class="button button--primary" part="button" type="button" @click=${() => this.emit("enclave-identity-photo-decision", { decision: "accept" })}>
              ${strings.usePhoto}
            </button>
            <button class="button" part="button" type="button" @click=${() => this.emit("enclave-identity-photo-decision", { decision: "retake" })}>${strings.retake}</button>
          </div>`
      }`;
  }

  private renderProgress(): TemplateResult | typeof nothing {
    const strings = identityMessages().capture;
    const text = this.state === "starting" ? strings.starting : this.state === "checking" ? strings.checking : this.state === "uploading" ? strings.uploading : "";
    return text ? html`<p class="progress"><span class="spinner"></span>${text}</p>` : nothing;
  }

  private readonly onFile = (event: Event): void => {
    const input = event.target as HTMLInputElement;
    const file = input.files?.[0];
    // Emptied, so that choosing the same file again (after fixing nothing) still reports it.
    input.value = "";
    if (file) this.emit("enclave-identity-photo", { file, source: "upload" });
  };

  private readonly onVideoData = (): void => {
    this.hasFrame = true;
  };

  private readonly onTakePhoto = async (): Promise<void> => {
    const video = this.video;
    if (!video || this.taking) return;
    this.taking = true;
    try {
      const blob = await captureFrame(video);
      if (blob) this.emit("enclave-identity-photo", { file: blob, source: "camera" });
    } finally {
      this.taking = false;
    }
  };
}
