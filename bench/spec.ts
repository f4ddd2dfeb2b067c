/**
 * What the benchmark pages share: the echo spec of our bridge (the frame implements
 * `echo`, the host implements nothing) and the globals the host page exposes to
 * bench/run.ts through playwright.
 */
import * as z from "zod/mini";
import type { SideSpec } from "../src/protocol/envelopes.js";

const EchoSchema = z.strictObject({ seq: z.number(), text: z.string().check(z.maxLength(200)) });
export type EchoPayload = z.infer<typeof EchoSchema>;

export const frameSpec = { methods: { echo: { params: EchoSchema, result: EchoSchema } }, events: {} } satisfies SideSpec;
export const hostSpec = { methods: {}, events: {} } satisfies SideSpec;

/** One implementation under test, as the host page sees it: a round trip to the frame. */
export type Caller = (payload: EchoPayload) => Promise<EchoPayload>;

/**
 * The implementations, in the order the host page loads them: the jitless one last,
 * since zod's config is global to the page (see zod-jitless.ts). The `investigate` ones
 * only run with BENCH_INVESTIGATE=1.
 */
export const implNames = ["enclave", "penpal", "raw-port", "enclave-discriminated", "enclave-unchecked", "enclave-jitless"] as const;
export type ImplName = (typeof implNames)[number];
export const investigateOnly: readonly ImplName[] = ["enclave-discriminated", "enclave-unchecked"];

export interface ThroughputResult {
  calls: number;
  ms: number;
}

export interface BenchApi {
  crossOriginIsolated: boolean;
  latency(impl: ImplName, warmup: number, calls: number): Promise<number[]>;
  throughput(impl: ImplName, concurrency: number, durationMs: number): Promise<ThroughputResult>;
}

export interface MicroResult {
  name: string;
  nsPerOp: number;
}

declare global {
  interface Window {
    __benchImpls?: Partial<Record<ImplName, Promise<Caller>>>;
    __bench?: BenchApi;
    __benchMicro?: () => Promise<MicroResult[]>;
  }
}

/** Adds one implementation's connection to the host page's registry. */
export function register(name: ImplName, caller: Promise<Caller>): void {
  (window.__benchImpls ??= {})[name] = caller;
}

/** The frame origin (host page) or the parent origin (frame), from the page's query. */
export function queryOrigin(key: "frame" | "parent"): string {
  const value = new URLSearchParams(location.search).get(key);
  if (!value) throw new Error(`missing ?${key}=`);
  return value;
}

/** A not-yet-attached iframe for one of the frame pages on the frame origin. */
export function benchFrame(page: string): HTMLIFrameElement {
  const iframe = document.createElement("iframe");
  iframe.title = page;
  iframe.width = "120";
  iframe.height = "40";
  iframe.src = `${queryOrigin("frame")}/${page}.html?parent=${encodeURIComponent(location.origin)}`;
  return iframe;
}
