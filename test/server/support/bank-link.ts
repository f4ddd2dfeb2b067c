/**
 * Bank-link helpers for the server suites: the frame's calls (`/v1/frame/bank_link/…`),
 * the whole link as the frame makes it (session → sign-in → accounts → public token),
 * the exchange, the sandbox bank's OAuth page driven as a browser submits its form, and
 * a look into the store's files for what must never be there.
 *
 * Every answer the helpers receive is kept in `transcript`, so a suite can check that no
 * credential ever came back in any of them.
 */
import assert from "node:assert/strict";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import pg from "pg";
import { frameCall, get, post, type ApiResponse, type FrameOptions, type Json } from "./api.js";
import type { StoreLocation, WidgetHostProcess } from "./widget-host.js";

export const SANDBOX_SAVINGS_BANK = "ins_100001";
export const SANDBOX_OAUTH_BANK = "ins_100002";

export const sandboxUsers = { good: "user_good", mfa: "user_mfa", locked: "user_locked" } as const;
export const GOOD_PASSWORD = "pass_good";
export const GOOD_MFA_CODE = "123456";

/** The text of every answer the helpers below received. */
export const transcript: string[] = [];

function record(response: ApiResponse): ApiResponse {
  transcript.push(response.text);
  return response;
}

/** A bank-link frame call: `path` is under /v1/frame/bank_link. */
export async function bankFrame(host: WidgetHostProcess, method: "GET" | "POST", path: string, token: string, options: Partial<FrameOptions> = {}): Promise<ApiResponse> {
  return record(await frameCall(host, method, `/bank_link${path}`, { token, ...options }));
}

export const accessHeader = (accessToken: string): { headers: Record<string, string> } => ({ headers: { "Enclave-Access-Token": accessToken } });

export interface CreatedSession {
  id: string;
  client_token: string;
  [key: string]: Json;
}

export async function createSession(
  host: WidgetHostProcess,
  body: Record<string, unknown> = { products: ["balances", "transactions"] },
  options: { key?: string } = {},
): Promise<CreatedSession> {
  const response = await post(host, "/v1/bank_link_sessions", body, options);
  assert.equal(response.status, 200, response.text);
  return response.body as CreatedSession;
}

export function signIn(
  host: WidgetHostProcess,
  token: string,
  username: string,
  password = GOOD_PASSWORD,
  institution = SANDBOX_SAVINGS_BANK,
  options: Partial<FrameOptions> = {},
): Promise<ApiResponse> {
  return bankFrame(host, "POST", "/credentials", token, { body: { institution_id: institution, username, password }, ...options });
}

export interface Linked {
  session: CreatedSession;
  /** The `connected` step: the accounts on offer. */
  connected: Json;
  /** The `LinkSuccessResponse`. */
  success: Json;
  publicToken: string;
}

export interface LinkOptions {
  products?: string[];
  /** Which of the offered accounts to choose (indexes); all by default. */
  choose?: number[];
  key?: string;
  frame?: Partial<FrameOptions>;
}

/** Links the Sandbox Savings Bank with user_good / pass_good, as the frame does. */
export async function linkItem(host: WidgetHostProcess, options: LinkOptions = {}): Promise<Linked> {
  const session = await createSession(host, { products: options.products ?? ["balances", "transactions"] }, options.key ? { key: options.key } : {});
  const connected = await signIn(host, session.client_token, sandboxUsers.good, GOOD_PASSWORD, SANDBOX_SAVINGS_BANK, options.frame);
  assert.equal(connected.status, 200, connected.text);
  assert.equal(connected.body.status, "connected");
  const offered: Json[] = connected.body.accounts;
  const chosen = (options.choose ?? offered.map((_, index) => index)).map((index) => offered[index].id);
  const success = await bankFrame(host, "POST", "/accounts", session.client_token, { body: { account_ids: chosen }, ...options.frame });
  assert.equal(success.status, 200, success.text);
  return { session, connected: connected.body, success: success.body, publicToken: success.body.public_token };
}

export function exchange(host: WidgetHostProcess, publicToken: string, options: { key?: string; idempotencyKey?: string } = {}): Promise<ApiResponse> {
  return post(
    host,
    "/v1/bank_links/exchange",
    { public_token: publicToken },
    {
      ...(options.key ? { key: options.key } : {}),
      ...(options.idempotencyKey ? { headers: { "Idempotency-Key": options.idempotencyKey } } : {}),
    },
  );
}

export interface LinkedItem extends Linked {
  accessToken: string;
  itemId: string;
}

/** Links and exchanges: an item the merchant can read. */
export async function linkedItem(host: WidgetHostProcess, options: LinkOptions = {}): Promise<LinkedItem> {
  const linked = await linkItem(host, options);
  const exchanged = await exchange(host, linked.publicToken, options.key ? { key: options.key } : {});
  assert.equal(exchanged.status, 200, exchanged.text);
  return { ...linked, accessToken: exchanged.body.access_token, itemId: exchanged.body.item_id };
}

export const accounts = (host: WidgetHostProcess, accessToken: string, key?: string): Promise<ApiResponse> =>
  get(host, "/v1/accounts", { ...accessHeader(accessToken), ...(key ? { key } : {}) });

export const transactions = (host: WidgetHostProcess, accessToken: string, query: Record<string, string | number> = {}, key?: string): Promise<ApiResponse> => {
  const search = new URLSearchParams(Object.entries(query).map(([name, value]) => [name, String(value)])).toString();
  return get(host, `/v1/transactions${search ? `?${search}` : ""}`, { ...accessHeader(accessToken), ...(key ? { key } : {}) });
};

