/**
 * Page-wide defaults set through `Enclave.configure()`. Kept on a global symbol so that
 * elements from a second copy of the script read the same settings as the first.
 */
import { EnclaveError } from "../../protocol/errors.js";

export interface EnclaveConfig {
  /** `pk_test_…` or `pk_live_…`: the merchant's publishable key. */
  publishableKey?: string;
  /** The widget host's origin, such as `https://widgets.example.com`. */
  host?: string;
}

export const DEFAULT_HOST = "http://localhost:4000";
const publishableKeyPattern = /^pk_(test|live)_[A-Za-z0-9]{8,100}$/;
const configKey = Symbol.for("enclave-kit.config");

type ConfigHolder = { [configKey]?: EnclaveConfig };

function holder(): ConfigHolder {
  return globalThis as ConfigHolder;
}

export function currentConfig(): EnclaveConfig {
  return holder()[configKey] ?? {};
}

/** Validates and stores page-wide defaults; throws an EnclaveError with a code on bad input. */
export function configure(options: EnclaveConfig): EnclaveConfig {
  if (typeof options !== "object" || options === null) {
    throw new EnclaveError("invalid_configuration", "Enclave.configure() takes an object such as { publishableKey, host }.");
  }
  const next: EnclaveConfig = { ...currentConfig() };
  if (options.publishableKey !== undefined) next.publishableKey = checkPublishableKey(options.publishableKey);
  if (options.host !== undefined) next.host = normalizeHost(options.host);
  holder()[configKey] = next;
  return next;
}

export function checkPublishableKey(value: unknown): string {
  if (typeof value !== "string" || !publishableKeyPattern.test(value)) {
    throw new EnclaveError("invalid_publishable_key", "The publishable key must look like pk_test_… or pk_live_…; never pass a secret key (sk_…) to the page.");
  }
  return value;
}

/** Accepts an origin or a URL and returns its origin; refuses anything that is not http(s). */
export function normalizeHost(value: unknown): string {
  let url: URL | undefined;
  try {
    url = typeof value === "string" ? new URL(value) : undefined;
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== "https:" && url.protocol !== "http:")) {
    throw new EnclaveError("invalid_host", `The widget host must be an http(s) origin such as https://widgets.example.com (got ${JSON.stringify(value)}).`);
  }
  return url.origin;
}
