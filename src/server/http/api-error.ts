/**
 * Errors the API answers with. Each carries an HTTP status and one code from
 * src/protocol/errors.ts, and becomes `{ error: { type, code, message, param? } }`.
 */
import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { ErrorCode, ErrorType } from "../../protocol/errors.js";
import { errorFields, log } from "../observability/log.js";
import { routePattern } from "../observability/http.js";

export class ApiError extends Error {
  /** Headers the answer carries besides the envelope (`Retry-After` on a 429). */
  readonly headers: Record<string, string> = {};

  constructor(
    readonly status: ContentfulStatusCode,
    readonly type: ErrorType,
    readonly code: string,
    message: string,
    readonly extra: { param?: string; decline_code?: string } = {},
  ) {
    super(message);
    this.name = "ApiError";
  }

  get body(): { error: Record<string, string> } {
    return { error: { type: this.type, code: this.code, message: this.message, ...this.extra } };
  }
}

export const invalidRequest = (code: string, message: string, param?: string, status: ContentfulStatusCode = 400): ApiError =>
  new ApiError(status, ErrorType.invalidRequest, code, message, param === undefined ? {} : { param });

export const notFound = (what: string, id: string): ApiError =>
  new ApiError(404, ErrorType.invalidRequest, ErrorCode.resourceMissing, `No such ${what}: '${id}'.`, { param: "id" });

export const authenticationError = (status: 401 | 403, code: string, message: string): ApiError => new ApiError(status, ErrorType.authentication, code, message);

/**
 * The client went away while its body was being read (a dropped connection, a killed
 * process, a scanner): nobody will read the answer and nothing is wrong on our side, so
 * it is one log line, not a stack trace — an unauthenticated client must not be able to
 * flood the log with them.
 */
export class RequestAborted extends Error {
  override name = "RequestAborted";
}

/** Reads the next chunk of a request body, turning the platform's abort error into RequestAborted. */
export async function readBodyChunk(reader: ReadableStreamDefaultReader<Uint8Array>): Promise<ReadableStreamReadResult<Uint8Array>> {
  try {
    return await reader.read();
  } catch (cause) {
    throw new RequestAborted(cause instanceof Error ? cause.message : "aborted", { cause });
  }
}

/** The app's last resort: known errors become their envelope, anything else a 500 without internals. */
export function renderError(error: unknown, context: Context): Response {
  if (error instanceof ApiError) return context.json(error.body, error.status, error.headers);
  if (error instanceof RequestAborted || context.req.raw.signal.aborted) {
    log.warn(`${context.req.method} ${routePattern(context)}: the client closed the connection before sending its whole body`, { request_id: context.get("requestId") });
    return context.json({ error: { type: ErrorType.invalidRequest, code: ErrorCode.invalidRequest, message: "The request body was cut off." } }, 400);
  }
  log.error("unexpected error", { ...errorFields(error, true), request_id: context.get("requestId") });
  return context.json({ error: { type: ErrorType.api, code: ErrorCode.internalError, message: "Something went wrong on our side. Try again; nothing was charged twice." } }, 500);
}
