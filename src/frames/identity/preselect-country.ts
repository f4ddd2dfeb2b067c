/**
 * The locale's likeliest issuing country as document-step.ts loads it, when the document
 * screen shows: a module only imported dynamically, so its chunk exports `defaultCountry`
 * by name (no namespace object to build, and so no bundler runtime shared with the
 * checkout frame's first load; countries.ts itself is also the document screen's static import).
 */
export { defaultCountry } from "./countries.js";
