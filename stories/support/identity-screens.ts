/**
 * Identity screens with sample data, for stories and the browser tests that render the
 * same screens: each builder fills what a screen needs and takes overrides.
 */
import type { IdentityScreen } from "../../src/frames/identity/model.js";

type ScreenOf<Name extends IdentityScreen["name"]> = Extract<IdentityScreen, { name: Name }>;

export const sampleHandoffUrl = "http://localhost:4000/frames/identity.html?handoff=hot_sample0123456789abcdefghijkl";
/** 2030-03-17, so the hand-off's "expires at" is a fixed time. */
export const sampleHandoffExpiresAt = 1_900_000_000;

export const documentScreen = (overrides: Partial<ScreenOf<"document_type">> = {}): IdentityScreen => ({
  name: "document_type",
  documentType: null,
  country: "US",
  busy: false,
  errorCode: null,
  ...overrides,
});

export const captureScreen = (overrides: Partial<ScreenOf<"capture">> = {}): IdentityScreen => ({
  name: "capture",
  side: "front",
  documentType: "driving_license",
  state: "choose",
  stream: null,
  previewUrl: "",
  cameraProblem: null,
  errorCode: null,
  canHandoff: true,
  ...overrides,
});

export const handoffScreen = (overrides: Partial<ScreenOf<"handoff">> = {}): IdentityScreen => ({
  name: "handoff",
  state: "waiting",
  url: sampleHandoffUrl,
  expiresAt: sampleHandoffExpiresAt,
  needed: ["front", "back", "selfie"],
  uploaded: [],
  errorCode: null,
  ...overrides,
});

/** A small JPEG as a data: URL, standing in for an object URL of a photo. */
export function samplePhotoUrl(): string {
  const canvas = document.createElement("canvas");
  canvas.width = 120;
  canvas.height = 80;
  const context = canvas.getContext("2d");
  if (context) {
    context.fillStyle = "#e8e4da";
    context.fillRect(0, 0, 120, 80);
  }
  return canvas.toDataURL("image/jpeg");
}
