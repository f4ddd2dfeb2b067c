/**
 * The details of the public events (`enclave-*`) and the schemas that check them when
 * they arrive from a frame. The host elements re-dispatch exactly these shapes.
 */
import * as z from "zod/mini";

export const flowNames = ["checkout", "bank-link", "identity"] as const;
// A literal of the three names rather than z.enum: the same check, and the loader then carries no enum schema (issue 13).
export const FlowSchema = z.literal(flowNames);
export type Flow = z.infer<typeof FlowSchema>;

const shortText = z.string().check(z.maxLength(500));
const identifier = z.string().check(z.minLength(1), z.maxLength(100));

export const ErrorDetailSchema = z.strictObject({
  code: identifier,
  message: shortText,
  retryable: z.boolean(),
});

export const ReadyDetailSchema = z.strictObject({ flow: FlowSchema });

export const ChangeDetailSchema = z.strictObject({
  complete: z.boolean(),
  empty: z.boolean(),
  brand: z.string().check(z.maxLength(40)),
  error: z.optional(ErrorDetailSchema),
});

const PaymentIntentSummarySchema = z.strictObject({
  id: identifier,
  status: identifier,
  amount: z.number(),
  // Not z.length(3): the same rule with the checks the loader already carries (docs/decisions/0002).
  currency: z.string().check(z.minLength(3), z.maxLength(3)),
});

/** Bank link's `enclave-success` detail. */
export const BankLinkSuccessDetailSchema = z.strictObject({
  publicToken: identifier,
  institution: z.strictObject({ id: identifier, name: shortText }),
  accounts: z.array(z.strictObject({ id: identifier, name: shortText, mask: z.string().check(z.maxLength(8)), type: identifier, subtype: identifier })),
});

/** Checkout's `enclave-success` detail, and what its frame's `submit` answers. */
export const CheckoutSuccessDetailSchema = z.strictObject({ paymentIntent: PaymentIntentSummarySchema });

/** Identity's `enclave-success` detail. */
export const IdentitySuccessDetailSchema = z.strictObject({ verificationSession: z.strictObject({ id: identifier, status: identifier }) });

/**
 * Any flow's `enclave-success` detail. The bridge checks each flow's own (host-spec.ts);
 * marked pure so that the loader, which never parses this union, leaves it out.
 */
export const SuccessDetailSchema = /* @__PURE__ */ z.union([CheckoutSuccessDetailSchema, BankLinkSuccessDetailSchema, IdentitySuccessDetailSchema]);

export const ExitDetailSchema = z.strictObject({ reason: identifier, step: identifier });

export const ProgressDetailSchema = z.strictObject({
  name: identifier,
  step: identifier,
  at: z.string().check(z.maxLength(40)),
});

export type ReadyDetail = z.infer<typeof ReadyDetailSchema>;
export type ChangeDetail = z.infer<typeof ChangeDetailSchema>;
export type SuccessDetail = z.infer<typeof SuccessDetailSchema>;
/** `enclave-success` of each flow: the union above, narrowed to the element that sends it. */
export type CheckoutSuccessDetail = Extract<SuccessDetail, { paymentIntent: unknown }>;
export type BankLinkSuccessDetail = Extract<SuccessDetail, { publicToken: unknown }>;
export type IdentitySuccessDetail = Extract<SuccessDetail, { verificationSession: unknown }>;
export type ExitDetail = z.infer<typeof ExitDetailSchema>;
export type ErrorDetail = z.infer<typeof ErrorDetailSchema>;
export type ProgressDetail = z.infer<typeof ProgressDetailSchema>;

/** Public event names mapped to their detail types; the elements add these to HTMLElementEventMap. */
export interface EnclaveEventDetails {
  "enclave-ready": ReadyDetail;
  "enclave-change": ChangeDetail;
  "enclave-success": SuccessDetail;
  "enclave-exit": ExitDetail;
  "enclave-error": ErrorDetail;
  "enclave-event": ProgressDetail;
}
