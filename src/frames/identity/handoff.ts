/**
 * "Continue on your phone": the identity flow's hand-off from the merchant's frame. It asks
 * the widget host for a one-time link (the QR code), then polls the session until the phone
 * has opened it, added photos and finished — or the link expired unused. The controller
 * owns the screens; this works on them through `HandoffHost`, and an answer for a screen
 * the customer has left is dropped (its AbortSignal).
 */
import { EnclaveError } from "../../protocol/errors.js";
import type { FrameIdentitySession, ImageSide } from "../../protocol/identity-api.js";
import type { IdentityApi } from "./identity-client.js";
import type { IdentityScreen } from "./model.js";

type Session = FrameIdentitySession["session"];
type HandoffScreen = Extract<IdentityScreen, { name: "handoff" }>;

/** What the hand-off needs of the controller. */
export interface HandoffHost {
  screen(): IdentityScreen;
  signal(): AbortSignal;
  api(): IdentityApi | undefined;
  /** The sides the session needs, and those already in. */
  neededSides(): ImageSide[];
  capturedSides(): ImageSide[];
  show(screen: HandoffScreen): void;
  /** Aborts the hand-off screen's work (a new link replaces the old one and its polling). */
  renewSignal(): void;
  patchHandoff(changes: Partial<HandoffScreen>): void;
  progress(name: "handoff_started" | "handoff_opened" | "handoff_completed"): void;
  /** Polls the session's status until `onStatus` returns false. */
  pollStatus(onStatus: (session: Session) => boolean): void;
  /** The session as the last poll saw it (the phone may have added photos). */
  noteSession(session: Session): void;
  /** The phone is done (or the verification already moved on): where to go from `session`. */
  completed(session: Session): void;
  now(): Date;
}

export class HandoffSession {
  /** The capture step the hand-off was started from: "Back" returns there. */
  returnSide: ImageSide = "front";
  private expiresAt = 0;
  private announcedOpened = false;

  constructor(private readonly host: HandoffHost) {}

  /** "Continue on your phone", or "Get a new code": a new link, and polling for the phone. */
  async start(): Promise<void> {
    const host = this.host;
    const api = host.api();
    if (!api) return;
    const screen = host.screen();
    if (screen.name === "capture") this.returnSide = screen.side;
    else if (screen.name === "handoff") host.renewSignal();
    this.announcedOpened = false;
    host.show({ name: "handoff", state: "creating", url: "", expiresAt: 0, needed: host.neededSides(), uploaded: host.capturedSides(), errorCode: null });
    const signal = host.signal();
    try {
      const { url, expires_at } = await api.startHandoff();
      if (signal.aborted) return;
      this.expiresAt = expires_at;
      host.patchHandoff({ state: "waiting", url, expiresAt: expires_at });
      host.progress("handoff_started");
      host.pollStatus((session) => this.onStatus(session));
    } catch (error) {
      if (signal.aborted) return;
      host.patchHandoff({ state: "error", errorCode: EnclaveError.from(error).code });
    }
  }

  /** One poll of the hand-off: true to keep polling. */
  private onStatus(session: Session): boolean {
    const host = this.host;
    host.noteSession(session);
    if (session.handoff === "completed" || session.status === "processing" || session.status === "verified") {
      host.progress("handoff_completed");
      host.completed(session);
      return false;
    }
    if (session.handoff === "opened") {
      if (!this.announcedOpened) {
        this.announcedOpened = true;
        host.progress("handoff_opened");
      }
      host.patchHandoff({ state: "connected", uploaded: session.uploaded });
      return true;
    }
    if (this.expiresAt > 0 && host.now().getTime() / 1000 >= this.expiresAt) {
      host.patchHandoff({ state: "expired", url: "" });
      return false;
    }
    return true;
  }
}
