/**
 * The identity-verification shapes of the widget host's API: merchant calls (sessions,
 * results, redaction) and frame calls (document choice, uploads, submission, the phone
 * hand-off). Images go up from the frame only; no response ever returns image bytes,
 * and personal data (`verified_outputs`) is readable only through the merchant API.
 */
import * as z from "zod";

import { documentTypes, identityStatuses, imageSides, sandboxOutcomes } from "./identity-constants.js";

export * from "./identity-constants.js";

// ---- merchant API ------------------------------------------------------------------

export const CreateIdentitySessionBody = z.strictObject({
  type: z.literal("document"),
  options: z
    .strictObject({
      require_selfie: z.boolean().optional(),
      /** Sandbox only: which result the sandbox verifier gives. Default `verified`. */
      sandbox_outcome: z.enum(sandboxOutcomes).optional(),
    })
    .optional(),
  customer_ref: z.string().min(1).max(100).optional(),
});

export const IdentityLastError = z.object({ code: z.enum(["document_unverified", "selfie_mismatch", "consent_declined"]), reason: z.string() });

export const VerifiedOutputs = z.object({
  first_name: z.string(),
  last_name: z.string(),
  dob: z.object({ day: z.number().int(), month: z.number().int(), year: z.number().int() }),
  document: z.object({ type: z.enum(documentTypes), issuing_country: z.string(), number_last4: z.string(), expiration_date: z.string() }),
});

export const IdentitySession = z.object({
  id: z.string(),
  object: z.literal("identity_session"),
  type: z.literal("document"),
  status: z.enum(identityStatuses),
  options: z.object({ require_selfie: z.boolean(), sandbox_outcome: z.enum(sandboxOutcomes) }),
  customer_ref: z.string().nullable(),
  last_error: IdentityLastError.nullable(),
  /** Only from `GET /v1/identity_sessions/:id`, and only once verified. */
  verified_outputs: VerifiedOutputs.nullable().optional(),
  redacted: z.boolean(),
  created: z.number().int(),
});

export const IdentitySessionWithToken = IdentitySession.extend({ client_token: z.string(), client_token_expires_at: z.number().int() });

/**
 * `data.object` of the `identity_session.verified` and `identity_session.requires_input`
 * webhooks: the session's id and where it stands, never personal data (read
 * `verified_outputs` with `GET /v1/identity_sessions/:id`).
 */
export const IdentitySessionEventObject = z.object({ id: z.string(), status: z.enum(identityStatuses), last_error: IdentityLastError.nullable() });

// ---- frame API (Bearer ct_… of an ids_ session) ------------------------------------

export const FrameIdentitySession = z.object({
  session: z.object({
    id: z.string(),
    object: z.literal("identity_session"),
    status: z.enum(identityStatuses),
    require_selfie: z.boolean(),
    document: z.object({ type: z.enum(documentTypes), issuing_country: z.string() }).nullable(),
    /** Sides already uploaded and accepted (by this device or the phone). */
    uploaded: z.array(z.enum(imageSides)),
    /** The phone hand-off: none, the link was opened, or the phone finished its part. */
    handoff: z.enum(["none", "opened", "completed"]),
    last_error: IdentityLastError.nullable(),
  }),
  merchant: z.object({ name: z.string() }),
});

export const ChooseDocumentBody = z.strictObject({
  type: z.enum(documentTypes),
  /** ISO 3166-1 alpha-2, uppercase. */
  issuing_country: z.string().regex(/^[A-Z]{2}$/, "must be a two-letter country code such as US"),
});

/** `POST /v1/frame/identity/files` is multipart/form-data: `side` (front | back | selfie) and `file` (JPEG or PNG). */
export const UploadResponse = z.object({ side: z.enum(imageSides), accepted: z.literal(true), width: z.number().int(), height: z.number().int() });

export const HandoffResponse = z.object({ url: z.string(), expires_at: z.number().int() });

/** What the phone's page gets for a hand-off link: a client token for the same session. */
export const ClaimHandoffBody = z.strictObject({ token: z.string().min(16).max(200) });
export const ClaimHandoffResponse = z.object({ client_token: z.string(), publishable_key: z.string(), session: z.string() });

export type CreateIdentitySessionBody = z.infer<typeof CreateIdentitySessionBody>;
export type IdentitySession = z.infer<typeof IdentitySession>;
export type IdentitySessionWithToken = z.infer<typeof IdentitySessionWithToken>;
export type VerifiedOutputs = z.infer<typeof VerifiedOutputs>;
export type FrameIdentitySession = z.infer<typeof FrameIdentitySession>;
export type UploadResponse = z.infer<typeof UploadResponse>;
export type HandoffResponse = z.infer<typeof HandoffResponse>;
export type ClaimHandoffResponse = z.infer<typeof ClaimHandoffResponse>;
export type IdentitySessionEventObject = z.infer<typeof IdentitySessionEventObject>;
export type ChooseDocumentBody = z.infer<typeof ChooseDocumentBody>;
