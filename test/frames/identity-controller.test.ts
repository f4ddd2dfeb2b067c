/**
 * The identity controller between a real view, a fake bridge end, a fake camera and the
 * real API client over a stubbed `fetch`: what it asks the widget host (paths, bodies,
 * multipart uploads, headers), what crosses the bridge (`ready`, `event`, `success`,
 * `error`, `exit`) and that no photo or personal data goes with it. Then the phone
 * hand-off from both ends, and FrameApi's multipart upload.
 */
import { expect, fixture, html } from "@open-wc/testing";
import { FrameApi } from "../../src/frames/api-client.js";
import { CameraError, cameraProblemOf, type Camera } from "../../src/frames/identity/camera.js";
import { IdentityController, silentEndpoint, type IdentityEndpoint } from "../../src/frames/identity/identity-controller.js";
import { claimHandoff, IdentityClient } from "../../src/frames/identity/identity-client.js";
import "../../src/frames/identity/identity-view.js";
import type { EnclaveIdentityView } from "../../src/frames/identity/identity-view.js";
import { identityMessages } from "../../src/frames/identity/messages.js";
import type { IdentityScreen } from "../../src/frames/identity/model.js";
import { setLocale } from "../../src/frames/ui/i18n.js";
import type { FrameIdentitySession, ImageSide } from "../../src/protocol/identity-api.js";
import { EnclaveError } from "../../src/protocol/errors.js";
import { FakeEndpoint } from "./support/fake-endpoint.js";
import { deepQueryAll } from "./support/deep-query.js";
import { rejectionOf } from "./support/rejection.js";
import { waitFor as waitUntil } from "../support/wait.js";

// ---- fakes -------------------------------------------------------------------------------

interface Recorded {
  method: string;
  path: string;
  headers: Headers;
  body: unknown;
}

type Answer = { status?: number; body: unknown } | (() => { status?: number; body: unknown });

/** The widget host as the frame sees it: answers by "METHOD path", records every request. */
class FakeHost {
  readonly requests: Recorded[] = [];
  private readonly answers = new Map<string, Answer[]>();
  private readonly defaults = new Map<string, Answer>();
  private original: typeof fetch | undefined;

  /** Answers the next request to `route` ("POST /v1/…") once. */
  once(route: string, answer: Answer): this {
    const queue = this.answers.get(route) ?? [];
    queue.push(answer);
    this.answers.set(route, queue);
    return this;
  }

  /** Answers every request to `route` that has no queued answer. */
  always(route: string, answer: Answer): this {
    this.defaults.set(route, answer);
    return this;
  }

  calls(route: string): Recorded[] {
    const [method, path] = route.split(" ");
    return this.requests.filter((request) => request.method === method && request.path === path);
  }

  /** The browser's own fetch, for what is not the widget host (blob: URLs). */
  realFetch(url: string): Promise<Response> {
    return (this.original ?? window.fetch).call(window, url);
  }

  install(): void {
    this.original = window.fetch;
    window.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
      const path = typeof input === "string" ? input : input instanceof URL ? input.pathname : input.url;
      const method = init?.method ?? "GET";
      const raw = init?.body;
      const body = raw instanceof FormData ? raw : typeof raw === "string" ? JSON.parse(raw) : undefined;
      this.requests.push({ method, path, headers: new Headers(init?.headers), body });
      const route = `${method} ${path}`;
      const answer = this.answers.get(route)?.shift() ?? this.defaults.get(route);
      if (!answer) return new Response(JSON.stringify({ error: { type: "invalid_request_error", code: "route_not_found", message: `no fake for ${route}` } }), { status: 404 });
      const { status = 200, body: payload } = typeof answer === "function" ? answer() : answer;
      return new Response(JSON.stringify(payload), { status, headers: { "Content-Type": "application/json" } });
    };
  }

  uninstall(): void {
    if (this.original) window.fetch = this.original;
  }
}

/** A camera whose "stream" is a canvas with a document drawn on it. */
class FakeCamera implements Camera {
  readonly opened: MediaStream[] = [];
  private readonly timers: ReturnType<typeof setInterval>[] = [];

  constructor(
    private readonly present = true,
    private readonly failure?: string,
  ) {}

  async available(): Promise<boolean> {
    return this.present;
  }

  async open(): Promise<MediaStream> {
    if (this.failure) throw new CameraError(cameraProblemOf(new DOMException("refused", this.failure)));
    const canvas = drawDocument(1280, 720);
    const context = canvas.getContext("2d");
    const stream = canvas.captureStream(15);
    // A canvas stream only has frames while something is drawn.
    let tick = 0;
    this.timers.push(
      setInterval(() => {
        if (!context) return;
        context.fillStyle = tick++ % 2 ? "#3a3a3a" : "#3b3b3b";
        context.fillRect(0, 0, 2, 2);
      }, 30),
    );
    this.opened.push(stream);
    return stream;
  }

  stop(): void {
    for (const timer of this.timers) clearInterval(timer);
  }
}

// ---- pictures ------------------------------------------------------------------------------

/** An ID-card-like drawing: sharp and high-contrast, so it passes the frame's checks. */
function drawDocument(width: number, height: number): HTMLCanvasElement {
  const canvas = document.createElement("canvas");
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext("2d");
  if (!context) throw new Error("no 2d context");
  context.fillStyle = "#3a3a3a";
  context.fillRect(0, 0, width, height);
  context.fillStyle = "#e8e4da";
  context.fillRect(width * 0.08, height * 0.12, width * 0.84, height * 0.76);
  context.fillStyle = "#222222";
  context.font = `${Math.round(height * 0.035)}px sans-serif`;
  for (let line = 0; line < 8; line++) context.fillText("SURNAME GIVEN NAMES 1990-01-01 X1234567", width * 0.38, height * (0.28 + line * 0.06));
  return canvas;
}

