/**
 * `GET /v1/events` and `GET /v1/events/:id` (inside the merchant API): the webhook bodies
 * the merchant's changes caused, delivered or not, as stored (store/events.ts).
 */
import { Hono } from "hono";
import { EventListQuery, type EventList } from "../../protocol/lists-api.js";
import { notFound } from "../http/api-error.js";
import { parseWith } from "../http/body.js";
import type { MerchantEnv } from "../http/merchant-auth.js";
import { findEvent, listEvents } from "../store/events.js";
import { listAnswer, pageRequest } from "./lists-page.js";
import type { RouteDeps } from "./route-deps.js";

const eventIdPattern = /^evt_[A-Za-z0-9]{8,64}$/;

export function eventsApi({ db }: RouteDeps): Hono<MerchantEnv> {
  const api = new Hono<MerchantEnv>();

  api.get("/events", async (context) => {
    const query = parseWith(EventListQuery, context.req.query());
    const list: EventList = listAnswer(await listEvents(db, context.get("merchant").id, pageRequest(query)), "event", query);
    return context.json(list);
  });

  api.get("/events/:id", async (context) => {
    const id = context.req.param("id");
    const event = eventIdPattern.test(id) ? await findEvent(db, context.get("merchant").id, id) : undefined;
    if (!event) throw notFound("event", id);
    return context.json(event);
  });

  return api;
}
