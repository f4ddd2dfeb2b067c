/**
 * Webhook signing secrets at rest: sealed with the installation's key
 * (src/server/identity/sealing.ts), bound to their endpoint's id, so the store never holds a
 * `whsec_…` in clear. The host opens them only to sign a delivery.
 */
import { randomSecret } from "../ids.js";
import { open, pack, seal, unpack, type SealingKey } from "../identity/sealing.js";

/** How long a rotated-out secret keeps signing beside the new one. */
export const PREVIOUS_SECRET_OVERLAP_SECONDS = 24 * 3600;

/** Binds a sealed secret to its endpoint (also used by `enclave rotate-keys` to re-seal it). */
export function webhookSecretAssociatedData(endpointId: string): Buffer {
  return Buffer.from(`enclave/webhook-secret/v1/${endpointId}`, "utf8");
}

export function newWebhookSecret(): string {
  return randomSecret("whsec");
}

export function sealWebhookSecret(key: SealingKey, endpointId: string, secret: string): Buffer {
  return pack(seal(key, Buffer.from(secret, "utf8"), webhookSecretAssociatedData(endpointId)));
}

export function openWebhookSecret(key: SealingKey, endpointId: string, sealed: Uint8Array): string {
  return open(key, unpack(sealed), webhookSecretAssociatedData(endpointId)).toString("utf8");
}
