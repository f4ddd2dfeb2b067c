/**
 * The demo merchant's bank-linking backend: it opens link sessions, exchanges the page's
 * single-use public token for an access token that never leaves this process, and reads
 * accounts and recent transactions with it.
 */
import type { IncomingMessage } from "node:http";
import type { EnclaveClient } from "../src/sdk/index.js";

type SendJson = (status: number, body: unknown) => void;

const sessionPattern = /^bls_[A-Za-z0-9]{8,64}$/;

export function createBankRoutes(enclave: EnclaveClient, readJson: (request: IncomingMessage) => Promise<unknown>) {
  // item id → access token: the merchant's secret, kept on the backend only.
  const accessTokens = new Map<string, string>();

  return async function bankRoutes(request: IncomingMessage, url: URL, sendJson: SendJson): Promise<void> {
    if (request.method === "POST" && url.pathname === "/api/bank/link-session") {
      const session = await enclave.bankLinkSessions.create({ products: ["accounts", "balances", "transactions"], customer_ref: "demo-customer" });
      return sendJson(200, { session: session.id, clientToken: session.client_token });
    }

    if (request.method === "POST" && url.pathname === "/api/bank/client-token") {
      const { session } = (await readJson(request)) as { session?: unknown };
      if (typeof session !== "string" || !sessionPattern.test(session)) return sendJson(400, { error: { code: "invalid_session", message: "session must be a bls_… id." } });
      const token = await enclave.clientTokens.create({ session });
      return sendJson(200, { clientToken: token.client_token });
    }

    if (request.method === "POST" && url.pathname === "/api/bank/exchange") {
      const { publicToken } = (await readJson(request)) as { publicToken?: unknown };
      if (typeof publicToken !== "string" || publicToken.length > 200) return sendJson(400, { error: { code: "invalid_public_token", message: "publicToken is required." } });
      const { access_token, item_id } = await enclave.bankLinks.exchange({ public_token: publicToken });
      accessTokens.set(item_id, access_token);
      return sendJson(200, { itemId: item_id });
    }

    const item = /^\/api\/bank\/items\/([A-Za-z0-9_]+)(\/remove)?$/.exec(url.pathname);
    const accessToken = item ? accessTokens.get(item[1] ?? "") : undefined;
    if (item && !accessToken) return sendJson(404, { error: { code: "unknown_item", message: "This backend has no such linked bank." } });
    if (item && accessToken && request.method === "GET" && !item[2]) {
      const { item: linked, accounts } = await enclave.accounts.list(accessToken);
      const end = new Date();
      const start = new Date(end.getTime() - 30 * 24 * 3600 * 1000);
      const { transactions } = await enclave.transactions.list(accessToken, { start_date: start.toISOString().slice(0, 10), end_date: end.toISOString().slice(0, 10), limit: 10 });
      return sendJson(200, { item: linked, accounts, transactions });
    }
    if (item && accessToken && request.method === "POST" && item[2]) {
      await enclave.items.remove(item[1] ?? "");
      accessTokens.delete(item[1] ?? "");
      return sendJson(200, { removed: true });
    }
    sendJson(404, { error: { code: "not_found", message: "No such demo route." } });
  };
}
