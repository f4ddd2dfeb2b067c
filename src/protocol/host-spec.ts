/**
 * What a host element offers its frame (methods), and each flow's frame spec as the host
 * needs it: the results of the frame's methods and the details of its events. Params the
 * host sends are checked on arrival by the frame, so their schemas stay out of the loader;
 * the host's calls are still type-checked against the frame's full spec (bridge.ts).
 */
import * as z from "zod/mini";
import type { FrameSpecOf } from "./bridge.js";
import type { RemoteChecks, SideSpec } from "./envelopes.js";
import {
  ChangeDetailSchema,
  CheckoutSuccessDetailSchema,
  ErrorDetailSchema,
  ExitDetailSchema,
  ProgressDetailSchema,
  ReadyDetailSchema,
  SuccessDetailSchema,
  type Flow,
} from "./events.js";

export const empty = z.strictObject({});
export const clientToken = z.string().check(z.minLength(19), z.maxLength(203), z.startsWith("ct_"));

/** What a host element implements for its frame. */
export const hostSpec = {
  methods: {
    refreshClientToken: { params: empty, result: z.strictObject({ clientToken }) },
  },
  events: {},
} satisfies SideSpec;

export type HostSpec = typeof hostSpec;

/** What a frame announces; the host re-dispatches these as `enclave-*` events. */
export const frameEvents = {
  ready: ReadyDetailSchema,
  change: ChangeDetailSchema,
  success: SuccessDetailSchema,
  exit: ExitDetailSchema,
  error: ErrorDetailSchema,
  event: ProgressDetailSchema,
  resize: z.strictObject({ height: z.number().check(z.minimum(0), z.maximum(10_000)) }),
};

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
};

/** What `submit()` on a checkout answers: the same object as its `enclave-success` detail. */
export type CheckoutSubmitResult = z.output<typeof CheckoutSuccessDetailSchema>;

const everyFlowsResults = {
  init: { result: frameResults.init },
  configure: { result: frameResults.configure },
  clear: { result: frameResults.clear },
  focus: { result: frameResults.focus },
};
const modalFlowChecks = {
  methods: { ...everyFlowsResults, requestExit: { result: frameResults.requestExit } },
  events: frameEvents,
};

/** Each flow's frame spec as the host checks it: results and events, no params. */
export const frameChecks = {
  checkout: { methods: { ...everyFlowsResults, submit: { result: frameResults.submit } }, events: frameEvents },
  "bank-link": modalFlowChecks,
  identity: modalFlowChecks,
} satisfies { [F in Flow]: RemoteChecks<FrameSpecOf<F>> };
