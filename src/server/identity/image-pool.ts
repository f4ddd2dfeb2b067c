/**
 * The host's pool of image threads: every decode of an uploaded photo runs here, never on
 * the event loop, so one customer's 24-megapixel photo (or a hostile one) cannot stall
 * everyone else's requests.
 *
 *   check(bytes, side)
 *     1. header checks on the event loop (precheckImage: type, declared size, pixel
 *        budget) — a bomb's header is refused before anything is queued or inflated;
 *     2. a free thread takes the job, or it waits in a bounded queue; a full queue answers
 *        at once with ServerBusy (the route sends 503 server_busy with Retry-After);
 *     3. the thread decodes and measures (image-worker.ts) under `resourceLimits`, within
 *        `timeoutMs`.
 *
 * Memory, not only CPU, is what a bomb attacks, and the pure-JS decoders are greedy
 * (jpeg-js keeps an Int32Array per 8 × 8 block: a 16 MP JPEG needs ~150 MB of heap and
 * ~550 MB in all). So besides `workers`, the pixels being decoded at once are bounded by
 * the pixel budget (UPLOAD_LIMITS.maxMegapixels): many photos of the size the frame sends
 * (≤ 4 MP) run side by side, one at the budget runs alone — the host grows by one large
 * decode at most, however many arrive. Threads are kept, not retired after a large job:
 * a fresh thread allocates afresh while glibc keeps the old one's arenas (measured: four
 * 16 MP JPEGs one after another grew the host by 1.2 GB with retirement, 0.55 GB without).
 *
 * A thread that dies (over its heap limit, or a bug) is dropped and its job answered: an
 * image that ran out of memory is refused as unreadable (415), anything else is a 500.
 * A thread past its time is terminated and its job answered 503 server_busy. The next
 * job gets a fresh thread. One thread starts when the first identity session is created
 * (warm: a host that never checks a photo does not carry one, ~23 MiB), the others on
 * demand, up to `workers`; they stay.
 */
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { ErrorCode } from "../../protocol/errors.js";
import { UPLOAD_LIMITS, type ImageSide } from "../../protocol/identity-api.js";
import { ImageRefusal, precheckImage, type AcceptedImage } from "./image-checks.js";
import type { ImageJob, ImageJobAnswer } from "./image-pool-messages.js";
import { log } from "../observability/log.js";

export interface ImagePoolOptions {
  /** Threads at most (ENCLAVE_IMAGE_WORKERS; the machine's cores by default). */
  workers: number;
  /** Jobs that may wait for a thread (ENCLAVE_IMAGE_QUEUE; twice the threads by default). */
  queue: number;
  /** How long one decode may run (ENCLAVE_IMAGE_TIMEOUT_MS). */
  timeoutMs: number;
  /** Each thread's V8 heap limit in MB (ENCLAVE_IMAGE_WORKER_HEAP_MB). */
  heapMb: number;
}

export const defaultImagePoolOptions = (): ImagePoolOptions => {
  const workers = availableParallelism();
  // 192 MB of heap: what a JPEG at the pixel budget needs in jpeg-js (~150 MB), with room.
  return { workers, queue: 2 * workers, timeoutMs: 30_000, heapMb: 192 };
};

/** The queue is full, or a decode ran out of time: try again after `retryAfterSeconds`. */
export class ServerBusy extends Error {
  override name = "ServerBusy";
  constructor(
    readonly retryAfterSeconds: number,
    message = "Too many photos are being checked right now. Try again in a few seconds.",
  ) {
    super(message);
  }
}

const BUDGET_PIXELS = UPLOAD_LIMITS.maxMegapixels * 1_000_000;

interface Pending {
  job: ImageJob;
  /** Declared by the header (checked against the budget before queueing). */
  pixels: number;
  resolve(image: AcceptedImage): void;
  reject(error: Error): void;
}

interface Thread {
  worker: Worker;
  running?: { pending: Pending; timer: NodeJS.Timeout; started: number; timedOut: boolean; error?: NodeJS.ErrnoException };
}

/**
 * How the pool starts a thread. From the build it is dist/node/image-worker.js beside this
 * code; from source (tsx) the .ts file, which a worker can only load once tsx's loader is
 * registered inside it: a worker started with `--import tsx` in its execArgv still loads
 * its main module before that loader is in place (Node 20), so a two-line bootstrap
 * registers tsx's ESM API first, then imports the worker.
 */
