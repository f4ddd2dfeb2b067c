/**
 * How the host picks a content coding and reads If-None-Match (the parsers, case by case),
 * and what it does with a dist/ whose compressed copies are missing, stale or broken: a
 * host started in this process on a copy of the built frames and loader, over real HTTP.
 * Needs the built frames and loader (`npx tsx scripts/build.ts frames loader`).
 */
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { brotliCompressSync, brotliDecompressSync, gunzipSync } from "node:zlib";
import { createWidgetHost, type Listener, type WidgetHost } from "../../src/server/app.js";
import { parseIfNoneMatch, noneMatchFails } from "../../src/server/http/conditional.js";
import { negotiateContentCoding } from "../../src/server/http/content-coding.js";
import { root } from "./support/widget-host.js";
import { onTheWire as requestOnTheWire, type WireResponse } from "./support/on-the-wire.js";

describe("Accept-Encoding", () => {
  const both = ["br", "gzip"] as const;
  const cases: [string | undefined, string][] = [
    [undefined, "identity"],
    ["", "identity"],
    ["br", "br"],
    ["gzip", "gzip"],
    ["gzip, br", "br"],
    ["gzip;q=1, br;q=0.999", "gzip"],
    ["br;q=0", "identity"],
    ["br;q=0, gzip;q=0", "identity"],
    ["br;q=0.0, gzip;q=0.000", "identity"],
    ["br;q=0, *", "gzip"],
    ["*;q=0", "identity"],
    ["*;q=0.2, identity;q=0.5", "identity"],
    ["identity;q=0.5, gzip;q=0.5", "gzip"],
    ["br, br;q=0", "identity"],
    ["x-gzip;q=0.8", "gzip"],
    [" Gzip ; Q=0.5 ,BR;q=0.4", "gzip"],
    ["br;q=1.5", "identity"],
    ["br;q=-1, gzip", "gzip"],
    ["br;q=0.1234", "identity"],
    ["br;q=, gzip;q=0.1", "gzip"],
    [",,, ;", "identity"],
    ["compress, deflate, zstd", "identity"],
  ];
  test("picks the acceptable coding with the highest q, br before gzip before identity on a tie", () => {
    for (const [field, expected] of cases) assert.equal(negotiateContentCoding(field, both), expected, `Accept-Encoding: ${field}`);
  });
  test("only offers what the file has", () => {
    assert.equal(negotiateContentCoding("br, gzip", ["gzip"]), "gzip");
    assert.equal(negotiateContentCoding("br", ["gzip"]), "identity");
    assert.equal(negotiateContentCoding("br, gzip", []), "identity");
  });
});

describe("If-None-Match", () => {
  test("lists, W/ prefixes, commas inside tags, * and malformed fields", () => {
    assert.deepEqual(parseIfNoneMatch('"a"'), ['"a"']);
    assert.deepEqual(parseIfNoneMatch(' W/"a" ,"b,c",  "d"'), ['"a"', '"b,c"', '"d"']);
    assert.deepEqual(parseIfNoneMatch('""'), ['""']);
    assert.equal(parseIfNoneMatch(" * "), "*");
    for (const malformed of ["a", '"a', '"a" b', 'w/"a"', '"a" "b"', "", " , ", '"a"x', '* , "a"']) {
      assert.equal(parseIfNoneMatch(malformed), undefined, `If-None-Match: ${malformed}`);
    }
  });
  test("weak comparison: W/ on either side still matches, a different tag never does", () => {
    assert.equal(noneMatchFails('W/"x"', '"x"'), true);
    assert.equal(noneMatchFails('"y", "x"', '"x"'), true);
    assert.equal(noneMatchFails("*", '"x"'), true);
    assert.equal(noneMatchFails('"X"', '"x"'), false, "tags are case-sensitive");
    assert.equal(noneMatchFails('"x', '"x"'), false);
    assert.equal(noneMatchFails(undefined, '"x"'), false);
  });
});

