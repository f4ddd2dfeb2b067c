/**
 * The demo merchant's identity backend: creates verification sessions, mints fresh
 * client tokens, reads the verified result (personal data stays on the backend, shown
 * to the signed-in customer only), and redacts on request.
 */
import type { IncomingMessage } from "node:http";
import type { EnclaveClient } from "../src/sdk/index.js";

type SendJson = (status: number, body: unknown) => void;

const sessionPattern = /^ids_[A-Za-z0-9]{8,64}$/;
const outcomes = new Set(["verified", "document_unverified", "selfie_mismatch"]);
const documentNames: Record<string, string> = { passport: "Passport", driving_license: "Driver's license", id_card: "ID card" };

export function createIdentityRoutes(enclave: EnclaveClient, readJson: (request: IncomingMessage) => Promise<unknown>) {
  return async function identityRoutes(request: IncomingMessage, url: URL, sendJson: SendJson): Promise<void> {
    if (request.method === "POST" && url.pathname === "/api/identity/sessions") {
      const { sandboxOutcome } = (await readJson(request)) as { sandboxOutcome?: unknown };
      const outcome = typeof sandboxOutcome === "string" && outcomes.has(sandboxOutcome) ? (sandboxOutcome as "verified") : "verified";
      const session = await enclave.identitySessions.create({ type: "document", options: { require_selfie: true, sandbox_outcome: outcome }, customer_ref: "demo-customer" });
      return sendJson(200, { session: session.id, clientToken: session.client_token });
    }

    if (request.method === "POST" && url.pathname === "/api/identity/client-token") {
      const { session } = (await readJson(request)) as { session?: unknown };
      if (typeof session !== "string" || !sessionPattern.test(session)) return sendJson(400, { error: { code: "invalid_session", message: "session must be an ids_… id." } });
      const token = await enclave.clientTokens.create({ session });
      return sendJson(200, { clientToken: token.client_token });
    }

    const match = /^\/api\/identity\/sessions\/([A-Za-z0-9_]+)(\/redact)?$/.exec(url.pathname);
    const id = match?.[1] ?? "";
    if (match && !sessionPattern.test(id)) return sendJson(400, { error: { code: "invalid_session", message: "Not an identity session id." } });
    if (match && request.method === "POST" && match[2]) {
      await enclave.identitySessions.redact(id);
      return sendJson(200, { redacted: true });
    }
    if (match && request.method === "GET" && !match[2]) {
      const session = await enclave.identitySessions.retrieve(id);
      const outputs = session.verified_outputs;
      return sendJson(200, {
        id: session.id,
        status: session.status,
        lastError: session.last_error,
        redacted: session.redacted,
        outputs: outputs
          ? {
              name: `${outputs.first_name} ${outputs.last_name}`,
              dob: `${outputs.dob.year}-${String(outputs.dob.month).padStart(2, "0")}-${String(outputs.dob.day).padStart(2, "0")}`,
              document: `${documentNames[outputs.document.type] ?? outputs.document.type}, ${outputs.document.issuing_country}, ending in ${outputs.document.number_last4}`,
            }
          : null,
      });
    }
    sendJson(404, { error: { code: "not_found", message: "No such demo route." } });
  };
}