async function photo(name: string, width = 1200, height = 800): Promise<File> {
  const blob = await new Promise<Blob>((resolve, reject) => drawDocument(width, height).toBlob((value) => (value ? resolve(value) : reject(new Error("toBlob"))), "image/png"));
  return new File([blob], name, { type: "image/png" });
}

// ---- a customer's hands ------------------------------------------------------------------------

function nameOf(element: Element): string {
  const label = element.getAttribute("aria-label");
  if (label) return label;
  if (element instanceof HTMLInputElement) return element.labels?.[0]?.textContent?.trim() ?? "";
  return element.textContent?.replace(/\s+/g, " ").trim() ?? "";
}

const waitFor = <T>(what: string, probe: () => T | undefined | null | false, timeoutMs = 5000): Promise<T> => waitUntil(probe, timeoutMs, what, 10);

/** Waits for a control by its name, as the customer sees it, and returns it once it is enabled. */
function control<E extends HTMLElement = HTMLButtonElement>(view: EnclaveIdentityView, selector: string, name: string): Promise<E> {
  return waitFor(`${selector} "${name}"`, () => deepQueryAll<E>(view, selector).find((element) => nameOf(element) === name && !(element as unknown as HTMLButtonElement).disabled));
}

/** A video showing frames, as the customer would see before pressing "Take photo". */
function playing(video: HTMLVideoElement): boolean {
  return video.videoWidth > 0 && video.readyState >= HTMLMediaElement.HAVE_CURRENT_DATA && video.currentTime > 0;
}

async function press(view: EnclaveIdentityView, name: string): Promise<void> {
  (await control(view, "button", name)).click();
}

async function choose(view: EnclaveIdentityView, label: string, file: File): Promise<void> {
  const input = await control<HTMLInputElement>(view, "input[type=file]", label);
  const transfer = new DataTransfer();
  transfer.items.add(file);
  input.files = transfer.files;
  input.dispatchEvent(new Event("change"));
}

function screenIs<N extends IdentityScreen["name"]>(
  view: EnclaveIdentityView,
  name: N,
  test: (screen: Extract<IdentityScreen, { name: N }>) => boolean = () => true,
): Promise<Extract<IdentityScreen, { name: N }>> {
  return waitFor(`screen ${name}`, () => {
    const screen = view.screen;
    return screen.name === name && test(screen as Extract<IdentityScreen, { name: N }>) ? (screen as Extract<IdentityScreen, { name: N }>) : undefined;
  });
}

// ---- set-up --------------------------------------------------------------------------------------

const sessionId = "ids_test1234567890";

function session(overrides: Partial<FrameIdentitySession["session"]> = {}): FrameIdentitySession {
  return {
    session: {
      id: sessionId,
      object: "identity_session",
      status: "requires_input",
      require_selfie: false,
      document: null,
      uploaded: [],
      handoff: "none",
      last_error: null,
      ...overrides,
    },
    merchant: { name: "Acme Bank" },
  };
}

function uploadAnswer(): Answer {
  return () => {
    const form = host.requests.at(-1)?.body as FormData;
    return { body: { side: form.get("side"), accepted: true, width: 1200, height: 800 } };
  };
}

let host: FakeHost;
let camera: FakeCamera;
let controller: IdentityController | undefined;

beforeEach(() => {
  host = new FakeHost();
  host.install();
  camera = new FakeCamera();
});

afterEach(() => {
  controller?.dispose();
  controller = undefined;
  camera.stop();
  host.uninstall();
});

function frameApi(clientToken = "ct_test_0123456789abcdef", refresh: () => Promise<string> = async () => "ct_test_fresh0123456789ab"): FrameApi {
  return new FrameApi({ publishableKey: "pk_test_12345678", parentOrigin: "https://shop.example", clientToken, refreshClientToken: refresh });
}

async function start(
  initial: FrameIdentitySession = session(),
  options: { mode?: "frame" | "phone"; camera?: Camera } = {},
): Promise<{ view: EnclaveIdentityView; endpoint: FakeEndpoint }> {
  host.once("GET /v1/frame/session", { body: initial });
  const view = await fixture<EnclaveIdentityView>(html`<enclave-identity-view></enclave-identity-view>`);
  const endpoint = new FakeEndpoint();
  controller = new IdentityController(view, (options.mode === "phone" ? silentEndpoint : endpoint) as IdentityEndpoint, {
    mode: options.mode ?? "frame",
    camera: options.camera ?? camera,
    pollIntervalMs: 15,
    clock: () => new Date("2030-01-02T03:04:05.000Z"),
  });
  await controller.load(new IdentityClient(frameApi()));
  return { view, endpoint };
}

