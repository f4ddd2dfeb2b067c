/**
 * The bank-link institution search: the popular grid, and the search as the customer types
 * (debounced; only the newest search's answer is shown, an older one is aborted). It keeps
 * the search model across screens — the customer who goes back finds the list as it was —
 * and tells the controller when it changed.
 */
import { EnclaveError } from "../../protocol/errors.js";
import type { BankLinkApi } from "./bank-link-client.js";
import { emptySearch, type SearchModel } from "./model.js";

// The whole popular grid at once; search results stay short enough to need no scrolling box
// (the frame grows instead, and the page's dialog scrolls if it must).
const popularLimit = 12;
const searchLimit = 10;

/** What the search needs of the controller. */
export interface FinderHost {
  api(): BankLinkApi | undefined;
  /** The model changed: the view shows it. */
  changed(): void;
  /** A failed request, for the page (`error` and an `error` event). */
  failed(reason: EnclaveError): void;
  /** A search request is sent (the `search_institution` event). */
  searched(): void;
}

export class InstitutionFinder {
  private current: SearchModel = emptySearch();
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** The search whose answer is awaited: a newer one, or leaving the screen, aborts it. */
  private run: AbortController | undefined;

  constructor(
    private readonly host: FinderHost,
    /** Pause after the last keystroke before the search request (ms). */
    private readonly delayMs: number,
  ) {}

  get model(): SearchModel {
    return this.current;
  }

  /** Forgets everything (a restart). */
  reset(): void {
    this.cancel();
    this.current = emptySearch();
  }

  /** The screen opens: the popular grid, unless it is already there. */
  open(): void {
    if (this.current.popularStatus !== "ready") void this.loadPopular();
  }

  /** The query changed: "Searching…" at once, the request after a pause. */
  query(query: string): void {
    this.cancel();
    if (query.trim() === "") {
      this.update({ query, status: "idle", results: [], error: this.current.popularStatus === "error" ? this.current.error : null });
      return;
    }
    // "Searching…" at once, so an earlier query's results never stand for this one.
    this.update({ query, status: "loading", error: null });
    this.timer = setTimeout(() => void this.search(query), this.delayMs);
  }

  /** "Try again" after a failure: the popular grid or the search, whichever failed. */
  retry(): void {
    const query = this.current.query;
    if (query.trim() === "") {
      void this.loadPopular();
      return;
    }
    this.update({ status: "loading", error: null });
    void this.search(query);
  }

  /** Drops a pending search; one cut short runs again when the customer comes back to it. */
  cancel(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.run?.abort();
    this.run = undefined;
    if (this.current.status === "loading" && this.current.query.trim() !== "") this.update({ status: "idle" });
  }

  private update(changes: Partial<SearchModel>): void {
    this.current = { ...this.current, ...changes };
    this.host.changed();
  }

  private async loadPopular(): Promise<void> {
    const api = this.host.api();
    if (!api) return;
    this.update({ popularStatus: "loading", error: null });
    try {
      const popular = await api.popularInstitutions(popularLimit);
      this.update({ popular, popularStatus: "ready" });
    } catch (error) {
      const reason = EnclaveError.from(error);
      this.update({ popularStatus: "error", error: { code: reason.code } });
      this.host.failed(reason);
    }
  }

  private async search(query: string): Promise<void> {
    const api = this.host.api();
    if (!api) return;
    this.run?.abort();
    const run = new AbortController();
    this.run = run;
    this.timer = undefined;
    this.host.searched();
    try {
      const results = await api.searchInstitutions(query.trim(), searchLimit);
      if (run.signal.aborted) return;
      this.update({ status: "ready", results, error: null });
    } catch (error) {
      if (run.signal.aborted) return;
      const reason = EnclaveError.from(error);
      this.update({ status: "error", results: [], error: { code: reason.code } });
      this.host.failed(reason);
    }
  }
}
