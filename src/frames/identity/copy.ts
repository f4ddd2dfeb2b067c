/**
 * The identity flow's shared words: what several screens (and the controller) say the
 * same way — the data retention promise, the names of document sides, and the plain-words
 * message for every error a person can meet here. Each screen keeps its own other words
 * in a `strings` object at its top.
 */
import type { DocumentType, ImageSide } from "../../protocol/identity-api.js";

/**
 * How long images are kept, said once for the whole flow. Change it here (and only here)
 * when the widget host's retention period changes.
 */
export const retention = {
  days: 30,
  text: (merchant: string) =>
    `Your images are deleted when ${merchant} asks for them to be deleted, or after up to ${retention.days} days at the latest.`,
};

/** A merchant without a name (should not happen) is still someone. */
export const someMerchant = "This business";

export const documentNames: Record<DocumentType, string> = {
  passport: "Passport",
  driving_license: "Driver's license",
  id_card: "ID card",
};

/** The document's name inside a sentence: "your driver's license". */
export const documentInSentence: Record<DocumentType, string> = {
  passport: "passport",
  driving_license: "driver's license",
  id_card: "ID card",
};

/** What each side is called on its own (review captions, upload labels). */
export const sideNames: Record<ImageSide, string> = {
  front: "Front of document",
  back: "Back of document",
  selfie: "Selfie",
};

/** The upload inputs' accessible names: part of the public contract, exactly these. */
export const uploadLabels: Record<ImageSide, string> = {
  front: "Upload front of document",
  back: "Upload back of document",
  selfie: "Upload selfie",
};

/** Why the camera could not be used, in words a person can act on. */
export type CameraProblem = "unavailable" | "denied" | "in_use";

export const cameraProblems: Record<CameraProblem, string> = {
  unavailable: "We couldn't find a camera on this device.",
  denied: "Camera access is blocked. You can allow it in your browser's settings.",
  in_use: "Your camera is being used by another app. Close it and try again.",
};

export const cameraAlternatives = "Upload a photo instead, or continue on your phone.";
export const cameraAlternativesPhone = "Upload a photo instead.";

/** Words for the errors of this flow, by code. Anything else shows the server's message. */
export const errorMessages: Record<string, string> = {
  unsupported_file_type: "This file isn't a photo we can use. Choose a JPEG or PNG image.",
  empty_file: "This file is empty. Choose another photo.",
  file_too_large: "This photo is larger than 10 MB. Choose a smaller one.",
  image_too_small: "This photo is too small to read. Use a photo of at least 600 × 400 pixels, or take one with the camera.",
  selfie_too_small: "This photo is too small. Use a photo of at least 320 × 320 pixels, or take one with the camera.",
  image_blurry: "This photo looks blurry. Hold still, make sure the document is in focus, and try again.",
  selfie_blurry: "This photo looks blurry. Hold still, make sure your face is in focus, and try again.",
  document_incomplete: "Add a photo of every side of your document before submitting.",
  handoff_invalid: "This link has expired or has already been used.",
  camera_unavailable: "We couldn't use your camera.",
  network_error: "We couldn't reach the verification service. Check your connection and try again.",
  session_not_open: "This verification is no longer open.",
};

/** The plain-words explanation of a verification that did not pass. */
export const requiresInputMessages = {
  document_unverified:
    "We couldn't verify your document. Make sure it is a valid, unexpired government ID, that all four corners are in the photo and the text is easy to read, then try again.",
  selfie_mismatch:
    "Your selfie didn't match the photo on your document. Take a new selfie facing the camera in good light, without glasses or a hat, then try again.",
  other: "We couldn't complete your verification. Please try again.",
} as const;

export type RequiresInputReason = keyof typeof requiresInputMessages;

/** The message for an error code, for the side it happened on (selfies get their own wording). */
export function messageFor(code: string, fallback: string, side?: ImageSide): string {
  if (side === "selfie" && (code === "image_too_small" || code === "image_blurry")) {
    return errorMessages[code === "image_too_small" ? "selfie_too_small" : "selfie_blurry"] ?? fallback;
  }
  return errorMessages[code] ?? fallback;
}
