/**
 * The identity frame decodes photos in a module Web Worker (image-checks.worker.ts), so a
 * large photo never freezes the page: while a 48-megapixel photo is checked and scaled, the
 * main thread keeps running its timers; the worker gives the same answers as the page's own
 * thread would; and prepareImage still works where the worker cannot be used.
 */
import { expect } from "@open-wc/testing";
import { imageWorkerAvailable, prepareImage } from "../../src/frames/identity/image-checks.js";
import { EnclaveError } from "../../src/protocol/errors.js";

/** Light paper with dark print: sharp, with many edges (like the checks suite's drawing, simpler). */
function drawPrint(width: number, height: number, blur = 0): HTMLCanvasElement {
  const canvas = document.createElement("canvas");
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext("2d");
  if (!context) throw new Error("no 2d context");
  context.fillStyle = "#e8e4da";
  context.fillRect(0, 0, width, height);
  context.fillStyle = "#1a1a2e";
  const line = Math.max(12, Math.round(height / 60));
  for (let y = line; y < height - line; y += line * 2) {
    for (let x = line; x < width - line; x += line * 1.5) context.fillRect(x, y, line * (0.4 + ((x * 7 + y * 3) % 5) / 10), line);
  }
  if (blur === 0) return canvas;
  // Blurred once, as a whole (a filter on every stroke would take the drawing minutes).
  const blurred = document.createElement("canvas");
  blurred.width = width;
  blurred.height = height;
  const target = blurred.getContext("2d");
  if (!target) throw new Error("no 2d context");
  target.filter = `blur(${blur}px)`;
  target.drawImage(canvas, 0, 0);
  return blurred;
}

function toBlob(canvas: HTMLCanvasElement, type: "image/png" | "image/jpeg" = "image/jpeg"): Promise<Blob> {
  return new Promise((resolve, reject) => canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error("toBlob failed"))), type, 0.9));
}

/** The longest the main thread went without running a 0 ms timer while `work` ran. */
async function longestStall(work: () => Promise<unknown>): Promise<number> {
  let last = performance.now();
  let longest = 0;
  let running = true;
  const tick = (): void => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
    if (running) setTimeout(tick, 0);
  };
  setTimeout(tick, 0);
  try {
    await work();
  } finally {
    running = false;
  }
  return longest;
}

describe("identity image checks: in a Web Worker", () => {
  let large: Blob;

  before(async () => {
    // 8000 × 6000: a 48 MP phone photo at full size.
    large = await toBlob(drawPrint(8000, 6000));
  });

  it("runs in a module worker in this browser", () => {
    expect(imageWorkerAvailable()).to.equal(true);
  });

  it("keeps the page's main thread free while a 48 MP photo is decoded, measured and scaled", async () => {
    await prepareImage(await toBlob(drawPrint(1200, 800)), "front"); // the worker started and warm
    let prepared: Awaited<ReturnType<typeof prepareImage>> | undefined;
    const stall = await longestStall(async () => {
      prepared = await prepareImage(large, "front");
    });
    expect(prepared?.type).to.equal("image/jpeg");
    expect([prepared?.width, prepared?.height]).to.deep.equal([2000, 1500]);
    // On the main thread, drawing and reading back the 48 MP bitmap holds the page for
    // hundreds of milliseconds; in the worker a timer waits only for the odd frame.
    expect(stall, `longest main-thread stall ${stall.toFixed(0)} ms`).to.be.lessThan(100);
  });

  it("gives the answers the page's own thread gives: scaled size and sharpness", async () => {
    const photo = await toBlob(drawPrint(2400, 1600));
    const inWorker = await prepareImage(photo, "front");
    const onPage = await prepareImage(photo, "front", { where: "main-thread" });
    expect([inWorker.width, inWorker.height]).to.deep.equal([2000, 1333]);
    expect([inWorker.width, inWorker.height]).to.deep.equal([onPage.width, onPage.height]);
    expect(inWorker.sharpness).to.be.closeTo(onPage.sharpness, onPage.sharpness * 0.05);
  });

  it("refuses in the worker as on the page: blurry, too small, unreadable", async () => {
    const blurred = await toBlob(drawPrint(900, 600, 10));
    const small = await toBlob(drawPrint(300, 200));
    const broken = new Blob([new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4])], { type: "image/jpeg" });
    for (const where of ["worker", "main-thread"] as const) {
      const codeOf = async (blob: Blob): Promise<string> => {
        const error = await prepareImage(blob, "front", { where }).catch((caught: unknown) => caught);
        expect(error, where).to.be.instanceOf(EnclaveError);
        return (error as EnclaveError).code;
      };
      expect(await codeOf(blurred), where).to.equal("image_blurry");
      expect(await codeOf(small), where).to.equal("image_too_small");
      expect(await codeOf(broken), where).to.equal("unsupported_file_type");
    }
  });
});
