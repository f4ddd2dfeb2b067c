/**
 * A tiny merchant webhook endpoint on 127.0.0.1: it records every delivery (arrival time,
 * headers, raw body) and answers with the status the test chooses.
 */
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Json } from "./api.js";

export interface Delivery {
  at: number;
  path: string;
  headers: IncomingHttpHeaders;
  /** The raw body, as the signature covers it. */
  body: string;
  /** The body parsed, or undefined when it is not JSON. */
  event: Json;
  signature: string | undefined;
  /** What the receiver answered. */
  answered: number;
}

export interface WebhookReceiver {
  url: string;
  port: number;
  deliveries: Delivery[];
  /** Deliveries whose event is of `type` and about the object `objectId`. */
  deliveriesFor(type: string, objectId: string): Delivery[];
  close(): Promise<void>;
}

/**
 * @param respond the status to answer the n-th delivery (0-based) with; 200 by default.
 * @param port a port to listen on (to bring a receiver back where it was); a free one by default.
 */
export function startWebhookReceiver(options: { respond?: (index: number, delivery: Omit<Delivery, "answered">) => number; port?: number } = {}): Promise<WebhookReceiver> {
  const deliveries: Delivery[] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      let event: Json;
      try {
        event = JSON.parse(body);
      } catch {
        event = undefined;
      }
      const signature = request.headers["enclave-signature"];
      const delivery = { at: Date.now(), path: request.url ?? "/", headers: request.headers, body, event, signature: Array.isArray(signature) ? signature[0] : signature };
      const answered = options.respond ? options.respond(deliveries.length, delivery) : 200;
      deliveries.push({ ...delivery, answered });
      response.writeHead(answered, { "Content-Type": "text/plain" }).end(answered < 300 ? "ok" : "not now");
    });
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}/webhooks`,
        port,
        deliveries,
        deliveriesFor: (type, objectId) => deliveries.filter((delivery) => delivery.event?.type === type && delivery.event?.data?.object?.id === objectId),
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}
