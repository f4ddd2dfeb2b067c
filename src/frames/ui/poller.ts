/**
 * The one way a frame polls the widget host: ask, wait, ask again, until the answer says
 * stop, the work's `AbortSignal` is aborted (the customer left the screen), or too many
 * calls in a row failed. A failure waits longer each time (a network blip, a restart);
 * one good answer resets the count. Identity's processing and hand-off and bank link's
 * OAuth status all use it.
 */
import { EnclaveError } from "../../protocol/errors.js";

/** Calls failing in a row before a poll gives up (about half a minute at the longest wait). */
export const maxPollFailures = 8;
/** The longest wait after a failure. */
export const maxPollBackoffMs = 5000;

export interface PollOptions<Answer> {
  /** Aborted when the answers are no longer wanted: nothing more is called after that. */
  signal: AbortSignal;
  /** Time before the first call and between two answered calls (ms). */
  intervalMs: number;
  /** One call to the widget host. */
  request: () => Promise<Answer>;
  /** Looks at an answer: true to keep polling. */
  onAnswer: (answer: Answer) => boolean;
  /** The poll stopped on an error: one that must not be retried, or the last of `maxFailures` in a row. */
  onGiveUp: (reason: EnclaveError) => void;
  /** Whether a failed call is worth another try; every failure by default. */
  retryable?: (reason: EnclaveError) => boolean;
  maxFailures?: number;
}

/** Aborted as soon as one of `signals` is (what `AbortSignal.any` does, which Safari before 17.4 lacks). */
export function anySignal(...signals: AbortSignal[]): AbortSignal {
  const combined = new AbortController();
  for (const signal of signals) {
    if (signal.aborted) {
      combined.abort();
      break;
    }
    signal.addEventListener("abort", () => combined.abort(), { once: true });
  }
  return combined.signal;
}

/** Starts polling; it ends on its own (see PollOptions), or when `signal` is aborted. */
export function poll<Answer>(options: PollOptions<Answer>): void {
  const { signal, intervalMs, request, onAnswer, onGiveUp } = options;
  const retryable = options.retryable ?? (() => true);
  const maxFailures = options.maxFailures ?? maxPollFailures;
  let failures = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  signal.addEventListener("abort", () => clearTimeout(timer), { once: true });

  const schedule = (delayMs: number): void => {
    if (signal.aborted) return;
    timer = setTimeout(() => void tick(), delayMs);
  };

  const tick = async (): Promise<void> => {
    timer = undefined;
    if (signal.aborted) return;
    let answer: Answer;
    try {
      answer = await request();
    } catch (error) {
      if (signal.aborted) return;
      const reason = EnclaveError.from(error);
      failures++;
      if (!retryable(reason) || failures >= maxFailures) {
        onGiveUp(reason);
        return;
      }
      schedule(Math.min(maxPollBackoffMs, intervalMs * 2 ** failures));
      return;
    }
    failures = 0;
    if (signal.aborted) return;
    if (onAnswer(answer)) schedule(intervalMs);
  };

  schedule(intervalMs);
}
