/**
 * Test photos made on the fly (no binary fixtures in the repo): a sharp "document" and
 * "selfie" with many hard edges, a blurred copy, a tiny image, a text file dressed as a
 * JPEG, an empty file, an oversized one, and an MJPEG stream for Chromium's fake camera.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import jpeg from "jpeg-js";
import { PNG } from "pngjs";

type Pixels = { width: number; height: number; data: Buffer };

/** Light paper with dark "text" blocks: a pattern a blur check must call sharp. */
function documentLike(width: number, height: number, seed = 7): Pixels {
  const data = Buffer.alloc(width * height * 4);
  let state = seed;
  const random = (): number => (state = (state * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
  for (let index = 0; index < width * height; index++) data.writeUInt32BE(0xf4f1e8ff, index * 4);
  for (let line = 0; line < height / 24; line++) {
    for (let x = 20; x < width - 40; x += 4 + Math.floor(random() * 10)) {
      const w = 3 + Math.floor(random() * 6);
      const y0 = 16 + line * 24;
      for (let y = y0; y < Math.min(y0 + 12, height); y++) {
        for (let dx = 0; dx < w && x + dx < width; dx++) data.writeUInt32BE(0x1a1a2eff, (y * width + x + dx) * 4);
      }
    }
  }
  return { width, height, data };
}

function boxBlur(image: Pixels, radius: number, passes = 3): Pixels {
  let source = Buffer.from(image.data);
  const { width, height } = image;
  for (let pass = 0; pass < passes; pass++) {
    for (const horizontal of [true, false]) {
      const target = Buffer.alloc(source.length);
      for (let y = 0; y < height; y++) {
        for (let x = 0; x < width; x++) {
          const sum = [0, 0, 0];
          let count = 0;
          for (let k = -radius; k <= radius; k++) {
            const sx = horizontal ? Math.min(width - 1, Math.max(0, x + k)) : x;
            const sy = horizontal ? y : Math.min(height - 1, Math.max(0, y + k));
            const offset = (sy * width + sx) * 4;
            sum[0]! += source[offset]!;
            sum[1]! += source[offset + 1]!;
            sum[2]! += source[offset + 2]!;
            count++;
          }
          const offset = (y * width + x) * 4;
          target[offset] = sum[0]! / count;
          target[offset + 1] = sum[1]! / count;
          target[offset + 2] = sum[2]! / count;
          target[offset + 3] = 255;
        }
      }
      source = target;
    }
  }
  return { width, height, data: source };
}

const png = (image: Pixels): Buffer => PNG.sync.write(Object.assign(new PNG({ width: image.width, height: image.height }), { data: image.data }));
const jpg = (image: Pixels): Buffer => jpeg.encode(image, 92).data;

export interface TestPhotos {
  document: string;
  documentBack: string;
  selfie: string;
  blurred: string;
  tiny: string;
  textAsJpeg: string;
  empty: string;
  huge: string;
  fakeCamera: string;
}

export function writeTestPhotos(dir: string): TestPhotos {
  const files: TestPhotos = {
    document: join(dir, "license-front.png"),
    documentBack: join(dir, "license-back.jpg"),
    selfie: join(dir, "selfie.png"),
    blurred: join(dir, "blurred.png"),
    tiny: join(dir, "tiny.png"),
    textAsJpeg: join(dir, "notes.jpg"),
    empty: join(dir, "empty.jpg"),
    huge: join(dir, "huge.jpg"),
    fakeCamera: join(dir, "camera.mjpeg"),
  };
  const front = documentLike(1200, 800);
  writeFileSync(files.document, png(front));
  writeFileSync(files.documentBack, jpg(documentLike(1200, 800, 11)));
  writeFileSync(files.selfie, png(documentLike(720, 720, 3)));
  // Out of focus enough that the text cannot be read (about an 8-px blur at the check's 512-px scale).
  writeFileSync(files.blurred, png(boxBlur(documentLike(900, 600, 5), 12)));
  writeFileSync(files.tiny, png(documentLike(10, 10)));
  writeFileSync(files.textAsJpeg, "These are my notes, not a photo.\n".repeat(200));
  writeFileSync(files.empty, Buffer.alloc(0));
  // A real JPEG header followed by 30 MB: too large whatever it holds.
  writeFileSync(files.huge, Buffer.concat([jpg(documentLike(64, 64)), Buffer.alloc(30 * 1024 * 1024, 0x41)]));
  // Chromium's fake camera plays an MJPEG file: the same sharp frame, repeated.
  const frame = jpg(documentLike(1280, 720, 13));
  writeFileSync(files.fakeCamera, Buffer.concat(Array.from({ length: 10 }, () => frame)));
  return files;
}
