/**
 * Screens a customer reaches only after a frame's first ones (the identity capture step, a
 * bank's sign-in form): each is a chunk of its own, kept out of the frame's first load.
 * A view lists them with the dynamic import that defines each element; this loads one
 * when it is first shown, and every one as soon as the customer first touches the frame
 * (a pointer over it, a key, focus), so the next screen is usually there by the click.
 *
 * The view renders the screen's tag at once: Lit keeps the properties set on an element
 * not defined yet and applies them when it upgrades. The view's `updateComplete` waits
 * for `settled()`, so "rendered" still means the screen is on show.
 */
import type { ReactiveController, ReactiveControllerHost } from "lit";

export interface LaterScreen {
  /** The custom element's tag the module defines. */
  tag: string;
  /** `() => import("./that-screen.js")`: one chunk per screen. */
  load: () => Promise<unknown>;
}

/** One fetch per screen and frame document; a failed one is tried again on the next show. */
const loads = new Map<string, Promise<unknown>>();

function loadOnce(screen: LaterScreen): Promise<unknown> {
  let loading = loads.get(screen.tag);
  if (!loading) {
    loading = screen.load().catch((error: unknown) => {
      loads.delete(screen.tag);
      throw error;
    });
    loads.set(screen.tag, loading);
  }
  return loading;
}

const intentEvents = ["pointerover", "touchstart", "keydown", "focusin"] as const;

export class LaterScreens<Name extends string> implements ReactiveController {
  private loading: Promise<void> | undefined;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly screens: Readonly<Record<Name, LaterScreen>>,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    for (const type of intentEvents) this.host.addEventListener(type, this.prefetch, { once: true, passive: true });
  }

  hostDisconnected(): void {
    for (const type of intentEvents) this.host.removeEventListener(type, this.prefetch);
  }

  /** Call when `name` is about to be shown: starts its chunk if its element is not defined yet. */
  show(name: string): void {
    const screen = this.screenNamed(name);
    if (!screen || customElements.get(screen.tag)) {
      this.loading = undefined;
      return;
    }
    const loading: Promise<void> = loadOnce(screen).then(
      () => undefined,
      (error: unknown) => {
        // Offline at that moment: the area stays empty until the next screen (or "Back"), which tries again.
        console.warn(`[enclave] the ${name} screen could not be loaded`, error);
      },
    );
    this.loading = loading;
    void loading.then(() => {
      if (this.loading === loading) this.loading = undefined;
    });
  }

  /** Resolves when the screen last shown is defined (at once for a first screen). */
  async settled(): Promise<void> {
    await this.loading;
  }

  private screenNamed(name: string): LaterScreen | undefined {
    const screens: Readonly<Record<string, LaterScreen>> = this.screens;
    return Object.hasOwn(screens, name) ? screens[name] : undefined;
  }

  private readonly prefetch = (): void => {
    for (const type of intentEvents) this.host.removeEventListener(type, this.prefetch);
    const screens: readonly LaterScreen[] = Object.values(this.screens);
    for (const screen of screens) loadOnce(screen).catch(() => undefined);
  };
}
