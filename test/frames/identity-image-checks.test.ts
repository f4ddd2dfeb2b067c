/**
 * The identity frame's photo checks (image-checks.ts) on images drawn here: the type read
 * from the bytes, empty and oversized files, resolution, blur (a sharp drawing against the
 * same drawing through `blur(8px)`), and the scaling of large photos before upload.
 */
import { expect } from "@open-wc/testing";
import {
  BLUR_SAMPLE_SIZE,
  BLUR_THRESHOLDS,
  MAX_UPLOAD_DIMENSION,
  fitWithin,
  grayscale,
  laplacianVariance,
  measureSharpness,
  minimumSize,
  prepareImage,
  smoothBinomial,
  sniffImageType,
} from "../../src/frames/identity/image-checks.js";
import { IMAGE_LIMITS } from "../../src/protocol/identity-api.js";
import { EnclaveError } from "../../src/protocol/errors.js";

// ---- drawing -------------------------------------------------------------------------

interface Drawing {
  blur?: number;
  /** Sensor-like noise (standard deviation in grey levels), added after the blur as a camera would. */
  noise?: number;
}

/** An ID-card-like drawing: a light card with a photo box and lines of dark print on a dark table. */
function drawDocument(width: number, height: number, { blur = 0, noise = 0 }: Drawing = {}): HTMLCanvasElement {
  const sharp = document.createElement("canvas");
  sharp.width = width;
  sharp.height = height;
  const context = sharp.getContext("2d");
  if (!context) throw new Error("no 2d context");
  context.fillStyle = "#3a3a3a";
  context.fillRect(0, 0, width, height);
  context.fillStyle = "#e8e4da";
  context.beginPath();
  context.roundRect(width * 0.08, height * 0.12, width * 0.84, height * 0.76, Math.round(width * 0.02));
  context.fill();
  context.fillStyle = "#b0a48a";
  context.fillRect(width * 0.12, height * 0.25, width * 0.22, height * 0.5);
  context.fillStyle = "#222222";
  context.font = `${Math.round(height * 0.035)}px sans-serif`;
  for (let line = 0; line < 8; line++) context.fillText("SURNAME GIVEN NAMES 1990-01-01 X1234567", width * 0.38, height * (0.28 + line * 0.06));

  const out = document.createElement("canvas");
  out.width = width;
  out.height = height;
  const target = out.getContext("2d");
  if (!target) throw new Error("no 2d context");
  target.filter = blur ? `blur(${blur}px)` : "none";
  target.drawImage(sharp, 0, 0);
  target.filter = "none";
  if (noise) {
    const pixels = target.getImageData(0, 0, width, height);
    for (let index = 0; index < pixels.data.length; index += 4) {
      // Roughly Gaussian: the sum of three uniforms.
      const offset = (Math.random() + Math.random() + Math.random() - 1.5) * 2 * noise;
      for (let channel = 0; channel < 3; channel++) pixels.data[index + channel] = (pixels.data[index + channel] ?? 0) + offset;
    }
    target.putImageData(pixels, 0, 0);
  }
  return out;
}

function toBlob(canvas: HTMLCanvasElement, type: "image/png" | "image/jpeg" = "image/png", quality = 0.92): Promise<Blob> {
  return new Promise((resolve, reject) => canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error("toBlob failed"))), type, quality));
}

async function refusal(promise: Promise<unknown>): Promise<EnclaveError> {
  try {
    await promise;
  } catch (error) {
    expect(error).to.be.instanceOf(EnclaveError);
    return error as EnclaveError;
  }
  throw new Error("expected the photo to be refused");
}

async function dimensionsOf(blob: Blob): Promise<{ width: number; height: number }> {
  const bitmap = await createImageBitmap(blob);
  const size = { width: bitmap.width, height: bitmap.height };
  bitmap.close();
  return size;
}

// ---- tests -----------------------------------------------------------------------------

