/**
 * The identity flow's constants and the rules on them that the frame and the widget host
 * share: document types and their sides, upload limits, the blur check, the hand-off TTL.
 * No zod here: the identity frame imports these, and only these, from the protocol, so
 * that the API's classic-zod schemas (identity-api.ts, which re-exports this file) stay out
 * of its bundle.
 */
export const documentTypes = ["passport", "driving_license", "id_card"] as const;
export type DocumentType = (typeof documentTypes)[number];
/** Which sides each document type has. */
export const documentSides: Record<DocumentType, readonly ("front" | "back")[]> = {
  passport: ["front"],
  driving_license: ["front", "back"],
  id_card: ["front", "back"],
};
export const imageSides = ["front", "back", "selfie"] as const;
export type ImageSide = (typeof imageSides)[number];
/** The sides a session needs before it can be submitted, in the order the frame asks for them (none before a document is chosen). */
export function neededSides(documentType: DocumentType | null | undefined, requireSelfie: boolean): ImageSide[] {
  if (!documentType) return [];
  return [...documentSides[documentType], ...(requireSelfie ? (["selfie"] as const) : [])];
}

export const sandboxOutcomes = ["verified", "document_unverified", "selfie_mismatch"] as const;
export const identityStatuses = ["requires_input", "processing", "verified", "canceled", "redacted"] as const;
export type IdentityStatus = (typeof identityStatuses)[number];

/** Upload limits, checked by the frame before upload and again by the server. */
export const IMAGE_LIMITS = { maxBytes: 10 * 1024 * 1024, minWidth: 600, minHeight: 400, minSelfieWidth: 320, minSelfieHeight: 320 } as const;

/**
 * The smallest photo accepted for a side, as the long and the short side (either orientation).
 * Here rather than in image-rules.ts: the identity frame's messages name it, and this file
 * is in the frame's first load while the pixel rules are not.
 */
export function minimumSize(side: ImageSide): { long: number; short: number } {
  const [width, height] = side === "selfie" ? [IMAGE_LIMITS.minSelfieWidth, IMAGE_LIMITS.minSelfieHeight] : [IMAGE_LIMITS.minWidth, IMAGE_LIMITS.minHeight];
  return { long: Math.max(width, height), short: Math.min(width, height) };
}

/**
 * The blur check both sides run (src/frames/identity/image-checks.ts in the frame,
 * src/server/identity/image-checks.ts on the widget host): the variance of the Laplacian of
 * a grayscale copy at most `blurSampleSize` px on its long side, smoothed by a 3 × 3
 * binomial filter first; under the side's threshold, the photo is blurry. Kept here so the
 * two cannot drift apart (a server test also compares them with the frame's constants).
 */
export const BLUR_CHECK = { sampleSize: 512, thresholds: { document: 6, selfie: 3 } } as const;

/**
 * What the server takes on top of IMAGE_LIMITS: a whole multipart upload (the file plus its
 * envelope) of at most `maxRequestBytes`, and no image over `maxMegapixels` (read from the
 * header before anything is decoded, against decompression bombs).
 *
 * 16 megapixels: the frame never sends more than MAX_UPLOAD_DIMENSION (2000 px) on the
 * long side — 4 MP —, and a phone photo sent as it is still fits (12 MP: 4032 × 3024;
 * 16 MP: 4608 × 3456). It bounds what one decode may cost the host, which decodes in pure
 * JavaScript: a JPEG at 16 MP takes seconds of a thread and ~550 MB (it was 50 MP).
 */
export const UPLOAD_LIMITS = { maxRequestBytes: IMAGE_LIMITS.maxBytes + 512 * 1024, maxMegapixels: 16 } as const;

/** How long a phone hand-off link may be opened (once). */
export const HANDOFF_TTL_SECONDS = 600;
