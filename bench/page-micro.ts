/**
 * Entry: per-message CPU costs on one main thread, to explain the round-trip numbers
 * (its own page, so zod's global config is untouched by the jitless bundles). One round
 * trip of our bridge parses two envelopes with parsePortMessage (call in the frame,
 * result on the host; the plain union is kept here for comparison) and the echo schema twice (params, result), and arms/clears one timeout; penpal
 * makes one crypto.randomUUID() per call and validates nothing.
 */
import { parsePortMessage } from "../src/protocol/envelopes.js";
import { DiscriminatedPortMessage, PortMessageUnion as PortMessageSchema } from "./envelope-patches.js";
import { frameSpec, type MicroResult } from "./spec.js";

const text = "hello from the host page";
const call = { enclave: 1, kind: "call", id: 1234, method: "echo", params: { seq: 1234, text } };
const result = { enclave: 1, kind: "result", id: 1234, value: { seq: 1234, text } };
const event = { enclave: 1, kind: "event", name: "change", detail: { complete: false, empty: false, brand: "visa" } };
const penpalCall = { namespace: "penpal", channel: undefined, type: "CALL", id: crypto.randomUUID(), methodPath: ["echo"], args: [{ seq: 1234, text }] };
const echo = frameSpec.methods.echo.params;

const jitless = { jitless: true } as const;

const cases: [string, () => unknown][] = [
  ["parsePortMessage (shipped): call envelope", () => parsePortMessage(call) !== undefined],
  ["parsePortMessage (shipped): result envelope", () => parsePortMessage(result) !== undefined],
  ["parsePortMessage (shipped): event envelope", () => parsePortMessage(event) !== undefined],
  ["plain union: call envelope", () => PortMessageSchema.safeParse(call).success],
  ["discriminatedUnion: call envelope", () => DiscriminatedPortMessage.safeParse(call).success],
  ["plain union: result envelope", () => PortMessageSchema.safeParse(result).success],
  ["plain union: result envelope, jitless", () => PortMessageSchema.safeParse(result, jitless).success],
  ["discriminatedUnion: result envelope", () => DiscriminatedPortMessage.safeParse(result).success],
  ["discriminatedUnion: result envelope, jitless", () => DiscriminatedPortMessage.safeParse(result, jitless).success],
  ["plain union: event envelope", () => PortMessageSchema.safeParse(event).success],
  ["discriminatedUnion: event envelope", () => DiscriminatedPortMessage.safeParse(event).success],
  ["echo spec schema (params or result)", () => echo.safeParse(call.params).success],
  ["echo spec schema, jitless", () => echo.safeParse(call.params, jitless).success],
  ["setTimeout + clearTimeout (per call)", () => clearTimeout(setTimeout(() => undefined, 10_000))],
  ["crypto.randomUUID (penpal, per call)", () => crypto.randomUUID()],
  ["structuredClone: our call envelope", () => structuredClone(call)],
  ["structuredClone: penpal call message", () => structuredClone(penpalCall)],
];

function time(run: () => unknown, iterations: number): number {
  let sink = 0;
  const start = performance.now();
  for (let i = 0; i < iterations; i++) if (run()) sink++;
  const elapsed = performance.now() - start;
  if (sink < 0) console.log(sink);
  return (elapsed * 1e6) / iterations;
}

window.__benchMicro = async () => {
  const results: MicroResult[] = [];
  for (const [name, run] of cases) {
    time(run, 20_000); // warm up and let the JIT settle
    let best = Infinity;
    for (let repeat = 0; repeat < 5; repeat++) {
      best = Math.min(best, time(run, 50_000));
      await new Promise((resolve) => setTimeout(resolve, 0)); // let timers that piled up run
    }
    results.push({ name, nsPerOp: best });
  }
  return results;
};
