/**
 * What each flow's frame offers over the bridge: the methods a host element may call
 * (with their params and results) and the events it announces. One spec per flow, so a
 * frame handles exactly its flow's methods: checkout has `submit` (answering the payment
 * intent), bank link and identity have `requestExit` and no `submit`. Frames import this
 * whole file; the host side imports only host-spec.ts, to keep the loader small.
 */
import * as z from "zod/mini";
import { ChallengeEventSchema, empty, everyFlowsEvents, flowEvents, frameResults, OpenChallengeParamsSchema } from "./host-spec.js";
import type { SideSpec } from "./envelopes.js";
import type { Flow } from "./events.js";

export * from "./envelopes.js";
export type { CheckoutSubmitResult } from "./host-spec.js";

// ---- what each side offers -------------------------------------------------------

const clientToken = z.string().check(z.minLength(19), z.maxLength(203), z.startsWith("ct_"));

/**
 * What a host element implements for its frame (the host runs only host-spec.ts `hostChecks` of it).
 * `openChallenge` / `closeChallenge` and the `challenge` event are checkout's: its element shows
 * the bank's 3-D Secure page full-page and says when that page loaded or the customer gave it up;
 * the other elements answer them `method_not_found`. The frame learns the outcome from its server.
 */
export const hostSpec = {
  methods: {
    refreshClientToken: { params: empty, result: z.strictObject({ clientToken }) },
    openChallenge: { params: OpenChallengeParamsSchema, result: empty },
    closeChallenge: { params: empty, result: empty },
  },
  events: { challenge: ChallengeEventSchema },
} satisfies SideSpec;

export type HostSpec = typeof hostSpec;

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
export type ConfigureParams = z.infer<typeof ConfigureParamsSchema>;

/** The methods every flow's frame implements (frame-shell.ts and the controllers). */
const everyFlowsMethods = {
  init: { params: InitParamsSchema, result: frameResults.init },
  configure: { params: ConfigureParamsSchema, result: frameResults.configure },
  clear: { params: empty, result: frameResults.clear },
  focus: { params: empty, result: frameResults.focus },
};

/** The card form: the page's own Pay button calls `submit`; `refresh` shows a total the merchant changed. */
export const checkoutFrameSpec = {
  methods: { ...everyFlowsMethods, submit: { params: empty, result: frameResults.submit }, refresh: { params: empty, result: frameResults.refresh } },
  events: flowEvents.checkout,
} satisfies SideSpec;

/** Bank link: the customer completes it inside the frame; the page may only ask to leave. */
export const bankLinkFrameSpec = {
  methods: { ...everyFlowsMethods, requestExit: { params: empty, result: frameResults.requestExit } },
  events: flowEvents["bank-link"],
} satisfies SideSpec;

/** Identity: like bank link, completed inside the frame. */
export const identityFrameSpec = {
  methods: { ...everyFlowsMethods, requestExit: { params: empty, result: frameResults.requestExit } },
  events: flowEvents.identity,
} satisfies SideSpec;

/** Each flow's frame spec, by flow name. */
export const frameSpecs = {
  checkout: checkoutFrameSpec,
  "bank-link": bankLinkFrameSpec,
  identity: identityFrameSpec,
} satisfies Record<Flow, SideSpec>;

export type CheckoutFrameSpec = typeof checkoutFrameSpec;
export type BankLinkFrameSpec = typeof bankLinkFrameSpec;
export type IdentityFrameSpec = typeof identityFrameSpec;
export type FrameSpecOf<F extends Flow> = (typeof frameSpecs)[F];
/** What every flow's frame has in common: frame-shell.ts handles these for all three. */
export type EveryFlowFrameSpec = { methods: typeof everyFlowsMethods; events: typeof everyFlowsEvents };
/** Any flow's frame spec. */
export type FrameSpec = FrameSpecOf<Flow>;
