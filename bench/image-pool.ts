/**
 * Part of `npm run bench`: does one customer's photo stall everyone else? (issue 10,
 * finding 3.) A real widget host (from source, as the server suites start it) checks four
 * decompression bombs at once, at the pixel budget — the largest that passes the header
 * check, so really decoded (a 7000 × 7000 bomb is refused from its header now) —, while
 * this process GETs /v1/openapi.json one request after another. Reported: that GET's p99
 * under the bombs over its p99 idle, measured in the same repeat; the median over
 * repeats. Two kinds of bomb: a PNG (black pixels, deflated a thousandfold — the issue's)
 * and a JPEG (4:4:4, the slowest and greediest for jpeg-js).
 *
 * Run alone: `node --import tsx bench/image-pool.ts`. Tunables: BENCH_IMAGE_REPEATS (3),
 * BENCH_IMAGE_IDLE_GETS (300).
 */
import { deflateSync } from "node:zlib";
import jpeg from "jpeg-js";
import { UPLOAD_LIMITS } from "../src/protocol/identity-api.js";
import { SHOP_ORIGIN } from "../test/server/support/api.js";
import { chooseDocument, createIdentitySession, drawDocument, png, pngClaiming, upload } from "../test/server/support/identity.js";
import { startWidgetHost, type WidgetHostProcess } from "../test/server/support/widget-host.js";
import { median, percentile } from "./support.js";

const REPEATS = Number(process.env["BENCH_IMAGE_REPEATS"] ?? 3);
const IDLE_GETS = Number(process.env["BENCH_IMAGE_IDLE_GETS"] ?? 300);
const BOMBS = 4;
/** The goal: the GET's p99 under four bombs at most 3 × its idle p99. */
export const IMAGE_P99_RATIO_BUDGET = 3;

export interface ImageBombResult {
  kind: string;
  /** Per repeat. */
  idleP99: number[];
  busyP99: number[];
  busyMax: number[];
  ratios: number[];
  getsDuringBombs: number[];
  /** How long the four bombs took, all of them, per repeat. */
  bombsMs: number[];
  statuses: string;
}

const side = Math.floor(Math.sqrt(UPLOAD_LIMITS.maxMegapixels * 1_000_000));

function pngBomb(width: number, height: number): Buffer {
  const header = pngClaiming(width, height).subarray(0, 8 + 25);
  const chunk = (type: string, body: Buffer): Buffer => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(body.length);
    const typed = Buffer.concat([Buffer.from(type, "latin1"), body]);
    let crc = 0xffffffff;
    for (const byte of typed) {
      crc ^= byte;
      for (let k = 0; k < 8; k++) crc = crc & 1 ? 0xedb88320 ^ (crc >>> 1) : crc >>> 1;
    }
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE((crc ^ 0xffffffff) >>> 0);
    return Buffer.concat([length, typed, sum]);
  };
  return Buffer.concat([header, chunk("IDAT", deflateSync(Buffer.alloc(height * (1 + 4 * width)), { level: 9 })), chunk("IEND", Buffer.alloc(0))]);
}

function jpegBomb(width: number, height: number): Buffer {
  return Buffer.from(jpeg.encode({ width, height, data: Buffer.alloc(width * height * 4, 128) }, 50).data);
}

async function timedGet(host: WidgetHostProcess): Promise<number> {
  const started = performance.now();
  const response = await fetch(`${host.url}/v1/openapi.json`);
  await response.arrayBuffer();
  if (response.status !== 200) throw new Error(`GET /v1/openapi.json → ${response.status}`);
  return performance.now() - started;
}

async function oneRepeat(host: WidgetHostProcess, token: string, bomb: Buffer): Promise<{ idle: number[]; busy: number[]; bombsMs: number; statuses: number[] }> {
  const idle: number[] = [];
  for (let index = 0; index < IDLE_GETS; index++) idle.push(await timedGet(host));
  const started = performance.now();
  let done = false;
  const bombs = Promise.all(Array.from({ length: BOMBS }, () => upload(host, token, "front", bomb))).finally(() => (done = true));
  const busy: number[] = [];
  while (!done) busy.push(await timedGet(host));
  const statuses = (await bombs).map((response) => response.status);
  return { idle, busy, bombsMs: performance.now() - started, statuses };
}

export async function measureImageBombs(): Promise<{ results: ImageBombResult[]; header: string }> {
  const bombs = [
    { kind: `PNG ${side} × ${side}`, bytes: pngBomb(side, side) },
    { kind: `JPEG ${side} × ${side}`, bytes: jpegBomb(side, side) },
  ];
  const host = await startWidgetHost({ env: { ENCLAVE_ALLOWED_ORIGINS: SHOP_ORIGIN } });
  try {
    const session = await createIdentitySession(host, {});
    await chooseDocument(host, session.client_token);
    // Warm the route and the pool's threads.
    const warm = await upload(host, session.client_token, "front", png(drawDocument(1200, 800, 1)));
    if (warm.status !== 200) throw new Error(`a good photo was refused: ${warm.text}`);
    const results: ImageBombResult[] = [];
    for (const bomb of bombs) {
      const result: ImageBombResult = {
        kind: `${bomb.kind} (${Math.round(bomb.bytes.length / 1024)} KB)`,
        idleP99: [],
        busyP99: [],
        busyMax: [],
        ratios: [],
        getsDuringBombs: [],
        bombsMs: [],
        statuses: "",
      };
      const statuses = new Set<number>();
      for (let repeat = 0; repeat < REPEATS; repeat++) {
        const run = await oneRepeat(host, session.client_token, bomb.bytes);
        const idleP99 = percentile(
          [...run.idle].sort((a, b) => a - b),
          99,
        );
        const busySorted = [...run.busy].sort((a, b) => a - b);
        const busyP99 = percentile(busySorted, 99);
        result.idleP99.push(idleP99);
        result.busyP99.push(busyP99);
        result.busyMax.push(busySorted.at(-1) ?? Number.NaN);
        result.ratios.push(busyP99 / idleP99);
        result.getsDuringBombs.push(run.busy.length);
        result.bombsMs.push(run.bombsMs);
        for (const status of run.statuses) statuses.add(status);
      }
      result.statuses = [...statuses].join(", ");
      results.push(result);
    }
    const header = `widget host from source (tsx), ${BOMBS} bombs at once, ${REPEATS} repeats, ${IDLE_GETS} idle GETs per repeat; pixel budget ${UPLOAD_LIMITS.maxMegapixels} MP`;
    return { results, header };
  } finally {
    await host.dispose();
  }
}

export function medianRatio(result: ImageBombResult): number {
  return median(result.ratios);
}

const fmt = (ms: number): string => `${ms.toFixed(1)} ms`;

export function imageBombRows(results: ImageBombResult[]): string[][] {
  return [
    ["bombs", "idle p99", "p99 under bombs", "worst", "ratio (median)", "ratios", "GETs during", "bombs took", "bomb answers"],
    ...results.map((result) => [
      result.kind,
      fmt(median(result.idleP99)),
      fmt(median(result.busyP99)),
      fmt(median(result.busyMax)),
      `${medianRatio(result).toFixed(2)}×`,
      result.ratios.map((ratio) => ratio.toFixed(2)).join(" "),
      String(median(result.getsDuringBombs)),
      `${(median(result.bombsMs) / 1000).toFixed(1)} s`,
      result.statuses,
    ]),
  ];
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/^.*\/bench\//, "/bench/"))) {
  const { results, header } = await measureImageBombs();
  console.log(header);
  for (const row of imageBombRows(results)) console.log(row.join(" | "));
}
