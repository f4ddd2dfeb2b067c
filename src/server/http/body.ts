/**
 * Reads and checks a JSON request body: content type, size, syntax, then the route's zod
 * schema. Unknown fields are refused (the schemas are strict), and every failure names
 * the offending parameter.
 */
import { IncomingMessage } from "node:http";
import type { Context } from "hono";
import type * as z from "zod";
import { ErrorCode } from "../../protocol/errors.js";
import { invalidRequest, readBodyChunk, RequestAborted } from "./api-error.js";

export const MAX_BODY_BYTES = 64 * 1024;

export async function readJsonBody<S extends z.ZodType>(context: Context, schema: S): Promise<z.output<S>> {
  // The idempotency middleware has already read merchant bodies; a stream reads once.
  const raw = (context.get("rawBody" as never) as string | undefined) ?? (await readRawBody(context));
  if (raw.length === 0) return parseWith(schema, {});
  const type = context.req.header("content-type") ?? "";
  if (!/^application\/json\s*(;|$)/i.test(type)) {
    throw invalidRequest(ErrorCode.unsupportedMediaType, "Send the body as JSON with Content-Type: application/json.", undefined, 415);
  }
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    throw invalidRequest(ErrorCode.invalidJson, "The request body is not valid JSON.");
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw invalidRequest(ErrorCode.invalidRequest, "The request body must be a JSON object.");
  }
  // The schema first: strict objects refuse unknown keys without walking into them.
  const parsed = parseWith(schema, value);
  const forbidden = findPrototypeKey(value);
  if (forbidden) throw invalidRequest(ErrorCode.parameterUnknown, `Received unknown parameter: ${forbidden}.`, forbidden);
  return parsed;
}

const MAX_DEPTH = 32;

/**
 * JSON.parse keeps `__proto__` as an own key, but copying such an object (as schemas do
 * for records) would drop it or set a prototype: refuse it wherever it is. Walks without
 * recursion, and refuses absurd nesting, so a hostile body cannot exhaust the stack.
 */
function findPrototypeKey(root: unknown): string | undefined {
  const pending: { value: unknown; path: string[] }[] = [{ value: root, path: [] }];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const { value, path } = next;
    if (typeof value !== "object" || value === null) continue;
    if (path.length > MAX_DEPTH) throw invalidRequest(ErrorCode.parameterInvalid, `The request body is nested more than ${MAX_DEPTH} levels deep.`, path[0]);
    for (const key of Object.keys(value)) {
      if (key === "__proto__") return [...path, key].join(".");
      pending.push({ value: (value as Record<string, unknown>)[key], path: [...path, key] });
    }
  }
  return undefined;
}

/** The body as text, refusing more than MAX_BODY_BYTES whatever Content-Length claims. */
export async function readRawBody(context: Context): Promise<string> {
  const declared = Number(context.req.header("content-length") ?? "0");
  if (declared > MAX_BODY_BYTES) throw tooLarge();
  const incoming = nodeRequest(context);
  // With a Content-Length (within the limit: checked above; Node's parser never reads past
  // it), straight from Node's request: `req.raw.body` would first wrap it in a web stream,
  // a fifth of a POST's time on the host (bench/http.ts). Chunked bodies take the checked path below.
  if (incoming && context.req.header("content-length") !== undefined && !incoming.readableDidRead) return readIncoming(incoming);
  const stream = context.req.raw.body;
  if (!stream) return "";
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await readBodyChunk(reader);
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BODY_BYTES) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** Node's request under @hono/node-server (its `env.incoming`), when that is where the app runs. */
function nodeRequest(context: Context): IncomingMessage | undefined {
  const env: unknown = context.env;
  const incoming = env && typeof env === "object" ? (env as { incoming?: unknown }).incoming : undefined;
  return incoming instanceof IncomingMessage ? incoming : undefined;
}

function readIncoming(incoming: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let ended = false;
    incoming.on("data", (chunk: Buffer) => chunks.push(chunk));
    incoming.once("end", () => {
      ended = true;
      resolve(Buffer.concat(chunks).toString("utf8"));
    });
    incoming.once("error", (cause) => reject(new RequestAborted(cause.message, { cause })));
    incoming.once("close", () => {
      if (!ended) reject(new RequestAborted("aborted"));
    });
  });
}

export function parseWith<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) {
    refuseUnstorableText(parsed.data);
    return parsed.data;
  }
  const issue = parsed.error.issues[0];
  if (!issue) throw invalidRequest(ErrorCode.invalidRequest, "The request is invalid.");
  if (issue.code === "unrecognized_keys") {
    const key = issue.keys[0] ?? "";
    const param = [...issue.path, key].join(".");
    throw invalidRequest(ErrorCode.parameterUnknown, `Received unknown parameter: ${param}.`, param);
  }
  const param = issue.path.map(String).join(".");
  // zod 4 leaves `input` out of issues, so "missing" is decided by looking for the key.
  const missing = !hasPath(value, issue.path);
  if (missing) throw invalidRequest(ErrorCode.parameterMissing, `Missing required parameter: ${param}.`, param);
  throw invalidRequest(ErrorCode.parameterInvalid, `Invalid ${param || "request"}: ${issue.message}.`, param || undefined);
}

// C0 controls and DEL, but tab, line feed and carriage return, which free text may hold.
const controlInValue = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
const controlInKey = /[\u0000-\u001F\u007F]/;
// A UTF-16 half without its other half cannot be written as UTF-8: the store would change it.
const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Text the store cannot keep as sent is refused where it enters, naming the field: a NUL
 * byte makes PostgreSQL fail the whole statement (a 500 that clients retry), other control
 * characters end up in logs, dashboards and CSV exports. Walks the parsed value (known
 * fields only) without recursion.
 */
function refuseUnstorableText(root: unknown): void {
  const pending: { value: unknown; path: string[] }[] = [{ value: root, path: [] }];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const { value, path } = next;
    if (typeof value === "string") {
      if (controlInValue.test(value) || loneSurrogate.test(value)) {
        const param = path.join(".");
        throw invalidRequest(ErrorCode.parameterInvalid, `Invalid ${param || "request"}: control characters and unpaired surrogates are not allowed.`, param || undefined);
      }
      continue;
    }
    if (typeof value !== "object" || value === null) continue;
    for (const [key, child] of Object.entries(value)) {
      if (controlInKey.test(key) || loneSurrogate.test(key)) {
        const param = path.join(".");
        throw invalidRequest(
          ErrorCode.parameterInvalid,
          `Invalid key in ${param || "the request"}: control characters and unpaired surrogates are not allowed in keys.`,
          param || undefined,
        );
      }
      pending.push({ value: child, path: [...path, key] });
    }
  }
}

function hasPath(value: unknown, path: readonly PropertyKey[]): boolean {
  let current: unknown = value;
  for (const key of path) {
    if (typeof current !== "object" || current === null || !Object.hasOwn(current, key)) return false;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current !== undefined;
}

function tooLarge() {
  return invalidRequest(ErrorCode.bodyTooLarge, `The request body is larger than ${MAX_BODY_BYTES / 1024} KB.`, undefined, 413);
}
