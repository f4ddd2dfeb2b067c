/**
 * The checkout page's <title>: what a screen reader announces for the frame's document,
 * in the customer's language. checkout.html carries the English one until the script runs.
 */
import { onLocaleChange } from "../ui/i18n.js";
import { checkoutMessages } from "./messages.js";

/** Titles `document` in the current language, and again on every locale change; returns a function that stops it. */
export function followLocaleInTitle(document: Document): () => void {
  const showTitle = (): void => {
    document.title = checkoutMessages().pageTitle;
  };
  showTitle();
  return onLocaleChange(showTitle);
}
