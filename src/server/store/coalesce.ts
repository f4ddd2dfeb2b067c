/**
 * Coalesces one host's identical reads: `run(key, read)` shares a call of `read` among the
 * callers that arrive while it is not yet started. A caller never gets the answer of a
 * statement that began before it arrived: while one read of `key` is in flight, later
 * callers wait for the next one, which starts when it ends. So the answer is as fresh as
 * the caller's own read would have been, and a burst of N identical reads costs about
 * two round trips instead of N, whatever N.
 *
 * For the merchant API's authentication (src/server/http/merchant-auth.ts): every request
 * of a merchant reads the same key and the same address's row, and each round trip on a
 * busy machine waits for the scheduler twice (bench/http.ts).
 */
export class Coalescer<T> {
  private readonly waiting = new Map<string, { resolve(value: T): void; reject(error: unknown): void }[]>();
  private readonly running = new Set<string>();

  constructor(private readonly maxKeys = 10_000) {}

  run(key: string, read: () => Promise<T>): Promise<T> {
    // Past maxKeys distinct keys in flight (many keys, few callers each), read alone.
    if (!this.waiting.has(key) && this.waiting.size >= this.maxKeys) return read();
    return new Promise<T>((resolve, reject) => {
      const queue = this.waiting.get(key);
      if (queue) queue.push({ resolve, reject });
      else this.waiting.set(key, [{ resolve, reject }]);
      if (!this.running.has(key)) void this.drain(key, read);
    });
  }

  private async drain(key: string, read: () => Promise<T>): Promise<void> {
    this.running.add(key);
    try {
      for (;;) {
        const callers = this.waiting.get(key);
        if (!callers || callers.length === 0) break;
        this.waiting.set(key, []);
        try {
          const value = await read();
          for (const caller of callers) caller.resolve(value);
        } catch (error) {
          for (const caller of callers) caller.reject(error);
        }
      }
    } finally {
      this.waiting.delete(key);
      this.running.delete(key);
    }
  }
}
