import { css } from "@lit/reactive-element";

/** Shared by every host element: the frame fills the width and follows its content's height. */
export const frameStyles = css`
  :host {
    display: block;
    position: relative;
    min-height: var(--enclave-min-height, 3rem);
  }
  :host([hidden]) {
    display: none;
  }
  /* A quiet placeholder while the frame connects; no text, so no language to get wrong. */
  :host([data-connecting]) {
    border-radius: 6px;
    background: var(--enclave-loading-background, rgb(0 0 0 / 0.04));
  }
  iframe {
    display: block;
    width: 100%;
    height: 0;
    border: 0;
    background: transparent;
    transition: height 120ms ease-out;
  }
  @media (prefers-reduced-motion: reduce) {
    iframe {
      transition: none;
    }
  }
`;
