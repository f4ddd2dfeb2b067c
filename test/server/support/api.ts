/**
 * HTTP helpers for the server suites: the merchant API (Bearer sk_…), the frame API
 * (Bearer ct_… + publishable key + parent origin + a DPoP proof), raw requests that fetch would
 * normalize away, and the one assertion every failure goes through: the error envelope.
 */
import assert from "node:assert/strict";
import { request as httpRequest } from "node:http";
import { dpopProof, frameKeyFor, type DpopKey } from "./dpop.js";
import type { WidgetHostProcess } from "./widget-host.js";

// Test code reads arbitrary JSON answers; `any` keeps the assertions readable.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

export interface ApiResponse {
  status: number;
  headers: Headers;
  text: string;
  body: Json;
}

export interface CallOptions {
  /** A JSON body (serialized, with Content-Type: application/json). */
  body?: unknown;
  /** A body sent as is, with the headers given. */
  rawBody?: string;
  headers?: Record<string, string>;
  /** The secret key to send; the host's own by default, `null` for no Authorization header. */
  key?: string | null;
}

export async function toApiResponse(response: Response): Promise<ApiResponse> {
  const text = await response.text();
  let body: Json;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  return { status: response.status, headers: response.headers, text, body };
}

/** A merchant API call. */
export async function call(host: WidgetHostProcess, method: string, path: string, options: CallOptions = {}): Promise<ApiResponse> {
  const headers: Record<string, string> = {};
  const key = options.key === undefined ? host.secretKey : options.key;
  if (key !== null) headers["Authorization"] = `Bearer ${key}`;
  let body: string | undefined;
  if (options.rawBody !== undefined) {
    body = options.rawBody;
  } else if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers["Content-Type"] = "application/json";
  }
  Object.assign(headers, options.headers);
  return toApiResponse(await fetch(`${host.url}${path}`, { method, headers, ...(body === undefined ? {} : { body }) }));
}

export const post = (host: WidgetHostProcess, path: string, body: unknown, options: Omit<CallOptions, "body"> = {}): Promise<ApiResponse> =>
  call(host, "POST", path, { ...options, body });
export const get = (host: WidgetHostProcess, path: string, options: CallOptions = {}): Promise<ApiResponse> => call(host, "GET", path, options);

export interface FrameOptions {
  /** `Authorization: Bearer <token>`; omitted when null. */
  token: string | null;
  /** `Enclave-Publishable-Key`; the host's own by default, omitted when null. */
  publishableKey?: string | null;
  /** `Enclave-Parent-Origin`; omitted when null. */
  parentOrigin?: string | null;
  body?: unknown;
  headers?: Record<string, string>;
  /** Who signs the DPoP proof: the token's own frame key by default (support/dpop.ts), another key, or null for no proof. */
  dpop?: DpopKey | null;
}

/** The origin frame tests embed the frames on by default; seed it with ENCLAVE_ALLOWED_ORIGINS. */
export const SHOP_ORIGIN = "https://shop.example.com";

/** A frame API call, as the checkout frame makes it. */
export async function frameCall(host: WidgetHostProcess, method: "GET" | "POST", path: string, options: FrameOptions): Promise<ApiResponse> {
  const headers: Record<string, string> = {};
  if (options.token !== null) headers["Authorization"] = `Bearer ${options.token}`;
  const publishableKey = options.publishableKey === undefined ? host.publishableKey : options.publishableKey;
  if (publishableKey !== null) headers["Enclave-Publishable-Key"] = publishableKey;
  const parentOrigin = options.parentOrigin === undefined ? SHOP_ORIGIN : options.parentOrigin;
  if (parentOrigin !== null) headers["Enclave-Parent-Origin"] = parentOrigin;
  let body: string | undefined;
  if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers["Content-Type"] = "application/json";
  }
  const url = `${host.url}/v1/frame${path}`;
  if (options.dpop !== null && options.token !== null) {
    headers["DPoP"] = await dpopProof(options.dpop ?? (await frameKeyFor(options.token)), method, url, options.token);
  }
  Object.assign(headers, options.headers);
  return toApiResponse(await fetch(url, { method, headers, ...(body === undefined ? {} : { body }) }));
}

const envelopeKeys = new Set(["type", "code", "message", "param", "decline_code"]);
const errorTypes = new Set(["invalid_request_error", "authentication_error", "idempotency_error", "card_error", "rate_limit_error", "api_error"]);

/**
 * Asserts a failure as a merchant's code meets it: the status, a JSON body that is exactly
 * `{ error: { type, code, message, param?, decline_code? } }`, the code, and the param
 * (`undefined` asserts there is none; omit it to leave it unchecked).
 */
export function expectError(response: ApiResponse, status: number, code: string, expected: { param?: string | undefined; type?: string; declineCode?: string } = {}): Json {
  const context = `${response.status} ${response.text.slice(0, 500)}`;
  assert.equal(response.status, status, `expected HTTP ${status} ${code}, got ${context}`);
  assert.match(response.headers.get("content-type") ?? "", /^application\/json/, `error answers are JSON (${context})`);
  assert.ok(response.body && typeof response.body === "object" && !Array.isArray(response.body), `error body is an object (${context})`);
  assert.deepEqual(Object.keys(response.body), ["error"], `the body holds only "error" (${context})`);
  const error = response.body.error;
  assert.ok(error && typeof error === "object", `error is an object (${context})`);
  for (const key of Object.keys(error)) assert.ok(envelopeKeys.has(key), `unexpected key error.${key} (${context})`);
  for (const [key, value] of Object.entries(error)) assert.equal(typeof value, "string", `error.${key} is a string (${context})`);
  assert.ok(errorTypes.has(error.type), `error.type is one of the documented types (${context})`);
  assert.equal(error.code, code, `error.code (${context})`);
  assert.ok(error.message.length > 0, `error.message is not empty (${context})`);
  if ("param" in expected) assert.equal(error.param, expected.param, `error.param (${context})`);
  if (expected.type !== undefined) assert.equal(error.type, expected.type, `error.type (${context})`);
  if (expected.declineCode !== undefined) assert.equal(error.decline_code, expected.declineCode, `error.decline_code (${context})`);
  return error;
}

