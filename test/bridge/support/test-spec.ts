/**
 * The specs both halves of the bridge tests agree on: what the test frame implements and
 * announces, what the test page implements for it, and the shape of the side-channel
 * reports the frame sends when the bridge itself cannot carry the news (its handshake
 * failed, or a call settled after the port closed). Imported by the test pages through
 * the dev server and bundled into the frame by frame-origin-plugin.ts.
 */
import * as z from "zod/mini";
import type { SideSpec } from "../../../src/protocol/envelopes.js";

const empty = z.strictObject({});
const milliseconds = z.number().check(z.minimum(0), z.maximum(10_000));

/** What the frame on the second origin implements and announces. */
export const testFrameSpec = {
  methods: {
    /** Answers with the text it was given, after an optional delay (to reorder answers). */
    echo: {
      params: z.strictObject({ text: z.string().check(z.maxLength(200)), delayMs: z.optional(milliseconds) }),
      result: z.strictObject({ text: z.string() }),
    },
    /** Throws an EnclaveError built from its params. */
    fail: {
      params: z.strictObject({ code: z.string(), message: z.string(), retryable: z.boolean(), param: z.optional(z.string()) }),
      result: empty,
    },
    /** Throws a plain Error, as a bug in a frame would. */
    crash: { params: z.strictObject({ message: z.string() }), result: empty },
    /** Answers after `ms`. */
    slow: { params: z.strictObject({ ms: milliseconds }), result: z.strictObject({ sleptMs: z.number() }) },
    /** What the frame knows about its side of the bridge. */
    describe: {
      params: empty,
      result: z.strictObject({
        parentOrigin: z.string(),
        /** A random id per page load: a reloaded frame answers with a new one. */
        documentId: z.string(),
        handshakeDropped: z.number(),
        endpointDropped: z.number(),
        prototypePolluted: z.boolean(),
        notes: z.array(z.strictObject({ text: z.string() })),
      }),
    },
    /** Emits each event as given, valid or not: the frame plays a buggy or hostile sender. */
    emitRaw: {
      params: z.strictObject({ events: z.array(z.strictObject({ name: z.string(), detail: z.unknown() })) }),
      result: empty,
    },
    /** Posts each value on the bridge's port as is, bypassing the endpoint's envelopes. */
    postRaw: { params: z.strictObject({ messages: z.array(z.unknown()) }), result: empty },
    /** Starts a call to the page's `hold` and reports how it settles on the side channel. */
    callHost: { params: z.strictObject({ timeoutMs: z.optional(milliseconds) }), result: empty },
    /** Answers, then closes the bridge from the frame's side. */
    closeSoon: { params: empty, result: empty },
    /** Answers with a value its own result schema refuses. */
    malformedResult: { params: empty, result: z.strictObject({ text: z.string() }) },
    /** In the spec but deliberately without a handler. */
    unimplemented: { params: empty, result: empty },
    /** Answers with whatever object it was given, unknown keys included. */
    looseEcho: { params: z.looseObject({}), result: z.looseObject({}) },
  },
  events: {
    progress: z.strictObject({ step: z.string().check(z.minLength(1), z.maxLength(40)) }),
  },
} satisfies SideSpec;

/** What the test page implements for the frame. */
export const testHostSpec = {
  methods: {
    /** Never answers: a call the frame keeps pending. */
    hold: { params: empty, result: empty },
  },
  events: {
    note: z.strictObject({ text: z.string().check(z.maxLength(200)) }),
  },
} satisfies SideSpec;

export type TestFrameSpec = typeof testFrameSpec;
export type TestHostSpec = typeof testHostSpec;

/** Window messages the test frame posts to its parent outside the bridge. */
export const BridgeTestReportSchema = z.union([
  z.strictObject({ bridgeTest: z.literal("handshake-failed"), code: z.string(), retryable: z.boolean() }),
  z.strictObject({
    bridgeTest: z.literal("host-call-settled"),
    outcome: z.enum(["resolved", "rejected"]),
    code: z.optional(z.string()),
  }),
]);

export type BridgeTestReport = z.infer<typeof BridgeTestReportSchema>;