/** Consent → document → the sides, uploading a drawn photo for each. */
async function uploadAll(view: EnclaveIdentityView, type: "Passport" | "Driver's license" | "ID card", sides: ImageSide[]): Promise<void> {
  await press(view, "Continue");
  await screenIs(view, "document_type");
  (await control<HTMLInputElement>(view, "input[type=radio]", type)).click();
  await press(view, "Continue");
  const labels: Record<ImageSide, string> = { front: "Upload front of document", back: "Upload back of document", selfie: "Upload selfie" };
  for (const side of sides) {
    await screenIs(view, "capture", (screen) => screen.side === side && screen.state === "choose");
    await choose(view, labels[side], await photo(`${side}.png`, side === "selfie" ? 640 : 1200, side === "selfie" ? 640 : 800));
  }
}

// ---- the flow ----------------------------------------------------------------------------------------

describe("identity controller: a verification from start to end", () => {
  it("walks a driver's license and a selfie: upload → review → submit → processing → verified", async () => {
    const { view, endpoint } = await start(session({ require_selfie: true }));
    expect(endpoint.details("ready")).to.deep.equal([{ flow: "identity" }]);
    expect(view.screen).to.deep.include({ name: "consent", merchantName: "Acme Bank", requireSelfie: true });
    expect(view.canGoBack).to.equal(false);

    host.always("POST /v1/frame/identity/document", { body: session({ document: { type: "driving_license", issuing_country: "US" } }) });
    host.always("POST /v1/frame/identity/files", uploadAnswer());
    await uploadAll(view, "Driver's license", ["front", "back", "selfie"]);
    const review = await screenIs(view, "review");

    // The document choice went as the API expects it.
    expect(host.calls("POST /v1/frame/identity/document")[0]?.body).to.deep.equal({ type: "driving_license", issuing_country: "US" });
    // Three multipart uploads, side by side, each a real image and no JSON content type.
    const uploads = host.calls("POST /v1/frame/identity/files");
    expect(uploads.map((request) => (request.body as FormData).get("side"))).to.deep.equal(["front", "back", "selfie"]);
    for (const upload of uploads) {
      const file = (upload.body as FormData).get("file");
      expect(file).to.be.instanceOf(File);
      expect((file as File).name).to.match(/^(front|back|selfie)\.png$/);
      expect(upload.headers.get("Content-Type")).to.equal(null);
      expect(upload.headers.get("Authorization")).to.equal("Bearer ct_test_0123456789abcdef");
      expect(upload.headers.get("Enclave-Parent-Origin")).to.equal("https://shop.example");
    }

    expect(review.items.map((item) => item.side)).to.deep.equal(["front", "back", "selfie"]);
    for (const item of review.items) expect(item.thumbnailUrl).to.match(/^blob:/);
    const thumbnails = review.items.map((item) => item.thumbnailUrl as string);

    host.once("POST /v1/frame/identity/submit", { body: session({ status: "processing" }).session });
    host.once("GET /v1/frame/identity/status", { body: session({ status: "processing" }) });
    host.once("GET /v1/frame/identity/status", { body: session({ status: "processing" }) });
    // Extra fields a careless server might add: none of it may reach the merchant page.
    host.always("GET /v1/frame/identity/status", {
      body: {
        ...session({ status: "verified", uploaded: ["front", "back", "selfie"] }),
        verified_outputs: { first_name: "Jenny", last_name: "Rosen", dob: { day: 1, month: 1, year: 1990 } },
      },
    });
    await press(view, "Submit");
    await screenIs(view, "processing");
    await screenIs(view, "verified");
    expect(host.calls("POST /v1/frame/identity/submit")).to.have.length(1);
    expect(host.calls("GET /v1/frame/identity/status").length).to.be.greaterThanOrEqual(3);

    // "You're verified" stays until "Done": the page hears success then (and the dialog closes).
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(endpoint.details("success")).to.deep.equal([], "no success before Done");
    await press(view, "Done");
    await press(view, "Done");
    expect(endpoint.details("success")).to.deep.equal([{ verificationSession: { id: sessionId, status: "verified" } }], "once");
    expect(endpoint.eventNames()).to.deep.equal([
      "open",
      "consent_accepted",
      "document_selected",
      "capture_started",
      "image_uploaded",
      "capture_started",
      "image_uploaded",
      "capture_started",
      "image_uploaded",
      "submitted",
      "verified",
    ]);
    expect((endpoint.details("event") as { step: string }[]).map((detail) => detail.step)).to.deep.equal([
      "consent",
      "consent",
      "document_type",
      "front",
      "front",
      "back",
      "back",
      "selfie",
      "selfie",
      "review",
      "result",
    ]);
    // Nothing personal, no photo, no file name crossed the bridge.
    const everything = JSON.stringify(endpoint.emitted);
    for (const secret of ["Jenny", "Rosen", "1990", "blob:", "data:", ".png", "driving_license", 'US"']) expect(everything).not.to.contain(secret);
    // The photos were let go of.
    for (const url of thumbnails)
      await host.realFetch(url).then(
        () => expect.fail(`${url} is still readable`),
        () => undefined,
      );
  });

  it("asks a passport for its front only", async () => {
    const { view } = await start();
    host.always("POST /v1/frame/identity/document", { body: {} });
    host.always("POST /v1/frame/identity/files", uploadAnswer());
    await uploadAll(view, "Passport", ["front"]);
    const review = await screenIs(view, "review");
    expect(review.items.map((item) => item.side)).to.deep.equal(["front"]);
    expect(host.calls("POST /v1/frame/identity/files")).to.have.length(1);
  });

  it("explains a failed verification, tells the page, and starts over at the document choice", async () => {
    const { view, endpoint } = await start();
    host.always("POST /v1/frame/identity/document", { body: {} });
    host.always("POST /v1/frame/identity/files", uploadAnswer());
    await uploadAll(view, "ID card", ["front", "back"]);
    await screenIs(view, "review");
    host.once("POST /v1/frame/identity/submit", { body: {} });
    host.always("GET /v1/frame/identity/status", {
      body: session({ status: "requires_input", last_error: { code: "document_unverified", reason: "The name on the document (Jenny Rosen) could not be read." } }),
    });
    await press(view, "Submit");
    expect(await screenIs(view, "requires_input")).to.deep.equal({ name: "requires_input", reason: "document_unverified" });
    const [error] = endpoint.details("error") as { code: string; message: string; retryable: boolean }[];
    expect(error?.code).to.equal("document_unverified");
    expect(error?.retryable).to.equal(true);
    expect(error?.message).not.to.contain("Jenny");
    expect(endpoint.eventNames()).to.include("requires_input");
    expect(endpoint.details("success")).to.deep.equal([]);

    await press(view, "Try again");
    const documentScreen = await screenIs(view, "document_type");
    expect(documentScreen.documentType).to.equal("id_card");
    (await control<HTMLInputElement>(view, "input[type=radio]", "ID card")).click();
    await press(view, "Continue");
    // The photos were forgotten: the front is asked for again.
    await screenIs(view, "capture", (screen) => screen.side === "front");
  });

  it("preselects the locale's region as the issuing country (fetched with the document screen), and keeps the customer's or the session's choice", async () => {
    await setLocale("en-GB");
    try {
      const { view } = await start();
      await press(view, "Continue");
      await screenIs(view, "document_type", (screen) => screen.country === "GB");
      await waitFor("the country select shows it", () => deepQueryAll<HTMLSelectElement>(view, "select")[0]?.value === "GB");
    } finally {
      await setLocale("en");
    }
    const resumed = await start(session({ document: { type: "passport", issuing_country: "FR" }, uploaded: [] }));
    await press(resumed.view, "Continue");
    await screenIs(resumed.view, "document_type", (screen) => screen.country === "FR");
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(resumed.view.screen).to.deep.include({ name: "document_type", country: "FR" }, "the session's country is not replaced by the locale's");
  });

  it("tells the page in English while the customer reads their own language", async () => {
    await setLocale("fr");
    const french = await identityMessages.load("fr");
    try {
      const { view, endpoint } = await start(session({ status: "processing", document: { type: "passport", issuing_country: "FR" }, uploaded: ["front"] }));
      host.always("GET /v1/frame/identity/status", { body: session({ status: "requires_input", last_error: { code: "document_unverified", reason: "x" } }) });
      await screenIs(view, "requires_input");
      await waitFor("the reason in French", () => deepQueryAll(view, "p").some((element) => element.textContent === french.status.requiresInput.document_unverified));
      expect(endpoint.details("error")).to.deep.equal([
        { code: "document_unverified", message: identityMessages.catalogs.en.status.requiresInput.document_unverified, retryable: true },
      ]);
    } finally {
      await setLocale("en");
    }
  });

  it("says why a selfie did not match", async () => {
    const { view, endpoint } = await start(
      session({ status: "processing", require_selfie: true, document: { type: "passport", issuing_country: "GB" }, uploaded: ["front", "selfie"] }),
    );
    host.always("GET /v1/frame/identity/status", { body: session({ status: "requires_input", last_error: { code: "selfie_mismatch", reason: "x" } }) });
    expect(await screenIs(view, "requires_input")).to.deep.equal({ name: "requires_input", reason: "selfie_mismatch" });
    expect((endpoint.details("error")[0] as { code: string }).code).to.equal("selfie_mismatch");
  });
});

