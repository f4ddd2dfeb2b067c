/**
 * What a frame offers over the bridge: the methods a host element may call (with their
 * params and results) and the events it announces. Frames import this whole file; the
 * host side imports only host-spec.ts, to keep the loader small.
 */
import * as z from "zod/mini";
import { clientToken, empty, frameEvents, frameResults } from "./host-spec.js";
import type { SideSpec } from "./envelopes.js";

export * from "./envelopes.js";
export { hostSpec, type HostSpec } from "./host-spec.js";

// ---- what each side offers -------------------------------------------------------

const publishableKey = z.string().check(z.regex(/^pk_(test|live)_[A-Za-z0-9]{8,100}$/));
const locale = z.string().check(z.regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/));

export const InitParamsSchema = z.strictObject({
  clientToken,
  publishableKey,
  locale,
  /** Checked by the frame with parseAppearance(), so a bad value gets its own error code. */
  appearance: z.optional(z.unknown()),
});
export type InitParams = z.infer<typeof InitParamsSchema>;

export const ConfigureParamsSchema = z.strictObject({
  locale: z.optional(locale),
  appearance: z.optional(z.unknown()),
});

/** What a frame implements and announces: the host element calls and listens to these. */
export const frameSpec = {
  methods: {
    init: { params: InitParamsSchema, result: frameResults.init },
    configure: { params: ConfigureParamsSchema, result: frameResults.configure },
    submit: { params: empty, result: frameResults.submit },
    clear: { params: empty, result: frameResults.clear },
    focus: { params: empty, result: frameResults.focus },
    requestExit: { params: empty, result: frameResults.requestExit },
  },
  events: frameEvents,
} satisfies SideSpec;

export type FrameSpec = typeof frameSpec;
