/**
 * Lists and events (v1.1): the query every `GET` list takes (`limit` 1–100, `starting_after`
 * an id of that list), the `{ object: "list", data, has_more }` answers, events as stored
 * and delivered, and customers. The server parses queries with these schemas and builds
 * `/v1/openapi.json` from them; the SDK takes their input types.
 */
import * as z from "zod";
import { PaymentIntent, paymentIntentStatuses, Refund, webhookEventTypes } from "./api.js";
import { IdentitySession } from "./identity-api.js";

/** A page when `limit` is not given. */
export const DEFAULT_LIST_LIMIT = 10;

/** `limit` and `starting_after` (an id of the list: `prefix_…`); anything else is refused. */
function listQuery(prefix: string, what: string) {
  return z.strictObject({
    limit: z.coerce.number().int().min(1).max(100).optional(),
    starting_after: z
      .string()
      .regex(new RegExp(`^${prefix}_[A-Za-z0-9]{8,64}$`), `must be ${what} id (${prefix}_…)`)
      .optional(),
  });
}

export const customerIdPattern = /^cus_[A-Za-z0-9]{8,64}$/;

export const PaymentIntentListQuery = listQuery("pi", "a payment intent").extend({
  status: z.enum(paymentIntentStatuses).optional(),
  customer: z.string().regex(customerIdPattern, "must be a customer id (cus_…)").optional(),
});
export const RefundListQuery = listQuery("re", "a refund");
export const EventListQuery = listQuery("evt", "an event");
export const IdentitySessionListQuery = listQuery("ids", "an identity session");
export const CustomerListQuery = listQuery("cus", "a customer");

/** The list envelope around one resource's shape. */
function list<T extends z.ZodType>(item: T) {
  return z.object({ object: z.literal("list"), data: z.array(item), has_more: z.boolean() });
}

/** A webhook body as stored: `data.object` is the resource as it was when the event happened. */
export const Event = z.object({
  id: z.string(),
  object: z.literal("event"),
  type: z.enum(webhookEventTypes),
  created: z.number().int(),
  data: z.object({ object: z.record(z.string(), z.unknown()) }),
});

export const CreateCustomerBody = z.strictObject({
  email: z.email().max(320).optional(),
  name: z.string().min(1).max(200).optional(),
});

export const Customer = z.object({
  id: z.string(),
  object: z.literal("customer"),
  email: z.string().nullable(),
  name: z.string().nullable(),
  created: z.number().int(),
});

export const PaymentIntentList = list(PaymentIntent);
export const RefundList = list(Refund);
export const EventList = list(Event);
export const IdentitySessionList = list(IdentitySession);
export const CustomerList = list(Customer);

export type PaymentIntentListQuery = z.infer<typeof PaymentIntentListQuery>;
export type RefundListQuery = z.infer<typeof RefundListQuery>;
export type EventListQuery = z.infer<typeof EventListQuery>;
export type IdentitySessionListQuery = z.infer<typeof IdentitySessionListQuery>;
export type CustomerListQuery = z.infer<typeof CustomerListQuery>;
export type Event = z.infer<typeof Event>;
export type CreateCustomerBody = z.infer<typeof CreateCustomerBody>;
export type Customer = z.infer<typeof Customer>;
export type PaymentIntentList = z.infer<typeof PaymentIntentList>;
export type RefundList = z.infer<typeof RefundList>;
export type EventList = z.infer<typeof EventList>;
export type IdentitySessionList = z.infer<typeof IdentitySessionList>;
export type CustomerList = z.infer<typeof CustomerList>;
