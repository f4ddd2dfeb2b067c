/**
 * The frame page's own stylesheet (frame.css: the theme's default variables, the page's
 * margins and font), adopted by the document from the frame's script rather than linked
 * from its HTML. A linked stylesheet is one more request, and the browser holds the
 * page's module script until every stylesheet has arrived, so it stood between the
 * script's download and its run (issue 13: ready sooner). Nothing is drawn before the
 * script runs (the views are custom elements), so the page never shows unstyled.
 * Adopted through the CSSOM, which the frames' CSP (no 'unsafe-inline') allows.
 */
import frameCss from "./frame.css?inline";

const sheet = new CSSStyleSheet();
sheet.replaceSync(frameCss);
document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
