/**
 * Verifies a webhook delivery: `Enclave-Signature: t=<unix>,v1=<hex hmac-sha256(secret,
 * t + "." + body)>`, compared in constant time, and refused when `t` is further than the
 * tolerance from now (a replayed old delivery). After a secret rotation the header carries
 * one `v1=` per secret (new first, for 24 hours): a match with any of them verifies.
 * An empty secret is refused before anything else, so an unset variable cannot let a
 * forged event through.
 */
import { createHmac, timingSafeEqual } from "node:crypto";

export interface WebhookEvent {
  id: string;
  object: "event";
  type: string;
  created: number;
  data: { object: Record<string, unknown> };
}

export class WebhookSignatureError extends Error {
  override name = "WebhookSignatureError";
  constructor(
    readonly code: "webhook_secret_missing" | "signature_missing" | "signature_invalid" | "signature_expired" | "payload_invalid",
    message: string,
  ) {
    super(message);
  }
}

/** More `v1=` values than this in one header is not a delivery of ours. */
const MAX_SIGNATURES = 8;

export function verifyWebhookSignature(rawBody: string, header: string | undefined, secret: string, toleranceSeconds = 300, now = Date.now()): WebhookEvent {
  if (typeof secret !== "string" || secret.trim() === "") {
    throw new WebhookSignatureError(
      "webhook_secret_missing",
      "No webhook signing secret was given (it is empty): set the endpoint's secret (whsec_…, from creating or rotating the endpoint) before accepting webhooks.",
    );
  }
  if (!header) throw new WebhookSignatureError("signature_missing", "The Enclave-Signature header is missing.");
  const timestamps: string[] = [];
  const signatures: string[] = [];
  for (const part of header.split(",")) {
    const separator = part.indexOf("=");
    const name = part.slice(0, Math.max(separator, 0)).trim();
    const value = part.slice(separator + 1).trim();
    if (name === "t") timestamps.push(value);
    else if (name === "v1") signatures.push(value);
  }
  const timestamp = Number(timestamps[0]);
  if (
    timestamps.length !== 1 ||
    !/^[0-9]+$/.test(timestamps[0] ?? "") ||
    !Number.isSafeInteger(timestamp) ||
    signatures.length === 0 ||
    signatures.length > MAX_SIGNATURES ||
    !signatures.every((signature) => /^[0-9a-f]{64}$/.test(signature))
  ) {
    throw new WebhookSignatureError("signature_invalid", "The Enclave-Signature header is malformed.");
  }
  const expected = createHmac("sha256", secret).update(`${timestamp}.${rawBody}`).digest();
  // Every candidate is compared (no early exit), each in constant time.
  let matched = false;
  for (const signature of signatures) matched = timingSafeEqual(expected, Buffer.from(signature, "hex")) || matched;
  if (!matched) {
    throw new WebhookSignatureError("signature_invalid", "The signature does not match this body and secret.");
  }
  if (Math.abs(now / 1000 - timestamp) > toleranceSeconds) {
    throw new WebhookSignatureError("signature_expired", `The signature is older than ${toleranceSeconds} s; this may be a replay.`);
  }
  try {
    return JSON.parse(rawBody) as WebhookEvent;
  } catch {
    throw new WebhookSignatureError("payload_invalid", "The body is not JSON.");
  }
}
