/**
 * Investigation only (BENCH_INVESTIGATE=1): what our bridge would cost with its envelope
 * parsing changed, measured without touching src/. Each patch replaces `safeParse` on
 * this bundle's own copies of the per-kind envelope schemas, before the bridge connects.
 */
import * as z from "zod/mini";
import { portMessageSchemas } from "../src/protocol/envelopes.js";

const options = [
  portMessageSchemas.connected,
  portMessageSchemas.call,
  portMessageSchemas.result,
  portMessageSchemas.error,
  portMessageSchemas.event,
  portMessageSchemas.close,
] as const;

/** The envelopes as one plain union: zod tries each option in turn (what the bridge did first). */
export const PortMessageUnion = z.union(options);

/** The envelopes as zod's discriminated union on `kind`. */
export const DiscriminatedPortMessage = z.discriminatedUnion("kind", [...options]);

type Schema = (typeof options)[number];

function patchEach(safeParse: (data: unknown) => unknown): void {
  for (const schema of options as readonly Schema[]) (schema as { safeParse: unknown }).safeParse = safeParse;
}

/** Each kind parses through zod's discriminated union instead of its own schema. */
export function useDiscriminatedEnvelopes(): void {
  patchEach((data) => DiscriminatedPortMessage.safeParse(data));
}

/** Envelopes are not checked at all: the upper bound of what envelope parsing costs. */
export function skipEnvelopeChecks(): void {
  patchEach((data) => ({ success: true, data }));
}
