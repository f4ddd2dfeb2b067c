/**
 * The demo's "Link a bank" page: opens <enclave-bank-link> (a modal, like Plaid Link),
 * hands the single-use public token to the shop's backend, and shows the accounts and
 * transactions the backend then reads. The page never sees credentials or the access token.
 */
import type { EnclaveBankLink } from "../../src/elements/index.js";
import { money, requestJson, startEventLog } from "./event-log.js";

interface LinkedItem {
  item: { id: string; institution: { id: string; name: string } };
  accounts: { id: string; name: string; mask: string; type: string; subtype: string; balances?: { current: number; currency: string } }[];
  transactions: { id: string; date: string; name: string; amount: number; currency: string }[];
}

const byId = <T extends HTMLElement>(id: string): T => {
  const element = document.getElementById(id);
  if (!element) throw new Error(`#${id} is missing from the page`);
  return element as T;
};

const publishableKey = document.querySelector<HTMLMetaElement>('meta[name="enclave-publishable-key"]')?.content ?? "";
const bankLink = byId<EnclaveBankLink>("bank-link");
const status = byId("bank-status");
let session: string | undefined;
let itemId: string | undefined;

function say(text: string, isError = false): void {
  status.textContent = text;
  status.classList.toggle("error", isError);
}

function row(cells: string[]): HTMLTableRowElement {
  const tr = document.createElement("tr");
  for (const text of cells) {
    const td = document.createElement("td");
    td.textContent = text;
    tr.append(td);
  }
  return tr;
}

async function showLinked(id: string): Promise<void> {
  const linked = await requestJson<LinkedItem>(`/api/bank/items/${id}`);
  byId("institution-name").textContent = `Connected to ${linked.item.institution.name}`;
  byId("accounts-table")
    .querySelector("tbody")
    ?.replaceChildren(
      ...linked.accounts.map((account) =>
        row([`${account.name} •••• ${account.mask}`, account.subtype, account.balances ? money(account.balances.current, account.balances.currency, false) : "—"]),
      ),
    );
  byId("transactions-table")
    .querySelector("tbody")
    ?.replaceChildren(...linked.transactions.map((transaction) => row([transaction.date, transaction.name, money(-transaction.amount, transaction.currency, false)])));
  byId("linked").hidden = false;
}

/** A fresh link session per attempt; the element is ready before the customer clicks. */
async function prepare(): Promise<void> {
  const created = await requestJson<{ session: string; clientToken: string }>("/api/bank/link-session", {});
  session = created.session;
  bankLink.setAttribute("publishable-key", publishableKey);
  bankLink.clientToken = created.clientToken;
  bankLink.fetchClientToken = async () => (await requestJson<{ clientToken: string }>("/api/bank/client-token", { session })).clientToken;
}

bankLink.addEventListener("enclave-success", (event) => {
  void (async () => {
    say("Bank linked. Fetching your accounts…");
    try {
      ({ itemId } = await requestJson<{ itemId: string }>("/api/bank/exchange", { publicToken: (event.detail as { publicToken: string }).publicToken }));
      await showLinked(itemId);
      say("");
    } catch (error) {
      say(`Could not finish linking: ${(error as Error).message}`, true);
    }
  })();
});

bankLink.addEventListener("enclave-exit", (event) => {
  say(`You left before linking a bank (at step "${event.detail.step}").`);
});

byId("link-bank").addEventListener("click", () => bankLink.open());
byId("unlink").addEventListener("click", () => {
  if (!itemId) return;
  void requestJson(`/api/bank/items/${itemId}/remove`, {}).then(() => {
    byId("linked").hidden = true;
    say("The bank is unlinked; the shop's access token no longer works.");
    itemId = undefined;
  });
});

startEventLog(byId("event-log"));
await prepare();
