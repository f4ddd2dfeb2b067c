/**
 * What every frame says about the errors all flows share: English here, every other
 * language in locales/ (loaded when the frame switches to it). A customer
 * reads these words; the English `message` of the same error still goes to the merchant
 * in `enclave-error`, where a developer reads it.
 *
 * A flow's own codes (a declined card, a wrong bank password, a blurry photo) are in that
 * flow's catalog; `commonErrorMessage()` is its fallback.
 */
import { defineMessages, type Messages } from "./i18n.js";

const en = {
  network: "We couldn't reach the service. Check your connection and try again.",
  unavailable: "The service is unavailable right now. Please try again in a few minutes.",
  sessionExpired: "This session has expired. Close this window and start again.",
  sessionOver: "This session has already ended. Close this window and start again.",
  notAllowed: "This page isn't allowed to show this form. If you run this site, add its origin to your allowed origins.",
  notEmbedded: "This form only works inside the site that opened it.",
  generic: "Something went wrong. Please try again.",
  /** A limit answered 429 (too many wrong passwords, codes or declined cards, or requests). */
  rateLimited: "Too many attempts. Please wait a few minutes, then try again.",
};

/** The shape every language fills. */
export type CommonMessages = Messages<typeof en>;

export const commonMessages = defineMessages(en, {
  es: () => import("./locales/es.js").then((module) => module.es),
  fr: () => import("./locales/fr.js").then((module) => module.fr),
  de: () => import("./locales/de.js").then((module) => module.de),
  ja: () => import("./locales/ja.js").then((module) => module.ja),
  ar: () => import("./locales/ar.js").then((module) => module.ar),
});

/** The customer's words, in the current language, for an error any flow can meet. */
export function commonErrorMessage(code: string): string {
  const words = commonMessages();
  switch (code) {
    case "network_error":
      return words.network;
    case "internal_error":
    case "service_unavailable":
      return words.unavailable;
    case "client_token_expired":
    case "client_token_invalid":
    case "client_token_bound":
    case "client_token_unavailable":
      return words.sessionExpired;
    case "session_not_open":
      return words.sessionOver;
    case "origin_not_allowed":
    case "client_token_foreign":
    case "invalid_publishable_key":
      return words.notAllowed;
    case "rate_limited":
      return words.rateLimited;
    case "handshake_timeout":
    case "connection_closed":
      return words.notEmbedded;
    default:
      return words.generic;
  }
}