describe("identity controller: refused photos", () => {
  async function atFront(): Promise<{ view: EnclaveIdentityView; endpoint: FakeEndpoint }> {
    const started = await start(session({ document: { type: "driving_license", issuing_country: "US" } }));
    await press(started.view, "Continue");
    await screenIs(started.view, "document_type");
    host.always("POST /v1/frame/identity/document", { body: {} });
    await press(started.view, "Continue");
    await screenIs(started.view, "capture", (screen) => screen.side === "front");
    return started;
  }

  it("refuses a text file named .jpg in the frame, without uploading it", async () => {
    const { view, endpoint } = await atFront();
    await choose(view, "Upload front of document", new File(["not a photo"], "front.jpg", { type: "image/jpeg" }));
    const screen = await screenIs(view, "capture", (value) => value.errorCode !== null);
    expect(screen.errorCode).to.equal("unsupported_file_type");
    await waitFor("the refusal in words", () =>
      deepQueryAll(view, "[role=alert]").some((element) => element.textContent?.includes("This file isn't a photo we can use. Choose a JPEG or PNG image.")),
    );
    expect(screen.state).to.equal("choose");
    expect(host.calls("POST /v1/frame/identity/files")).to.have.length(0);
    expect(endpoint.eventNames()).to.include("image_rejected");
  });

  it("shows the server's refusal the same way, and a second try goes through", async () => {
    const { view } = await atFront();
    host.once("POST /v1/frame/identity/files", { status: 422, body: { error: { type: "invalid_request_error", code: "image_blurry", message: "Blurry.", param: "file" } } });
    await choose(view, "Upload front of document", await photo("front.png"));
    const screen = await screenIs(view, "capture", (value) => value.errorCode !== null);
    expect(screen.errorCode).to.equal("image_blurry");
    // The frame's words for the code, not the server's "Blurry.".
    await waitFor("the refusal in words", () =>
      deepQueryAll(view, "[role=alert]").some((element) =>
        element.textContent?.includes("This photo looks blurry. Hold still, make sure the document is in focus, and try again."),
      ),
    );
    host.once("POST /v1/frame/identity/files", uploadAnswer());
    await choose(view, "Upload front of document", await photo("front.png"));
    await screenIs(view, "capture", (value) => value.side === "back");
  });

  it("shows checking and uploading while a photo is on its way", async () => {
    const { view } = await atFront();
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    const states: string[] = [];
    const original = window.fetch;
    window.fetch = async (input, init) => {
      if (String(input).endsWith("/files")) await held;
      return original(input, init);
    };
    host.once("POST /v1/frame/identity/files", uploadAnswer());
    const record = (): void => {
      const screen = view.screen;
      if (screen.name === "capture" && states.at(-1) !== screen.state) states.push(screen.state);
    };
    // Every render, not only a timer: on a loaded machine a 1 ms timer can miss a short state.
    view.addController({ hostUpdate: record, hostUpdated: record });
    const watcher = setInterval(record, 1);
    try {
      await choose(view, "Upload front of document", await photo("front.png"));
      await screenIs(view, "capture", (screen) => screen.state === "uploading");
      expect(view.canGoBack).to.equal(false);
      release();
      await screenIs(view, "capture", (screen) => screen.side === "back");
    } finally {
      clearInterval(watcher);
      window.fetch = original;
    }
    expect(states).to.include.members(["checking", "uploading"]);
  });
});

