import { html, nothing, type PropertyValues, type TemplateResult } from "lit";
import { live } from "lit/directives/live.js";
import { formStyles } from "../ui/form.styles.js";
import { FrameElement } from "../ui/frame-element.js";
import { alertIcon, searchIcon } from "../ui/icons.js";
import { institutionLogo } from "../ui/institution-logo.js";
import { screenStyles } from "../ui/screen.styles.js";
import { institutionSearchStyles } from "./institution-search.styles.js";
import { bankLinkMessages, errorText } from "./messages.js";
import type { Institution, ScreenError, SearchModel } from "./model.js";
import type {} from "./events.js";

/**
 * @summary Choosing a bank: a search box that searches as the customer types (the
 * controller debounces the requests), its results as a listbox, and a grid of popular
 * institutions while the box is empty.
 *
 * Keyboard: the search box is a combobox — ArrowDown and ArrowUp move through the results
 * (focus stays in the box, `aria-activedescendant` points at the result), Enter selects
 * the highlighted one, Escape first drops the highlight, then empties the box; an Escape
 * with nothing to undo is left to bubble (the frame asks whether to leave).
 *
 * @event enclave-institution-query - The search text changed. Detail: `{ query }`.
 * @event enclave-institution-select - A bank was chosen. Detail: `{ institution }`.
 * @event enclave-institution-retry - "Try again" after a failed search or list.
 *
 * @csspart container - The screen.
 * @csspart label - (hidden) the search box's label.
 * @csspart input - The search box.
 * @csspart button - The popular banks and "Try again".
 * @csspart error - The failure notice.
 */
export class EnclaveInstitutionSearch extends FrameElement {
  static override styles = [formStyles, screenStyles, institutionSearchStyles];

  static override properties = {
    query: {},
    status: {},
    results: { attribute: false },
    popular: { attribute: false },
    popularStatus: { attribute: "popular-status" },
    error: { attribute: false },
    activeIndex: { type: Number, attribute: "active-index" },
  };

  query: SearchModel["query"] = "";
  status: SearchModel["status"] = "idle";
  results: Institution[] = [];
  popular: Institution[] = [];
  popularStatus: SearchModel["popularStatus"] = "loading";
  error: ScreenError | null = null;
  /** The highlighted result (-1: none). Moves with the arrow keys; reset when the results change. */
  activeIndex = -1;

  /**
   * Arrow keys (and an Enter after one) pressed while the results were on their way: a
   * customer who types a name and goes straight to ↓ Enter must not lose the keys to the
   * search's pause and request. Applied when the results arrive; typing again cancels them.
   */
  private pending: { index: "first" | "last"; select: boolean } | null = null;

  private get input(): HTMLInputElement | null {
    return this.renderRoot.querySelector<HTMLInputElement>("#search");
  }

  /** Focuses the search box. */
  focusStart(): void {
    this.input?.focus();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if ((changed.has("results") || changed.has("query") || changed.has("status")) && !changed.has("activeIndex")) this.activeIndex = -1;
    if (changed.has("query")) this.pending = null;
    const pending = this.pending;
    if (pending && this.status !== "loading") {
      this.pending = null;
      if (this.listShown) this.activeIndex = pending.index === "first" ? 0 : this.results.length - 1;
      if (pending.select) this.pendingSelect = this.results[this.activeIndex] ?? null;
    }
  }

