/**
 * Every word the identity frame shows or says, in English — the shape every other
 * language in ./locales/ fills (TypeScript refuses a missing key) — and the two ways an
 * error code becomes words: the customer's, in the current language, and the merchant
 * developer's, in English.
 *
 * The contract's accessible names ("Passport", "Upload front of document", "Continue",
 * "Submit", …) are this catalog's English values: change them only with CONTRACT.md.
 *
 * Numbers and times reach the catalogs as numbers (for plurals) or already formatted
 * strings; country names never come through here: they come from `Intl.DisplayNames`.
 */
import { IMAGE_LIMITS, minimumSize, type DocumentType, type ImageSide } from "../../protocol/identity-constants.js";
import { commonErrorMessage } from "../ui/common-messages.js";
import { currentLocale, defineMessages, formatNumber, type Messages } from "../ui/i18n.js";

/**
 * How long images are kept at most, said once for the whole flow. Change it here (and only
 * here) when the widget host's retention period changes.
 */
export const retentionDays = 30;

const en = {
  /** The page's title: the phone's browser tab shows it. */
  pageTitle: "Identity verification",
  /** Stands in for a merchant without a name (should not happen) at the start of a sentence. */
  someMerchant: "This business",

  frame: {
    back: "Back",
    close: "Close",
    secured: "Secured by Enclave",
    /** Where the customer is in the flow, in the header. */
    step: (step: number, total: number) => `Step ${formatNumber(step)} of ${formatNumber(total)}`,
  },

  /** The contract's names of the document choices. */
  documents: {
    passport: "Passport",
    driving_license: "Driver's license",
    id_card: "ID card",
  },

  /** What each photo is called on its own (review captions, the phone's checklist). */
  sides: {
    front: "Front of document",
    back: "Back of document",
    selfie: "Selfie",
  },

  consent: {
    title: "Verify your identity",
    lede: (merchant: string) => `${merchant} needs to confirm that you are who you say you are. It takes a couple of minutes.`,
    collectTitle: "What we'll ask for",
    document: "A photo of a government-issued ID: your passport, driver's license or ID card",
    selfie: "A selfie, to check that you are the person on the ID",
    useTitle: "How it's used",
    use: (merchant: string) =>
      `${merchant} receives the result, with your name, date of birth and your document's details. Your photos are used only to verify you and are kept encrypted.`,
    retentionTitle: "How long it's kept",
    retention: (merchant: string, days: number) => `Your images are deleted when ${merchant} asks for them to be deleted, or after up to ${formatNumber(days)} days at the latest.`,
    continue: "Continue",
    decline: "Decline",
  },

  document: {
    title: "Choose your ID",
    lede: "Use the original document, not a copy or a screenshot, and make sure it hasn't expired.",
    typeLegend: "Document type",
    hints: {
      passport: "Photo page",
      driving_license: "Front and back",
      id_card: "Front and back",
    },
    country: "Issuing country",
    chooseType: "Choose the type of your document.",
    continue: "Continue",
    saving: "Saving your choice…",
  },

  capture: {
    /** Each photo asked for, by `captureStep()`: a passport has only its photo page. */
    steps: {
      passport: { title: "Photo page of your passport", lede: "Open your passport at the page with your photo and take a photo of it." },
      driving_license_front: { title: "Front of your driver's license", lede: "Take a photo of the front of your driver's license." },
      driving_license_back: { title: "Back of your driver's license", lede: "Turn your driver's license over and take a photo of the back." },
      id_card_front: { title: "Front of your ID card", lede: "Take a photo of the front of your ID card." },
      id_card_back: { title: "Back of your ID card", lede: "Turn your ID card over and take a photo of the back." },
      selfie: { title: "Take a selfie", lede: "We'll compare it with the photo on your ID. Face the camera in good light, and take off glasses and hats." },
    },
    tipsTitle: "For a good photo",
    documentTips: {
      flat: "Lay it flat on a dark surface, in good light",
      corners: "Keep all four corners in the photo",
      glare: "Avoid glare, and don't cover any text",
    },
    selfieTips: {
      face: "Keep your whole face in the frame",
      light: "Use even light, without strong shadows",
      expression: "Keep a neutral expression",
    },
    useCamera: "Use camera",
    orPhone: "Your phone's camera usually takes sharper photos.",
    continueOnPhone: "Continue on your phone",
    /** The contract's names of the file inputs. */
    upload: {
      front: "Upload front of document",
      back: "Upload back of document",
      selfie: "Upload selfie",
    },
    starting: "Starting your camera…",
    guideDocument: "Fit your document inside the frame and hold still.",
    guideSelfie: "Keep your face inside the oval and hold still.",
    preview: "Camera preview",
    takePhoto: "Take photo",
    cancel: "Cancel",
    retake: "Retake",
    usePhoto: "Use this photo",
    photoAlt: {
      front: "Your photo of the front of your document",
      back: "Your photo of the back of your document",
      selfie: "Your selfie",
    },
    checking: "Checking your photo…",
    uploading: "Uploading your photo…",
    /** Why the camera cannot be used, in words a person can act on. */
    cameraProblems: {
      unavailable: "We couldn't find a camera on this device.",
      denied: "Camera access is blocked. You can allow it in your browser's settings.",
      in_use: "Your camera is being used by another app. Close it and try again.",
    },
    cameraAlternatives: "Upload a photo instead, or continue on your phone.",
    cameraAlternativesPhone: "Upload a photo instead.",
  },

  review: {
    title: "Check your photos",
    lede: "Make sure every photo is sharp, with nothing cut off or covered by glare.",
    ledePhone: "Make sure every photo is sharp, then send them to your computer.",
    addedElsewhere: "Added on another device",
    thumbnailAlt: {
      front: "Your photo: front of document",
      back: "Your photo: back of document",
      selfie: "Your photo: selfie",
    },
    retake: "Retake",
    /** The Retake buttons' accessible names: there is one per photo. */
    retakeName: {
      front: "Retake front of document",
      back: "Retake back of document",
      selfie: "Retake selfie",
    },
    submit: "Submit",
    finish: "Finish",
    submitting: "Sending your photos for verification…",
    finishing: "Sending your photos…",
  },

  status: {
    loading: "Loading…",
    unavailableTitle: "Verification isn't available",
    processingTitle: "Verifying your identity…",
    processing: "This usually takes a few seconds. Keep this window open.",
    verifiedTitle: "You're verified",
    verified: (merchant: string) => `Thanks. ${merchant} has been told that your identity is confirmed.`,
    requiresInputTitle: "We couldn't verify you",
    /** The plain-words explanation of a verification that did not pass. */
    requiresInput: {
      document_unverified:
        "We couldn't verify your document. Make sure it is a valid, unexpired government ID, that all four corners are in the photo and the text is easy to read, then try again.",
      selfie_mismatch: "Your selfie didn't match the photo on your document. Take a new selfie facing the camera in good light, without glasses or a hat, then try again.",
      other: "We couldn't complete your verification. Please try again.",
    },
    tryAgain: "Try again",
    /** Ends the flow after "You're verified": the merchant's page hears of it then. */
    done: "Done",
    phoneDoneTitle: "All done — return to your computer",
    phoneDone: "Your photos were sent securely. Continue on your computer; you can close this page.",
    phoneInvalidTitle: "This link can't be used",
    phoneInvalid: "On your computer, choose “Continue on your phone” again to get a new code.",
  },

  handoff: {
    title: "Continue on your phone",
    lede: "Scan this QR code with your phone's camera, then take the photos there. This page moves on by itself when you're done.",
    qrLabel: "QR code that opens this verification on your phone",
    linkIntro: "Or open this link on your phone:",
    copy: "Copy link",
    copied: "Link copied.",
    copyByHand: "Select the link and copy it (Ctrl+C, or ⌘C on a Mac).",
    /** `time`: when the link expires, formatted for the locale ("2:35 PM", "14:35"). */
    oneUse: (time: string) => `The link works once and expires at ${time}. Don't share it.`,
    creating: "Creating a secure link…",
    waiting: "Waiting for your phone…",
    connected: "Phone connected",
    connectedHint: "Follow the steps on your phone and keep this page open.",
    added: (count: number, total: number) => `${formatNumber(count)} of ${formatNumber(total)} ${total === 1 ? "photo" : "photos"} added.`,
    addedMark: "Added",
    pendingMark: "Waiting",
    expired: "This code has expired.",
    renew: "Get a new code",
    useThisDevice: "Use this device instead",
  },

  exit: {
    title: "Leave verification?",
    text: "Your identity won't be verified yet. You can come back and finish later.",
    leave: "Leave",
    stay: "Stay",
  },

  /** This flow's own error codes (see `errorWords`); the rest are commonErrorMessage()'s. */
  errors: {
    unsupportedFileType: "This file isn't a photo we can use. Choose a JPEG or PNG image.",
    emptyFile: "This file is empty. Choose another photo.",
    /** `size`: the limit, formatted ("10 MB"). */
    fileTooLarge: (size: string) => `This photo is larger than ${size}. Choose a smaller one.`,
    /** `width` × `height`: the smallest photo that can be read, formatted. */
    imageTooSmall: (width: string, height: string) => `This photo is too small to read. Use a photo of at least ${width} × ${height} pixels, or take one with the camera.`,
    selfieTooSmall: (width: string, height: string) => `This photo is too small. Use a photo of at least ${width} × ${height} pixels, or take one with the camera.`,
    imageBlurry: "This photo looks blurry. Hold still, make sure the document is in focus, and try again.",
    selfieBlurry: "This photo looks blurry. Hold still, make sure your face is in focus, and try again.",
    documentIncomplete: "Add a photo of every side of your document before submitting.",
    handoffInvalid: "This link has expired or has already been used.",
    cameraUnavailable: "We couldn't use your camera.",
    network: "We couldn't reach the verification service. Check your connection and try again.",
    sessionNotOpen: "This verification is no longer open.",
  },
};

