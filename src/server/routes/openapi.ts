/**
 * `GET /v1/openapi.json`: the API described from the very zod schemas that check its
 * bodies (zod 4's own JSON Schema output), so the document cannot drift from the code.
 */
import * as z from "zod";
import * as api from "../../protocol/api.js";
import * as bank from "../../protocol/bank-link-api.js";
import * as identity from "../../protocol/identity-api.js";
import * as lists from "../../protocol/lists-api.js";
import { OAuthDecisionForm } from "./sandbox-oauth-pages.js";

interface Operation {
  method: "get" | "post" | "delete";
  path: string;
  summary: string;
  /** `none`: the sandbox bank's pages, opened by the customer's browser. */
  auth: "secret_key" | "client_token" | "none";
  /** The item's access token in `Enclave-Access-Token`, besides the secret key. */
  accessToken?: true;
  query?: z.ZodObject;
  body?: z.ZodType;
  /** A form body (application/x-www-form-urlencoded) instead of JSON. */
  form?: z.ZodType;
  /** A multipart/form-data body (a file upload), as a JSON Schema. */
  multipart?: Record<string, unknown>;
  /** Answers errors in the JSON envelope although it needs no credentials (the hand-off claim). */
  errors?: true;
  response: z.ZodType | { contentType: string; description: string };
}

/** `POST /v1/frame/identity/files`: the photo of one side, checked by the server from its bytes. */
const identityUpload = {
  type: "object",
  additionalProperties: false,
  required: ["side", "file"],
  properties: {
    side: {
      type: "string",
      enum: [...identity.imageSides],
      description: "Which photo this is; the document's sides (front, back when it has one) and a selfie when the session asks for one.",
    },
    file: {
      type: "string",
      format: "binary",
      contentMediaType: "application/octet-stream",
      description: `A JPEG or PNG image (told from its bytes, never its name or type), at most ${identity.IMAGE_LIMITS.maxBytes} bytes and ${identity.UPLOAD_LIMITS.maxMegapixels} megapixels; documents at least ${identity.IMAGE_LIMITS.minWidth} × ${identity.IMAGE_LIMITS.minHeight} px, selfies ${identity.IMAGE_LIMITS.minSelfieWidth} × ${identity.IMAGE_LIMITS.minSelfieHeight} px, in either orientation, and sharp. The whole request may be at most ${identity.UPLOAD_LIMITS.maxRequestBytes} bytes.`,
    },
  },
  "x-errors": ["file_too_large (413)", "unsupported_file_type (415)", "empty_file", "image_too_small", "image_blurry", "document_incomplete (409)", "parameter_invalid (side)"],
};

const FrameManifest = z.object({
  object: z.literal("frame_manifest"),
  files: z.array(z.object({ path: z.string(), integrity: z.string(), bytes: z.number().int() })),
});