describe("identity controller: the camera", () => {
  async function atSide(options: { camera?: Camera } = {}): Promise<{ view: EnclaveIdentityView; endpoint: FakeEndpoint }> {
    const started = await start(session({ document: { type: "driving_license", issuing_country: "US" }, uploaded: ["front"] }), options);
    await screenIs(started.view, "capture", (screen) => screen.side === "back");
    return started;
  }

  it("takes a photo with the back camera's stream, shows it, uploads it, and turns the camera off", async () => {
    const { view, endpoint } = await atSide();
    await press(view, "Use camera");
    const live = await screenIs(view, "capture", (screen) => screen.state === "live");
    expect(live.stream).to.equal(camera.opened[0]);
    const video = await waitFor("video", () => deepQueryAll<HTMLVideoElement>(view, "video").find(playing));
    expect(video.srcObject).to.equal(camera.opened[0]);

    await press(view, "Take photo");
    const captured = await screenIs(view, "capture", (screen) => screen.state === "captured");
    expect(captured.previewUrl).to.match(/^blob:/);
    // Off while the customer looks at the photo.
    expect(camera.opened[0]?.getTracks().every((track) => track.readyState === "ended")).to.equal(true);

    await press(view, "Retake");
    await screenIs(view, "capture", (screen) => screen.state === "live");
    expect(camera.opened).to.have.length(2);
    await waitFor("second video", () => deepQueryAll<HTMLVideoElement>(view, "video").find(playing));
    await press(view, "Take photo");
    await screenIs(view, "capture", (screen) => screen.state === "captured");

    host.once("POST /v1/frame/identity/files", uploadAnswer());
    await press(view, "Use this photo");
    await screenIs(view, "review");
    const upload = host.calls("POST /v1/frame/identity/files")[0]?.body as FormData;
    expect(upload.get("side")).to.equal("back");
    expect((upload.get("file") as File).type).to.equal("image/jpeg");
    expect(camera.opened.every((stream) => stream.getTracks().every((track) => track.readyState === "ended"))).to.equal(true);
    expect(endpoint.eventNames()).to.include("image_uploaded");
  });

  it("turns the camera off on Back, on leaving, and on dispose", async () => {
    const { view, endpoint } = await atSide();
    await press(view, "Use camera");
    await screenIs(view, "capture", (screen) => screen.state === "live");
    await press(view, "Back");
    await screenIs(view, "capture", (screen) => screen.side === "front");
    expect(camera.opened[0]?.getTracks()[0]?.readyState).to.equal("ended");

    await press(view, "Use camera");
    await screenIs(view, "capture", (screen) => screen.state === "live");
    await endpoint.call("requestExit");
    await press(view, "Leave");
    expect(camera.opened[1]?.getTracks()[0]?.readyState).to.equal("ended");
    expect(endpoint.details("exit")).to.deep.equal([{ reason: "user_exit", step: "front" }]);

    await press(view, "Use camera");
    await screenIs(view, "capture", (screen) => screen.state === "live");
    controller?.dispose();
    expect(camera.opened[2]?.getTracks()[0]?.readyState).to.equal("ended");
  });

  it("with no camera at all: says so, suggests the phone, keeps the upload", async () => {
    const { view, endpoint } = await atSide({ camera: new FakeCamera(false) });
    const screen = await screenIs(view, "capture", (value) => value.cameraProblem === "unavailable");
    expect(screen.canHandoff).to.equal(true);
    expect(endpoint.eventNames()).to.include("camera_unavailable");
    await control(view, "button", "Continue on your phone");
    await control<HTMLInputElement>(view, "input[type=file]", "Upload back of document");
  });

  for (const [failure, problem] of [
    ["NotAllowedError", "denied"],
    ["NotFoundError", "unavailable"],
  ] as const) {
    it(`explains a camera that fails with ${failure}`, async () => {
      const { view } = await atSide({ camera: new FakeCamera(true, failure) });
      await press(view, "Use camera");
      const screen = await screenIs(view, "capture", (value) => value.cameraProblem === problem);
      expect(screen.state).to.equal("choose");
    });
  }
});

