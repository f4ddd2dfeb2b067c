/**
 * Entry: the benchmark harness on the host page, loaded after the host-* bundles. It
 * waits for every implementation to connect and exposes `window.__bench` to run.ts.
 */
import { type BenchApi, type Caller, type EchoPayload, type ImplName } from "./spec.js";

const text = "hello from the host page";

async function caller(impl: ImplName): Promise<Caller> {
  const pending = window.__benchImpls?.[impl];
  if (!pending) throw new Error(`${impl} is not loaded`);
  return pending;
}

function check(sent: EchoPayload, received: EchoPayload): void {
  if (received.seq !== sent.seq || received.text !== sent.text) throw new Error(`echo mismatch: ${JSON.stringify(received)}`);
}

const api: BenchApi = {
  crossOriginIsolated,

  async latency(impl, warmup, calls) {
    const call = await caller(impl);
    for (let seq = 0; seq < warmup; seq++) {
      const payload = { seq, text };
      check(payload, await call(payload));
    }
    const samples: number[] = [];
    for (let seq = 0; seq < calls; seq++) {
      const payload = { seq, text };
      const start = performance.now();
      const echoed = await call(payload);
      samples.push(performance.now() - start);
      check(payload, echoed);
    }
    return samples;
  },

  async throughput(impl, concurrency, durationMs) {
    const call = await caller(impl);
    let done = 0;
    let seq = 0;
    const start = performance.now();
    const deadline = start + durationMs;
    const lane = async (): Promise<void> => {
      while (performance.now() < deadline) {
        const payload = { seq: seq++, text };
        check(payload, await call(payload));
        done++;
      }
    };
    await Promise.all(Array.from({ length: concurrency }, lane));
    return { calls: done, ms: performance.now() - start };
  },
};

// Every host-* bundle registered its connection when it ran, before this one.
await Promise.all(Object.values(window.__benchImpls ?? {}));
window.__bench = api;