// One operation per line: the table reads as the API's index.
// prettier-ignore
const operations: Operation[] = [
  { method: "get", path: "/v1/allowed_origins", summary: "List the origins where your frames may be embedded", auth: "secret_key", response: api.AllowedOriginList },
  { method: "post", path: "/v1/allowed_origins", summary: "Allow an origin to embed your frames", auth: "secret_key", body: api.CreateAllowedOriginBody, response: api.AllowedOrigin },
  { method: "post", path: "/v1/payment_intents", summary: "Create a payment intent and its first client token", auth: "secret_key", body: api.CreatePaymentIntentBody, response: api.PaymentIntentWithToken },
  { method: "get", path: "/v1/payment_intents", summary: "List your payment intents, newest first, a page at a time (limit 1–100, default 10; starting_after: the last id of the previous page); filter by status and customer", auth: "secret_key", query: lists.PaymentIntentListQuery, response: lists.PaymentIntentList },
  { method: "get", path: "/v1/payment_intents/{id}", summary: "Retrieve a payment intent", auth: "secret_key", response: api.PaymentIntent },
  { method: "post", path: "/v1/payment_intents/{id}", summary: "Update an intent waiting for a payment method (amount, description, metadata); the page then calls the element's refresh()", auth: "secret_key", body: api.UpdatePaymentIntentBody, response: api.PaymentIntent },
  { method: "post", path: "/v1/payment_intents/{id}/cancel", summary: "Cancel a payment intent that has not succeeded", auth: "secret_key", body: api.EmptyBody, response: api.PaymentIntent },
  { method: "post", path: "/v1/refunds", summary: "Refund part or all of a succeeded payment", auth: "secret_key", body: api.CreateRefundBody, response: api.Refund },
  { method: "get", path: "/v1/refunds", summary: "List your refunds, newest first, a page at a time", auth: "secret_key", query: lists.RefundListQuery, response: lists.RefundList },
  { method: "get", path: "/v1/events", summary: "List your events (every webhook body, delivered or not), newest first, a page at a time", auth: "secret_key", query: lists.EventListQuery, response: lists.EventList },
  { method: "get", path: "/v1/events/{id}", summary: "Retrieve an event as its webhook deliveries carry it", auth: "secret_key", response: lists.Event },
  { method: "post", path: "/v1/customers", summary: "Create a customer (an email and a name, both optional)", auth: "secret_key", body: lists.CreateCustomerBody, response: lists.Customer },
  { method: "get", path: "/v1/customers", summary: "List your customers, newest first, a page at a time", auth: "secret_key", query: lists.CustomerListQuery, response: lists.CustomerList },
  { method: "get", path: "/v1/customers/{id}", summary: "Retrieve a customer", auth: "secret_key", response: lists.Customer },
  { method: "post", path: "/v1/client_tokens", summary: "Mint a fresh client token for an open session (payment intent, bank link session, or identity session waiting for photos or its result)", auth: "secret_key", body: api.CreateClientTokenBody, response: api.ClientToken },
  { method: "post", path: "/v1/webhook_endpoints", summary: "Register a webhook endpoint (a public http(s) URL; loopback, private, link-local and metadata addresses are refused with url_not_allowed). The answer is the only place its secret is shown", auth: "secret_key", body: api.CreateWebhookEndpointBody, response: api.WebhookEndpoint },
  { method: "get", path: "/v1/webhook_endpoints", summary: "List your webhook endpoints, newest first (without their secrets)", auth: "secret_key", query: api.WebhookEndpointListQuery, response: api.WebhookEndpointList },
  { method: "get", path: "/v1/webhook_endpoints/{id}", summary: "Retrieve a webhook endpoint (without its secret)", auth: "secret_key", response: api.WebhookEndpointDetails },
  { method: "delete", path: "/v1/webhook_endpoints/{id}", summary: "Delete a webhook endpoint; its pending deliveries stop", auth: "secret_key", response: api.DeletedWebhookEndpoint },
  { method: "post", path: "/v1/webhook_endpoints/{id}/rotate_secret", summary: "Give a webhook endpoint a new signing secret; the previous one keeps signing (a second v1= in Enclave-Signature) for 24 hours", auth: "secret_key", body: api.EmptyBody, response: api.RotatedWebhookSecret },
  { method: "post", path: "/v1/bank_link_sessions", summary: "Create a bank link session and its first client token", auth: "secret_key", body: bank.CreateBankLinkSessionBody, response: bank.BankLinkSession },
  { method: "get", path: "/v1/bank_link_sessions/{id}", summary: "Retrieve a bank link session (without a client token; mint one with POST /v1/client_tokens)", auth: "secret_key", response: bank.BankLinkSessionDetails },
  { method: "post", path: "/v1/bank_links/exchange", summary: "Exchange a single-use public token (30 minutes) for the item's access token", auth: "secret_key", body: bank.ExchangePublicTokenBody, response: bank.ExchangePublicTokenResponse },
  { method: "get", path: "/v1/accounts", summary: "List the linked item's accounts (balances when the session asked for them)", auth: "secret_key", accessToken: true, response: bank.AccountsResponse },
  { method: "get", path: "/v1/transactions", summary: "List the linked item's transactions, newest first, a page at a time", auth: "secret_key", accessToken: true, query: bank.TransactionsQuery, response: bank.TransactionsResponse },
  { method: "post", path: "/v1/items/{id}/remove", summary: "Remove a linked item; its access token stops working at once", auth: "secret_key", body: api.EmptyBody, response: bank.RemovedItem },
  { method: "post", path: "/v1/identity_sessions", summary: "Create an identity verification session and its first client token", auth: "secret_key", body: identity.CreateIdentitySessionBody, response: identity.IdentitySessionWithToken },
  { method: "get", path: "/v1/identity_sessions", summary: "List your identity sessions, newest first, a page at a time (never their verified outputs)", auth: "secret_key", query: lists.IdentitySessionListQuery, response: lists.IdentitySessionList },
  { method: "get", path: "/v1/identity_sessions/{id}", summary: "Retrieve an identity session, with verified_outputs once verified (the only place they are given)", auth: "secret_key", response: identity.IdentitySession },
  { method: "post", path: "/v1/identity_sessions/{id}/cancel", summary: "Cancel an identity session that waits for the customer; its images are deleted", auth: "secret_key", body: api.EmptyBody, response: identity.IdentitySession },
  { method: "post", path: "/v1/identity_sessions/{id}/redact", summary: "Delete every image and all personal data of an identity session at once (it becomes redacted)", auth: "secret_key", body: api.EmptyBody, response: identity.IdentitySession },
  { method: "get", path: "/v1/frame/session", summary: "Frames: resume the session of a client token", auth: "client_token", response: z.union([api.FrameSessionResponse, bank.FrameBankLinkSession, identity.FrameIdentitySession]) },
  { method: "post", path: "/v1/frame/payment_intents/confirm", summary: "Frames: confirm the payment with a card", auth: "client_token", body: api.FrameConfirmBody, response: api.FramePaymentIntent },
  { method: "get", path: "/v1/frame/payment_intents/three_d_secure", summary: "Frames: where the 3-D Secure challenge stands (the customer answers it on the host's page at next_action.url)", auth: "client_token", response: api.FramePaymentIntent },
  { method: "post", path: "/v1/frame/payment_intents/three_d_secure/abandon", summary: "Frames: give up the 3-D Secure challenge (the payment fails authentication; nothing is charged)", auth: "client_token", body: api.EmptyBody, response: api.FramePaymentIntent },
  { method: "get", path: "/v1/frame/bank_link/institutions", summary: "Frames: search institutions (popular ones without a query)", auth: "client_token", query: bank.InstitutionSearchQuery, response: bank.InstitutionSearchResponse },
  { method: "post", path: "/v1/frame/bank_link/credentials", summary: "Frames: sign in to the bank with a username and password", auth: "client_token", body: bank.CredentialsBody, response: bank.LinkStepResponse },
  { method: "post", path: "/v1/frame/bank_link/mfa", summary: "Frames: answer the bank's verification code", auth: "client_token", body: bank.MfaBody, response: bank.LinkStepResponse },
  { method: "post", path: "/v1/frame/bank_link/oauth/start", summary: "Frames: start the hand-off to an OAuth bank's own page", auth: "client_token", body: bank.OAuthStartBody, response: bank.LinkStepResponse },
  { method: "get", path: "/v1/frame/bank_link/oauth/status", summary: "Frames: where the OAuth hand-off stands (poll while pending)", auth: "client_token", response: bank.LinkStepResponse },
  { method: "post", path: "/v1/frame/bank_link/accounts", summary: "Frames: choose the accounts to link; makes the item and its public token", auth: "client_token", body: bank.SelectAccountsBody, response: bank.LinkSuccessResponse },
  { method: "post", path: "/v1/frame/identity/document", summary: "Frames: choose the identity document (starts its photos over)", auth: "client_token", body: identity.ChooseDocumentBody, response: identity.FrameIdentitySession },
  { method: "post", path: "/v1/frame/identity/files", summary: "Frames: upload the photo of one side (multipart/form-data); stored encrypted, never served back", auth: "client_token", multipart: identityUpload, response: identity.UploadResponse },
  { method: "post", path: "/v1/frame/identity/submit", summary: "Frames: submit every needed photo for verification (the session becomes processing)", auth: "client_token", body: api.EmptyBody, response: identity.FrameIdentitySession },
  { method: "get", path: "/v1/frame/identity/status", summary: "Frames: where the identity session stands (poll while processing or during a phone hand-off)", auth: "client_token", response: identity.FrameIdentitySession },
  { method: "post", path: "/v1/frame/identity/handoff", summary: "Frames: a one-time link (10 minutes) that continues the verification on a phone", auth: "client_token", body: api.EmptyBody, response: identity.HandoffResponse },
  { method: "post", path: "/v1/frame/identity/handoff/complete", summary: "Frames: the phone has added every photo", auth: "client_token", body: api.EmptyBody, response: identity.FrameIdentitySession },
  { method: "post", path: "/v1/identity/handoff/claim", summary: "The phone's page: trade a hand-off link's one-time token for a client token of the same session (no credentials; refusals are handoff_invalid)", auth: "none", errors: true, body: identity.ClaimHandoffBody, response: identity.ClaimHandoffResponse },
  { method: "get", path: "/oauth/sandbox/authorize", summary: "The sandbox bank's consent page (opened by the bank link frame)", auth: "none", query: z.strictObject({ state: z.string() }), response: { contentType: "text/html", description: "The consent page" } },
  { method: "post", path: "/oauth/sandbox/authorize", summary: "The customer's answer on the sandbox bank's consent page", auth: "none", form: OAuthDecisionForm, response: { contentType: "text/html", description: "A page to close" } },
  { method: "get", path: "/oauth/sandbox/close.js", summary: "The script that closes the sandbox bank's window", auth: "none", response: { contentType: "text/javascript", description: "The script" } },
  { method: "get", path: "/oauth/sandbox/page.css", summary: "The sandbox bank's stylesheet", auth: "none", response: { contentType: "text/css", description: "The stylesheet" } },
  { method: "get", path: "/v1/frames/manifest.json", summary: "The SHA-384 of the loader, every frame page and every frame asset this host serves, for script monitors (PCI DSS 6.4.3, 11.6.1)", auth: "none", response: FrameManifest },
];

