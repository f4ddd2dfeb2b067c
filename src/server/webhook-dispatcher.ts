/**
 * Sends queued webhook deliveries, signed as the contract says:
 * `Enclave-Signature: t=<unix>,v1=<hex hmac-sha256(secret, t + "." + body)>`.
 * A delivery that does not get a 2xx is retried with exponential backoff (1 s, 2 s, 4 s …
 * capped at an hour) for three days. Deliveries live in the store, so a restart resumes them.
 */
import { hmacSha256 } from "./ids.js";
import type { Store } from "./store/database.js";
import { leaseDueDeliveries, recordDeliveryAttempt, type DueDelivery } from "./store/webhooks.js";

const POLL_MS = 250;
const LEASE_MS = 30_000;
const ATTEMPT_TIMEOUT_MS = 10_000;
const MAX_BACKOFF_MS = 3_600_000;
const GIVE_UP_AFTER_ATTEMPTS = 80; // about three days at the capped backoff

export function signWebhookPayload(secret: string, payload: string, timestamp = Math.floor(Date.now() / 1000)): string {
  return `t=${timestamp},v1=${hmacSha256(secret, `${timestamp}.${payload}`)}`;
}

export function backoffMs(attempts: number): number {
  return Math.min(MAX_BACKOFF_MS, 1000 * 2 ** attempts);
}

export class WebhookDispatcher {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;

  constructor(private readonly db: Store) {}

  start(): void {
    this.stopped = false;
    this.schedule();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.tick().finally(() => this.schedule());
    }, POLL_MS);
    this.timer.unref?.();
  }

  private async tick(): Promise<void> {
    try {
      const due = await leaseDueDeliveries(this.db, 20, LEASE_MS);
      await Promise.all(due.map((delivery) => this.deliver(delivery)));
    } catch (error) {
      if (!this.stopped) console.error("[enclave] webhook dispatcher:", error instanceof Error ? error.message : error);
    }
  }

  private async deliver(delivery: DueDelivery): Promise<void> {
    let error: string;
    try {
      const response = await fetch(delivery.url, {
        method: "POST",
        headers: { "Content-Type": "application/json", "Enclave-Signature": signWebhookPayload(delivery.secret, delivery.payload), "User-Agent": "Enclave-Webhooks/1" },
        body: delivery.payload,
        redirect: "manual",
        signal: AbortSignal.timeout(ATTEMPT_TIMEOUT_MS),
      });
      await response.body?.cancel();
      if (response.status >= 200 && response.status < 300) {
        await recordDeliveryAttempt(this.db, delivery.id, { delivered: true });
        return;
      }
      error = `HTTP ${response.status}`;
    } catch (cause) {
      error = cause instanceof Error ? cause.message : String(cause);
    }
    const attempts = delivery.attempts + 1;
    const retryAt = attempts >= GIVE_UP_AFTER_ATTEMPTS ? null : new Date(Date.now() + backoffMs(delivery.attempts));
    await recordDeliveryAttempt(this.db, delivery.id, { delivered: false, error, retryAt });
  }
}
