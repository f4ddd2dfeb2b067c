/**
 * How both test apps get client tokens, as the docs tell a merchant to: the first call
 * asks the backend to open a session for the flow (a payment intent, a link session, an
 * identity session) and returns its token; later calls, made when the token expires
 * mid-flow, ask for a fresh token for that same session.
 */
export type Flow = "checkout" | "bank-link" | "identity";

interface TokenAnswer {
  session: string;
  clientToken: string;
}

async function postJson(path: string, body: unknown): Promise<TokenAnswer> {
  const response = await fetch(path, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
  if (!response.ok) throw new Error(`${path} answered ${response.status}`);
  return (await response.json()) as TokenAnswer;
}

/** A `fetchClientToken` for one flow; keep one per element (it remembers the session). */
export function clientTokenSource(flow: Flow): () => Promise<string> {
  let session: string | undefined;
  return async () => {
    const answer = session ? await postJson("/api/client-tokens", { session }) : await postJson(`/api/sessions/${flow}`, {});
    session = answer.session;
    return answer.clientToken;
  };
}
