/**
 * Where the identity flow goes, as pure functions of where it stands: which photos a
 * session needs, where a resumed session starts, what comes after a photo and where
 * "Back" leads. The controller turns a `Route` into a screen; the tests call these
 * directly (test/frames/identity-routes.test.ts).
 */
import type { FrameIdentitySession } from "../../protocol/identity-api.js";
import { neededSides, type DocumentType, type ImageSide } from "../../protocol/identity-constants.js";
import type { IdentityScreen, RequiresInputReason } from "./model.js";

/** A place in the flow, before the controller fills in what its screen shows. */
export type Route =
  | { to: "consent" }
  | { to: "document_type" }
  | { to: "capture"; side: ImageSide }
  | { to: "review" }
  | { to: "processing" }
  | { to: "verified" }
  | { to: "requires_input"; reason: RequiresInputReason }
  | { to: "unavailable"; errorCode: string }
  | { to: "phone_done" };

/** What routing needs to know of the photos. */
export interface PhotoProgress {
  documentType: DocumentType | null;
  requireSelfie: boolean;
  /** The sides already in (taken here or elsewhere). */
  captured: { has(side: ImageSide): boolean };
}

/** What "Back" needs to know besides the photos. */
export interface BackContext extends PhotoProgress {
  phone: boolean;
  /** On a capture step reached by "Retake" on the review. */
  retaking: boolean;
  /** The capture step the hand-off was started from. */
  handoffReturn: ImageSide;
}

type Session = FrameIdentitySession["session"];

/** The sides a session needs, in the order they are asked for: the protocol's rule, which the server applies too. */
export { neededSides };

export function missingSides(progress: PhotoProgress): ImageSide[] {
  return neededSides(progress.documentType, progress.requireSelfie).filter((side) => !progress.captured.has(side));
}

/** The first side still missing, or the review once every side is in. */
export function nextCaptureOrReview(progress: PhotoProgress): Route {
  const next = missingSides(progress)[0];
  return next ? { to: "capture", side: next } : { to: "review" };
}

/** Consent, unless photos are already in: then the next step where they left off. */
export function consentOrStart(progress: PhotoProgress, uploadedCount: number): Route {
  return progress.documentType && uploadedCount > 0 ? nextCaptureOrReview(progress) : { to: "consent" };
}

/** Where a session resumed by `load` starts, in the merchant's frame or on the phone. */
export function resumeRoute(session: Session, phone: boolean, progress: PhotoProgress): Route {
  switch (session.status) {
    case "verified":
      return { to: "verified" };
    case "processing":
      return { to: "processing" };
    case "canceled":
    case "redacted":
      return { to: "unavailable", errorCode: "session_not_open" };
    case "requires_input":
      break;
  }
  if (phone) {
    if (session.handoff === "completed") return { to: "phone_done" };
    return progress.documentType ? nextCaptureOrReview(progress) : { to: "document_type" };
  }
  // A verification that did not pass, and no new photo yet: say why before starting again.
  const failure = session.last_error?.code;
  if ((failure === "document_unverified" || failure === "selfie_mismatch") && session.uploaded.length === 0) {
    return { to: "requires_input", reason: failure };
  }
  return consentOrStart(progress, session.uploaded.length);
}

/** Where "Back" leads from `screen`, or null where there is no way back. */
export function backRoute(screen: IdentityScreen, context: BackContext): Route | null {
  switch (screen.name) {
    case "document_type":
      return context.phone || screen.busy ? null : { to: "consent" };
    case "capture": {
      if (screen.state === "checking" || screen.state === "uploading") return null;
      // A retake from the review: Back returns there.
      if (context.retaking && missingSides(context).length === 0) return { to: "review" };
      const needed = neededSides(context.documentType, context.requireSelfie);
      const previous = needed[needed.indexOf(screen.side) - 1];
      return previous ? { to: "capture", side: previous } : { to: "document_type" };
    }
    case "review": {
      if (screen.busy) return null;
      const last = neededSides(context.documentType, context.requireSelfie).at(-1);
      return last ? { to: "capture", side: last } : null;
    }
    case "handoff":
      return { to: "capture", side: context.handoffReturn };
    default:
      return null;
  }
}

/** Why a finished verification did not pass, as the result screen words it. */
export function requiresInputReason(session: Session): RequiresInputReason {
  const code = session.last_error?.code;
  return code === "document_unverified" || code === "selfie_mismatch" ? code : "other";
}
