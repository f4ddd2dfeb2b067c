/**
 * What every `GET` list route shares: the page size when none is asked for, and the answer
 * `{ object: "list", data, has_more }` — or, when `starting_after` is not an id of the
 * merchant's list (unknown, deleted from the store, or another merchant's), a 400 naming it.
 */
import { DEFAULT_LIST_LIMIT } from "../../protocol/lists-api.js";
import { ErrorCode } from "../../protocol/errors.js";
import { invalidRequest } from "../http/api-error.js";
import type { Page, PageRequest } from "../store/lists.js";

export interface ListQuery {
  limit?: number | undefined;
  starting_after?: string | undefined;
}

export function pageRequest(query: ListQuery): PageRequest {
  return { limit: query.limit ?? DEFAULT_LIST_LIMIT, startingAfter: query.starting_after };
}

export function listAnswer<T>(page: Page<T> | undefined, what: string, query: ListQuery): { object: "list"; data: T[]; has_more: boolean } {
  if (!page) throw invalidRequest(ErrorCode.resourceMissing, `starting_after is no ${what} of yours: '${query.starting_after ?? ""}'.`, "starting_after");
  return { object: "list", data: page.data, has_more: page.hasMore };
}
