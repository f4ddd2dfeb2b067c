/**
 * The identity frame's API (`/v1/frame/identity/…`, mounted inside the frame API, so the
 * client token of an `ids_` session, the publishable key and the parent origin are already
 * checked), and `/v1/frame/session` for such a token.
 *
 *   POST /document           { type, issuing_country }   requires_input; starts the photos over
 *   POST /files              multipart: side, file       checked here again, stored sealed
 *   POST /submit                                         every needed side → processing
 *   GET  /status                                         what /session says (polling)
 *   POST /handoff                                        a one-time link for the phone
 *   POST /handoff/complete                               the phone's part is done
 *
 * The server trusts nothing the frame says about a photo: it reads the bytes itself
 * (src/server/identity/image-checks.ts). No answer ever contains image bytes or anything
 * read from a document; `verified_outputs` is for the merchant API only.
 */
import { randomBytes } from "node:crypto";
import { Hono, type Context } from "hono";
import type { Transaction } from "kysely";
import { EmptyBody } from "../../protocol/api.js";
import { ErrorCode, ErrorType } from "../../protocol/errors.js";
import {
  ChooseDocumentBody,
  IMAGE_LIMITS,
  imageSides,
  UPLOAD_LIMITS,
  type FrameIdentitySession,
  type HandoffResponse,
  type ImageSide,
  type UploadResponse,
} from "../../protocol/identity-api.js";
import { ApiError, invalidRequest } from "../http/api-error.js";
import { readJsonBody } from "../http/body.js";
import type { FrameEnv } from "../http/frame-auth.js";
import { readMultipartForm, type FormValue } from "../http/multipart.js";
import { ImageRefusal, type AcceptedImage } from "../identity/image-checks.js";
import { ServerBusy } from "../identity/image-pool.js";
import { associatedData, seal } from "../identity/sealing.js";
import { sessionKind } from "../ids.js";
import type { Database, Store } from "../store/database.js";
import {
  createHandoffLink,
  deleteFiles,
  findIdentitySession,
  frameIdentitySession,
  putFile,
  sessionSides,
  uploadedSides,
  withLockedIdentitySession,
  type IdentityUpdate,
  type StoredIdentitySession,
} from "../store/identity.js";
import type { RouteDeps } from "./route-deps.js";

export const HANDOFF_PAGE_PATH = "/frames/identity.html";

const notIdentity = (): ApiError => invalidRequest(ErrorCode.sessionNotOpen, "This client token is not for an identity verification session.", undefined, 409);
const documentIncomplete = (message: string): ApiError => invalidRequest(ErrorCode.documentIncomplete, message, undefined, 409);

/** Refuses every change unless the session still waits for the customer's photos. */
function refuseUnlessWaiting(session: StoredIdentitySession): void {
  switch (session.status) {
    case "requires_input":
      return;
    case "processing":
      throw invalidRequest(ErrorCode.sessionNotOpen, "This verification was submitted and is being checked. Wait for its result.", undefined, 409);
    case "verified":
      throw invalidRequest(ErrorCode.sessionNotOpen, "This verification is already complete.", undefined, 409);
    default:
      throw invalidRequest(ErrorCode.sessionNotOpen, "This verification is no longer open.", undefined, 409);
  }
}

function sessionIdOf(context: Context<FrameEnv>): string {
  const id = context.get("sessionId");
  if (sessionKind(id) !== "identity") throw notIdentity();
  return id;
}

/** Whether the chosen document (and the session's options) has this side. */
function hasSide(session: StoredIdentitySession, side: ImageSide): boolean {
  return sessionSides(session).includes(side);
}

/** The needed sides with no accepted image yet, read in the session's transaction. */
async function missingSides(tx: Transaction<Database>, session: StoredIdentitySession): Promise<ImageSide[]> {
  const uploaded = new Set(await uploadedSides(tx, session.id));
  return sessionSides(session).filter((side) => !uploaded.has(side));
}

