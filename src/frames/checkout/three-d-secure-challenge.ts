/**
 * What wakes the checkout's 3-D Secure loop: the host's challenge page loaded, the customer
 * gave it up (Escape), or the poll timer ran out (a fallback when no page load said so).
 * A load or an abandon seen while the loop was busy is kept for its next wait, and an
 * abandon outranks a load not looked at yet.
 */

/** How often the frame asks where the challenge stands when no page load said so. */
export const challengePollMs = 2000;

export type ChallengeSignal = "load" | "abandon" | "tick";

export class ChallengeSignals {
  private waiter: ((signal: ChallengeSignal) => void) | undefined;
  private pending: ChallengeSignal | undefined;

  constructor(private readonly pollMs: number = challengePollMs) {}

  /** The next thing that happened to the challenge. */
  next(): Promise<ChallengeSignal> {
    const pending = this.pending;
    if (pending) {
      this.pending = undefined;
      return Promise.resolve(pending);
    }
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiter = undefined;
        resolve("tick");
      }, this.pollMs);
      this.waiter = (signal) => {
        clearTimeout(timer);
        this.waiter = undefined;
        resolve(signal);
      };
    });
  }

  /** Something happened: wakes the waiting loop, or is kept for its next wait. */
  signal(signal: ChallengeSignal): void {
    if (this.waiter) this.waiter(signal);
    else if (this.pending !== "abandon") this.pending = signal;
  }

  /** Forgets what was kept (a challenge starts or ends). */
  reset(): void {
    this.waiter = undefined;
    this.pending = undefined;
  }
}