describe("a dist/ with missing, stale or broken compressed copies", () => {
  let dist: string;
  let dataDir: string;
  let widgetHost: WidgetHost;
  let listener: Listener;
  const script = { name: "", built: Buffer.alloc(0), buildGzip: Buffer.alloc(0) };
  let loader = Buffer.alloc(0);
  const png = Buffer.from("89504e470d0a1a0a0000000d4948445200000001000000010806000000", "hex");

  before(async () => {
    for (const file of ["dist/frames/checkout.html", "dist/loader/enclave.js.br"]) {
      assert.ok(existsSync(join(root, file)), `${file} is missing: build it first with \`npx tsx scripts/build.ts frames loader\``);
    }
    dist = await mkdtemp(join(tmpdir(), "enclave-dist-"));
    dataDir = await mkdtemp(join(tmpdir(), "enclave-static-coding-"));
    await cp(join(root, "dist/frames"), join(dist, "frames"), { recursive: true });
    await cp(join(root, "dist/loader"), join(dist, "loader"), { recursive: true });
    const html = await readFile(join(dist, "frames/checkout.html"), "utf8");
    script.name = html.match(/src="\/frames\/assets\/([^"]+\.js)"/)?.[1] ?? "";
    assert.ok(script.name, "checkout.html loads a script");
    script.built = await readFile(join(dist, "frames/assets", script.name));
    script.buildGzip = await readFile(join(dist, "frames/assets", `${script.name}.gz`));
    loader = await readFile(join(dist, "loader/enclave.js"));
    // The checkout script lost its copies; the loader's .br is from another build; the page's is garbage.
    await rm(join(dist, "frames/assets", `${script.name}.gz`));
    await rm(join(dist, "frames/assets", `${script.name}.br`));
    await writeFile(join(dist, "loader/enclave.js.br"), brotliCompressSync(Buffer.concat([loader, Buffer.from("\n// an older build\n")])));
    await writeFile(join(dist, "frames/checkout.html.br"), Buffer.from("not brotli at all"));
    await writeFile(join(dist, "frames/assets/pixel-abc123.png"), png);
    widgetHost = await createWidgetHost({ dataDir, distDir: dist, env: {}, deliverWebhooks: false });
    listener = await widgetHost.listen(0, "127.0.0.1");
  });

  after(async () => {
    await listener?.close();
    await widgetHost?.close();
    await rm(dist, { recursive: true, force: true });
    await rm(dataDir, { recursive: true, force: true });
  });

  const onTheWire = (path: string, headers: Record<string, string>): Promise<WireResponse> => requestOnTheWire(listener.port, path, headers);

  test("a file without copies is compressed by the host, to the very bytes (and ETag) the build makes", async () => {
    const gzip = await onTheWire(`/frames/assets/${script.name}`, { "Accept-Encoding": "gzip" });
    assert.equal(gzip.headers["content-encoding"], "gzip");
    assert.deepEqual(gunzipSync(gzip.body), script.built);
    assert.deepEqual(gzip.body, script.buildGzip, "same parameters as scripts/compress.ts: hosts of one release agree on bytes and ETags");
    const br = await onTheWire(`/frames/assets/${script.name}`, { "Accept-Encoding": "br" });
    assert.equal(br.headers["content-encoding"], "br");
    assert.deepEqual(brotliDecompressSync(br.body), script.built);
    assert.equal(Number(br.headers["content-length"]), br.body.byteLength);
  });

  test("a copy from another build is never sent: what goes out decodes to the file as it is", async () => {
    const br = await onTheWire("/v1/enclave.js", { "Accept-Encoding": "br" });
    assert.equal(br.status, 200);
    assert.equal(br.headers["content-encoding"], "br");
    assert.deepEqual(brotliDecompressSync(br.body), loader);
    const stale = await readFile(join(dist, "loader/enclave.js.br"));
    assert.notDeepEqual(br.body, stale);
  });

  test("a broken copy is not sent either", async () => {
    const page = await onTheWire("/frames/checkout.html", { "Accept-Encoding": "br" });
    assert.equal(page.status, 200);
    assert.equal(page.headers["content-encoding"], "br");
    assert.deepEqual(brotliDecompressSync(page.body), await readFile(join(dist, "frames/checkout.html")));
  });

  test("an image is sent as it is, with a validator", async () => {
    const image = await onTheWire("/frames/assets/pixel-abc123.png", { "Accept-Encoding": "br, gzip" });
    assert.equal(image.status, 200);
    assert.equal(image.headers["content-type"], "image/png");
    assert.equal(image.headers["content-encoding"], undefined);
    assert.deepEqual(image.body, png);
    assert.match(String(image.headers["vary"]), /Accept-Encoding/i);
    const again = await onTheWire("/frames/assets/pixel-abc123.png", { "Accept-Encoding": "br, gzip", "If-None-Match": String(image.headers["etag"]) });
    assert.equal(again.status, 304);
  });
});