/** `GET /v1/frame/session` (and `/identity/status`) for an identity session, in every state. */
export async function frameIdentitySessionResponse(db: Store, context: Context<FrameEnv>): Promise<FrameIdentitySession> {
  const session = await findIdentitySession(db, context.get("merchant").id, sessionIdOf(context));
  if (!session) throw notIdentity();
  return frameIdentitySession(session, await uploadedSides(db, session.id), context.get("merchant").name);
}

/** The `side` and `file` of an upload form, and nothing else. */
function uploadFields(entries: [string, FormValue][]): { side: ImageSide; bytes: Buffer } {
  const seen = new Map<string, FormValue>();
  for (const [name, value] of entries) {
    if (name !== "side" && name !== "file") throw invalidRequest(ErrorCode.parameterUnknown, `Received unknown parameter: ${name}.`, name);
    if (seen.has(name)) throw invalidRequest(ErrorCode.parameterInvalid, `Invalid ${name}: send it once.`, name);
    seen.set(name, value);
  }
  const side = seen.get("side");
  if (!side) throw invalidRequest(ErrorCode.parameterMissing, "Missing required parameter: side.", "side");
  if (side.kind !== "field" || !(imageSides as readonly string[]).includes(side.value)) {
    throw invalidRequest(ErrorCode.parameterInvalid, `Invalid side: must be one of ${imageSides.join(", ")}.`, "side");
  }
  const file = seen.get("file");
  if (!file) throw invalidRequest(ErrorCode.parameterMissing, "Missing required parameter: file.", "file");
  if (file.kind !== "file") throw invalidRequest(ErrorCode.parameterInvalid, "Invalid file: must be a file part (a JPEG or PNG image), not a text field.", "file");
  return { side: side.value as ImageSide, bytes: file.bytes };
}

const fileTooLarge = (): ApiError =>
  invalidRequest(ErrorCode.fileTooLarge, `The upload is larger than ${IMAGE_LIMITS.maxBytes / 1024 / 1024} MB. Choose a smaller photo.`, "file", 413);

