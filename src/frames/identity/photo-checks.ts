/**
 * The photo checks as capture-session.ts loads them, with the first photo: a module only
 * imported dynamically, so its chunk exports `prepareImage` by name (no namespace object
 * to build, and so no bundler runtime shared with the checkout frame's first load).
 */
export { prepareImage } from "./image-checks.js";
