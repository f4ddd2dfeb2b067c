/**
 * `/v1/webhook_endpoints` (mounted by merchant-api.ts, behind its authentication and
 * idempotency): register, list, retrieve, delete, rotate the secret. Every URL passes the
 * SSRF guard (src/server/webhooks/ssrf-guard.ts) before it is stored; secrets appear only
 * in the answers to create and rotate, and those answers are kept sealed for replays.
 */
import { Hono } from "hono";
import {
  CreateWebhookEndpointBody,
  EmptyBody,
  WebhookEndpointListQuery,
  type DeletedWebhookEndpoint,
  type RotatedWebhookSecret,
  type WebhookEndpointList,
} from "../../protocol/api.js";
import { ErrorCode } from "../../protocol/errors.js";
import { invalidRequest, notFound } from "../http/api-error.js";
import { parseWith, readJsonBody } from "../http/body.js";
import type { MerchantEnv } from "../http/merchant-auth.js";
import { unixSeconds } from "../store/merchants.js";
import { createWebhookEndpoint, deleteWebhookEndpoint, findWebhookEndpoint, listWebhookEndpoints, rotateWebhookSecret } from "../store/webhooks.js";
import { TargetRefused } from "../webhooks/ssrf-guard.js";
import { listAnswer, pageRequest } from "./lists-page.js";
import type { RouteDeps } from "./route-deps.js";

const endpointIdPattern = /^we_[A-Za-z0-9]{8,64}$/;

export function webhookEndpointsApi({ db, webhooks: { key, guard } }: RouteDeps): Hono<MerchantEnv> {
  const api = new Hono<MerchantEnv>();

  api.post("/webhook_endpoints", async (context) => {
    const { url, events } = await readJsonBody(context, CreateWebhookEndpointBody);
    let target: URL;
    try {
      ({ url: target } = await guard.checkForRegistration(url, new URL(context.req.url).origin));
    } catch (error) {
      if (error instanceof TargetRefused) throw invalidRequest(ErrorCode.urlNotAllowed, error.message, "url");
      throw error;
    }
    // The answer holds the signing secret: kept only sealed for replays.
    context.set("sealResponse", true);
    // Stored as parsed (127.1 → 127.0.0.1): what was checked is what is delivered to.
    return context.json(await createWebhookEndpoint(db, key, context.get("merchant").id, target.href, events));
  });

  api.get("/webhook_endpoints", async (context) => {
    const query = parseWith(WebhookEndpointListQuery, context.req.query());
    const list: WebhookEndpointList = listAnswer(await listWebhookEndpoints(db, context.get("merchant").id, pageRequest(query)), "webhook endpoint", query);
    return context.json(list);
  });

  api.get("/webhook_endpoints/:id", async (context) => {
    const id = context.req.param("id");
    const endpoint = endpointIdPattern.test(id) ? await findWebhookEndpoint(db, context.get("merchant").id, id) : undefined;
    if (!endpoint) throw notFound("webhook endpoint", id);
    return context.json(endpoint);
  });

  api.delete("/webhook_endpoints/:id", async (context) => {
    const id = context.req.param("id");
    if (!endpointIdPattern.test(id) || !(await deleteWebhookEndpoint(db, context.get("merchant").id, id))) throw notFound("webhook endpoint", id);
    const deleted: DeletedWebhookEndpoint = { id, object: "webhook_endpoint", deleted: true };
    return context.json(deleted);
  });

  api.post("/webhook_endpoints/:id/rotate_secret", async (context) => {
    const id = context.req.param("id");
    await readJsonBody(context, EmptyBody);
    context.set("sealResponse", true);
    const rotated = endpointIdPattern.test(id) ? await rotateWebhookSecret(db, key, context.get("merchant").id, id) : undefined;
    if (!rotated) throw notFound("webhook endpoint", id);
    const response: RotatedWebhookSecret = { secret: rotated.secret, previous_secret_expires_at: unixSeconds(rotated.previousExpiresAt) };
    return context.json(response);
  });

  return api;
}
