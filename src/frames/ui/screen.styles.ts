/**
 * The layout of a full-frame screen in a multi-step flow (bank link, identity): a heading,
 * a lede, notices, progress lines, an institution chip and a column of actions. Built on
 * the --enclave-* variables only, like form.styles.ts, which it goes with.
 */
import { css } from "lit";

export const screenStyles = css`
  :host {
    display: block;
  }

  .screen {
    display: grid;
    gap: calc(var(--enclave-spacing-unit) * 4);
    margin: 0;
  }

  .title {
    margin: 0;
    font-size: 1.25em;
    font-weight: 600;
    line-height: 1.3;
  }
  .title:focus {
    outline: none;
  }
  .title:focus-visible {
    outline: 2px solid var(--enclave-color-primary);
    outline-offset: 2px;
  }
  .subtitle {
    margin: 0;
    font-size: 0.9375em;
    font-weight: 600;
  }
  .lede,
  .muted {
    margin: 0;
    line-height: 1.45;
    color: color-mix(in srgb, var(--enclave-color-text) 80%, var(--enclave-color-background));
  }
  .small {
    font-size: 0.875em;
  }

  .actions {
    display: grid;
    gap: calc(var(--enclave-spacing-unit) * 2);
    margin-top: calc(var(--enclave-spacing-unit) * 2);
  }
  .actions .button {
    width: 100%;
  }
  /* A link that looks like a button: the same box, no underline. */
  a.button {
    box-sizing: border-box;
    text-decoration: none;
  }

  .notice {
    display: flex;
    gap: calc(var(--enclave-spacing-unit) * 2);
    align-items: flex-start;
    margin: 0;
    padding: calc(var(--enclave-spacing-unit) * 3);
    border: 1px solid color-mix(in srgb, var(--enclave-color-danger) 40%, var(--enclave-color-background));
    border-radius: var(--enclave-border-radius);
    background: color-mix(in srgb, var(--enclave-color-danger) 8%, var(--enclave-color-background));
    color: var(--enclave-color-danger);
    font-size: 0.9375em;
    line-height: 1.4;
  }
  .notice .icon {
    flex: none;
    margin-top: 0.1em;
  }
  .notice--info {
    border-color: color-mix(in srgb, var(--enclave-color-primary) 35%, var(--enclave-color-background));
    background: color-mix(in srgb, var(--enclave-color-primary) 7%, var(--enclave-color-background));
    color: var(--enclave-color-text);
  }
  /* An alert region stays in the page while it has nothing to say (so that what arrives
     later is announced) but takes no room. */
  .notice:empty {
    position: absolute;
    padding: 0;
    border: 0;
  }

  /* A live region with nothing to say yet: out of the layout (no gap in a grid) but in the
     accessibility tree, so its first words are announced. */
  .status:empty {
    position: absolute;
  }

  .progress {
    display: flex;
    align-items: center;
    gap: calc(var(--enclave-spacing-unit) * 2);
    margin: 0;
    font-size: 0.9375em;
  }
  .spinner {
    flex: none;
    width: 1em;
    height: 1em;
    box-sizing: border-box;
    border: 2px solid color-mix(in srgb, var(--enclave-color-primary) 25%, transparent);
    border-top-color: var(--enclave-color-primary);
    border-radius: 50%;
    animation: spin 0.8s linear infinite;
  }
  @keyframes spin {
    to {
      transform: rotate(360deg);
    }
  }

  .institution {
    display: flex;
    align-items: center;
    gap: calc(var(--enclave-spacing-unit) * 3);
    margin: 0;
    font-weight: 600;
  }
  .institution-logo {
    flex: none;
    display: block;
  }

  .sandbox-hint {
    margin: 0;
    padding: calc(var(--enclave-spacing-unit) * 2) calc(var(--enclave-spacing-unit) * 3);
    border: 1px dashed color-mix(in srgb, var(--enclave-color-text) 35%, var(--enclave-color-background));
    border-radius: var(--enclave-border-radius);
    font-size: 0.8125em;
    color: color-mix(in srgb, var(--enclave-color-text) 80%, var(--enclave-color-background));
  }
  .sandbox-hint code {
    font-family: ui-monospace, SFMono-Regular, Menlo, monospace;
    font-size: 1.05em;
  }

  @media (prefers-reduced-motion: reduce) {
    .spinner {
      animation-duration: 3s;
    }
  }
`;
