/**
 * The demo's onboarding page: verifies a person with <enclave-identity> (a modal, like
 * Stripe Identity), then shows what the shop's backend reads from the widget host — the
 * page itself only ever learns the session id and status.
 */
import type { EnclaveIdentity } from "../../src/elements/index.js";
import { requestJson, startEventLog } from "./event-log.js";

interface Verification {
  id: string;
  status: string;
  lastError: { code: string; reason: string } | null;
  outputs: { name: string; dob: string; document: string } | null;
  redacted: boolean;
}

const byId = <T extends HTMLElement>(id: string): T => {
  const element = document.getElementById(id);
  if (!element) throw new Error(`#${id} is missing from the page`);
  return element as T;
};

const publishableKey = document.querySelector<HTMLMetaElement>('meta[name="enclave-publishable-key"]')?.content ?? "";
let identity: EnclaveIdentity | undefined;
const status = byId("identity-status");
let session: string | undefined;

function say(text: string, isError = false): void {
  status.textContent = text;
  status.classList.toggle("error", isError);
}

async function showResult(id: string): Promise<void> {
  const result = await requestJson<Verification>(`/api/identity/sessions/${id}`);
  const rows: [string, string][] = [
    ["Session", result.id],
    ["Status", result.redacted ? `${result.status} (redacted)` : result.status],
  ];
  if (result.outputs) rows.push(["Name", result.outputs.name], ["Date of birth", result.outputs.dob], ["Document", result.outputs.document]);
  if (result.lastError) rows.push(["Needs", `${result.lastError.code}: ${result.lastError.reason}`]);
  const details = byId("identity-details");
  details.replaceChildren();
  for (const [term, value] of rows) {
    const dt = document.createElement("dt");
    dt.textContent = term;
    const dd = document.createElement("dd");
    dd.textContent = value;
    details.append(dt, dd);
  }
  byId<HTMLButtonElement>("redact").disabled = result.redacted;
  byId("identity-result").hidden = false;
}

/** A new session, a new element: it connects its frame, then opens as a modal. */
async function start(): Promise<void> {
  const outcome = byId<HTMLSelectElement>("sandbox-outcome").value;
  const created = await requestJson<{ session: string; clientToken: string }>("/api/identity/sessions", { sandboxOutcome: outcome });
  const id = created.session;
  session = id;
  const element = document.createElement("enclave-identity");
  element.setAttribute("publishable-key", publishableKey);
  element.clientToken = created.clientToken;
  element.fetchClientToken = async () => (await requestJson<{ clientToken: string }>("/api/identity/client-token", { session: id })).clientToken;
  element.addEventListener("enclave-ready", () => element.open(), { once: true });
  element.addEventListener("enclave-success", () => {
    say("Thanks! Your identity is verified.");
    void showResult(id);
  });
  element.addEventListener("enclave-error", (event) => {
    if (event.detail.code === "document_unverified" || event.detail.code === "selfie_mismatch") {
      say(event.detail.message, true);
      void showResult(id);
    }
  });
  element.addEventListener("enclave-exit", (event) => say(`You left before finishing (at step "${event.detail.step}").`));
  identity?.remove();
  identity = element;
  byId("identity-slot").replaceChildren(element);
}

byId("verify").addEventListener("click", () => {
  say("");
  void start().catch((error: unknown) => say(`Could not start: ${(error as Error).message}`, true));
});
byId("redact").addEventListener("click", () => {
  if (!session) return;
  void requestJson(`/api/identity/sessions/${session}/redact`, {}).then(() => showResult(session ?? ""));
});

startEventLog(byId("event-log"));
