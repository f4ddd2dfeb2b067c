/**
 * Investigation only (BENCH_INVESTIGATE=1): what our bridge would cost with its envelope
 * parsing changed, measured without touching src/. Each patch replaces `safeParse` on
 * this bundle's own copy of PortMessageSchema, before the bridge connects.
 */
import * as z from "zod/mini";
import { PortMessageSchema } from "../src/protocol/envelopes.js";

/**
 * The very options of src/protocol/envelopes.ts's PortMessageSchema (so it stays in step
 * with that file), as a discriminated union on `kind`: zod looks up the one option for
 * the message's kind instead of trying each option in turn until one parses.
 */
export const DiscriminatedPortMessage = z.discriminatedUnion("kind", PortMessageSchema.def.options);

type SafeParse = typeof PortMessageSchema.safeParse;

/** PortMessageSchema parses as a discriminated union: one option tried instead of up to six. */
export function useDiscriminatedEnvelopes(): void {
  PortMessageSchema.safeParse = ((data, params) => DiscriminatedPortMessage.safeParse(data, params)) as SafeParse;
}

/** Envelopes are not checked at all: the upper bound of what envelope parsing costs. */
export function skipEnvelopeChecks(): void {
  PortMessageSchema.safeParse = ((data: unknown) => ({ success: true, data })) as SafeParse;
}
