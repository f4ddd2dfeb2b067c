/** `GET /v1/identity_sessions`: a page of the merchant's identity sessions (store/lists.ts), without verified outputs. */
import type { IdentitySession } from "../../protocol/identity-api.js";
import type { Store } from "./database.js";
import { publicIdentitySession, sessionFromRow } from "./identity.js";
import { newestFirstPage, type Page, type PageRequest } from "./lists.js";

/** Newest first; undefined when `startingAfter` is not one of the merchant's sessions. */
export async function listIdentitySessions(db: Store, merchantId: string, page: PageRequest): Promise<Page<IdentitySession> | undefined> {
  const listed = await newestFirstPage(db, "identity_sessions", merchantId, db.selectFrom("identity_sessions").selectAll(), page);
  return listed && { data: listed.data.map((row) => publicIdentitySession(sessionFromRow(row))), hasMore: listed.hasMore };
}
