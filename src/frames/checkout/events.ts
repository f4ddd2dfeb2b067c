/**
 * The checkout views' own DOM events. They stay inside the frame: the controller listens
 * to them and decides what, if anything, crosses the bridge (never card data).
 */
import type { CardValue } from "./card-input.js";
import type { TouchedFields } from "./card-validation.js";

/** The customer typed in, or left, a card field. Carries the card: only ever dispatched inside the frame. */
export interface CardInputDetail {
  value: CardValue;
  touched: TouchedFields;
}

/** The 3-D Secure challenge's page loaded (its first page, or the answer's): time to ask the host. */
export type ChallengeLoadDetail = Record<string, never>;

/** The customer gave the 3-D Secure challenge up (Escape): it fails, nothing is charged. */
export type ChallengeAbandonDetail = Record<string, never>;

declare module "../ui/frame-element.js" {
  interface FrameEventDetails {
    "enclave-card-input": CardInputDetail;
    "enclave-challenge-load": ChallengeLoadDetail;
    "enclave-challenge-abandon": ChallengeAbandonDetail;
  }
}

declare global {
  interface HTMLElementEventMap {
    "enclave-card-input": CustomEvent<CardInputDetail>;
    "enclave-challenge-load": CustomEvent<ChallengeLoadDetail>;
    "enclave-challenge-abandon": CustomEvent<ChallengeAbandonDetail>;
  }
}
