/** What the element tests' page knows: where the widget host is, and a merchant backend to ask for tokens. */
// @ts-expect-error -- served by the widget-host plugin at test time
import env from "/__enclave-test-env.js";

export interface TestEnv {
  hostUrl: string;
  publishableKey: string;
  clientTokenTtlSeconds: number;
}

export const testEnv = env as TestEnv;

export interface MerchantSession {
  id: string;
  clientToken: string;
}

export async function createPaymentSession(): Promise<MerchantSession> {
  const intent = (await (await fetch("/__merchant/payment-intent")).json()) as { id: string; client_token: string };
  return { id: intent.id, clientToken: intent.client_token };
}

export async function freshClientToken(session: string): Promise<string> {
  return ((await (await fetch(`/__merchant/client-token/${session}`)).json()) as { client_token: string }).client_token;
}

export async function cancelSession(session: string): Promise<void> {
  await fetch(`/__merchant/cancel/${session}`);
}

/** Resolves with the detail of the next `name` event on `target`, or rejects after `timeoutMs`. */
export function nextEvent<T = Record<string, unknown>>(target: EventTarget, name: string, timeoutMs = 20_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${name} within ${timeoutMs} ms`)), timeoutMs);
    target.addEventListener(
      name,
      (event) => {
        clearTimeout(timer);
        resolve((event as CustomEvent<T>).detail);
      },
      { once: true },
    );
  });
}

/** Collects every enclave-* event that reaches `document` until `stop()`. */
export function recordEnclaveEvents(): { events: { name: string; detail: unknown }[]; stop: () => void } {
  const names = ["enclave-ready", "enclave-change", "enclave-success", "enclave-exit", "enclave-error", "enclave-event"];
  const events: { name: string; detail: unknown }[] = [];
  const listener = (event: Event): void => void events.push({ name: event.type, detail: (event as CustomEvent).detail });
  for (const name of names) document.addEventListener(name, listener);
  return { events, stop: () => names.forEach((name) => document.removeEventListener(name, listener)) };
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
