/**
 * The real FrameApi as the checkout and bank-link controller suites build it, over
 * whatever `window.fetch` the test has stubbed, and the JSON answers such a stub gives.
 * The client token starts as `ct_first_token_000000`; the default refresh hands out
 * `ct_refreshed_token_0000` (the suites check both in `Authorization` headers).
 */
import { FrameApi } from "../../../src/frames/api-client.js";

/** A FrameApi for https://shop.example with the suites' publishable key and first client token. */
export function frameApi(refresh: () => Promise<string> = async () => "ct_refreshed_token_0000"): FrameApi {
  return new FrameApi({ publishableKey: "pk_test_abcdefgh", parentOrigin: "https://shop.example", clientToken: "ct_first_token_000000", refreshClientToken: refresh });
}

/** A JSON response, as the frame API answers. */
export const json = (status: number, body: unknown): Response => new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
