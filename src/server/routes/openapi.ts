/**
 * `GET /v1/openapi.json`: the API described from the very zod schemas that check its
 * bodies (zod 4's own JSON Schema output), so the document cannot drift from the code.
 */
import * as z from "zod";
import * as api from "../../protocol/api.js";

interface Operation {
  method: "get" | "post";
  path: string;
  summary: string;
  auth: "secret_key" | "client_token";
  body?: z.ZodType;
  response: z.ZodType;
}

const operations: Operation[] = [
  { method: "get", path: "/v1/allowed_origins", summary: "List the origins where your frames may be embedded", auth: "secret_key", response: api.AllowedOriginList },
  { method: "post", path: "/v1/allowed_origins", summary: "Allow an origin to embed your frames", auth: "secret_key", body: api.CreateAllowedOriginBody, response: api.AllowedOrigin },
  { method: "post", path: "/v1/payment_intents", summary: "Create a payment intent and its first client token", auth: "secret_key", body: api.CreatePaymentIntentBody, response: api.PaymentIntentWithToken },
  { method: "get", path: "/v1/payment_intents/{id}", summary: "Retrieve a payment intent", auth: "secret_key", response: api.PaymentIntent },
  { method: "post", path: "/v1/payment_intents/{id}/cancel", summary: "Cancel a payment intent that has not succeeded", auth: "secret_key", body: api.EmptyBody, response: api.PaymentIntent },
  { method: "post", path: "/v1/refunds", summary: "Refund part or all of a succeeded payment", auth: "secret_key", body: api.CreateRefundBody, response: api.Refund },
  { method: "post", path: "/v1/client_tokens", summary: "Mint a fresh client token for an open session", auth: "secret_key", body: api.CreateClientTokenBody, response: api.ClientToken },
  { method: "post", path: "/v1/webhook_endpoints", summary: "Register a webhook endpoint", auth: "secret_key", body: api.CreateWebhookEndpointBody, response: api.WebhookEndpoint },
  { method: "get", path: "/v1/frame/session", summary: "Frames: resume the session of a client token", auth: "client_token", response: api.FrameSessionResponse },
  { method: "post", path: "/v1/frame/payment_intents/confirm", summary: "Frames: confirm the payment with a card", auth: "client_token", body: api.FrameConfirmBody, response: api.FramePaymentIntent },
  { method: "post", path: "/v1/frame/payment_intents/three_d_secure", summary: "Frames: finish a 3-D Secure challenge", auth: "client_token", body: api.FrameThreeDSecureBody, response: api.FramePaymentIntent },
];

const schema = (type: z.ZodType, io: "input" | "output"): unknown => z.toJSONSchema(type, { io, unrepresentable: "any" });

export function openApiDocument(version: string): unknown {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const operation of operations) {
    const parameters = [...operation.path.matchAll(/\{(\w+)\}/g)].map((match) => ({ name: match[1], in: "path", required: true, schema: { type: "string" } }));
    if (operation.method === "post") parameters.push({ name: "Idempotency-Key", in: "header", required: false, schema: { type: "string" } });
    (paths[operation.path] ??= {})[operation.method] = {
      summary: operation.summary,
      security: [{ [operation.auth]: [] }],
      ...(parameters.length > 0 ? { parameters } : {}),
      ...(operation.body ? { requestBody: { required: true, content: { "application/json": { schema: schema(operation.body, "input") } } } } : {}),
      responses: {
        "200": { description: "OK", content: { "application/json": { schema: schema(operation.response, "output") } } },
        default: { description: "An error", content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } },
      },
    };
  }
  return {
    openapi: "3.1.0",
    info: { title: "Enclave widget host API", version },
    paths,
    components: {
      securitySchemes: {
        secret_key: { type: "http", scheme: "bearer", description: "sk_test_… (merchant backends only)" },
        client_token: { type: "http", scheme: "bearer", description: "ct_… (frames only)" },
      },
      schemas: { Error: schema(api.ApiErrorEnvelope, "output") },
    },
  };
}
