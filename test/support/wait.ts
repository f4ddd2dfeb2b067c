/**
 * The one wait helper of the test kit: poll a check until it holds, or fail with what was
 * awaited. Plain timers only (no Node or DOM import), so node suites and browser suites can
 * share it. Sleep only where a test must let real time pass (a token's lifetime, a lease);
 * to wait for something to happen, use `waitFor`, which stops as soon as it has.
 */

/** Resolves after `ms` milliseconds. */
export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Calls `check` every `intervalMs` until it returns something truthy, and resolves with that;
 * rejects with "timed out after … waiting for <what>" once `timeoutMs` has passed (`what` may
 * be a function, asked then, to say what was there instead). An error `check` throws ends
 * the wait at once, with that error.
 */
export async function waitFor<T>(
  check: () => T | undefined | null | false | Promise<T | undefined | null | false>,
  timeoutMs: number,
  what: string | (() => string),
  intervalMs = 50,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${typeof what === "string" ? what : what()}`);
    await sleep(intervalMs);
  }
}
