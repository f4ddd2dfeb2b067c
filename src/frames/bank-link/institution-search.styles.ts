import { css } from "lit";

export const institutionSearchStyles = css`
  .search {
    position: relative;
  }
  .search-icon {
    position: absolute;
    inset-block: 0;
    inset-inline-start: calc(var(--enclave-spacing-unit) * 3);
    display: flex;
    align-items: center;
    pointer-events: none;
    color: color-mix(in srgb, var(--enclave-color-text) 60%, var(--enclave-color-background));
  }
  .search .input {
    padding-inline-start: calc(var(--enclave-spacing-unit) * 3 + 26px);
  }
  /* The native clear button: Escape and selecting the text do the same, and it is hard to theme. */
  .search .input::-webkit-search-cancel-button {
    -webkit-appearance: none;
    appearance: none;
  }

  .list,
  .grid {
    margin: 0;
    padding: 0;
    list-style: none;
  }

  .list {
    display: grid;
    gap: calc(var(--enclave-spacing-unit) * 1);
  }
  .option {
    display: flex;
    align-items: center;
    gap: calc(var(--enclave-spacing-unit) * 3);
    padding: calc(var(--enclave-spacing-unit) * 2);
    border: 1px solid transparent;
    border-radius: var(--enclave-border-radius);
    cursor: pointer;
  }
  .option:hover {
    background: color-mix(in srgb, var(--enclave-color-text) 5%, var(--enclave-color-background));
  }
  .option[aria-selected="true"] {
    border-color: var(--enclave-color-primary);
    background: color-mix(in srgb, var(--enclave-color-primary) 10%, var(--enclave-color-background));
    /* Visible in forced-colors mode too, where backgrounds are dropped. */
    outline: 2px solid transparent;
  }
  .option-name {
    font-weight: 500;
  }
  .option-kind {
    margin-inline-start: auto;
    font-size: 0.8125em;
    color: color-mix(in srgb, var(--enclave-color-text) 70%, var(--enclave-color-background));
  }

  .grid {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(7.5em, 1fr));
    gap: calc(var(--enclave-spacing-unit) * 2);
  }
  .tile {
    display: grid;
    justify-items: center;
    align-content: start;
    gap: calc(var(--enclave-spacing-unit) * 2);
    width: 100%;
    height: 100%;
    box-sizing: border-box;
    padding: calc(var(--enclave-spacing-unit) * 3) calc(var(--enclave-spacing-unit) * 2);
    border: 1px solid color-mix(in srgb, var(--enclave-color-text) 15%, var(--enclave-color-background));
    border-radius: var(--enclave-border-radius);
    background: var(--enclave-color-background);
    color: var(--enclave-color-text);
    font: inherit;
    font-size: 0.875em;
    line-height: 1.25;
    text-align: center;
    cursor: pointer;
  }
  .tile:hover {
    border-color: var(--enclave-color-primary);
  }
  .tile:focus-visible {
    outline: 2px solid var(--enclave-color-primary);
    outline-offset: 2px;
  }
  .tile-skeleton {
    height: 6.5em;
    border-radius: var(--enclave-border-radius);
    background: color-mix(in srgb, var(--enclave-color-text) 8%, transparent);
  }

  .empty {
    display: grid;
    gap: calc(var(--enclave-spacing-unit) * 1);
    padding: calc(var(--enclave-spacing-unit) * 4) 0;
    text-align: center;
  }
  .empty-title {
    margin: 0;
    font-weight: 600;
    overflow-wrap: anywhere;
  }
  .empty-hint {
    margin: 0;
    font-size: 0.875em;
    color: color-mix(in srgb, var(--enclave-color-text) 80%, var(--enclave-color-background));
  }

  .failure {
    display: grid;
    gap: calc(var(--enclave-spacing-unit) * 3);
  }
`;