// ---- dates ---------------------------------------------------------------------------

export const todayUtc = (): string => new Date().toISOString().slice(0, 10);
export const daysAgo = (days: number): string => new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);

// ---- the sandbox bank's OAuth page ---------------------------------------------------

export interface BankPage {
  status: number;
  headers: Headers;
  html: string;
}

export async function fetchPage(url: string, init?: RequestInit): Promise<BankPage> {
  const response = await fetch(url, { redirect: "manual", ...init });
  return { status: response.status, headers: response.headers, html: await response.text() };
}

export interface ConsentForm {
  method: string;
  /** Where the browser posts it: the form's action, or the page's own address. */
  action: string;
  hidden: Record<string, string>;
  buttons: { name: string; value: string; label: string }[];
}

const unescapeHtml = (text: string): string =>
  text
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");

const attribute = (tag: string, name: string): string | undefined => {
  const match = new RegExp(`\\s${name}="([^"]*)"`, "i").exec(tag);
  return match ? unescapeHtml(match[1] ?? "") : undefined;
};

/** Reads the consent page's one form as a browser would submit it. */
export function readConsentForm(page: BankPage, pageUrl: string): ConsentForm {
  const forms = [...page.html.matchAll(/<form\b[^>]*>([\s\S]*?)<\/form>/gi)];
  assert.equal(forms.length, 1, "the page has one form");
  const [whole, inner = ""] = forms[0] as RegExpMatchArray;
  const open = /<form\b[^>]*>/i.exec(whole)?.[0] ?? "";
  const hidden: Record<string, string> = {};
  for (const [input] of inner.matchAll(/<input\b[^>]*>/gi)) {
    if (attribute(input, "type") === "hidden") hidden[attribute(input, "name") ?? ""] = attribute(input, "value") ?? "";
  }
  const buttons = [...inner.matchAll(/<button\b([^>]*)>([\s\S]*?)<\/button>/gi)].map(([, attributes = "", label = ""]) => ({
    name: attribute(` ${attributes}`, "name") ?? "",
    value: attribute(` ${attributes}`, "value") ?? "",
    type: attribute(` ${attributes}`, "type") ?? "submit",
    label: unescapeHtml(label.trim()),
  }));
  for (const button of buttons) assert.equal(button.type, "submit", `the button "${button.label}" submits the form`);
  return {
    method: (attribute(open, "method") ?? "get").toLowerCase(),
    action: new URL(attribute(open, "action") ?? "", pageUrl).toString(),
    hidden,
    buttons: buttons.map(({ name, value, label }) => ({ name, value, label })),
  };
}

/** Presses a button of the consent form: posts the hidden fields and the button's name=value, url-encoded. */
export async function pressButton(form: ConsentForm, label: string): Promise<BankPage> {
  const button = form.buttons.find((candidate) => candidate.label === label);
  assert.ok(button, `the form has a "${label}" button (has ${form.buttons.map((candidate) => candidate.label).join(", ")})`);
  const fields = new URLSearchParams(form.hidden);
  fields.append(button.name, button.value);
  return fetchPage(form.action, { method: form.method.toUpperCase(), headers: { "Content-Type": "application/x-www-form-urlencoded" }, body: fields.toString() });
}

/** The customer's whole visit at the bank: open the page, press "Allow access" or "Deny". */
export async function decideAtBank(authorizationUrl: string, label: "Allow access" | "Deny"): Promise<BankPage> {
  const page = await fetchPage(authorizationUrl);
  assert.equal(page.status, 200, page.html.slice(0, 300));
  return pressButton(readConsentForm(page, authorizationUrl), label);
}

export async function oauthStatus(host: WidgetHostProcess, token: string): Promise<ApiResponse> {
  return bankFrame(host, "GET", "/oauth/status", token);
}

export async function startOAuth(host: WidgetHostProcess, token: string, institution = SANDBOX_OAUTH_BANK): Promise<ApiResponse> {
  return bankFrame(host, "POST", "/oauth/start", token, { body: { institution_id: institution } });
}

// ---- the store -----------------------------------------------------------------------

/**
 * Where each needle occurs in the store: in PGlite mode, any file under the data dir (read
 * as bytes: tables, WAL, everything); in PostgreSQL mode, any row of the store's schema
 * (as text). Stop the host first, so that PGlite has flushed and let go of its files.
 */
export async function findInStore(store: StoreLocation, needles: string[]): Promise<string[]> {
  const found: string[] = [];
  if (store.databaseUrl && store.schema) {
    const client = new pg.Client({ connectionString: store.databaseUrl });
    await client.connect();
    try {
      const tables = await client.query<{ table_name: string }>("SELECT table_name FROM information_schema.tables WHERE table_schema = $1", [store.schema]);
      for (const { table_name } of tables.rows) {
        const rows = await client.query<{ row: string }>(`SELECT t::text AS row FROM "${store.schema}"."${table_name}" t`);
        for (const { row } of rows.rows) for (const needle of needles) if (row.includes(needle)) found.push(`${needle} in ${table_name}`);
      }
    } finally {
      await client.end();
    }
    return found;
  }
  const walk = async (dir: string): Promise<void> => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) await walk(path);
      else if (entry.isFile()) {
        const bytes = await readFile(path);
        for (const needle of needles) if (bytes.includes(Buffer.from(needle))) found.push(`${needle} in ${path}`);
      }
    }
  };
  await walk(store.dataDir);
  return found;
}
