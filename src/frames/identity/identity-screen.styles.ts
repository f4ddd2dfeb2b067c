/**
 * What the identity screens add to ui/screen.styles.ts: live regions that take no room
 * while empty, a secondary "link" button, and the photo frame the capture and review
 * screens share.
 */
import { css } from "lit";

export const identityScreenStyles = css`
  /* Alert and status regions stay in the page while empty (so that what arrives later is
     announced); in a grid they would still add a gap, which this takes back. */
  .screen > :empty,
  .form > :empty {
    margin-top: calc(var(--enclave-spacing-unit) * -4);
  }

  .button--link {
    min-height: 2.75em;
    border-color: transparent;
    background: transparent;
    color: var(--enclave-color-primary);
    text-decoration: underline;
    text-underline-offset: 0.2em;
  }

  .photo {
    display: block;
    width: 100%;
    /* A box of its own size before the image decodes: with height:auto it was 0 px tall
       until then, and "Use this photo" jumped down under the customer's pointer. */
    aspect-ratio: 4 / 3;
    max-height: 18em;
    object-fit: contain;
    border-radius: var(--enclave-border-radius);
    background: color-mix(in srgb, var(--enclave-color-text) 8%, var(--enclave-color-background));
  }

  .hint-list {
    display: grid;
    gap: calc(var(--enclave-spacing-unit) * 1.5);
    margin: 0;
    padding-inline-start: 1.25em;
    line-height: 1.45;
  }
`;
