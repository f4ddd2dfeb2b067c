/**
 * Reads a multipart/form-data request (a file upload) within a size limit: the declared
 * Content-Length is refused at once when it is over the limit, and the body is counted
 * while it streams in, so a chunked upload that lies (or declares nothing) is cut off as
 * soon as it passes the limit — never buffered whole. Only then is it parsed, by the
 * platform's own multipart parser (undici's `Response.formData()`).
 *
 * Nothing here looks at a part's file name or Content-Type: what a file is, is decided
 * from its bytes by whoever reads it.
 */
import type { Context } from "hono";
import { ErrorCode } from "../../protocol/errors.js";
import { invalidRequest, readBodyChunk, type ApiError } from "./api-error.js";

export type FormValue = { kind: "field"; value: string } | { kind: "file"; bytes: Buffer };

export interface MultipartLimits {
  maxBytes: number;
  /** The error for a body over `maxBytes` (a 413 with the route's own code). */
  tooLarge: () => ApiError;
}

/** The form's parts in order, by name (a name may repeat: the caller decides). */
export async function readMultipartForm(context: Context, limits: MultipartLimits): Promise<[string, FormValue][]> {
  const type = context.req.header("content-type") ?? "";
  if (!/^multipart\/form-data\s*;.*boundary=/i.test(type)) {
    throw invalidRequest(ErrorCode.unsupportedMediaType, "Send the file as multipart/form-data, with the fields side and file.", undefined, 415);
  }
  const declared = context.req.header("content-length");
  if (declared !== undefined && Number(declared) > limits.maxBytes) throw limits.tooLarge();
  const body = await readBounded(context, limits);
  let form: FormData;
  try {
    form = await new Response(body as Uint8Array<ArrayBuffer>, { headers: { "Content-Type": type } }).formData();
  } catch {
    throw invalidRequest(ErrorCode.invalidRequest, "The request body is not valid multipart/form-data.");
  }
  const entries: [string, FormValue][] = [];
  for (const [name, value] of form.entries()) {
    entries.push([name, typeof value === "string" ? { kind: "field", value } : { kind: "file", bytes: Buffer.from(await value.arrayBuffer()) }]);
  }
  return entries;
}

async function readBounded(context: Context, limits: MultipartLimits): Promise<Buffer> {
  const stream = context.req.raw.body;
  if (!stream) return Buffer.alloc(0);
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await readBodyChunk(reader);
    if (done) break;
    size += value.byteLength;
    if (size > limits.maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw limits.tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, size);
}