describe("identity controller: the phone hand-off, from the computer", () => {
  it("shows a QR code of the link and follows the phone until it is done", async () => {
    const { view, endpoint } = await start(session({ require_selfie: true, document: { type: "driving_license", issuing_country: "US" }, uploaded: ["front"] }));
    await screenIs(view, "capture", (screen) => screen.side === "back");
    const url = "http://localhost:4000/frames/identity.html?handoff=hot_0123456789abcdefghij";
    host.once("POST /v1/frame/identity/handoff", { body: { url, expires_at: 1_900_000_000 } });
    const state = { require_selfie: true, document: { type: "driving_license" as const, issuing_country: "US" } };
    host.once("GET /v1/frame/identity/status", { body: session({ ...state, uploaded: ["front"], handoff: "none" }) });
    host.once("GET /v1/frame/identity/status", { body: session({ ...state, uploaded: ["front"], handoff: "opened" }) });
    host.once("GET /v1/frame/identity/status", { body: session({ ...state, uploaded: ["front", "back"], handoff: "opened" }) });
    let phoneDone = false;
    host.always("GET /v1/frame/identity/status", () => ({ body: session({ ...state, uploaded: ["front", "back", "selfie"], handoff: phoneDone ? "completed" : "opened" }) }));

    await press(view, "Continue on your phone");
    await screenIs(view, "handoff", (screen) => screen.state === "waiting");
    const qr = await waitFor("QR code", () => deepQueryAll<SVGElement>(view, "svg[role=img]").find((svg) => svg.querySelector("path")?.getAttribute("d")));
    expect(qr.getAttribute("aria-label")).to.equal("QR code that opens this verification on your phone");
    expect(deepQueryAll<HTMLAnchorElement>(view, "a.link")[0]?.href).to.equal(url);
    expect(deepQueryAll(view, "[role=status]").some((element) => element.textContent?.includes("Waiting for your phone…"))).to.equal(true);

    await screenIs(view, "handoff", (screen) => screen.state === "connected" && screen.uploaded.includes("back"));
    await waitFor("Phone connected", () => deepQueryAll(view, "[role=status]").some((element) => element.textContent?.includes("Phone connected")));
    phoneDone = true;
    const review = await screenIs(view, "review");
    // Photos added on the phone have no thumbnail here.
    expect(review.items).to.deep.equal([
      { side: "front", thumbnailUrl: null },
      { side: "back", thumbnailUrl: null },
      { side: "selfie", thumbnailUrl: null },
    ]);
    expect(endpoint.eventNames()).to.include.members(["handoff_started", "handoff_opened", "handoff_completed"]);
    expect(
      (endpoint.details("event") as { name: string; step: string }[]).filter((detail) => detail.name.startsWith("handoff")).every((detail) => detail.step === "handoff"),
    ).to.equal(true);
    // The link is not an event detail.
    expect(JSON.stringify(endpoint.emitted)).not.to.contain("hot_");
  });

  it("goes straight to processing when the session is already being verified", async () => {
    const { view } = await start(session({ document: { type: "passport", issuing_country: "US" } }));
    host.always("POST /v1/frame/identity/document", { body: {} });
    await press(view, "Continue");
    await screenIs(view, "document_type");
    await press(view, "Continue");
    await screenIs(view, "capture");
    host.once("POST /v1/frame/identity/handoff", { body: { url: "http://localhost:4000/frames/identity.html?handoff=x", expires_at: 1_900_000_000 } });
    host.once("GET /v1/frame/identity/status", { body: session({ status: "processing", uploaded: ["front"], handoff: "completed" }) });
    host.always("GET /v1/frame/identity/status", { body: session({ status: "verified", uploaded: ["front"], handoff: "completed" }) });
    await press(view, "Continue on your phone");
    await screenIs(view, "verified");
  });

  it("offers a new code when the link expired, and this device instead", async () => {
    const { view } = await start(session({ document: { type: "passport", issuing_country: "US" }, uploaded: [] }));
    host.always("POST /v1/frame/identity/document", { body: {} });
    await press(view, "Continue");
    await screenIs(view, "document_type");
    await press(view, "Continue");
    await screenIs(view, "capture");
    // The clock says 2030; this link expired in 2000.
    host.once("POST /v1/frame/identity/handoff", { body: { url: "http://localhost:4000/frames/identity.html?handoff=old", expires_at: 946_684_800 } });
    host.always("GET /v1/frame/identity/status", { body: session({ handoff: "none" }) });
    await press(view, "Continue on your phone");
    await screenIs(view, "handoff", (screen) => screen.state === "expired");
    host.once("POST /v1/frame/identity/handoff", { status: 503, body: { error: { type: "api_error", code: "service_unavailable", message: "Down." } } });
    await press(view, "Get a new code");
    await screenIs(view, "handoff", (screen) => screen.state === "error");
    await press(view, "Use this device instead");
    await screenIs(view, "capture", (screen) => screen.side === "front");
  });
});