describe("identity image checks: the file", () => {
  it("reads the type from the first bytes: JPEG and PNG only", () => {
    expect(sniffImageType(new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0]))).to.equal("image/jpeg");
    expect(sniffImageType(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))).to.equal("image/png");
    expect(sniffImageType(new TextEncoder().encode("GIF89a…"))).to.equal(null);
    expect(sniffImageType(new TextEncoder().encode("%PDF-1.7"))).to.equal(null);
    expect(sniffImageType(new Uint8Array([0xff, 0xd8]))).to.equal(null);
    expect(sniffImageType(new Uint8Array([0x89, 0x50, 0x4e, 0x47]))).to.equal(null);
  });

  it("refuses a text file renamed .jpg and labelled image/jpeg", async () => {
    const file = new File(["Hello, this is not a photo.\n"], "passport.jpg", { type: "image/jpeg" });
    const error = await refusal(prepareImage(file, "front"));
    expect(error.code).to.equal("unsupported_file_type");
    expect(error.retryable).to.equal(true);
    expect(error.message).to.equal("This file isn't a photo we can use. Choose a JPEG or PNG image.");
  });

  it("refuses bytes that start like a JPEG but are not an image", async () => {
    const file = new File([new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4, 5, 6, 7, 8])], "broken.jpg", { type: "image/jpeg" });
    expect((await refusal(prepareImage(file, "front"))).code).to.equal("unsupported_file_type");
  });

  it("accepts a real photo whatever its name and MIME type say", async () => {
    const png = await toBlob(drawDocument(1200, 800));
    const misnamed = new File([png], "scan.txt", { type: "text/plain" });
    const prepared = await prepareImage(misnamed, "front");
    expect(prepared.type).to.equal("image/png");
  });

  it("refuses an empty file", async () => {
    const error = await refusal(prepareImage(new File([], "front.jpg", { type: "image/jpeg" }), "front"));
    expect(error.code).to.equal("empty_file");
    expect(error.message).to.equal("This file is empty. Choose another photo.");
  });

  it("refuses a file over 10 MB before reading it", async () => {
    const bytes = new Uint8Array(IMAGE_LIMITS.maxBytes + 1);
    bytes.set([0xff, 0xd8, 0xff, 0xe0]);
    const error = await refusal(prepareImage(new File([bytes], "huge.jpg", { type: "image/jpeg" }), "front"));
    expect(error.code).to.equal("file_too_large");
    expect(error.message).to.contain("10 MB");
  });

  it("accepts exactly 10 MB as far as size goes (the next check speaks)", async () => {
    const bytes = new Uint8Array(IMAGE_LIMITS.maxBytes);
    bytes.set([0xff, 0xd8, 0xff, 0xe0]);
    // Not a decodable JPEG: refused, but for its type, not its size.
    expect((await refusal(prepareImage(new Blob([bytes]), "front"))).code).to.equal("unsupported_file_type");
  });
});

describe("identity image checks: resolution", () => {
  it("refuses a 10 × 10 image", async () => {
    const error = await refusal(prepareImage(await toBlob(drawDocument(10, 10)), "front"));
    expect(error.code).to.equal("image_too_small");
    expect(error.message).to.contain("600 × 400");
  });

  it("asks documents for 600 × 400 and selfies for 320 × 320, in either orientation", async () => {
    expect(minimumSize("front")).to.deep.equal({ long: 600, short: 400 });
    expect(minimumSize("selfie")).to.deep.equal({ long: 320, short: 320 });
    const square = await toBlob(drawDocument(400, 400));
    expect((await refusal(prepareImage(square, "back"))).code).to.equal("image_too_small");
    const selfie = await prepareImage(square, "selfie");
    expect(selfie.width).to.equal(400);
    const portrait = await prepareImage(await toBlob(drawDocument(400, 600)), "front");
    expect([portrait.width, portrait.height]).to.deep.equal([400, 600]);
    const tooSmallSelfie = await refusal(prepareImage(await toBlob(drawDocument(300, 400)), "selfie"));
    expect(tooSmallSelfie.message).to.contain("320 × 320");
  });
});

