/**
 * The bank's 3-D Secure challenge shown full-page above the merchant's page, as Stripe
 * does: <enclave-checkout> opens it when its frame asks (the bridge's `openChallenge`).
 * A modal `<dialog>` in the element's shadow root holds the widget host's own challenge
 * page in an iframe; `showModal()` makes the rest of the page inert and keeps focus in the
 * dialog, the page behind stops scrolling, and on a phone it fills the screen.
 *
 * The overlay decides nothing: it tells the frame that the page loaded (so the frame asks
 * the server at once) or that the customer gave the challenge up (Escape, or the close
 * button; the frame then abandons it at the server, which fails it as a cancel does).
 * What the payment became is what the widget host says to the frame.
 *
 * Words come from the frame, in the customer's language (the loader carries no catalogs).
 */

/** What the frame is told: a hint to ask the server, never an outcome. */
export type ChallengeNews = "loaded" | "abandoned";

/** The words around the challenge, in the customer's language. */
export interface ChallengeWords {
  title: string;
  frameTitle: string;
  closeLabel: string;
}

/** Only the widget host's own challenge pages: the frame's origin, under /three_d_secure/. */
export function challengePageUrl(url: string, frameOrigin: string): URL | undefined {
  try {
    const page = new URL(url);
    return page.origin === frameOrigin && page.pathname.startsWith("/three_d_secure/") && !page.username && !page.password ? page : undefined;
  } catch {
    return undefined;
  }
}

// Compact on purpose, like frame.styles.ts: every byte ships in the loader. Readable form:
// a card centred over a dimmed backdrop on a desktop; from 640 px down the whole screen,
// inside the safe areas; a title bar with a 44 px close button, the bank's page below it.
const overlayCss = `.challenge{display:flex;flex-direction:column;box-sizing:border-box;width:min(30rem,calc(100vw - 2rem));height:min(40rem,calc(100dvh - 2rem));max-width:none;max-height:none;margin:auto;padding:0;border:0;border-radius:.75rem;background:#fff;color:#1a1a1a;overflow:hidden;font:16px/1.4 system-ui,sans-serif}
.challenge:not([open]){display:none}
.challenge header{display:flex;align-items:center;gap:.5rem;padding:.25rem .25rem .25rem 1rem;border-bottom:1px solid #ddd}
.challenge h2{flex:1;margin:0;font-size:1rem}
.challenge h2:focus{outline:0}
.challenge button{width:44px;height:44px;border:0;border-radius:.5rem;background:none;color:inherit;font-size:1.5rem;cursor:pointer}
.challenge button:focus-visible{outline:3px solid #3b5bdb}
.challenge iframe{flex:1;width:100%;height:auto;border:0;background:#fff}
@media (max-width:640px){.challenge{inset:0;width:100%;height:100%;margin:0;border-radius:0;padding:env(safe-area-inset-top) env(safe-area-inset-right) env(safe-area-inset-bottom) env(safe-area-inset-left)}}`;

let sheet: CSSStyleSheet | undefined;

export class ChallengeOverlay {
  #dialog?: HTMLDialogElement;
  #pageOverflow = "";

  /** `tell` reaches the frame; `returnFocus` puts focus back (the checkout's own frame) once the overlay closes. */
  constructor(
    private readonly root: ShadowRoot,
    private readonly tell: (news: ChallengeNews) => void,
    private readonly returnFocus: () => void,
  ) {}

  get isOpen(): boolean {
    return this.#dialog?.open ?? false;
  }

  /** Shows `page` (checked with challengePageUrl) above the merchant's page; focus goes to its title. */
  open(page: URL, words: ChallengeWords): void {
    this.close(false);
    if (!sheet) {
      sheet = new CSSStyleSheet();
      sheet.replaceSync(overlayCss);
    }
    if (!this.root.adoptedStyleSheets.includes(sheet)) this.root.adoptedStyleSheets = [...this.root.adoptedStyleSheets, sheet];
    const dialog = document.createElement("dialog");
    dialog.className = "challenge";
    dialog.setAttribute("part", "challenge");
    dialog.setAttribute("aria-labelledby", "enclave-challenge-title");
    const header = document.createElement("header");
    const title = document.createElement("h2");
    title.id = "enclave-challenge-title";
    title.tabIndex = -1;
    title.textContent = words.title;
    const close = document.createElement("button");
    close.type = "button";
    close.setAttribute("aria-label", words.closeLabel);
    close.textContent = "×";
    close.addEventListener("click", this.#abandon);
    header.append(title, close);
    const frame = document.createElement("iframe");
    frame.title = words.frameTitle;
    frame.referrerPolicy = "no-referrer";
    // The page has no script; it may only post its own form back to its host.
    frame.setAttribute("sandbox", "allow-forms allow-same-origin");
    frame.addEventListener("load", () => this.tell("loaded"));
    frame.src = page.href;
    // Tab past the bank's page comes back to the close button, Shift+Tab before it goes to the page:
    // focus stays in the dialog even where the browser would let it leave the document.
    dialog.append(
      this.#focusGuard(() => frame.focus()),
      header,
      frame,
      this.#focusGuard(() => close.focus()),
    );
    // Escape gives the challenge up rather than only hiding it.
    dialog.addEventListener("cancel", (event) => {
      event.preventDefault();
      this.#abandon();
    });
    this.root.append(dialog);
    this.#dialog = dialog;
    this.#pageOverflow = document.documentElement.style.overflow;
    document.documentElement.style.overflow = "hidden";
    dialog.showModal();
    title.focus();
  }

  /** Takes the overlay away (the frame learnt how the challenge ended, or the element left the page). */
  close(returnFocus = true): void {
    const dialog = this.#dialog;
    if (!dialog) return;
    this.#dialog = undefined;
    dialog.close();
    dialog.remove();
    document.documentElement.style.overflow = this.#pageOverflow;
    if (returnFocus) this.returnFocus();
  }

  #focusGuard(moveTo: () => void): HTMLElement {
    const guard = document.createElement("span");
    guard.tabIndex = 0;
    guard.addEventListener("focus", moveTo);
    return guard;
  }

  readonly #abandon = (): void => {
    if (!this.isOpen) return;
    this.close();
    this.tell("abandoned");
  };
}
