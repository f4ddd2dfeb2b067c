/**
 * The look of labels, inputs, error messages and buttons in every frame, built only on
 * the --enclave-* variables (theme.ts) so that `appearance.variables` reaches them. The
 * same elements carry `part="label" | "input" | "error" | "button" | "container"`
 * (appearancePartNames), which is what `appearance.rules` will style.
 */
import { css } from "lit";

export const formStyles = css`
  .label {
    display: block;
    margin: 0 0 calc(var(--enclave-spacing-unit) * 1.5);
    font-size: 0.875em;
    font-weight: 500;
  }

  .input {
    box-sizing: border-box;
    width: 100%;
    min-height: 2.75em;
    margin: 0;
    padding: calc(var(--enclave-spacing-unit) * 2.5) calc(var(--enclave-spacing-unit) * 3);
    border: 1px solid color-mix(in srgb, var(--enclave-color-text) 30%, var(--enclave-color-background));
    border-radius: var(--enclave-border-radius);
    background: var(--enclave-color-background);
    color: var(--enclave-color-text);
    font: inherit;
    font-variant-numeric: tabular-nums;
    transition:
      border-color 0.15s ease,
      box-shadow 0.15s ease;
  }
  .input::placeholder {
    color: color-mix(in srgb, var(--enclave-color-text) 55%, var(--enclave-color-background));
    opacity: 1;
  }
  .input:focus {
    /* A transparent outline stays visible in forced-colors mode, where box-shadow is dropped. */
    outline: 2px solid transparent;
    border-color: var(--enclave-color-primary);
    box-shadow: 0 0 0 3px color-mix(in srgb, var(--enclave-color-primary) 30%, transparent);
  }
  .input[aria-invalid="true"] {
    border-color: var(--enclave-color-danger);
  }
  .input[aria-invalid="true"]:focus {
    box-shadow: 0 0 0 3px color-mix(in srgb, var(--enclave-color-danger) 30%, transparent);
  }
  .input:disabled {
    cursor: not-allowed;
    opacity: 0.65;
  }

  .error {
    margin: calc(var(--enclave-spacing-unit) * 1.5) 0 0;
    color: var(--enclave-color-danger);
    font-size: 0.875em;
  }
  /* Kept in the page while empty (a live region must exist before its text arrives) but takes no room. */
  .error:empty {
    margin: 0;
  }

  .button {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: calc(var(--enclave-spacing-unit) * 2);
    min-height: 2.75em;
    padding: calc(var(--enclave-spacing-unit) * 2.5) calc(var(--enclave-spacing-unit) * 4);
    border: 1px solid color-mix(in srgb, var(--enclave-color-text) 30%, var(--enclave-color-background));
    border-radius: var(--enclave-border-radius);
    background: var(--enclave-color-background);
    color: var(--enclave-color-text);
    font: inherit;
    font-weight: 500;
    cursor: pointer;
  }
  .button--primary {
    border-color: var(--enclave-color-primary);
    background: var(--enclave-color-primary);
    /* The background colour of the theme reads on its primary colour in every built-in theme. */
    color: var(--enclave-color-background);
  }
  .button:focus-visible {
    outline: 2px solid var(--enclave-color-primary);
    outline-offset: 2px;
  }
  .button:disabled {
    cursor: not-allowed;
    opacity: 0.65;
  }

  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    margin: -1px;
    padding: 0;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
    border: 0;
  }

  @media (prefers-reduced-motion: reduce) {
    .input {
      transition: none;
    }
  }
`;