describe("identity image checks: blur", () => {
  it("measures the variance of the Laplacian: nothing on a flat image, a lot on a checkerboard", () => {
    const flat = new Float32Array(16 * 16).fill(128);
    expect(laplacianVariance(flat, 16, 16)).to.equal(0);
    const board = new Float32Array(16 * 16).map((_, index) => (((index % 16) + Math.floor(index / 16)) % 2 ? 255 : 0));
    expect(laplacianVariance(board, 16, 16)).to.be.greaterThan(100_000);
    expect(laplacianVariance(smoothBinomial(flat, 16, 16), 16, 16)).to.equal(0);
    expect(Array.from(grayscale(new Uint8ClampedArray([255, 255, 255, 255, 0, 0, 0, 255]), 2, 1)).map(Math.round)).to.deep.equal([255, 0]);
  });

  it("looks at a copy at most 512 px on its long side", () => {
    expect(BLUR_SAMPLE_SIZE).to.equal(512);
    expect(fitWithin(4000, 3000, 512)).to.deep.equal({ width: 512, height: 384 });
    expect(fitWithin(300, 200, 512)).to.deep.equal({ width: 300, height: 200 });
  });

  it("passes a sharp drawing and refuses the same drawing through blur(8px)", async () => {
    const sharp = drawDocument(1200, 800);
    const blurred = drawDocument(1200, 800, { blur: 8 });
    const sharpness = measureSharpness(sharp, 1200, 800);
    const blurriness = measureSharpness(blurred, 1200, 800);
    // Far on both sides of the line, not just across it.
    expect(sharpness).to.be.greaterThan(BLUR_THRESHOLDS.document * 10);
    expect(blurriness).to.be.lessThan(BLUR_THRESHOLDS.document / 2);

    const accepted = await prepareImage(await toBlob(sharp), "front");
    expect(accepted.sharpness).to.be.greaterThan(BLUR_THRESHOLDS.document);
    const error = await refusal(prepareImage(await toBlob(blurred), "front"));
    expect(error.code).to.equal("image_blurry");
    expect(error.message).to.equal("This photo looks blurry. Hold still, make sure the document is in focus, and try again.");
    expect(error.retryable).to.equal(true);
  });

  it("is not fooled by sensor noise on a blurred photo, nor put off by it on a sharp one", async () => {
    expect(measureSharpness(drawDocument(1280, 720, { blur: 8, noise: 4 }), 1280, 720)).to.be.lessThan(BLUR_THRESHOLDS.document);
    expect(measureSharpness(drawDocument(1280, 720, { noise: 4 }), 1280, 720)).to.be.greaterThan(BLUR_THRESHOLDS.document * 10);
    // A JPEG of a blurred, noisy photo, as a webcam would give it.
    const jpeg = await toBlob(drawDocument(1280, 720, { blur: 8, noise: 4 }), "image/jpeg", 0.9);
    expect((await refusal(prepareImage(jpeg, "back"))).code).to.equal("image_blurry");
  });

  it("passes a photo that is soft but readable", () => {
    expect(measureSharpness(drawDocument(1200, 800, { blur: 2 }), 1200, 800)).to.be.greaterThan(BLUR_THRESHOLDS.document);
  });

  it("words a blurry selfie for a face", async () => {
    const error = await refusal(prepareImage(await toBlob(drawDocument(640, 480, { blur: 12 })), "selfie"));
    expect(error.code).to.equal("image_blurry");
    expect(error.message).to.equal("This photo looks blurry. Hold still, make sure your face is in focus, and try again.");
  });
});

describe("identity image checks: scaling before upload", () => {
  it("scales a photo longer than 2000 px down to 2000 and re-encodes it as JPEG", async () => {
    const large = await toBlob(drawDocument(3000, 2000));
    const prepared = await prepareImage(large, "front");
    expect(MAX_UPLOAD_DIMENSION).to.equal(2000);
    expect(prepared.type).to.equal("image/jpeg");
    expect([prepared.width, prepared.height]).to.deep.equal([2000, 1333]);
    expect(await dimensionsOf(prepared.blob)).to.deep.equal({ width: 2000, height: 1333 });
    expect(sniffImageType(new Uint8Array(await prepared.blob.slice(0, 8).arrayBuffer()))).to.equal("image/jpeg");
    expect(prepared.blob.size).to.be.lessThan(large.size);
  });

  it("scales a tall photo by its long side", async () => {
    const prepared = await prepareImage(await toBlob(drawDocument(1500, 2400)), "front");
    expect([prepared.width, prepared.height]).to.deep.equal([1250, 2000]);
  });

  it("uploads a photo of 2000 px or less as it is", async () => {
    const blob = await toBlob(drawDocument(2000, 1200), "image/jpeg");
    const prepared = await prepareImage(blob, "front");
    expect(prepared.blob).to.equal(blob);
    expect(prepared.type).to.equal("image/jpeg");
  });
});
