/**
 * The identity flow's routes as pure functions (src/frames/identity/routes.ts): which
 * photos a session needs, where a resumed session starts, what follows a photo and where
 * "Back" leads — without a view, a camera or a server.
 */
import { expect } from "@open-wc/testing";
import {
  backRoute,
  consentOrStart,
  missingSides,
  neededSides,
  nextCaptureOrReview,
  requiresInputReason,
  resumeRoute,
  type BackContext,
  type PhotoProgress,
} from "../../src/frames/identity/routes.js";
import type { IdentityScreen } from "../../src/frames/identity/model.js";
import type { FrameIdentitySession, ImageSide } from "../../src/protocol/identity-api.js";

type Session = FrameIdentitySession["session"];

function session(overrides: Partial<Session> = {}): Session {
  return {
    id: "ids_test0123456789",
    object: "identity_session",
    status: "requires_input",
    require_selfie: false,
    document: null,
    uploaded: [],
    handoff: "none",
    last_error: null,
    ...overrides,
  };
}

function progress(documentType: PhotoProgress["documentType"], captured: ImageSide[] = [], requireSelfie = false): PhotoProgress {
  return { documentType, requireSelfie, captured: new Set(captured) };
}

function back(overrides: Partial<BackContext> = {}): BackContext {
  return { ...progress("driving_license"), phone: false, retaking: false, handoffReturn: "front", ...overrides };
}

function capture(side: ImageSide, state: Extract<IdentityScreen, { name: "capture" }>["state"] = "choose"): IdentityScreen {
  return { name: "capture", side, documentType: "driving_license", state, stream: null, previewUrl: "", cameraProblem: null, errorCode: null, canHandoff: true };
}

describe("identity routes", () => {
  it("asks for the document's sides, then the selfie when the session requires one", () => {
    expect(neededSides(null, true)).to.deep.equal([]);
    expect(neededSides("passport", false)).to.deep.equal(["front"]);
    expect(neededSides("driving_license", true)).to.deep.equal(["front", "back", "selfie"]);
    expect(missingSides(progress("driving_license", ["front"], true))).to.deep.equal(["back", "selfie"]);
  });

  it("goes to the first missing side, or to the review when every side is in", () => {
    expect(nextCaptureOrReview(progress("driving_license", ["front"]))).to.deep.equal({ to: "capture", side: "back" });
    expect(nextCaptureOrReview(progress("passport", ["front"]))).to.deep.equal({ to: "review" });
    expect(consentOrStart(progress("passport", []), 0)).to.deep.equal({ to: "consent" });
    expect(consentOrStart(progress("driving_license", ["front"]), 1)).to.deep.equal({ to: "capture", side: "back" });
  });

  it("resumes a session where it stands, in the frame and on the phone", () => {
    expect(resumeRoute(session({ status: "verified" }), false, progress(null))).to.deep.equal({ to: "verified" });
    expect(resumeRoute(session({ status: "processing" }), false, progress(null))).to.deep.equal({ to: "processing" });
    expect(resumeRoute(session({ status: "canceled" }), true, progress(null))).to.deep.equal({ to: "unavailable", errorCode: "session_not_open" });
    expect(resumeRoute(session(), false, progress(null))).to.deep.equal({ to: "consent" });
    // A failed verification with no new photo says why first; with photos in, it carries on.
    const failed = session({ last_error: { code: "selfie_mismatch", reason: "The selfie does not match." } });
    expect(resumeRoute(failed, false, progress(null))).to.deep.equal({ to: "requires_input", reason: "selfie_mismatch" });
    // The phone starts at the document choice (no consent there), or where the photos left off.
    expect(resumeRoute(session(), true, progress(null))).to.deep.equal({ to: "document_type" });
    expect(resumeRoute(session({ uploaded: ["front"] }), true, progress("driving_license", ["front"]))).to.deep.equal({ to: "capture", side: "back" });
    expect(resumeRoute(session({ handoff: "completed" }), true, progress("passport", ["front"]))).to.deep.equal({ to: "phone_done" });
  });

  it("leads Back one step, and nowhere while something is on its way", () => {
    expect(backRoute({ name: "document_type", documentType: null, country: "US", busy: false, errorCode: null }, back())).to.deep.equal({ to: "consent" });
    expect(backRoute({ name: "document_type", documentType: null, country: "US", busy: false, errorCode: null }, back({ phone: true }))).to.equal(null);
    expect(backRoute({ name: "document_type", documentType: null, country: "US", busy: true, errorCode: null }, back())).to.equal(null);
    expect(backRoute(capture("front"), back())).to.deep.equal({ to: "document_type" });
    expect(backRoute(capture("back"), back())).to.deep.equal({ to: "capture", side: "front" });
    expect(backRoute(capture("back", "uploading"), back())).to.equal(null);
    // A retake from the review returns there once nothing is missing.
    expect(backRoute(capture("back"), back({ retaking: true, captured: new Set<ImageSide>(["front", "back"]) }))).to.deep.equal({ to: "review" });
    expect(backRoute({ name: "review", items: [], busy: false, errorCode: null, phone: false }, back())).to.deep.equal({ to: "capture", side: "back" });
    expect(backRoute({ name: "review", items: [], busy: true, errorCode: null, phone: false }, back())).to.equal(null);
    expect(backRoute({ name: "handoff", state: "waiting", url: "", expiresAt: 0, needed: [], uploaded: [], errorCode: null }, back({ handoffReturn: "back" }))).to.deep.equal({
      to: "capture",
      side: "back",
    });
    expect(backRoute({ name: "processing" }, back())).to.equal(null);
  });

  it("words a failed verification by its code, and anything else as other", () => {
    expect(requiresInputReason(session({ last_error: { code: "document_unverified", reason: "Unreadable." } }))).to.equal("document_unverified");
    expect(requiresInputReason(session({ last_error: { code: "consent_declined", reason: "Declined." } }))).to.equal("other");
    expect(requiresInputReason(session())).to.equal("other");
  });
});
