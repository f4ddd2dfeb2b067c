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
// on top of the shared `dialog` rule (a card 1rem from the top over a dimmed backdrop), a
// column as tall as the screen allows: a title bar with a 44 px close button, the bank's
// page filling the rest. From 640 px down it is the whole screen, inside the safe areas.
// (`display:flex` would show a closed dialog: the overlay removes it when it closes.)
const overlayCss = `.challenge{display:flex;flex-direction:column;height:min(40rem,100vh - 2rem)}
header{display:flex;align-items:center;padding-left:1rem;border-bottom:1px solid #ddd}
h2{flex:1;margin:0;font-size:1rem;outline:0}
.challenge button{width:44px;height:44px;border:0;background:none;font-size:1.5rem}
.challenge iframe{flex:1}
@media (max-width:640px){.challenge{inset:0;width:100%;height:100%;max-width:none;max-height:none;margin:0;border-radius:0;box-sizing:border-box;padding:env(safe-area-inset-top) env(safe-area-inset-right) env(safe-area-inset-bottom) env(safe-area-inset-left)}}`;

let sheet: CSSStyleSheet | undefined;

/** An element with its properties set. */
const make = <K extends keyof HTMLElementTagNameMap>(tag: K, properties: Partial<HTMLElementTagNameMap[K]> = {}): HTMLElementTagNameMap[K] =>
  Object.assign(document.createElement(tag), properties);

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
    return !!this.#dialog;
  }

  /** Shows `page` (checked with challengePageUrl) above the merchant's page; focus goes to its title. */
  open(page: URL, words: ChallengeWords): void {
    this.close(false);
    if (!sheet) (sheet = new CSSStyleSheet()).replaceSync(overlayCss);
    if (!this.root.adoptedStyleSheets.includes(sheet)) this.root.adoptedStyleSheets = [...this.root.adoptedStyleSheets, sheet];
    // `dir: auto`: the title's own script sets the direction, right to left in Arabic.
    const dialog = make("dialog", { className: "challenge", dir: "auto" });
    dialog.setAttribute("part", "challenge");
    dialog.setAttribute("aria-labelledby", "enclave-challenge-title");
    const title = make("h2", { id: "enclave-challenge-title", tabIndex: -1, textContent: words.title });
    const close = make("button", { type: "button", textContent: "×", onclick: this.#abandon });
    close.setAttribute("aria-label", words.closeLabel);
    // The page has no script; it may only post its own form back to its host.
    const frame = make("iframe", { title: words.frameTitle, referrerPolicy: "no-referrer", onload: () => this.tell("loaded") });
    frame.setAttribute("sandbox", "allow-forms allow-same-origin");
    frame.src = page.href;
    const header = make("header");
    header.append(title, close);
    // Tab past the bank's page comes back to the close button, Shift+Tab before it goes to the page:
    // focus stays in the dialog even where the browser would let it leave the document.
    dialog.append(make("span", { tabIndex: 0, onfocus: () => frame.focus() }), header, frame, make("span", { tabIndex: 0, onfocus: () => close.focus() }));
    // Escape gives the challenge up rather than only hiding it.
    dialog.oncancel = (event) => {
      event.preventDefault();
      this.#abandon();
    };
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
    dialog.remove();
    document.documentElement.style.overflow = this.#pageOverflow;
    if (returnFocus) this.returnFocus();
  }

  readonly #abandon = (): void => {
    if (!this.#dialog) return;
    this.close();
    this.tell("abandoned");
  };
}
