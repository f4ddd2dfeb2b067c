/**
 * Validators for what the host serves from memory (static files, its pages' stylesheets
 * and scripts): a strong `ETag` per representation, `If-None-Match` read as RFC 9110
 * §13.1.2 says, and the answer — `200` with the bytes, or `304` without them.
 */
import { createHash } from "node:crypto";
import type { Context } from "hono";
import type { ContentCoding } from "./content-coding.js";

/**
 * A strong entity tag: the SHA-256 of the bytes sent (so each coding of a file has its
 * own), and of anything else that makes two answers differ (`also`: a frame page's
 * per-merchant headers), truncated to 128 bits, which is plenty to tell versions apart.
 */
export function strongETag(bytes: Uint8Array, also?: string): string {
  const hash = createHash("sha256").update(bytes);
  if (also !== undefined) hash.update("\0").update(also);
  return `"${hash.digest("base64url").slice(0, 22)}"`;
}

/**
 * The opaque tags an `If-None-Match` lists (`W/` dropped: GET and HEAD compare weakly),
 * `"*"` for any, or undefined when the field is malformed — then it is ignored and the
 * full answer sent, which is always safe. Tags are read as quoted strings, not split on
 * commas: a comma is a legal character inside one.
 */
export function parseIfNoneMatch(field: string): string[] | "*" | undefined {
  if (field.trim() === "*") return "*";
  const tags: string[] = [];
  let at = 0;
  while (at < field.length) {
    const character = field[at];
    if (character === " " || character === "\t" || character === ",") {
      at += 1;
      continue;
    }
    if (field.startsWith("W/", at)) at += 2;
    if (field[at] !== '"') return undefined;
    const end = field.indexOf('"', at + 1);
    if (end < 0) return undefined;
    const opaque = field.slice(at, end + 1);
    // etagc: %x21 / %x23-7E / obs-text — no controls, spaces or quotes inside.
    if (!/^"[\x21\x23-\x7e\x80-\xff]*"$/.test(opaque)) return undefined;
    tags.push(opaque);
    at = end + 1;
    const next = field.slice(at).match(/^[ \t]*(,|$)/);
    if (!next) return undefined;
  }
  return tags.length > 0 ? tags : undefined;
}

/** Whether a request's `If-None-Match` names this representation (weak comparison). */
export function noneMatchFails(field: string | undefined, etag: string): boolean {
  if (field === undefined) return false;
  const tags = parseIfNoneMatch(field);
  if (tags === "*") return true;
  const opaque = etag.replace(/^W\//, "");
  return tags?.includes(opaque) ?? false;
}

/** One representation of a resource, ready to send. */
export interface Representation {
  /** Shared by every answer, never written to. */
  bytes: Uint8Array<ArrayBuffer>;
  etag: string;
  /** The content coding of `bytes`; none for identity. */
  coding?: ContentCoding;
}

/**
 * Answers a GET (or HEAD: Hono drops the body and keeps the headers) with `representation`:
 * `304` when the request already holds it — with the same validators, caching and
 * security headers, which a cache applies to what it stored, and no body — otherwise
 * `200` with `Content-Length`, `Content-Encoding` when coded, and the bytes.
 * `headers` are the answer's own (Cache-Control, Vary, CSP, …), `contentType` its type.
 */
export function sendRepresentation(context: Context, representation: Representation, contentType: string, headers: Record<string, string>): Response {
  const common = { ...headers, ETag: representation.etag };
  if (noneMatchFails(context.req.header("If-None-Match"), representation.etag)) return context.body(null, 304, common);
  return context.body(representation.bytes, 200, {
    ...common,
    "Content-Type": contentType,
    "Content-Length": String(representation.bytes.byteLength),
    ...(representation.coding ? { "Content-Encoding": representation.coding } : {}),
  });
}