// ---- payments ------------------------------------------------------------------------

export const futureYear = new Date().getUTCFullYear() + 3;

export interface Card {
  number: string;
  exp_month: number;
  exp_year: number;
  cvc: string;
  postal_code?: string;
}

export function card(number: string, overrides: Partial<Card> = {}): Card {
  return { number, exp_month: 12, exp_year: futureYear, cvc: "123", postal_code: "94107", ...overrides };
}

export const cards = {
  visa: "4242424242424242",
  mastercard: "5555555555554444",
  amex: "378282246310005",
  declined: "4000000000000002",
  insufficientFunds: "4000000000009995",
  expired: "4000000000000069",
  incorrectCvc: "4000000000000127",
  threeDSecure: "4000002760003184",
} as const;

export interface CreatedIntent {
  id: string;
  client_token: string;
  [key: string]: Json;
}

export async function createIntent(host: WidgetHostProcess, body: Record<string, unknown> = { amount: 5000, currency: "usd" }): Promise<CreatedIntent> {
  const response = await post(host, "/v1/payment_intents", body);
  assert.equal(response.status, 200, response.text);
  return response.body as CreatedIntent;
}

export function confirm(host: WidgetHostProcess, token: string, details: Card, frame: Partial<FrameOptions> = {}): Promise<ApiResponse> {
  return frameCall(host, "POST", "/payment_intents/confirm", { token, body: { card: details }, ...frame });
}

/** Creates an intent and pays it with a Visa that succeeds. */
export async function paidIntent(host: WidgetHostProcess, amount = 5000): Promise<CreatedIntent> {
  const intent = await createIntent(host, { amount, currency: "usd" });
  const paid = await confirm(host, intent.client_token, card(cards.visa));
  assert.equal(paid.status, 200, paid.text);
  assert.equal(paid.body.status, "succeeded");
  return intent;
}

/** Every key of a JSON value, at any depth. */
export function allKeys(value: unknown, keys: string[] = []): string[] {
  if (Array.isArray(value)) for (const item of value) allKeys(item, keys);
  else if (value && typeof value === "object") {
    for (const [key, inner] of Object.entries(value)) {
      keys.push(key);
      allKeys(inner, keys);
    }
  }
  return keys;
}

/** Every string value of a JSON value, at any depth. */
export function allStrings(value: unknown, strings: string[] = []): string[] {
  if (typeof value === "string") strings.push(value);
  else if (Array.isArray(value)) for (const item of value) allStrings(item, strings);
  else if (value && typeof value === "object") for (const inner of Object.values(value)) allStrings(inner, strings);
  return strings;
}

/** Asserts that a JSON text carries no card number and no CVC. */
export function assertNoCardSecrets(text: string, number: string, cvc: string, where: string): void {
  assert.ok(!text.includes(number), `${where} must not contain the card number`);
  const value: unknown = JSON.parse(text);
  const keys = allKeys(value).map((key) => key.toLowerCase());
  for (const forbidden of ["number", "card_number", "cvc", "cvv", "cvc2", "pan"]) assert.ok(!keys.includes(forbidden), `${where} must not have a "${forbidden}" field`);
  assert.ok(!allStrings(value).includes(cvc), `${where} must not hold the CVC as a value`);
}

// ---- raw HTTP ------------------------------------------------------------------------

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  body: Json;
}

/**
 * A request through node:http, for what fetch would not send: paths it would normalize,
 * chunked bodies without Content-Length, header values it refuses.
 */
export function rawRequest(
  host: WidgetHostProcess,
  options: { method: string; path: string; headers?: Record<string, string | number>; body?: string | Buffer; chunks?: (string | Buffer)[] },
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const request = httpRequest({ host: "127.0.0.1", port: host.port, method: options.method, path: options.path, headers: options.headers ?? {} }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8");
        let body: Json;
        try {
          body = text ? JSON.parse(text) : undefined;
        } catch {
          body = undefined;
        }
        resolve({ status: response.statusCode ?? 0, headers: response.headers, text, body });
      });
      response.on("error", reject);
    });
    // The host may answer (413) and close before the whole body is written; the answer counts.
    request.on("error", (error: NodeJS.ErrnoException) => {
      if (error.code === "EPIPE" || error.code === "ECONNRESET") return;
      reject(error);
    });
    if (options.chunks) {
      for (const chunk of options.chunks) request.write(chunk);
      request.end();
    } else {
      request.end(options.body);
    }
  });
}

/** A RawResponse seen through the same envelope assertion. */
export function asApiResponse(raw: RawResponse): ApiResponse {
  const headers = new Headers();
  for (const [name, value] of Object.entries(raw.headers)) {
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) headers.append(name, item);
  }
  return { status: raw.status, headers, text: raw.text, body: raw.body };
}

// The suites import the test kit's wait helper from here, beside the requests they wait on.
export { sleep, waitFor } from "../../support/wait.js";
