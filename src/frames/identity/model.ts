/**
 * What the identity screens show, as data: the steps of the flow (their names are the
 * `step` of `event` and `exit`) and one `IdentityScreen` per thing the frame can show.
 * The controller builds these; stories and tests write them by hand.
 */
import type { DocumentType, ImageSide } from "../../protocol/identity-api.js";

/** The steps, as analytics (`event`, `exit`) name them. */
export const identitySteps = ["consent", "document_type", "front", "back", "selfie", "review", "processing", "result", "handoff"] as const;
export type IdentityStep = (typeof identitySteps)[number];

/**
 * A capture step's state:
 * - `choose`: the ways to add a photo (camera, upload, phone), with any error or camera problem;
 * - `starting`: waiting for the camera (and the permission prompt);
 * - `live`: the camera preview with its guide and "Take photo";
 * - `captured`: the photo just taken, with "Retake" and "Use this photo";
 * - `checking`: the photo is being checked in the frame;
 * - `uploading`: the photo is on its way to the widget host.
 */
export type CaptureState = "choose" | "starting" | "live" | "captured" | "checking" | "uploading";
export const captureStates: readonly CaptureState[] = ["choose", "starting", "live", "captured", "checking", "uploading"];

/** Why the camera could not be used; the capture screen says it in words a person can act on. */
export type CameraProblem = "unavailable" | "denied" | "in_use";

/** Why a verification did not pass, as the result screen explains it. */
export type RequiresInputReason = "document_unverified" | "selfie_mismatch" | "other";

/** One photo on the review screen; without a thumbnail when it was added elsewhere (the phone, an earlier visit). */
export interface ReviewItem {
  side: ImageSide;
  thumbnailUrl: string | null;
}

/**
 * The phone hand-off: creating the link, waiting for the phone to open it, the phone
 * connected (and adding photos), the link expired unused, or the link could not be made.
 */
export type HandoffState = "creating" | "waiting" | "connected" | "expired" | "error";
export const handoffStates: readonly HandoffState[] = ["creating", "waiting", "connected", "expired", "error"];

export type IdentityScreen =
  | { name: "loading" }
  /**
   * The flow cannot start (origin refused, session over, not embedded). Errors are given as
   * their code everywhere on a screen: the view chooses the words in the current language.
   */
  | { name: "unavailable"; errorCode: string }
  | { name: "consent"; merchantName: string; requireSelfie: boolean }
  | {
      name: "document_type";
      documentType: DocumentType | null;
      country: string;
      busy: boolean;
      /** Why saving the choice failed, or null. */
      errorCode: string | null;
    }
  | {
      name: "capture";
      side: ImageSide;
      documentType: DocumentType;
      state: CaptureState;
      /** The live camera (state `live`); null in stories, which show a placeholder. */
      stream: MediaStream | null;
      /** The photo taken or chosen (states `captured`, `checking`, `uploading`). */
      previewUrl: string;
      cameraProblem: CameraProblem | null;
      /** Why the last photo was refused (by the frame's checks or the widget host), or null. */
      errorCode: string | null;
      /** Offer "Continue on your phone" (not on the phone itself). */
      canHandoff: boolean;
    }
  | { name: "review"; items: ReviewItem[]; busy: boolean; errorCode: string | null; phone: boolean }
  | { name: "processing" }
  | { name: "verified"; merchantName: string }
  | { name: "requires_input"; reason: RequiresInputReason }
  | {
      name: "handoff";
      state: HandoffState;
      url: string;
      /** Unix seconds. */
      expiresAt: number;
      /** The photos the session needs, and those already in. */
      needed: ImageSide[];
      uploaded: ImageSide[];
      /** Why the link could not be made (state `error`), or null. */
      errorCode: string | null;
    }
  /** The phone's last screen. */
  | { name: "phone_done" }
  /** The phone's link was refused (`handoff_invalid`, or the session is over). */
  | { name: "phone_invalid"; errorCode: string };

export type IdentityScreenName = IdentityScreen["name"];

/** The step a screen belongs to, for `event` and `exit`. */
export function stepOf(screen: IdentityScreen): IdentityStep {
  switch (screen.name) {
    case "loading":
    case "unavailable":
    case "consent":
      return "consent";
    case "document_type":
      return "document_type";
    case "capture":
      return screen.side;
    case "review":
      return "review";
    case "processing":
      return "processing";
    case "verified":
    case "requires_input":
    case "phone_done":
    case "phone_invalid":
      return "result";
    case "handoff":
      return "handoff";
  }
}

/** Progress names sent as `event` for analytics, with the step they belong to. Never personal data. */
export type IdentityProgressName =
  | "open"
  | "consent_accepted"
  | "document_selected"
  | "capture_started"
  | "camera_unavailable"
  | "image_rejected"
  | "image_uploaded"
  | "handoff_started"
  | "handoff_opened"
  | "handoff_completed"
  | "submitted"
  | "verified"
  | "requires_input"
  | "retry_started";
