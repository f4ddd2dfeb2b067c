import { css } from "lit";

export const captureScreenStyles = css`
  .alerts {
    display: grid;
    gap: calc(var(--enclave-spacing-unit) * 2);
  }

  .tips {
    display: grid;
    gap: calc(var(--enclave-spacing-unit) * 2);
  }
  .subtitle {
    font-size: 0.875em;
  }
  .hint-list {
    font-size: 0.9375em;
  }

  /* The file input stays focusable and is what assistive technology names; the label
     beside it is what people see and press. */
  .file-input {
    position: absolute;
    width: 1px;
    height: 1px;
    margin: -1px;
    padding: 0;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
    border: 0;
    opacity: 0;
  }
  .file-label {
    box-sizing: border-box;
    width: 100%;
  }
  .file-input:focus-visible + .file-label {
    outline: 2px solid var(--enclave-color-primary);
    outline-offset: 2px;
  }

  /* The camera: the video fills a 4:3 box (3:4 for a face), the guide sits on top and
     darkens everything outside itself with a wide shadow. */
  .viewfinder {
    position: relative;
    margin: 0;
    overflow: hidden;
    aspect-ratio: 4 / 3;
    border-radius: var(--enclave-border-radius);
    background: #111827;
  }
  .viewfinder--selfie {
    aspect-ratio: 3 / 4;
    max-height: 24em;
    justify-self: center;
    width: 100%;
    max-width: 18em;
  }
  .video {
    display: block;
    width: 100%;
    height: 100%;
    object-fit: cover;
  }
  .viewfinder--selfie video.video {
    /* A mirror, as people expect to see themselves; the photo itself is not mirrored. */
    transform: scaleX(-1);
  }
  .video--placeholder {
    display: flex;
    align-items: center;
    justify-content: center;
    color: #d1d5db;
    font-size: 0.875em;
    background:
      linear-gradient(135deg, #1f2937 25%, transparent 25%) 0 0 / 24px 24px,
      linear-gradient(225deg, #1f2937 25%, transparent 25%) 0 0 / 24px 24px,
      #111827;
  }
  .guide {
    position: absolute;
    top: 50%;
    left: 50%;
    translate: -50% -50%;
    box-sizing: border-box;
    border: 3px solid #ffffff;
    box-shadow: 0 0 0 100vmax rgb(0 0 0 / 0.45);
    pointer-events: none;
  }
  /* ID-1, the size of bank cards and most ID cards: 85.6 × 54 mm. */
  .guide--card {
    width: 84%;
    aspect-ratio: 85.6 / 54;
    border-radius: 12px;
  }
  .guide--oval {
    width: 62%;
    aspect-ratio: 3 / 4;
    border-radius: 50%;
  }
  .guide-caption {
    position: absolute;
    inset-inline: 0;
    bottom: 0;
    padding: calc(var(--enclave-spacing-unit) * 2);
    color: #ffffff;
    font-size: 0.875em;
    text-align: center;
  }
  .guide-caption:empty {
    display: none;
  }

  .snapshot {
    margin: 0;
  }
  .snapshot--busy .photo {
    opacity: 0.6;
  }

  .actions .button .icon {
    flex: none;
  }
`;
