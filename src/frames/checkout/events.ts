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

declare module "../ui/frame-element.js" {
  interface FrameEventDetails {
    "enclave-card-input": CardInputDetail;
  }
}

declare global {
  interface HTMLElementEventMap {
    "enclave-card-input": CustomEvent<CardInputDetail>;
  }
}
