/**
 * Every screen of the identity frame in every state, rendered from properties as the
 * frame shows them — no server, no bridge, no camera (the live preview shows a
 * placeholder where the stream would be). The appearance controls set the same
 * --enclave-* variables a merchant's `appearance` does; the words and the country names
 * follow Storybook's global locale, as the frame's follow `init`. Errors are given by
 * code, as the controller gives them: the screens choose the words.
 */
import type { Meta, StoryObj } from "@storybook/web-components-vite";
import "../src/frames/identity/identity-view.js";
import type { IdentityScreen } from "../src/frames/identity/model.js";
import { appearanceArgTypes, customAppearance, frameRoot, type AppearanceArgs } from "./support/appearance.js";
import { opensModalDialog } from "./support/docs.js";
import { captureScreen as capture, documentScreen, handoffScreen as handoff } from "./support/identity-screens.js";

interface Args extends AppearanceArgs {
  screen: IdentityScreen;
  /** The phone page: no "Close", no exit confirmation. */
  phone: boolean;
  canGoBack: boolean;
  exitConfirmOpen: boolean;
  /** Named in the phone page's header (it has no merchant page around it). */
  merchantName: string;
}

/** A drawn ID card, standing in for a customer's photo (stories never hold a real one). */
function samplePhoto(kind: "front" | "back" | "selfie"): string {
  const canvas = document.createElement("canvas");
  canvas.width = 640;
  canvas.height = kind === "selfie" ? 640 : 420;
  const context = canvas.getContext("2d");
  if (!context) return "";
  context.fillStyle = "#4b5563";
  context.fillRect(0, 0, canvas.width, canvas.height);
  if (kind === "selfie") {
    context.fillStyle = "#3b2a1e";
    context.beginPath();
    context.ellipse(320, 290, 170, 200, 0, 0, Math.PI * 2);
    context.fill();
    context.fillStyle = "#e0b896";
    context.beginPath();
    context.ellipse(320, 330, 130, 165, 0, 0, Math.PI * 2);
    context.fill();
    return canvas.toDataURL("image/jpeg", 0.85);
  }
  context.fillStyle = "#e8e4da";
  context.beginPath();
  context.roundRect(40, 40, 560, 340, 18);
  context.fill();
  context.fillStyle = kind === "front" ? "#b0a48a" : "#d1cbbd";
  context.fillRect(70, 90, 150, 200);
  context.fillStyle = "#1f2937";
  context.font = "18px sans-serif";
  const lines =
    kind === "front"
      ? ["SPECIMEN", "SURNAME  SAMPLE", "GIVEN NAMES  ALEX", "DATE OF BIRTH  01 01 1990", "DOCUMENT  X0000000"]
      : ["|||| |||| || ||||| ||| |||| ||", "ISSUED BY SANDBOX", "CLASS C"];
  lines.forEach((line, index) => context.fillText(line, 250, 110 + index * 34));
  return canvas.toDataURL("image/jpeg", 0.85);
}

const photos = { front: samplePhoto("front"), back: samplePhoto("back"), selfie: samplePhoto("selfie") };

const meta: Meta<Args> = {
  title: "Frames/Identity",
  component: "enclave-identity-view",
  args: {
    screen: { name: "consent", merchantName: "Acme Bank", requireSelfie: true },
    phone: false,
    canGoBack: false,
    exitConfirmOpen: false,
    merchantName: "Acme Bank",
  },
  argTypes: {
    screen: { control: "object", description: "The screen, as the controller builds it (src/frames/identity/model.ts)" },
    ...appearanceArgTypes,
  },
  parameters: { layout: "padded" },
  render: (args) => {
    const frame = frameRoot();
    frame.classList.add("identity-story");

    const view = document.createElement("enclave-identity-view");
    Object.assign(view, { screen: args.screen, phone: args.phone, canGoBack: args.canGoBack, exitConfirmOpen: args.exitConfirmOpen, merchantName: args.merchantName });
    frame.append(view);
    return frame;
  },
};

export default meta;
type Story = StoryObj<Args>;

// ---- screen builders ---------------------------------------------------------------------------

const refused = (errorCode: string, side: "front" | "back" | "selfie" = "front"): Partial<Extract<IdentityScreen, { name: "capture" }>> => ({ side, errorCode });

const back = { canGoBack: true };

// ---- start -------------------------------------------------------------------------------------