function startWorker(options: ImagePoolOptions): Worker {
  const resourceLimits = { maxOldGenerationSizeMb: options.heapMb, maxYoungGenerationSizeMb: Math.min(16, Math.max(1, Math.floor(options.heapMb / 4))) };
  if (!import.meta.url.endsWith(".ts")) return new Worker(new URL("./image-worker.js", import.meta.url), { execArgv: [], resourceLimits });
  const entry = new URL("./image-worker.ts", import.meta.url).href;
  const tsx = import.meta.resolve("tsx/esm/api");
  const bootstrap = `import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(bootstrap, { eval: true, execArgv: [], resourceLimits });
}

export class ImagePool {
  readonly #options: ImagePoolOptions;
  readonly #threads = new Set<Thread>();
  readonly #waiting: Pending[] = [];
  #nextId = 1;
  #closed = false;
  #pixelsInFlight = 0;
  /** A running average of decode times, for Retry-After. */
  #averageMs = 1000;

  constructor(options: ImagePoolOptions) {
    this.#options = options;
  }

  /** Every check of image-checks.ts, the decoding in a thread; throws ImageRefusal or ServerBusy. */
  async check(bytes: Buffer, side: ImageSide): Promise<AcceptedImage> {
    const header = precheckImage(bytes, side);
    if (this.#closed) throw new ServerBusy(5, "This server is shutting down. Try again in a few seconds.");
    return new Promise<AcceptedImage>((resolve, reject) => {
      // A copy: the route keeps its bytes to seal them, and a worker's heap is its own.
      const pending: Pending = { job: { id: this.#nextId++, bytes: new Uint8Array(bytes), side }, pixels: header.width * header.height, resolve, reject };
      this.#waiting.push(pending);
      this.#pump();
      if (this.#waiting.length > this.#options.queue && this.#waiting.at(-1) === pending) {
        this.#waiting.pop();
        reject(new ServerBusy(this.#retryAfterSeconds()));
      }
    });
  }

  /** Starts one thread ahead of the first photo (from source, a thread's start costs a second or more). */
  warm(): void {
    if (!this.#closed && this.#threads.size === 0) this.#spawn();
  }

  /** Threads running and jobs waiting, for tests and diagnostics. */
  get stats(): { threads: number; busy: number; waiting: number } {
    let busy = 0;
    for (const thread of this.#threads) if (thread.running) busy++;
    return { threads: this.#threads.size, busy, waiting: this.#waiting.length };
  }

  /** Stops every thread; waiting and running jobs are answered ServerBusy. */
  async close(): Promise<void> {
    this.#closed = true;
    for (const pending of this.#waiting.splice(0)) pending.reject(new ServerBusy(5, "This server is shutting down. Try again in a few seconds."));
    await Promise.all([...this.#threads].map((thread) => thread.worker.terminate()));
  }

  #idleThread(): Thread | undefined {
    for (const thread of this.#threads) if (!thread.running) return thread;
    return undefined;
  }

  #retryAfterSeconds(): number {
    const rounds = Math.ceil((this.#waiting.length + 1) / Math.max(1, this.#options.workers));
    return Math.max(1, Math.min(60, Math.ceil((rounds * this.#averageMs) / 1000)));
  }

  #pump(): void {
    while (this.#waiting.length > 0 && !this.#closed) {
      const next = this.#waiting[0];
      // First come, first served: a large photo waits for room rather than be overtaken for ever.
      if (!next || (this.#pixelsInFlight > 0 && this.#pixelsInFlight + next.pixels > BUDGET_PIXELS)) return;
      const thread = this.#idleThread() ?? (this.#threads.size < this.#options.workers ? this.#spawn() : undefined);
      if (!thread) return;
      const pending = this.#waiting.shift();
      if (!pending) return;
      this.#pixelsInFlight += pending.pixels;
      const timer = setTimeout(() => {
        if (!thread.running) return;
        thread.running.timedOut = true;
        void thread.worker.terminate();
      }, this.#options.timeoutMs);
      thread.running = { pending, timer, started: Date.now(), timedOut: false };
      thread.worker.postMessage(pending.job, [pending.job.bytes.buffer]);
    }
  }

  #spawn(): Thread {
    const thread: Thread = { worker: startWorker(this.#options) };
    this.#threads.add(thread);
    thread.worker.on("message", (answer: ImageJobAnswer) => {
      const running = thread.running;
      if (!running || running.pending.job.id !== answer.id) return;
      clearTimeout(running.timer);
      thread.running = undefined;
      this.#pixelsInFlight -= running.pending.pixels;
      this.#averageMs = 0.8 * this.#averageMs + 0.2 * (Date.now() - running.started);
      if ("image" in answer) running.pending.resolve(answer.image);
      else if ("refusal" in answer) running.pending.reject(new ImageRefusal(answer.refusal.status, answer.refusal.code, answer.refusal.message));
      else running.pending.reject(new Error(`image check failed in its worker: ${answer.failure}`));
      this.#pump();
    });
    // An 'error' comes before the 'exit' of a thread that died of it (ERR_WORKER_OUT_OF_MEMORY, a throw).
    thread.worker.on("error", (error) => {
      if (thread.running) thread.running.error = error;
    });
    thread.worker.on("exit", () => {
      this.#threads.delete(thread);
      const running = thread.running;
      thread.running = undefined;
      if (running) {
        clearTimeout(running.timer);
        this.#pixelsInFlight -= running.pending.pixels;
        running.pending.reject(this.#deathOf(running));
      }
      this.#pump();
    });
    // The pool never keeps a process alive by itself (`enclave keys`, a host being closed).
    thread.worker.unref();
    return thread;
  }

  /** What a job's answer is when its thread died under it. */
  #deathOf(running: NonNullable<Thread["running"]>): Error {
    if (this.#closed) return new ServerBusy(5, "This server is shutting down. Try again in a few seconds.");
    if (running.timedOut) return new ServerBusy(this.#retryAfterSeconds(), "This photo took too long to check. Try again in a few seconds, or send a smaller photo.");
    const code = running.error?.code;
    if (code === "ERR_WORKER_OUT_OF_MEMORY") {
      log.warn("an image check ran out of memory; its thread was replaced.");
      return new ImageRefusal(
        415,
        ErrorCode.unsupportedFileType,
        "This image could not be read: it needs more memory to check than a photo should. Send another JPEG or PNG photo.",
      );
    }
    return new Error(`an image check's thread stopped: ${running.error?.stack ?? "without an error"}`);
  }
}
