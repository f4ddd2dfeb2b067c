/**
 * The schemas the host side runs, and nothing more: of its own spec (bridge.ts
 * `hostSpec`) the params its frame sends, and of each flow's frame spec the results of
 * the frame's methods and the details of its events. What the other side checks on
 * arrival (the params the host sends, the results it answers) stays out of the loader;
 * both are still type-checked against the full specs in bridge.ts.
 */
import * as z from "zod/mini";
import type { FrameSpecOf, HostSpec } from "./bridge.js";
import type { LocalChecks, RemoteChecks } from "./envelopes.js";
import {
  ChangeDetailSchema,
  BankLinkSuccessDetailSchema,
  CheckoutSuccessDetailSchema,
  ErrorDetailSchema,
  ExitDetailSchema,
  IdentitySuccessDetailSchema,
  ProgressDetailSchema,
  ReadyDetailSchema,
  SuccessDetailSchema,
  type Flow,
} from "./events.js";

export const empty = z.strictObject({});

const shortText = z.string().check(z.minLength(1), z.maxLength(200));

/**
 * Checkout asks its host element to show the bank's 3-D Secure page full-page, above the
 * merchant's page: the page's address (the element opens only its widget host's own
 * challenge pages) and the words around it, in the customer's language, which the
 * loader does not carry.
 */
export const OpenChallengeParamsSchema = z.strictObject({
  url: z.string().check(z.maxLength(2000)),
  title: shortText,
  frameTitle: shortText,
  closeLabel: shortText,
});

/** What the host element tells the checkout frame about the challenge it shows: a hint to ask the server, never an outcome. */
export const ChallengeEventSchema = z.strictObject({ what: z.literal(["loaded", "abandoned"]) });

/** What a host element runs of its own spec: the params its frame sends (the frame checks the results). */
export const hostChecks = {
  methods: { refreshClientToken: { params: empty }, openChallenge: { params: OpenChallengeParamsSchema }, closeChallenge: { params: empty } },
} satisfies LocalChecks<HostSpec>;

/** What every flow's frame announces; the host re-dispatches these as `enclave-*` events. */
export const everyFlowsEvents = {
  ready: ReadyDetailSchema,
  change: ChangeDetailSchema,
  exit: ExitDetailSchema,
  error: ErrorDetailSchema,
  event: ProgressDetailSchema,
  resize: z.strictObject({ height: z.number().check(z.minimum(0), z.maximum(10_000)) }),
  /** The iframe's title in the frame's locale: sent before `ready` and when the locale changes. */
  title: z.strictObject({ title: z.string().check(z.minLength(1), z.maxLength(100)) }),
};

/** Each flow's events: the common ones and its own `success` detail. */
export const flowEvents = {
  checkout: { ...everyFlowsEvents, success: CheckoutSuccessDetailSchema },
  "bank-link": { ...everyFlowsEvents, success: BankLinkSuccessDetailSchema },
  identity: { ...everyFlowsEvents, success: IdentitySuccessDetailSchema },
};

/** Any flow's events, `success` being any flow's detail. */
export const frameEvents = { ...everyFlowsEvents, success: SuccessDetailSchema };

/** What each of the frames' methods answers: one schema per method, whichever flow has it. */
export const frameResults = {
  init: empty,
  configure: empty,
  clear: empty,
  focus: empty,
  /** Checkout: the payment intent once the payment succeeded. */
  submit: CheckoutSuccessDetailSchema,
  /** Modal flows: the customer pressed Escape; the frame asks whether to leave and emits `exit` if so. */
  requestExit: empty,
  /** Checkout: the intent's amount is on screen again (the merchant changed it). */
  refresh: empty,
};

/** What `submit()` on a checkout answers: the same object as its `enclave-success` detail. */
export type CheckoutSubmitResult = z.output<typeof CheckoutSuccessDetailSchema>;

const everyFlowsResults = {
  init: { result: frameResults.init },
  configure: { result: frameResults.configure },
  clear: { result: frameResults.clear },
  focus: { result: frameResults.focus },
};
const modalFlowResults = { ...everyFlowsResults, requestExit: { result: frameResults.requestExit } };

/** Each flow's frame spec as the host checks it: results and events, no params. */
export const frameChecks = {
  checkout: { methods: { ...everyFlowsResults, submit: { result: frameResults.submit }, refresh: { result: frameResults.refresh } }, events: flowEvents.checkout },
  "bank-link": { methods: modalFlowResults, events: flowEvents["bank-link"] },
  identity: { methods: modalFlowResults, events: flowEvents.identity },
} satisfies { [F in Flow]: RemoteChecks<FrameSpecOf<F>> };