export const Loading: Story = { args: { screen: { name: "loading" } } };
export const Unavailable: Story = { args: { screen: { name: "unavailable", errorCode: "origin_not_allowed" } } };
export const ConsentWithSelfie: Story = {};
export const ConsentDocumentOnly: Story = { args: { screen: { name: "consent", merchantName: "Acme Bank", requireSelfie: false } } };

// ---- document type and country ------------------------------------------------------------------

export const DocumentNoneChosen: Story = { args: { ...back, screen: documentScreen() } };
export const DocumentPassport: Story = { args: { ...back, screen: documentScreen({ documentType: "passport" }) } };
export const DocumentDriversLicense: Story = { args: { ...back, screen: documentScreen({ documentType: "driving_license" }) } };
export const DocumentIdCard: Story = { args: { ...back, screen: documentScreen({ documentType: "id_card", country: "DE" }) }, globals: { locale: "de" } };
export const DocumentSaving: Story = { args: { screen: documentScreen({ documentType: "passport", busy: true }) } };
export const DocumentSaveFailed: Story = { args: { ...back, screen: documentScreen({ documentType: "passport", errorCode: "network_error" }) } };
export const DocumentCountriesInFrench: Story = { args: { ...back, screen: documentScreen({ documentType: "id_card", country: "FR" }) }, globals: { locale: "fr" } };

// ---- capture: each step ---------------------------------------------------------------------------

export const CaptureFront: Story = { args: { ...back, screen: capture() } };
export const CapturePassportPhotoPage: Story = { args: { ...back, screen: capture({ documentType: "passport" }) } };
export const CaptureBack: Story = { args: { ...back, screen: capture({ side: "back" }) } };
export const CaptureSelfie: Story = { args: { ...back, screen: capture({ side: "selfie" }) } };

// ---- capture: the camera ----------------------------------------------------------------------------

export const CameraStarting: Story = { args: { ...back, screen: capture({ state: "starting" }) } };
export const CameraDocumentGuide: Story = { args: { ...back, screen: capture({ state: "live" }) } };
export const CameraSelfieGuide: Story = { args: { ...back, screen: capture({ side: "selfie", state: "live" }) } };
export const PhotoTaken: Story = { args: { ...back, screen: capture({ state: "captured", previewUrl: photos.front }) } };
export const SelfieTaken: Story = { args: { ...back, screen: capture({ side: "selfie", state: "captured", previewUrl: photos.selfie }) } };
export const CameraUnavailable: Story = { args: { ...back, screen: capture({ cameraProblem: "unavailable" }) } };
export const CameraBlocked: Story = { args: { ...back, screen: capture({ cameraProblem: "denied" }) } };
export const CameraInUse: Story = { args: { ...back, screen: capture({ side: "selfie", cameraProblem: "in_use" }) } };

// ---- capture: checking, uploading, each refusal -------------------------------------------------------

export const Checking: Story = { args: { screen: capture({ state: "checking", previewUrl: photos.front }) } };
export const Uploading: Story = { args: { screen: capture({ side: "back", state: "uploading", previewUrl: photos.back }) } };
export const UnsupportedFileType: Story = { args: { ...back, screen: capture(refused("unsupported_file_type")) } };
export const EmptyFile: Story = { args: { ...back, screen: capture(refused("empty_file")) } };
export const FileTooLarge: Story = { args: { ...back, screen: capture(refused("file_too_large", "back")) } };
export const ImageTooSmall: Story = { args: { ...back, screen: capture(refused("image_too_small")) } };
export const ImageBlurry: Story = { args: { ...back, screen: capture(refused("image_blurry")) } };
export const SelfieTooSmall: Story = { args: { ...back, screen: capture(refused("image_too_small", "selfie")) } };
export const SelfieBlurry: Story = { args: { ...back, screen: capture(refused("image_blurry", "selfie")) } };
export const UploadNetworkError: Story = { args: { ...back, screen: capture(refused("network_error")) } };
export const BlurryWithoutCamera: Story = { args: { ...back, screen: capture({ ...refused("image_blurry"), cameraProblem: "unavailable" }) } };

// ---- review, processing, results -------------------------------------------------------------------------

const allPhotos = [
  { side: "front" as const, thumbnailUrl: photos.front },
  { side: "back" as const, thumbnailUrl: photos.back },
  { side: "selfie" as const, thumbnailUrl: photos.selfie },
];

