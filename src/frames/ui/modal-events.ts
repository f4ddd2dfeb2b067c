/** The frame-internal events of the shared modal chrome (modal-header, modal-leave). */
type Empty = Record<string, never>;

export interface ModalLeaveAnswerDetail {
  leave: boolean;
}

declare module "./frame-element.js" {
  interface FrameEventDetails {
    /** "Back" in the modal header. */
    "enclave-modal-back": Empty;
    /** "Close" in the modal header. */
    "enclave-modal-close": Empty;
    /** "Leave" or "Stay" on the leave confirmation. */
    "enclave-modal-leave-answer": ModalLeaveAnswerDetail;
  }
}

declare global {
  interface HTMLElementEventMap {
    "enclave-modal-back": CustomEvent<Empty>;
    "enclave-modal-close": CustomEvent<Empty>;
    "enclave-modal-leave-answer": CustomEvent<ModalLeaveAnswerDetail>;
  }
}
