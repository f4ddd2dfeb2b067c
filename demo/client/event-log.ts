/** Shared by the demo's pages: the log of every enclave-* event this merchant page receives. */
const enclaveEvents = ["enclave-ready", "enclave-change", "enclave-success", "enclave-exit", "enclave-error", "enclave-event"];

export function startEventLog(list: HTMLElement): void {
  for (const name of enclaveEvents) {
    document.addEventListener(name, (event) => {
      const item = document.createElement("li");
      const label = document.createElement("span");
      label.className = name === "enclave-error" ? "name error" : "name";
      label.textContent = name;
      item.append(label, ` ${JSON.stringify((event as CustomEvent).detail)}`);
      list.prepend(item);
    });
  }
}

export async function requestJson<T>(path: string, body?: unknown): Promise<T> {
  const response = await fetch(path, body === undefined ? {} : { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
  const payload = (await response.json()) as T & { error?: { message?: string } };
  if (!response.ok) throw new Error(payload.error?.message ?? `Request failed (${response.status})`);
  return payload;
}

export function money(amount: number, currency: string, minorUnits = true): string {
  return new Intl.NumberFormat(undefined, { style: "currency", currency: currency.toUpperCase() }).format(minorUnits ? amount / 100 : amount);
}
