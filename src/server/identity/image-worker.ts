/**
 * One thread of the host's image pool (image-pool.ts): takes `{ id, bytes, side }`, runs
 * every check of image-checks.ts (decoding included) and answers `{ id, image }` or
 * `{ id, refusal }`. Runs under the `resourceLimits` the pool sets, so an image that needs
 * more memory than a photo should ends this thread, not the host.
 *
 * Built as its own entry (dist/node/image-worker.js, see vite.config.ts); from source the
 * pool loads it through tsx.
 */
import { parentPort } from "node:worker_threads";
import { checkImage, ImageRefusal } from "./image-checks.js";
import type { ImageJob, ImageJobAnswer } from "./image-pool-messages.js";

const port = parentPort;
if (!port) throw new Error("image-worker.ts runs as a worker thread of the image pool only.");

port.on("message", (job: ImageJob) => {
  let answer: ImageJobAnswer;
  try {
    const bytes = Buffer.from(job.bytes.buffer, job.bytes.byteOffset, job.bytes.byteLength);
    answer = { id: job.id, image: checkImage(bytes, job.side) };
  } catch (error) {
    answer =
      error instanceof ImageRefusal
        ? { id: job.id, refusal: { status: error.status, code: error.code, message: error.message } }
        : { id: job.id, failure: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
  port.postMessage(answer);
});