export const Review: Story = { args: { ...back, screen: { name: "review", items: allPhotos, busy: false, errorCode: null, phone: false } } };
export const ReviewPassport: Story = {
  args: { ...back, screen: { name: "review", items: [allPhotos[0] as (typeof allPhotos)[number]], busy: false, errorCode: null, phone: false } },
};
export const ReviewAddedOnPhone: Story = {
  args: {
    ...back,
    screen: {
      name: "review",
      items: [
        { side: "front", thumbnailUrl: photos.front },
        { side: "back", thumbnailUrl: null },
        { side: "selfie", thumbnailUrl: null },
      ],
      busy: false,
      errorCode: null,
      phone: false,
    },
  },
};
export const Submitting: Story = { args: { screen: { name: "review", items: allPhotos, busy: true, errorCode: null, phone: false } } };
export const SubmitFailed: Story = { args: { ...back, screen: { name: "review", items: allPhotos, busy: false, errorCode: "document_incomplete", phone: false } } };
export const Processing: Story = { args: { screen: { name: "processing" } } };
export const Verified: Story = { args: { screen: { name: "verified", merchantName: "Acme Bank" } } };
export const DocumentUnverified: Story = { args: { screen: { name: "requires_input", reason: "document_unverified" } } };
export const SelfieMismatch: Story = { args: { screen: { name: "requires_input", reason: "selfie_mismatch" } } };
export const NotVerifiedNoReason: Story = { args: { screen: { name: "requires_input", reason: "other" } } };

// ---- the phone hand-off, on the computer ------------------------------------------------------------------

export const HandoffCreating: Story = { args: { ...back, screen: handoff({ state: "creating", url: "" }) } };
export const HandoffWaiting: Story = { args: { ...back, screen: handoff() } };
export const HandoffPhoneConnected: Story = { args: { ...back, screen: handoff({ state: "connected", uploaded: ["front"] }) } };
export const HandoffAlmostDone: Story = { args: { ...back, screen: handoff({ state: "connected", uploaded: ["front", "back"] }) } };
export const HandoffExpired: Story = { args: { ...back, screen: handoff({ state: "expired", url: "" }) } };
export const HandoffFailed: Story = { args: { ...back, screen: handoff({ state: "error", url: "", errorCode: "network_error" }) } };

// ---- the phone page ----------------------------------------------------------------------------------------

const phone = { phone: true };
export const PhoneLoading: Story = { args: { ...phone, screen: { name: "loading" } } };
export const PhoneCaptureFront: Story = { args: { ...phone, screen: capture({ canHandoff: false }) } };
export const PhoneCameraBack: Story = { args: { ...phone, ...back, screen: capture({ side: "back", state: "live", canHandoff: false }) } };
export const PhoneCameraBlocked: Story = { args: { ...phone, ...back, screen: capture({ side: "selfie", cameraProblem: "denied", canHandoff: false }) } };
export const PhoneReview: Story = { args: { ...phone, ...back, screen: { name: "review", items: allPhotos, busy: false, errorCode: null, phone: true } } };
export const PhoneSending: Story = { args: { ...phone, screen: { name: "review", items: allPhotos, busy: true, errorCode: null, phone: true } } };
export const PhoneDone: Story = { args: { ...phone, screen: { name: "phone_done" } } };
export const PhoneLinkInvalid: Story = { args: { ...phone, screen: { name: "phone_invalid", errorCode: "handoff_invalid" } } };

// ---- leaving, appearance, locales ------------------------------------------------------------------------------

export const ExitConfirm: Story = { args: { ...back, screen: capture({ side: "back" }), exitConfirmOpen: true }, parameters: opensModalDialog };
export const Night: Story = { args: { ...back, screen: capture(refused("image_blurry")) }, globals: { theme: "night" } };
export const NightHandoff: Story = { args: { ...back, screen: handoff() }, globals: { theme: "night" } };
export const Flat: Story = { args: { ...back, screen: documentScreen({ documentType: "driving_license" }) }, globals: { theme: "flat" } };
export const CustomAppearance: Story = {
  args: {
    ...back,
    screen: { name: "review", items: allPhotos, busy: false, errorCode: null, phone: false },
    ...customAppearance,
  },
};
export const RightToLeft: Story = { args: { ...back, screen: documentScreen({ documentType: "id_card", country: "AE" }) }, globals: { locale: "ar" } };
