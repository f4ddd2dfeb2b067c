/**
 * The base of the three frames' controllers: it owns what a flow shows (one screen of a
 * discriminated union, keyed by `name`), cancels work started for a screen the customer
 * has left (an `AbortSignal` per screen, in place of hand-kept visit counters), sends
 * progress events to the page and answers the bridge methods every flow shares.
 *
 * A flow says how a screen reaches its view (`render`), which changes of screen leave a
 * place (`samePlace`) and what leaving undoes (`leaving`). The screen is handed to the
 * view through typed properties only, so a renamed view property is a compile error.
 */
import type { BridgeEndpoint } from "../../bridge/index.js";
import type { EveryFlowFrameSpec, HostSpec } from "../../protocol/bridge.js";
import type { Flow, ProgressDetail } from "../../protocol/events.js";
import type { ParentEndpoint } from "../frame-shell.js";

/** Every screen union is discriminated by `name`. */
export interface NamedScreen {
  readonly name: string;
}

/** The member of `Screen` named `Name`. */
export type ScreenNamed<Screen extends NamedScreen, Name extends Screen["name"]> = Extract<Screen, { name: Name }>;

/** What a flow's controller sends and answers on the bridge (a fake in tests, a silent one on identity's phone page). */
export type ControllerEndpoint<F extends Flow> = Pick<ParentEndpoint<F>, "emit" | "handle">;

/** The part of any flow's endpoint the base uses: progress events, `clear` and `focus`. */
type SharedEndpoint = Pick<BridgeEndpoint<EveryFlowFrameSpec, HostSpec>, "emit" | "handle">;

/** An endpoint that goes nowhere (identity's phone page has no merchant page to tell). */
export const silentEndpoint: ControllerEndpoint<"identity"> = {
  emit: () => undefined,
  handle: () => undefined,
};

/**
 * The bridge methods that behave alike in every flow: each answers `{}` once its work is
 * done. (`requestExit` exists only in the modal flows' specs: they register it themselves.)
 */
export interface SharedBridgeHandlers {
  clear(): void;
  focus(): Promise<void>;
}

/** True when `screen` is the member of the union named `name`. */
export function isScreen<Screen extends NamedScreen, Name extends Screen["name"]>(screen: Screen, name: Name): screen is ScreenNamed<Screen, Name> {
  return screen.name === name;
}

export abstract class FrameController<F extends Flow, Screen extends NamedScreen, Progress extends string = string, Step extends string = string> {
  private current: Screen;
  private screenWork = new AbortController();
  /** Progress held back (see `holdProgress`), in order. */
  private held: ProgressDetail[] | undefined;

  protected constructor(
    protected readonly endpoint: ControllerEndpoint<F>,
    initial: Screen,
    protected readonly clock: () => Date = () => new Date(),
  ) {
    this.current = initial;
  }

  /** The screen on show. */
  protected get screen(): Screen {
    return this.current;
  }

  /**
   * Aborted when the customer leaves the current screen (or the controller is disposed):
   * an answer that arrives for a screen left behind checks it and is dropped.
   */
  protected get signal(): AbortSignal {
    return this.screenWork.signal;
  }

  /** Draws `screen` on the view, through its typed properties. */
  protected abstract render(screen: Screen): void;

  /** Whether going from `previous` to `next` stays in the same place (work for it goes on). By name unless a flow says more. */
  protected samePlace(previous: Screen, next: Screen): boolean {
    return previous.name === next.name;
  }

  /** What leaving `previous` undoes beyond aborting its signal (a camera, a popup, typed secrets). */
  protected leaving(_previous: Screen): void {}

  /** Puts `screen` on show; leaving a place aborts the work started for it. */
  protected show(screen: Screen): void {
    const previous = this.current;
    if (!this.samePlace(previous, screen)) {
      this.renewSignal();
      this.leaving(previous);
    }
    this.current = screen;
    this.render(screen);
  }

  /**
   * Changes some properties of the screen on show, when it is the one named `name` (and
   * does nothing otherwise: a patch for a screen left behind is dropped).
   */
  protected patch<Name extends Screen["name"]>(name: Name, changes: Partial<ScreenNamed<Screen, Name>>): boolean {
    const current = this.current;
    if (!isScreen(current, name)) return false;
    this.show({ ...current, ...changes });
    return true;
  }

  /** Aborts the work started for the current screen without leaving it (the camera turned off under a prompt). */
  protected renewSignal(): void {
    this.screenWork.abort();
    this.screenWork = new AbortController();
  }

  /** Sends a progress `event` to the page (or holds it, see `holdProgress`). Never personal data. */
  protected progress(name: Progress, step: Step): void {
    const detail: ProgressDetail = { name, step, at: this.clock().toISOString() };
    if (this.held) this.held.push(detail);
    else this.shared.emit("event", detail);
  }

  /** Holds back the progress `run` sends; the returned function sends what was held, in order. */
  protected holdProgress(run: () => void): () => void {
    const held: ProgressDetail[] = [];
    this.held = held;
    try {
      run();
    } finally {
      this.held = undefined;
    }
    return () => {
      for (const detail of held) this.shared.emit("event", detail);
    };
  }

  /** Every flow's endpoint seen as what all flows share. */
  private get shared(): SharedEndpoint {
    return this.endpoint;
  }

  /** Answers `clear` and `focus` with `{}` once done. */
  protected handleSharedMethods(handlers: SharedBridgeHandlers): void {
    this.shared.handle("clear", () => {
      handlers.clear();
      return {};
    });
    this.shared.handle("focus", async () => {
      await handlers.focus();
      return {};
    });
  }

  /** Stops the current screen's work for good (the frame is going away). */
  dispose(): void {
    this.screenWork.abort();
  }
}