describe("identity controller: leaving, resuming, the host's calls", () => {
  it("asks before leaving: Stay keeps the step, Leave reports it", async () => {
    const { view, endpoint } = await start();
    await press(view, "Continue");
    await screenIs(view, "document_type");
    expect(await endpoint.call("requestExit")).to.deep.equal({});
    expect(view.exitConfirmOpen).to.equal(true);
    await press(view, "Stay");
    expect(view.exitConfirmOpen).to.equal(false);
    expect(endpoint.details("exit")).to.deep.equal([]);
    await press(view, "Close");
    await press(view, "Leave");
    expect(endpoint.details("exit")).to.deep.equal([{ reason: "user_exit", step: "document_type" }]);
  });

  it("leaves at once on Decline", async () => {
    const { view, endpoint } = await start();
    await press(view, "Decline");
    expect(endpoint.details("exit")).to.deep.equal([{ reason: "consent_declined", step: "consent" }]);
    expect(view.exitConfirmOpen).to.equal(false);
  });

  it("goes Back one step at a time", async () => {
    const { view } = await start();
    host.always("POST /v1/frame/identity/document", { body: {} });
    host.always("POST /v1/frame/identity/files", uploadAnswer());
    await uploadAll(view, "ID card", ["front"]);
    await screenIs(view, "capture", (screen) => screen.side === "back");
    await press(view, "Back");
    await screenIs(view, "capture", (screen) => screen.side === "front");
    await press(view, "Back");
    await screenIs(view, "document_type");
    await press(view, "Back");
    await screenIs(view, "consent");
    expect(view.canGoBack).to.equal(false);
  });

  it("retakes one photo from the review and comes back to it", async () => {
    const { view } = await start();
    host.always("POST /v1/frame/identity/document", { body: {} });
    host.always("POST /v1/frame/identity/files", uploadAnswer());
    await uploadAll(view, "ID card", ["front", "back"]);
    const first = await screenIs(view, "review");
    const oldFront = first.items[0]?.thumbnailUrl;
    await press(view, "Retake front of document");
    await screenIs(view, "capture", (screen) => screen.side === "front");
    await press(view, "Back");
    await screenIs(view, "review");
    await press(view, "Retake front of document");
    await choose(view, "Upload front of document", await photo("front-again.png"));
    const second = await screenIs(view, "review", (screen) => screen.items[0]?.thumbnailUrl !== oldFront);
    expect(second.items.map((item) => item.side)).to.deep.equal(["front", "back"]);
    // The replaced photo's URL was let go of.
    await host.realFetch(oldFront as string).then(
      () => expect.fail("the old front is still readable"),
      () => undefined,
    );
    // Back from the review goes to the last photo, then on to the one before it.
    await press(view, "Back");
    await screenIs(view, "capture", (screen) => screen.side === "back");
    await press(view, "Back");
    await screenIs(view, "capture", (screen) => screen.side === "front");
  });

  it("resumes where the photos left off", async () => {
    const { view, endpoint } = await start(session({ require_selfie: true, document: { type: "id_card", issuing_country: "DE" }, uploaded: ["front", "back"] }));
    await screenIs(view, "capture", (screen) => screen.side === "selfie");
    expect(endpoint.details("event")[0] as { name: string; step: string }).to.deep.include({ name: "open", step: "selfie" });
  });

  it("resumes a verified session with its success, on Done", async () => {
    const { view, endpoint } = await start(session({ status: "verified" }));
    await screenIs(view, "verified");
    expect(endpoint.details("success")).to.deep.equal([]);
    await press(view, "Done");
    expect(endpoint.details("success")).to.deep.equal([{ verificationSession: { id: sessionId, status: "verified" } }]);
  });

  it('closing "You\'re verified" (Close, or Escape on the page) is Done: the page hears success, not exit', async () => {
    const { view, endpoint } = await start(session({ status: "verified" }));
    await screenIs(view, "verified");
    await endpoint.call("requestExit");
    expect(endpoint.details("success")).to.deep.equal([{ verificationSession: { id: sessionId, status: "verified" } }]);
    expect(endpoint.details("exit")).to.deep.equal([]);
    expect(view.exitConfirmOpen).to.equal(false, "nothing to confirm: the flow is over");
  });

  it("shows why it cannot start, and rejects init", async () => {
    host.once("GET /v1/frame/session", {
      status: 403,
      body: { error: { type: "authentication_error", code: "origin_not_allowed", message: "This page's origin is not allowed." } },
    });
    const view = await fixture<EnclaveIdentityView>(html`<enclave-identity-view></enclave-identity-view>`);
    controller = new IdentityController(view, new FakeEndpoint() as unknown as IdentityEndpoint, { camera });
    let failure: unknown;
    await controller.load(new IdentityClient(frameApi())).catch((error: unknown) => (failure = error));
    expect((failure as EnclaveError).code).to.equal("origin_not_allowed");
    expect(view.screen).to.deep.equal({ name: "unavailable", errorCode: "origin_not_allowed" });
  });

  it("answers clear and focus, and has no submit (the customer submits inside the frame)", async () => {
    const { view, endpoint } = await start();
    await press(view, "Continue");
    await screenIs(view, "document_type");
    expect(await endpoint.call("clear")).to.deep.equal({});
    await screenIs(view, "consent");
    expect(await endpoint.call("focus")).to.deep.equal({});
    const consent = deepQueryAll(view, "enclave-identity-consent")[0];
    expect(consent?.shadowRoot?.activeElement?.textContent?.trim()).to.equal("Continue");
    expect((await rejectionOf(endpoint.call("submit"))).code).to.equal("method_not_found");
  });
});

