/**
 * The identity views' own DOM events. They stay inside the frame: the controller listens
 * to them and decides what, if anything, crosses the bridge (never an image, never what
 * is on a document).
 */
import type { DocumentType, ImageSide } from "../../protocol/identity-api.js";

type Empty = Record<string, never>;

export interface IdentityConsentDetail {
  accepted: boolean;
}
export interface IdentityDocumentDetail {
  documentType: DocumentType | null;
  country: string;
}
export interface IdentityPhotoDetail {
  /** What the camera took (JPEG), or the file chosen. Frame-internal: it is the photo. */
  file: Blob;
  source: "camera" | "upload";
}
export interface IdentityPhotoDecisionDetail {
  decision: "retake" | "accept";
}
export interface IdentitySideDetail {
  side: ImageSide;
}
export interface IdentityExitAnswerDetail {
  leave: boolean;
}

declare module "../ui/frame-element.js" {
  interface FrameEventDetails {
    /** Consent: "Continue" (accepted) or "Decline". */
    "enclave-identity-consent": IdentityConsentDetail;
    /** The document type or country changed (not yet sent). */
    "enclave-identity-document-change": IdentityDocumentDetail;
    /** "Continue" on the document screen. */
    "enclave-identity-document-submit": IdentityDocumentDetail;
    /** "Use camera". */
    "enclave-identity-camera-start": Empty;
    /** "Cancel" under the live camera. */
    "enclave-identity-camera-cancel": Empty;
    /** A photo was taken or a file chosen. */
    "enclave-identity-photo": IdentityPhotoDetail;
    /** "Retake" / "Use this photo" after taking a photo. */
    "enclave-identity-photo-decision": IdentityPhotoDecisionDetail;
    /** "Continue on your phone". */
    "enclave-identity-handoff-start": Empty;
    /** "Get a new code" (expired or failed hand-off link). */
    "enclave-identity-handoff-renew": Empty;
    /** "Retake" beside one photo on the review screen. */
    "enclave-identity-retake": IdentitySideDetail;
    /** "Submit" on the review screen. */
    "enclave-identity-submit": Empty;
    /** "Try again" after a verification that did not pass. */
    "enclave-identity-try-again": Empty;
    /** "Done" on "You're verified". */
    "enclave-identity-done": Empty;
    /** "Back" in the header or "Use this device instead". */
    "enclave-identity-back": Empty;
    /** The frame's own "Close" button. */
    "enclave-identity-close": Empty;
    /** "Leave" or "Stay" in the exit confirmation. */
    "enclave-identity-exit-answer": IdentityExitAnswerDetail;
  }
}

declare global {
  interface HTMLElementEventMap {
    "enclave-identity-consent": CustomEvent<IdentityConsentDetail>;
    "enclave-identity-document-change": CustomEvent<IdentityDocumentDetail>;
    "enclave-identity-document-submit": CustomEvent<IdentityDocumentDetail>;
    "enclave-identity-camera-start": CustomEvent<Empty>;
    "enclave-identity-camera-cancel": CustomEvent<Empty>;
    "enclave-identity-photo": CustomEvent<IdentityPhotoDetail>;
    "enclave-identity-photo-decision": CustomEvent<IdentityPhotoDecisionDetail>;
    "enclave-identity-handoff-start": CustomEvent<Empty>;
    "enclave-identity-handoff-renew": CustomEvent<Empty>;
    "enclave-identity-retake": CustomEvent<IdentitySideDetail>;
    "enclave-identity-submit": CustomEvent<Empty>;
    "enclave-identity-try-again": CustomEvent<Empty>;
    "enclave-identity-done": CustomEvent<Empty>;
    "enclave-identity-back": CustomEvent<Empty>;
    "enclave-identity-close": CustomEvent<Empty>;
    "enclave-identity-exit-answer": CustomEvent<IdentityExitAnswerDetail>;
  }
}