/** The shape every language's catalog fills. */
export type IdentityCatalog = Messages<typeof en>;

export const identityMessages = defineMessages(en, {
  es: () => import("./locales/es.js").then((module) => module.es),
  fr: () => import("./locales/fr.js").then((module) => module.fr),
  de: () => import("./locales/de.js").then((module) => module.de),
  ja: () => import("./locales/ja.js").then((module) => module.ja),
  ar: () => import("./locales/ar.js").then((module) => module.ar),
});

/** Which of `capture.steps` a photo is: a passport's only photo is its photo page. */
export type CaptureStep = keyof IdentityCatalog["capture"]["steps"];

export function captureStep(side: ImageSide, documentType: DocumentType): CaptureStep {
  if (side === "selfie") return "selfie";
  if (documentType === "passport") return "passport";
  return `${documentType}_${side}`;
}

/**
 * This flow's words for `code` from one catalog, with its numbers formatted for `locale`;
 * undefined for a code this flow has no words of its own for. A selfie gets its own
 * wording for a photo that is too small or blurry.
 */
function errorWords(words: IdentityCatalog["errors"], locale: string, code: string, side: ImageSide | undefined): string | undefined {
  const number = (value: number, options?: Intl.NumberFormatOptions): string => new Intl.NumberFormat(locale, options).format(value);
  const selfie = side === "selfie";
  switch (code) {
    case "unsupported_file_type":
      return words.unsupportedFileType;
    case "empty_file":
      return words.emptyFile;
    case "file_too_large":
      return words.fileTooLarge(number(IMAGE_LIMITS.maxBytes / 1024 / 1024, { style: "unit", unit: "megabyte" }));
    case "image_too_small": {
      const minimum = minimumSize(side ?? "front");
      return (selfie ? words.selfieTooSmall : words.imageTooSmall)(number(minimum.long), number(minimum.short));
    }
    case "image_blurry":
      return selfie ? words.selfieBlurry : words.imageBlurry;
    case "document_incomplete":
      return words.documentIncomplete;
    case "handoff_invalid":
      return words.handoffInvalid;
    case "camera_unavailable":
      return words.cameraUnavailable;
    case "network_error":
      return words.network;
    case "session_not_open":
      return words.sessionNotOpen;
    default:
      return undefined;
  }
}

/**
 * What the customer reads for an error, in the current language: this flow's words for
 * its own codes, the words every frame shares otherwise. Never the server's message.
 */
export function identityErrorMessage(code: string, side?: ImageSide): string {
  return errorWords(identityMessages().errors, currentLocale(), code, side) ?? commonErrorMessage(code);
}

/**
 * The English message for the merchant's developer (the `error` bridge event, an
 * EnclaveError's message): this flow's English words for its own codes, else `fallback`
 * (the server's or the client's own English message).
 */
export function developerErrorMessage(code: string, fallback: string, side?: ImageSide): string {
  return errorWords(identityMessages.catalogs.en.errors, "en", code, side) ?? fallback;
}
