/**
 * The host's Prometheus metrics (prom-client), in a registry of its own: several hosts in
 * one process (tests) never share or clash, and nothing else's metrics leak into ours.
 *
 * - `enclave_http_request_duration_seconds{method,route,status}`: route is the Hono route
 *   pattern (`/v1/payment_intents/:id`), never the raw path, and "unmatched" for a URL no
 *   route knows, so the label set stays bounded whatever clients send.
 * - `enclave_webhook_queue_depth{state="due"|"retrying"}`: read from the store on scrape.
 * - `enclave_webhook_deliveries_in_flight`, `enclave_webhook_delivery_attempts_total`,
 *   `enclave_webhook_delivery_failures_total`: this process's dispatcher.
 * - `enclave_rate_limited_total{limit}`: every 429 a limit gave (src/server/limits).
 * - `enclave_image_pool_{threads,busy,queue_depth}`: the identity image pool.
 * - prom-client's default process metrics (CPU, memory, event loop lag, GC).
 *
 * Per request the cost is one Map lookup and one histogram observe: the labelled child is
 * kept per (method, route, status).
 */
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";
import { log, errorFields } from "./log.js";
import type { WebhookQueueDepth } from "../store/operations.js";

export interface MetricsSources {
  /** The store's webhook queue; may throw (the gauge then keeps its last value). */
  webhookQueue(): Promise<WebhookQueueDepth>;
  webhooksInFlight(): number;
  imagePool(): { threads: number; busy: number; waiting: number };
}

const DURATION_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export class HostMetrics {
  readonly registry = new Registry();
  readonly #duration: Histogram<"method" | "route" | "status">;
  readonly #children = new Map<string, Histogram.Internal<"method" | "route" | "status">>();
  readonly #attempts: Counter;
  readonly #failures: Counter;
  readonly #rateLimited: Counter<"limit">;

  constructor(sources: MetricsSources) {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry });
    this.#duration = new Histogram({
      name: "enclave_http_request_duration_seconds",
      help: "HTTP requests by method, route pattern and status, from the first byte of the request to the response handed to Node.",
      labelNames: ["method", "route", "status"],
      buckets: DURATION_BUCKETS,
      registers,
    });
    this.#attempts = new Counter({ name: "enclave_webhook_delivery_attempts_total", help: "Webhook delivery attempts this process made.", registers });
    this.#failures = new Counter({
      name: "enclave_webhook_delivery_failures_total",
      help: "Webhook delivery attempts that got no 2xx (a retry follows, or the delivery gave up).",
      registers,
    });
    this.#rateLimited = new Counter({
      name: "enclave_rate_limited_total",
      help: "Requests answered 429 rate_limited, by the limit that refused them.",
      labelNames: ["limit"],
      registers,
    });
    const queue: Gauge<"state"> = new Gauge({
      name: "enclave_webhook_queue_depth",
      help: "Pending webhook deliveries in the store (all hosts): due now, or waiting to be retried.",
      labelNames: ["state"],
      registers,
      collect: async (): Promise<void> => {
        try {
          const depth = await sources.webhookQueue();
          queue.set({ state: "due" }, depth.due);
          queue.set({ state: "retrying" }, depth.retrying);
        } catch (error) {
          log.warn("metrics: the webhook queue could not be read", errorFields(error));
        }
      },
    });
    const inFlight: Gauge = new Gauge({
      name: "enclave_webhook_deliveries_in_flight",
      help: "Webhook delivery attempts this process has in flight.",
      registers,
      collect: (): void => inFlight.set(sources.webhooksInFlight()),
    });
    const images = (name: string, help: string, pick: (stats: ReturnType<MetricsSources["imagePool"]>) => number): void => {
      const gauge: Gauge = new Gauge({ name, help, registers, collect: (): void => gauge.set(pick(sources.imagePool())) });
    };
    images("enclave_image_pool_threads", "Image-check threads running.", (stats) => stats.threads);
    images("enclave_image_pool_busy", "Image-check threads decoding a photo now.", (stats) => stats.busy);
    images("enclave_image_pool_queue_depth", "Image checks waiting for a thread.", (stats) => stats.waiting);
  }

  observeRequest(method: string, route: string, status: number, seconds: number): void {
    const key = `${method} ${status} ${route}`;
    let child = this.#children.get(key);
    if (child === undefined) {
      child = this.#duration.labels(method, route, String(status));
      this.#children.set(key, child);
    }
    child.observe(seconds);
  }

  webhookAttempt(delivered: boolean): void {
    this.#attempts.inc();
    if (!delivered) this.#failures.inc();
  }

  rateLimited(limit: string): void {
    this.#rateLimited.inc({ limit });
  }
}
