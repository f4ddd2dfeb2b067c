/** Shared by every host element: the frame fills the width and follows its content's height. */
// Written compact on purpose: every byte here ships in the 12 KB loader. Readable form:
// the host fills the width and reserves --enclave-min-height. While connecting it is a
// skeleton: the iframe keeps its room but stays hidden (so nothing inside is read out
// before it is ready; the host says aria-busy), and the host is a still, neutral block
// in its place (no animation: no bytes for one, nothing for reduced motion to stop),
// coloured by --enclave-loading-background and rounded by --enclave-loading-radius. In a
// dialog the iframe stays visible (the frame's own loading screen). Once ready the iframe
// follows the frame's reported height, animated. The dialog is a card over a dimmed backdrop, held 1rem from the
// top rather than centred. A centred dialog slid by half of every change in the frame's
// height, over the height transition, up to ~300 ms after a screen appeared: the control
// under the customer's pointer moved away and a fast click landed on another control or
// none (issue 10). Anchored at the top, a new screen only grows or shrinks downward.
// On a small screen ([data-full], set by modal-element.ts) the dialog fills what the
// customer sees, edge to edge, its content inside the phone's safe areas.
const frameCss = `:host{display:block;position:relative;min-height:var(--enclave-min-height,3rem)}
:host([hidden]){display:none}
:host([data-connecting]){border-radius:var(--enclave-loading-radius,6px);background:var(--enclave-loading-background,rgb(128 128 128/.12))}
iframe{display:block;width:100%;border:0;background:transparent;transition:height .12s ease-out}
:host([data-connecting])>iframe{visibility:hidden;transition:none}
dialog{width:min(28rem,calc(100vw - 2rem));margin:1rem auto auto;max-height:calc(100vh - 2rem);padding:0;border:0;border-radius:.75rem;box-shadow:0 20px 50px rgb(0 0 0/.3);overflow:auto}
dialog[data-full]{inset:auto;margin:0;max-width:none;max-height:none;border-radius:0;box-shadow:none;box-sizing:border-box;padding:env(safe-area-inset-top) env(safe-area-inset-right) env(safe-area-inset-bottom) env(safe-area-inset-left)}
dialog::backdrop{background:rgb(15 23 42/.55)}
@media (prefers-reduced-motion:reduce){iframe{transition:none}}`;

let sheet: CSSStyleSheet | undefined;

/**
 * One constructable stylesheet shared by every element: adopted, not a <style> tag, so
 * a merchant's CSP needs no 'unsafe-inline'.
 */
export function frameStyles(): CSSStyleSheet {
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(frameCss);
  }
  return sheet;
}