describe("identity controller: the phone's side of the hand-off", () => {
  it("claims the link with a plain same-origin request", async () => {
    host.once("POST /v1/identity/handoff/claim", { body: { client_token: "ct_test_phone0123456789", publishable_key: "pk_test_12345678", session: sessionId } });
    const claim = await claimHandoff("hot_0123456789abcdefghij");
    expect(claim.client_token).to.equal("ct_test_phone0123456789");
    const [request] = host.calls("POST /v1/identity/handoff/claim");
    expect(request?.body).to.deep.equal({ token: "hot_0123456789abcdefghij" });
    expect(request?.headers.get("Authorization")).to.equal(null);
  });

  it("turns a refused link into handoff_invalid", async () => {
    host.once("POST /v1/identity/handoff/claim", { status: 400, body: { error: { type: "invalid_request_error", code: "handoff_invalid", message: "Used." } } });
    let failure: unknown;
    await claimHandoff("hot_used0123456789abcdef").catch((error: unknown) => (failure = error));
    expect((failure as EnclaveError).code).to.equal("handoff_invalid");
    expect((failure as EnclaveError).message).to.equal("This link has expired or has already been used.");
  });

  it("takes the photos on the phone, then tells the computer it is done", async () => {
    const { view } = await start(session({ require_selfie: true, document: { type: "passport", issuing_country: "FR" }, handoff: "opened" }), { mode: "phone" });
    expect(view.phone).to.equal(true);
    const first = await screenIs(view, "capture", (screen) => screen.side === "front");
    expect(first.canHandoff).to.equal(false);
    expect(deepQueryAll(view, "button").some((button) => nameOf(button) === "Continue on your phone" || nameOf(button) === "Close")).to.equal(false);
    host.always("POST /v1/frame/identity/files", uploadAnswer());
    await choose(view, "Upload front of document", await photo("front.png"));
    await screenIs(view, "capture", (screen) => screen.side === "selfie");
    await choose(view, "Upload selfie", await photo("selfie.png", 640, 640));
    await screenIs(view, "review", (screen) => screen.phone);
    host.once("POST /v1/frame/identity/handoff/complete", { body: {} });
    await press(view, "Finish");
    await screenIs(view, "phone_done");
    expect(host.calls("POST /v1/frame/identity/submit")).to.have.length(0);
    expect(host.calls("POST /v1/frame/identity/handoff/complete")).to.have.length(1);
    await waitFor("done text", () => deepQueryAll(view, "h1").some((heading) => heading.textContent?.includes("All done — return to your computer")));
  });

  it("starts the phone at the document choice when none was made", async () => {
    const { view } = await start(session({ handoff: "opened" }), { mode: "phone" });
    await screenIs(view, "document_type");
    expect(view.canGoBack).to.equal(false);
  });
});

describe("FrameApi: multipart uploads", () => {
  it("sends FormData with the same authentication and no Content-Type, and JSON as before", async () => {
    host.always("POST /v1/frame/identity/files", { body: { side: "front", accepted: true, width: 1, height: 1 } });
    host.always("POST /v1/frame/identity/document", { body: {} });
    const api = frameApi();
    const form = new FormData();
    form.append("side", "front");
    form.append("file", new Blob(["x"], { type: "image/jpeg" }), "front.jpg");
    await api.upload("/v1/frame/identity/files", form);
    const [upload] = host.calls("POST /v1/frame/identity/files");
    expect(upload?.body).to.equal(form);
    expect(upload?.headers.get("Content-Type")).to.equal(null);
    expect(upload?.headers.get("Authorization")).to.equal("Bearer ct_test_0123456789abcdef");
    expect(upload?.headers.get("Enclave-Publishable-Key")).to.equal("pk_test_12345678");
    expect(upload?.headers.get("Enclave-Parent-Origin")).to.equal("https://shop.example");

    await api.request("POST", "/v1/frame/identity/document", { type: "passport", issuing_country: "US" });
    const [json] = host.calls("POST /v1/frame/identity/document");
    expect(json?.headers.get("Content-Type")).to.equal("application/json");
    expect(json?.body).to.deep.equal({ type: "passport", issuing_country: "US" });
  });

  it("refreshes an expired token and sends the same file again", async () => {
    host.once("POST /v1/frame/identity/files", { status: 401, body: { error: { type: "authentication_error", code: "client_token_expired", message: "Expired." } } });
    host.once("POST /v1/frame/identity/files", { body: { side: "front", accepted: true, width: 1, height: 1 } });
    let refreshed = 0;
    const api = frameApi("ct_test_0123456789abcdef", async () => {
      refreshed++;
      return "ct_test_fresh0123456789ab";
    });
    const form = new FormData();
    form.append("side", "front");
    form.append("file", new Blob(["x"], { type: "image/jpeg" }), "front.jpg");
    const result = await api.upload<{ accepted: boolean }>("/v1/frame/identity/files", form);
    expect(result.accepted).to.equal(true);
    expect(refreshed).to.equal(1);
    const calls = host.calls("POST /v1/frame/identity/files");
    expect(calls.map((call) => call.headers.get("Authorization"))).to.deep.equal(["Bearer ct_test_0123456789abcdef", "Bearer ct_test_fresh0123456789ab"]);
    expect(calls[1]?.body).to.equal(form);
  });

  it("reads the session of any flow with getSession", async () => {
    host.once("GET /v1/frame/session", { body: session() });
    const response = await frameApi().getSession<FrameIdentitySession>();
    expect(response.session.object).to.equal("identity_session");
  });
});
