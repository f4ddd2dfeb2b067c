/**
 * The shapes of the widget host's HTTP API: request bodies (parsed at the server's edge)
 * and responses (what the SDK and the frames read). The server validates every body with
 * these schemas and builds `/v1/openapi.json` from them; frames import only the types.
 */
import * as z from "zod";
import { isoCurrencyCodes } from "./iso-4217.js";

export const currencyCode = z
  .string()
  .regex(/^[a-z]{3}$/, "must be a lowercase ISO 4217 code such as usd")
  .refine((code) => isoCurrencyCodes.has(code), "must be an active ISO 4217 currency such as usd, eur or jpy");
const metadataKey = z
  .string()
  .min(1)
  .max(40)
  .refine((key) => key !== "__proto__" && key !== "constructor" && key !== "prototype", "may not be __proto__, constructor or prototype");
const metadata = z.record(metadataKey, z.string().max(500)).refine((value) => Object.keys(value).length <= 50, "may hold at most 50 keys");

// ---- merchant API: requests --------------------------------------------------------

/** For calls that take no parameters (`POST …/cancel`): anything sent is refused. */
export const EmptyBody = z.strictObject({});

export const CreateAllowedOriginBody = z.strictObject({
  origin: z
    .string()
    .max(200)
    .refine((value) => isOrigin(value), "must be an http(s) origin such as https://shop.example.com, with no path"),
});

export const CreatePaymentIntentBody = z.strictObject({
  amount: z.number().int().min(50, "must be at least 50 minor units").max(99_999_999),
  currency: currencyCode,
  description: z.string().max(500).optional(),
  metadata: metadata.optional(),
});

/** `POST /v1/payment_intents/:id`: what a merchant may change while the customer has not paid (a coupon, shipping). */
export const UpdatePaymentIntentBody = CreatePaymentIntentBody.omit({ currency: true }).partial();

export const CreateRefundBody = z.strictObject({
  payment_intent: z.string().regex(/^pi_[A-Za-z0-9]{8,64}$/, "must be a payment intent id (pi_…)"),
  amount: z.number().int().min(1).max(99_999_999).optional(),
});

export const CreateClientTokenBody = z.strictObject({
  session: z.string().regex(/^(pi|bls|ids)_[A-Za-z0-9]{8,64}$/, "must be a session id (pi_…, bls_…, ids_…)"),
});

export const webhookEventTypes = [
  "payment_intent.succeeded",
  "payment_intent.payment_failed",
  "payment_intent.processing",
  "payment_intent.canceled",
  "refund.created",
  "identity_session.verified",
  "identity_session.requires_input",
] as const;

export const CreateWebhookEndpointBody = z.strictObject({
  url: z
    .string()
    .max(500)
    // A NUL or other control character is never part of a real URL (and PostgreSQL's text refuses NUL).
    .refine((value) => !/[\u0000-\u001f\u007f]/.test(value), "must not contain control characters")
    .refine((value) => isHttpUrl(value), "must be an http(s) URL"),
  events: z.array(z.enum(webhookEventTypes)).min(1).max(webhookEventTypes.length),
});

/** `GET /v1/webhook_endpoints`: a page, newest first. */
export const WebhookEndpointListQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).optional(),
  starting_after: z
    .string()
    .regex(/^we_[A-Za-z0-9]{8,64}$/, "must be a webhook endpoint id (we_…)")
    .optional(),
});

// ---- merchant API: responses -------------------------------------------------------

export const paymentIntentStatuses = ["requires_payment_method", "requires_action", "processing", "succeeded", "canceled"] as const;
export type PaymentIntentStatus = (typeof paymentIntentStatuses)[number];

export const CardSummary = z.object({
  brand: z.string(),
  last4: z.string(),
  exp_month: z.number().int(),
  exp_year: z.number().int(),
  fingerprint: z.string(),
});

export const PaymentErrorSummary = z.object({ code: z.string(), decline_code: z.string().optional(), message: z.string() });

export const PaymentIntent = z.object({
  id: z.string(),
  object: z.literal("payment_intent"),
  status: z.enum(paymentIntentStatuses),
  amount: z.number().int(),
  amount_refunded: z.number().int(),
  currency: z.string(),
  description: z.string().nullable(),
  metadata: z.record(z.string(), z.string()),
  payment_method: CardSummary.nullable(),
  last_payment_error: PaymentErrorSummary.nullable(),
  created: z.number().int(),
});

export const PaymentIntentWithToken = PaymentIntent.extend({
  client_token: z.string(),
  client_token_expires_at: z.number().int(),
});

export const Refund = z.object({
  id: z.string(),
  object: z.literal("refund"),
  amount: z.number().int(),
  currency: z.string(),
  payment_intent: z.string(),
  status: z.literal("succeeded"),
  created: z.number().int(),
});

export const AllowedOrigin = z.object({ object: z.literal("allowed_origin"), origin: z.string(), created: z.number().int() });
export const AllowedOriginList = z.object({ object: z.literal("list"), data: z.array(AllowedOrigin) });

