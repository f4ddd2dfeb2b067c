import { css } from "lit";

export const cardFormStyles = css`
  :host {
    display: block;
  }

  .form {
    display: grid;
    gap: calc(var(--enclave-spacing-unit) * 3);
    margin: 0;
  }

  .row {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(9em, 1fr));
    gap: calc(var(--enclave-spacing-unit) * 3);
  }

  .field {
    min-width: 0;
  }

  /* Every label sits in a row as tall as the help button, so fields side by side line up. */
  .label-row {
    display: flex;
    align-items: center;
    gap: calc(var(--enclave-spacing-unit) * 1);
    margin: 0 0 calc(var(--enclave-spacing-unit) * 1.5);
    min-height: 24px;
  }
  .label-row .label {
    margin: 0;
  }
  .hint {
    margin-inline-start: auto;
    font-size: 0.8125em;
    color: color-mix(in srgb, var(--enclave-color-text) 75%, var(--enclave-color-background));
  }

  .control {
    position: relative;
  }
  .control--with-brand .input {
    padding-inline-end: calc(var(--enclave-spacing-unit) * 3 + 40px);
  }
  .brand {
    position: absolute;
    inset-block: 0;
    inset-inline-end: calc(var(--enclave-spacing-unit) * 3);
    display: flex;
    align-items: center;
    pointer-events: none;
    color: color-mix(in srgb, var(--enclave-color-text) 55%, var(--enclave-color-background));
  }
  /* Card digits and dates read left to right in every script (dir="ltr"), but in a
     right-to-left form they still line up with their labels, on the right. */
  :host(:dir(rtl)) .input:dir(ltr) {
    text-align: right;
  }

  .card-brand {
    display: block;
    width: 32px;
    height: 20px;
  }

  .error:not(.error--shown) {
    margin: 0;
  }
`;
