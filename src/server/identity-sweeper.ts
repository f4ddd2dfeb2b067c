/**
 * The identity sweeper: the widget host's background work for identity verification, run
 * once at start and then every half second (an unref'd timer, like the webhook dispatcher).
 *
 * - Verification: a submitted session carries `verify_after` in the store; the sweep that
 *   finds it due runs the sandbox verifier under the session's row lock. Nothing lives in
 *   memory, so a restart (or another process on the same PostgreSQL) picks it up.
 * - Retention: images older than ENCLAVE_IDENTITY_RETENTION_SECONDS are deleted, and
 *   sessions whose personal data is that old are redacted (src/server/store/identity.ts).
 */
import type { SealingKey } from "./identity/sealing.js";
import { sandboxVerify } from "./sandbox/identity-verifier.js";
import type { Store } from "./store/database.js";
import { enforceRetention, verifyDueSessions } from "./store/identity.js";
import { errorFields, log } from "./observability/log.js";

const POLL_MS = 500;

export class IdentitySweeper {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;

  constructor(
    private readonly db: Store,
    private readonly key: SealingKey,
    private readonly retentionSeconds: number,
  ) {}

  start(): void {
    this.stopped = false;
    this.running = this.tick().finally(() => this.schedule());
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

  /** One sweep: due verifications, then retention. Failures are logged and tried again next time. */
  async tick(): Promise<void> {
    try {
      await verifyDueSessions(this.db, (session, files) => {
        const decision = sandboxVerify(session, files, this.key);
        if (decision.outcome !== "retry_later") return decision;
        log.error(`identity verification: ${decision.problem}; set the same ENCLAVE_IDENTITY_KEY on every widget host of this store.`);
        return { outcome: "retry_later" };
      });
    } catch (error) {
      if (!this.stopped) log.error("identity verification", errorFields(error));
    }
    try {
      await enforceRetention(this.db, this.retentionSeconds);
    } catch (error) {
      if (!this.stopped) log.error("identity retention", errorFields(error));
    }
  }
}
