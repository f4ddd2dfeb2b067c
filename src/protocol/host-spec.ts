/**
 * What a host element offers its frame (methods), and the frame's spec as the host needs
 * it: the results of the frame's methods and the details of its events. Params the host
 * sends are checked on arrival by the frame, so their schemas stay out of the loader.
 */
import * as z from "zod/mini";
import type { FrameSpec } from "./bridge.js";
import type { SideSpec } from "./envelopes.js";
import {
  ChangeDetailSchema,
  ErrorDetailSchema,
  ExitDetailSchema,
  ProgressDetailSchema,
  ReadyDetailSchema,
  SuccessDetailSchema,
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

/** What each of the frame's methods answers. */
export const frameResults = {
  init: empty,
  configure: empty,
  submit: z.looseObject({}),
  clear: empty,
  focus: empty,
  /** Modal flows: the customer pressed Escape; the frame asks whether to leave and emits `exit` if so. */
  requestExit: empty,
};

const checkedByTheFrame = z.unknown();

/** The frame's spec with param schemas left to the frame: same types, fewer bytes. */
export const frameSpecForHost = {
  methods: {
    init: { params: checkedByTheFrame, result: frameResults.init },
    configure: { params: checkedByTheFrame, result: frameResults.configure },
    submit: { params: checkedByTheFrame, result: frameResults.submit },
    clear: { params: checkedByTheFrame, result: frameResults.clear },
    focus: { params: checkedByTheFrame, result: frameResults.focus },
    requestExit: { params: checkedByTheFrame, result: frameResults.requestExit },
  },
  events: frameEvents,
} satisfies SideSpec as unknown as FrameSpec;