export const ClientToken = z.object({
  object: z.literal("client_token"),
  client_token: z.string(),
  session: z.string(),
  expires_at: z.number().int(),
});

/** What registering answers: the endpoint and its signing secret, shown this once. */
export const WebhookEndpoint = z.object({
  id: z.string(),
  object: z.literal("webhook_endpoint"),
  url: z.string(),
  events: z.array(z.enum(webhookEventTypes)),
  secret: z.string(),
  created: z.number().int(),
});

/** An endpoint as retrieved or listed: never its secret (rotate it to get a new one). */
export const WebhookEndpointDetails = WebhookEndpoint.omit({ secret: true });
export const WebhookEndpointList = z.object({ object: z.literal("list"), data: z.array(WebhookEndpointDetails), has_more: z.boolean() });
export const DeletedWebhookEndpoint = z.object({ id: z.string(), object: z.literal("webhook_endpoint"), deleted: z.literal(true) });
/** `POST /v1/webhook_endpoints/:id/rotate_secret`: the new secret; the previous one signs beside it until `previous_secret_expires_at`. */
export const RotatedWebhookSecret = z.object({ secret: z.string(), previous_secret_expires_at: z.number().int() });

export const ApiErrorEnvelope = z.object({
  error: z.object({ type: z.string(), code: z.string(), message: z.string(), param: z.string().optional(), decline_code: z.string().optional() }),
});

// ---- frame API (Bearer ct_…, called by the frames on the widget host's origin) -------

export const FrameCardDetails = z.strictObject({
  number: z.string().regex(/^[0-9]{12,19}$/, "must be 12 to 19 digits"),
  exp_month: z.number().int().min(1).max(12),
  exp_year: z.number().int().min(2000).max(2100),
  cvc: z.string().regex(/^[0-9]{3,4}$/, "must be 3 or 4 digits"),
  postal_code: z.string().max(16).optional(),
});

/**
 * `amount`: what the customer was shown. When the merchant has changed it since, the confirm
 * is refused (`amount_changed`) and nothing is charged, so no one pays a total they did not see.
 */
export const FrameConfirmBody = z.strictObject({ card: FrameCardDetails, amount: z.number().int().optional() });

export const FramePaymentIntent = z.object({
  id: z.string(),
  status: z.enum(paymentIntentStatuses),
  amount: z.number().int(),
  currency: z.string(),
  /**
   * 3-D Secure: the customer answers the issuer on the widget host's own page at `url`
   * (one-time; only in confirm's answer). The frame shows it and learns the result from the
   * intent's status (GET /v1/frame/payment_intents/three_d_secure); it cannot decide it.
   */
  next_action: z.object({ type: z.literal("three_d_secure"), url: z.url({ protocol: /^https?$/ }).optional() }).nullable(),
  last_payment_error: PaymentErrorSummary.nullable(),
});

export const FrameSessionResponse = z.object({
  session: z.object({ id: z.string(), object: z.literal("payment_intent"), status: z.enum(paymentIntentStatuses), amount: z.number().int(), currency: z.string() }),
  merchant: z.object({ name: z.string() }),
});

export type CreatePaymentIntentBody = z.infer<typeof CreatePaymentIntentBody>;
export type CreateRefundBody = z.infer<typeof CreateRefundBody>;
export type UpdatePaymentIntentBody = z.infer<typeof UpdatePaymentIntentBody>;
export type CreateWebhookEndpointBody = z.infer<typeof CreateWebhookEndpointBody>;
export type PaymentIntent = z.infer<typeof PaymentIntent>;
export type PaymentIntentWithToken = z.infer<typeof PaymentIntentWithToken>;
export type Refund = z.infer<typeof Refund>;
export type AllowedOrigin = z.infer<typeof AllowedOrigin>;
export type AllowedOriginList = z.infer<typeof AllowedOriginList>;
export type ClientToken = z.infer<typeof ClientToken>;
export type WebhookEndpoint = z.infer<typeof WebhookEndpoint>;
export type WebhookEndpointListQuery = z.infer<typeof WebhookEndpointListQuery>;
export type WebhookEndpointDetails = z.infer<typeof WebhookEndpointDetails>;
export type WebhookEndpointList = z.infer<typeof WebhookEndpointList>;
export type DeletedWebhookEndpoint = z.infer<typeof DeletedWebhookEndpoint>;
export type RotatedWebhookSecret = z.infer<typeof RotatedWebhookSecret>;
export type WebhookEventType = (typeof webhookEventTypes)[number];
export type FrameCardDetails = z.infer<typeof FrameCardDetails>;
export type FrameConfirmBody = z.infer<typeof FrameConfirmBody>;
export type FramePaymentIntent = z.infer<typeof FramePaymentIntent>;
export type FrameSessionResponse = z.infer<typeof FrameSessionResponse>;

function isOrigin(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === "http:" || url.protocol === "https:") && url.origin === value;
  } catch {
    return false;
  }
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === "http:" || url.protocol === "https:";
  } catch {
    return false;
  }
}
