/**
 * Verifies a webhook delivery: `Enclave-Signature: t=<unix>,v1=<hex hmac-sha256(secret,
 * t + "." + body)>`, compared in constant time, and refused when `t` is further than the
 * tolerance from now (a replayed old delivery).
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
    readonly code: "signature_missing" | "signature_invalid" | "signature_expired" | "payload_invalid",
    message: string,
  ) {
    super(message);
  }
}

export function verifyWebhookSignature(rawBody: string, header: string | undefined, secret: string, toleranceSeconds = 300, now = Date.now()): WebhookEvent {
  if (!header) throw new WebhookSignatureError("signature_missing", "The Enclave-Signature header is missing.");
  const parts = new Map(header.split(",").map((part) => part.trim().split("=", 2) as [string, string]));
  const timestamp = Number(parts.get("t"));
  const signature = parts.get("v1") ?? "";
  if (!Number.isInteger(timestamp) || !/^[0-9a-f]{64}$/.test(signature)) {
    throw new WebhookSignatureError("signature_invalid", "The Enclave-Signature header is malformed.");
  }
  const expected = createHmac("sha256", secret).update(`${timestamp}.${rawBody}`).digest();
  if (!timingSafeEqual(expected, Buffer.from(signature, "hex"))) {
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
