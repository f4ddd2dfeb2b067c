/**
 * The identity flow's review: every photo the session needs, "Retake" for one of them, and
 * the submission — to verification in the merchant's frame, or the end of the hand-off on
 * the phone ("Finish"). An answer for a screen the customer has left is dropped.
 */
import { EnclaveError } from "../../protocol/errors.js";
import type { ImageSide } from "../../protocol/identity-api.js";
import type { IdentityApi } from "./identity-client.js";
import type { IdentityScreen } from "./model.js";

type ReviewScreen = Extract<IdentityScreen, { name: "review" }>;

/** What the review needs of the controller. */
export interface ReviewHost {
  api(): IdentityApi | undefined;
  screen(): IdentityScreen;
  signal(): AbortSignal;
  phone: boolean;
  /** The sides the session needs, with the thumbnail of each taken here. */
  items(): ReviewScreen["items"];
  show(screen: ReviewScreen): void;
  patchReview(changes: Partial<ReviewScreen>): void;
  showCapture(side: ImageSide): void;
  /** Submitted in the frame: verification runs. */
  submitted(): void;
  /** Finished on the phone: its last screen. */
  finishedOnPhone(): void;
}

export class ReviewStep {
  /** On a capture step reached by "Retake" on the review: "Back" returns to the review. */
  retaking = false;

  constructor(private readonly host: ReviewHost) {}

  show(): void {
    this.retaking = false;
    this.host.show({ name: "review", items: this.host.items(), busy: false, errorCode: null, phone: this.host.phone });
  }

  retake(side: ImageSide): void {
    const screen = this.host.screen();
    if (screen.name !== "review" || screen.busy) return;
    this.retaking = true;
    this.host.showCapture(side);
  }

  async submit(): Promise<void> {
    const host = this.host;
    const api = host.api();
    const screen = host.screen();
    if (!api || screen.name !== "review" || screen.busy) return;
    const signal = host.signal();
    host.patchReview({ busy: true, errorCode: null });
    try {
      if (host.phone) await api.completeHandoff();
      else await api.submit();
    } catch (error) {
      if (!signal.aborted) host.patchReview({ busy: false, errorCode: EnclaveError.from(error).code });
      return;
    }
    if (signal.aborted) return;
    if (host.phone) host.finishedOnPhone();
    else host.submitted();
  }
}