export function identityFrameApi({ db, identity }: RouteDeps): Hono<FrameEnv> {
  const api = new Hono<FrameEnv>();

  /** Runs a change on the locked session of the client token and answers with where the session stands. */
  async function change(
    context: Context<FrameEnv>,
    work: (session: StoredIdentitySession, tx: Transaction<Database>) => Promise<IdentityUpdate | undefined>,
  ): Promise<FrameIdentitySession> {
    const merchant = context.get("merchant");
    const outcome = await withLockedIdentitySession(db, merchant.id, sessionIdOf(context), async (session, tx) => ({ update: await work(session, tx), result: undefined }));
    if (!outcome) throw notIdentity();
    return frameIdentitySession(outcome.row, await uploadedSides(db, outcome.row.id), merchant.name);
  }

  api.get("/status", async (context) => context.json(await frameIdentitySessionResponse(db, context)));

  api.post("/document", async (context) => {
    const body = await readJsonBody(context, ChooseDocumentBody);
    const response = await change(context, async (session, tx) => {
      refuseUnlessWaiting(session);
      // A (new) choice starts the photos over, as the frame does: the old ones may be of another document.
      await deleteFiles(tx, session.id);
      return { document: { type: body.type, issuing_country: body.issuing_country }, personalData: "written" };
    });
    return context.json(response);
  });

  api.post("/files", async (context) => {
    const id = sessionIdOf(context);
    const merchant = context.get("merchant");
    // Cheap refusals first, before up to 10.5 MB is read: the declared size, then the session.
    if (Number(context.req.header("content-length") ?? "0") > UPLOAD_LIMITS.maxRequestBytes) throw fileTooLarge();
    const before = await findIdentitySession(db, merchant.id, id);
    if (!before) throw notIdentity();
    refuseUnlessWaiting(before);
    if (!before.document) throw documentIncomplete("Choose the type of document before uploading photos of it.");

    const { side, bytes } = uploadFields(await readMultipartForm(context, { maxBytes: UPLOAD_LIMITS.maxRequestBytes, tooLarge: fileTooLarge }));
    const sideRefusal = (session: StoredIdentitySession): ApiError | undefined => {
      if (hasSide(session, side)) return undefined;
      const what = side === "selfie" ? "This verification does not ask for a selfie." : `A ${session.document?.type.replace("_", " ")} has no ${side} side to upload.`;
      return invalidRequest(ErrorCode.parameterInvalid, `Invalid side: ${what}`, "side");
    };
    const refusal = sideRefusal(before);
    if (refusal) throw refusal;

    let accepted: AcceptedImage;
    try {
      // Header checks here, the decoding in the host's image threads: never on the event loop.
      accepted = await identity.images.check(bytes, side);
    } catch (error) {
      if (error instanceof ImageRefusal) throw new ApiError(error.status, ErrorType.invalidRequest, error.code, error.message, { param: "file" });
      if (error instanceof ServerBusy) {
        const busy = new ApiError(503, ErrorType.api, ErrorCode.serverBusy, error.message);
        busy.headers["Retry-After"] = String(error.retryAfterSeconds);
        throw busy;
      }
      throw error;
    }
    // Sealed before it reaches the store; the plain bytes go no further than this request.
    const sealed = seal(identity.key, bytes, associatedData(id, side));
    await change(context, async (session, tx) => {
      // Checked again under the lock: the document may have changed during the checks.
      refuseUnlessWaiting(session);
      if (!session.document) throw documentIncomplete("Choose the type of document before uploading photos of it.");
      const late = sideRefusal(session);
      if (late) throw late;
      await putFile(tx, session.id, { side, sealed, contentType: accepted.type, width: accepted.width, height: accepted.height });
      return undefined;
    });
    const response: UploadResponse = { side, accepted: true, width: accepted.width, height: accepted.height };
    return context.json(response);
  });

  api.post("/submit", async (context) => {
    await readJsonBody(context, EmptyBody);
    const response = await change(context, async (session, tx) => {
      // A second submit (a double click, another tab) sees the first one's work.
      if (session.status === "processing" || session.status === "verified") return undefined;
      refuseUnlessWaiting(session);
      if (!session.document) throw documentIncomplete("Choose your document and add its photos before submitting.");
      const missing = await missingSides(tx, session);
      if (missing.length > 0) throw documentIncomplete(`Add a photo of every side before submitting (missing: ${missing.join(", ")}).`);
      return { status: "processing", lastError: null, verifyAfter: new Date(Date.now() + identity.verifyDelayMs) };
    });
    return context.json(response);
  });

  api.post("/handoff", async (context) => {
    await readJsonBody(context, EmptyBody);
    // A phone's token cannot pass the session on again: one hand-off, from the page the merchant embedded.
    if (context.get("handoff")) throw invalidRequest(ErrorCode.handoffInvalid, "This page was opened from a hand-off link and cannot make another.", undefined, 409);
    const token = randomBytes(32).toString("base64url");
    const expiresAt = new Date(Date.now() + identity.handoffTtlSeconds * 1000);
    await change(context, async (session, tx) => {
      refuseUnlessWaiting(session);
      await createHandoffLink(tx, session, token, expiresAt);
      return { handoff: "none" };
    });
    // The link is this widget host's own frame page, opened top-level on the phone.
    // A phone is another device: it needs the address the host is reachable at, not localhost.
    const url = `${identity.publicOrigin ?? new URL(context.req.url).origin}${HANDOFF_PAGE_PATH}?handoff=${token}`;
    const response: HandoffResponse = { url, expires_at: Math.floor(expiresAt.getTime() / 1000) };
    return context.json(response);
  });

  api.post("/handoff/complete", async (context) => {
    await readJsonBody(context, EmptyBody);
    const response = await change(context, async (session, tx) => {
      if (session.status === "processing" || session.status === "verified") return undefined;
      refuseUnlessWaiting(session);
      const missing = await missingSides(tx, session);
      if (!session.document || missing.length > 0) throw documentIncomplete("Add a photo of every side before finishing on this phone.");
      return { handoff: "completed" };
    });
    return context.json(response);
  });

  return api;
}
