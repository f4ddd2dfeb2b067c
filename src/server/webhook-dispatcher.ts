/**
 * Sends queued webhook deliveries, signed as the contract says:
 * `Enclave-Signature: t=<unix>,v1=<hex hmac-sha256(secret, t + "." + body)>`; for 24 hours
 * after a rotation a second `v1=` (the previous secret) follows the new one.
 * A delivery that does not get a 2xx is retried with exponential backoff (1 s, 2 s, 4 s …
 * capped at an hour) for three days. Deliveries live in the store, so a restart resumes them.
 *
 * At most `concurrency` attempts are in flight; each poll leases only as many due rows as
 * there are free slots (FOR UPDATE SKIP LOCKED, so several hosts never send one delivery
 * at once), so a receiver that never answers holds one slot until its timeout and never
 * the others. Each attempt goes through the SSRF guard (src/server/webhooks/deliver.ts).
 */
import { hmacSha256 } from "./ids.js";
import { errorFields, log } from "./observability/log.js";
import type { SealingKey } from "./identity/sealing.js";
import type { Store } from "./store/database.js";
import { leaseDueDeliveries, recordDeliveryAttempt, releaseDelivery, type DueDelivery } from "./store/webhooks.js";
import { attemptDelivery, type AttemptOutcome } from "./webhooks/deliver.js";
import { openWebhookSecret } from "./webhooks/secrets.js";
import type { WebhookTargetGuard } from "./webhooks/ssrf-guard.js";

const POLL_MS = 250;
const MAX_BACKOFF_MS = 3_600_000;
const GIVE_UP_AFTER_ATTEMPTS = 80; // about three days at the capped backoff
export const DEFAULT_WEBHOOK_TIMEOUT_MS = 10_000;
export const DEFAULT_WEBHOOK_CONCURRENCY = 16;

/** `t=…,v1=…[,v1=…]`: one `v1` per secret, the current one first. */
export function signWebhookPayload(secrets: string | readonly string[], payload: string, timestamp = Math.floor(Date.now() / 1000)): string {
  const list = typeof secrets === "string" ? [secrets] : secrets;
  return [`t=${timestamp}`, ...list.map((secret) => `v1=${hmacSha256(secret, `${timestamp}.${payload}`)}`)].join(",");
}

export function backoffMs(attempts: number): number {
  return Math.min(MAX_BACKOFF_MS, 1000 * 2 ** attempts);
}

export interface DispatcherOptions {
  key: SealingKey;
  guard: WebhookTargetGuard;
  /** The deadline of one attempt: connection, request and response headers. */
  timeoutMs?: number;
  /** Attempts in flight at once in this process. */
  concurrency?: number;
  /** Told of every finished attempt (metrics); not of one cut short by stop(). */
  onAttempt?: (delivered: boolean) => void;
}

export class WebhookDispatcher {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;
  private aborter = new AbortController();
  private readonly inFlight = new Set<Promise<void>>();
  private readonly timeoutMs: number;
  private readonly concurrency: number;
  /** Long enough that a lease outlives its attempt (name resolution, the attempt, the record). */
  private readonly leaseMs: number;

  constructor(
    private readonly db: Store,
    private readonly options: DispatcherOptions,
  ) {
    this.timeoutMs = options.timeoutMs ?? DEFAULT_WEBHOOK_TIMEOUT_MS;
    this.concurrency = options.concurrency ?? DEFAULT_WEBHOOK_CONCURRENCY;
    this.leaseMs = this.timeoutMs + 30_000;
  }

  start(): void {
    this.stopped = false;
    this.aborter = new AbortController();
    this.schedule();
  }

  /** Attempts in flight in this process now. */
  get inFlightCount(): number {
    return this.inFlight.size;
  }

  /**
   * Stops leasing, lets the attempts in flight finish for up to `graceMs`, then cuts short
   * what is still running: those deliveries are released, due again at once for the next
   * start (here or on another host). A finished attempt is recorded as usual, so a
   * delivery the receiver accepted during the grace is never sent again. Resolves to the
   * number of attempts cut short.
   */
  async stop(graceMs = 0): Promise<number> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
    if (graceMs > 0 && this.inFlight.size > 0) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([Promise.all([...this.inFlight]), new Promise<void>((resolve) => (timer = setTimeout(resolve, graceMs)))]);
      clearTimeout(timer);
    }
    const cut = this.inFlight.size;
    this.aborter.abort();
    await Promise.all([...this.inFlight]);
    return cut;
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.tick().finally(() => this.schedule());
    }, POLL_MS);
    this.timer.unref?.();
  }

  private async tick(): Promise<void> {
    const free = this.concurrency - this.inFlight.size;
    if (free <= 0) return;
    try {
      const due = await leaseDueDeliveries(this.db, free, this.leaseMs);
      for (const delivery of due) {
        const attempt = this.deliver(delivery)
          .catch((error: unknown) => {
            if (!this.stopped) log.error("webhook delivery", errorFields(error));
          })
          .finally(() => this.inFlight.delete(attempt));
        this.inFlight.add(attempt);
      }
    } catch (error) {
      if (!this.stopped) log.error("webhook dispatcher", errorFields(error));
    }
  }

  private async deliver(delivery: DueDelivery): Promise<void> {
    const signal = this.aborter.signal;
    let outcome: AttemptOutcome;
    try {
      const secrets = [delivery.secretSealed, delivery.previousSecretSealed]
        .filter((sealed): sealed is Uint8Array => sealed !== null)
        .map((sealed) => openWebhookSecret(this.options.key, delivery.endpointId, sealed));
      if (secrets.length === 0) throw new Error("the endpoint has no signing secret");
      outcome = await attemptDelivery(
        {
          url: delivery.url,
          body: delivery.payload,
          headers: { "Content-Type": "application/json", "Enclave-Signature": signWebhookPayload(secrets, delivery.payload), "User-Agent": "Enclave-Webhooks/1" },
        },
        { guard: this.options.guard, timeoutMs: this.timeoutMs, signal },
      );
    } catch (cause) {
      outcome = { delivered: false, error: cause instanceof Error ? cause.message : String(cause) };
    }
    if (outcome.delivered) {
      this.options.onAttempt?.(true);
      await recordDeliveryAttempt(this.db, delivery.id, { delivered: true });
      return;
    }
    if (signal.aborted) {
      await releaseDelivery(this.db, delivery.id);
      return;
    }
    this.options.onAttempt?.(false);
    const attempts = delivery.attempts + 1;
    const retryAt = attempts >= GIVE_UP_AFTER_ATTEMPTS ? null : new Date(Date.now() + backoffMs(delivery.attempts));
    await recordDeliveryAttempt(this.db, delivery.id, { delivered: false, error: outcome.error, retryAt });
  }
}