const schema = (type: z.ZodType, io: "input" | "output"): unknown => z.toJSONSchema(type, { io, unrepresentable: "any" });

export function openApiDocument(version: string): unknown {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const operation of operations) {
    const parameters: Record<string, unknown>[] = [...operation.path.matchAll(/\{(\w+)\}/g)].map((match) => ({
      name: match[1],
      in: "path",
      required: true,
      schema: { type: "string" },
    }));
    for (const [name, field] of Object.entries(operation.query?.shape ?? {})) {
      parameters.push({ name, in: "query", required: !(field as z.ZodType).safeParse(undefined).success, schema: schema(field as z.ZodType, "input") });
    }
    if (operation.accessToken) parameters.push({ name: "Enclave-Access-Token", in: "header", required: true, schema: { type: "string" } });
    if (operation.method === "post" && operation.auth === "secret_key") parameters.push({ name: "Idempotency-Key", in: "header", required: false, schema: { type: "string" } });
    const body = operation.body
      ? { "application/json": { schema: schema(operation.body, "input") } }
      : operation.form
        ? { "application/x-www-form-urlencoded": { schema: schema(operation.form, "input") } }
        : operation.multipart
          ? { "multipart/form-data": { schema: operation.multipart, encoding: { file: { contentType: "image/jpeg, image/png" } } } }
          : undefined;
    const ok =
      operation.response instanceof z.ZodType
        ? { description: "OK", content: { "application/json": { schema: schema(operation.response, "output") } } }
        : { description: operation.response.description, content: { [operation.response.contentType]: { schema: { type: "string" } } } };
    (paths[operation.path] ??= {})[operation.method] = {
      summary: operation.summary,
      security: operation.auth === "none" ? [] : [{ [operation.auth]: [], ...(operation.accessToken ? { access_token: [] } : {}) }],
      ...(parameters.length > 0 ? { parameters } : {}),
      ...(body ? { requestBody: { required: true, content: body } } : {}),
      responses: {
        "200": ok,
        ...(operation.auth === "none" && !operation.errors
          ? {}
          : { default: { description: "An error", content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } } }),
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
        client_token: {
          type: "http",
          scheme: "bearer",
          description: "ct_… (frames only), with a `DPoP` header: a proof (RFC 9449, ES256) by the frame key the token is bound to at first use",
        },
        access_token: {
          type: "apiKey",
          in: "header",
          name: "Enclave-Access-Token",
          description: "access-sandbox-… (a linked item's access token, from POST /v1/bank_links/exchange)",
        },
      },
      schemas: {
        Error: schema(api.ApiErrorEnvelope, "output"),
        /** `data.object` of the identity_session.* webhooks: never personal data. */
        IdentitySessionEventObject: schema(identity.IdentitySessionEventObject, "output"),
      },
    },
  };
}