  /** An Enter held back for results that have now arrived (sent once the highlight is drawn). */
  private pendingSelect: Institution | null = null;

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has("activeIndex") && this.activeIndex >= 0) {
      this.renderRoot.querySelector(`#option-${this.activeIndex}`)?.scrollIntoView({ block: "nearest" });
    }
    const chosen = this.pendingSelect;
    this.pendingSelect = null;
    if (chosen) this.select(chosen);
  }

  private get searching(): boolean {
    return this.query.trim() !== "";
  }

  private get listShown(): boolean {
    return this.searching && this.status === "ready" && this.results.length > 0;
  }

  protected override render(): TemplateResult {
    const words = bankLinkMessages().search;
    const listShown = this.listShown;
    return html`<section class="screen" part="container" aria-labelledby="title">
      <h1 class="title" id="title" tabindex="-1">${words.title}</h1>
      <div class="search">
        <label class="label visually-hidden" part="label" for="search">${words.searchLabel}</label>
        <span class="search-icon">${searchIcon()}</span>
        <input
          id="search"
          class="input"
          part="input"
          type="search"
          role="combobox"
          autocomplete="off"
          autocorrect="off"
          autocapitalize="none"
          spellcheck="false"
          enterkeyhint="search"
          placeholder=${words.placeholder}
          aria-autocomplete="list"
          aria-expanded=${listShown ? "true" : "false"}
          aria-controls=${listShown ? "results" : nothing}
          aria-activedescendant=${listShown && this.activeIndex >= 0 ? `option-${this.activeIndex}` : nothing}
          .value=${live(this.query)}
          @input=${this.onInput}
          @keydown=${this.onKeydown}
        />
      </div>
      <!-- One polite region, always in the page (a region must exist before its text changes
           to be announced), for the search's progress and outcome; lists sit outside it. -->
      <div class="status" role="status">${this.searching ? this.renderSearchStatus() : this.renderPopularStatus()}</div>
      ${this.searching ? this.renderResults() : this.renderPopular()}
    </section>`;
  }

  private renderResults(): TemplateResult | typeof nothing {
    const words = bankLinkMessages().search;
    if (this.status === "error") return this.renderFailure(words.searchFailed);
    return this.listShown
      ? html`<ul class="list" id="results" role="listbox" aria-label=${words.resultsLabel}>
            ${this.results.map(
              (institution, index) => html`<li
                class="option"
                id="option-${index}"
                role="option"
                aria-selected=${index === this.activeIndex ? "true" : "false"}
                @click=${() => this.select(institution)}
                @pointermove=${() => this.highlight(index)}
              >
                ${institutionLogo(institution.logo, 32)}<span class="option-name">${institution.name}</span>
              </li>`,
            )}
          </ul>`
      : nothing;
  }

  private renderSearchStatus(): TemplateResult | typeof nothing {
    const words = bankLinkMessages().search;
    switch (this.status) {
      case "loading":
        return html`<p class="progress"><span class="spinner"></span>${words.searching}</p>`;
      case "ready":
        return this.results.length > 0
          ? html`<p class="visually-hidden">${words.resultCount(this.results.length)}</p>`
          : html`<div class="empty">
              <p class="empty-title">${words.noResults(this.query.trim())}</p>
              <p class="empty-hint">${words.noResultsHint}</p>
            </div>`;
      default:
        return nothing;
    }
  }

  private renderPopularStatus(): TemplateResult | typeof nothing {
    return this.popularStatus === "loading" ? html`<p class="visually-hidden">${bankLinkMessages().search.loadingPopular}</p>` : nothing;
  }

  private renderPopular(): TemplateResult {
    const words = bankLinkMessages().search;
    if (this.popularStatus === "error") return this.renderFailure(words.popularFailed);
    if (this.popularStatus === "loading") {
      return html`<div class="grid" aria-hidden="true">${[0, 1, 2, 3, 4, 5].map(() => html`<div class="tile-skeleton"></div>`)}</div>`;
    }
    return html`<h2 class="subtitle" id="popular">${words.popular}</h2>
      <ul class="grid" aria-labelledby="popular">
        ${this.popular.map(
          (institution) => html`<li>
            <button class="tile" part="button" type="button" @click=${() => this.select(institution)}>
              ${institutionLogo(institution.logo, 40)}<span>${institution.name}</span>
            </button>
          </li>`,
        )}
      </ul>`;
  }

  /** The failure notice: the error's own words when it has some, else what could not be done. */
  private renderFailure(whatFailed: string): TemplateResult {
    return html`<div class="failure">
      <p class="notice" part="error" role="alert">${alertIcon()}<span>${errorText(this.error, "", whatFailed)}</span></p>
      <button class="button" part="button" type="button" @click=${() => this.emit("enclave-institution-retry", {})}>${bankLinkMessages().search.retry}</button>
    </div>`;
  }

  /** Keeps ↓, ↑ and an Enter after them for the results on their way; true when the key was kept. */
  private holdKey(event: KeyboardEvent): boolean {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      this.pending = { index: event.key === "ArrowDown" ? "first" : "last", select: false };
      return true;
    }
    if (event.key === "Enter" && this.pending) {
      event.preventDefault();
      this.pending = { ...this.pending, select: true };
      return true;
    }
    return false;
  }

  private highlight(index: number): void {
    if (this.activeIndex !== index) this.activeIndex = index;
  }

  private select(institution: Institution): void {
    this.emit("enclave-institution-select", { institution });
  }

  private setQuery(query: string): void {
    this.query = query;
    this.emit("enclave-institution-query", { query });
  }

  private readonly onInput = (event: Event): void => {
    this.setQuery((event.target as HTMLInputElement).value);
  };

  private readonly onKeydown = (event: KeyboardEvent): void => {
    const count = this.listShown ? this.results.length : 0;
    if (count === 0 && this.searching && this.status === "loading" && this.holdKey(event)) return;
    switch (event.key) {
      case "ArrowDown":
        if (count === 0) return;
        event.preventDefault();
        this.activeIndex = this.activeIndex < 0 || this.activeIndex >= count - 1 ? 0 : this.activeIndex + 1;
        return;
      case "ArrowUp":
        if (count === 0) return;
        event.preventDefault();
        this.activeIndex = this.activeIndex <= 0 ? count - 1 : this.activeIndex - 1;
        return;
      case "Enter": {
        // There is no form to submit; Enter only ever selects.
        event.preventDefault();
        const chosen = this.activeIndex >= 0 ? this.results[this.activeIndex] : undefined;
        if (count > 0 && chosen) this.select(chosen);
        return;
      }
      case "Escape":
        if (this.activeIndex >= 0) {
          event.preventDefault();
          this.activeIndex = -1;
        } else if (this.query !== "") {
          event.preventDefault();
          this.setQuery("");
        }
        return;
    }
  };
}
