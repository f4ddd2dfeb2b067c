/**
 * The frame's DPoP key and proofs (src/frames/dpop.ts) as FrameApi sends them, over a
 * stubbed `fetch`: each proof is checked here with WebCrypto alone, as RFC 9449 says a
 * server checks it — the signature by the key in its own header, then every claim.
 */
import { expect } from "@open-wc/testing";
import { FrameApi } from "../../src/frames/api-client.js";
import { frameKeyPair } from "../../src/frames/dpop.js";
import { frameApi, json } from "./support/frame-api.js";

interface SentRequest {
  url: string;
  method: string;
  headers: Headers;
}

const realFetch = window.fetch;
let sent: SentRequest[] = [];
let answers: Response[] = [];

beforeEach(() => {
  sent = [];
  answers = [];
  window.fetch = async (input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
    sent.push({ url: String(input), method: init.method ?? "GET", headers: new Headers(init.headers) });
    return answers.shift() ?? json(200, { ok: true });
  };
});

afterEach(() => {
  window.fetch = realFetch;
});

const decoder = new TextDecoder();

function fromBase64url(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
  return Uint8Array.from(binary, (char) => char.charCodeAt(0));
}

const decodeJson = (part: string): Record<string, unknown> => JSON.parse(decoder.decode(fromBase64url(part))) as Record<string, unknown>;

async function sha256(text: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text)));
  return btoa(String.fromCharCode(...digest))
    .replace(/\+/g, "-")
    .replace(/\//g, "_")
    .replace(/=+$/, "");
}

/** Verifies a proof as the server does; returns its header and claims. */
async function verifiedProof(proof: string | null): Promise<{ header: Record<string, unknown>; claims: Record<string, unknown> }> {
  expect(proof, "a DPoP header").to.be.a("string");
  const [headerPart = "", claimsPart = "", signaturePart = ""] = (proof ?? "").split(".");
  const header = decodeJson(headerPart);
  const key = await crypto.subtle.importKey("jwk", header["jwk"] as JsonWebKey, { name: "ECDSA", namedCurve: "P-256" }, false, ["verify"]);
  const valid = await crypto.subtle.verify({ name: "ECDSA", hash: "SHA-256" }, key, fromBase64url(signaturePart), new TextEncoder().encode(`${headerPart}.${claimsPart}`));
  expect(valid, "the signature verifies with the jwk in the header").to.equal(true);
  return { header, claims: decodeJson(claimsPart) };
}

describe("DPoP proofs on frame API calls", () => {
  it("signs every call with the frame's key: typ, ES256, the public jwk only, and the call's method, URL, time and token", async () => {
    const api = frameApi();
    await api.request("POST", "/v1/frame/bank_link/credentials?ignored=1", { username: "u" });
    await api.getSession();
    expect(sent).to.have.length(2);
    const first = await verifiedProof(sent[0]?.headers.get("DPoP") ?? null);
    const second = await verifiedProof(sent[1]?.headers.get("DPoP") ?? null);

    expect(first.header["typ"]).to.equal("dpop+jwt");
    expect(first.header["alg"]).to.equal("ES256");
    expect(Object.keys(first.header["jwk"] as object).sort()).to.deep.equal(["crv", "kty", "x", "y"], "no private part, no key_ops");
    expect(first.header["jwk"]).to.deep.equal(second.header["jwk"], "one key for the frame's lifetime");

    expect(first.claims["htm"]).to.equal("POST");
    expect(first.claims["htu"]).to.equal(`${location.origin}/v1/frame/bank_link/credentials`, "absolute, without the query");
    expect(second.claims["htm"]).to.equal("GET");
    expect(second.claims["htu"]).to.equal(`${location.origin}/v1/frame/session`);
    expect(Math.abs(Number(first.claims["iat"]) - Date.now() / 1000)).to.be.lessThan(5);
    expect(first.claims["ath"]).to.equal(await sha256("ct_first_token_000000"));
    expect(first.claims["jti"]).to.be.a("string").with.length.greaterThanOrEqual(16);
    expect(first.claims["jti"]).not.to.equal(second.claims["jti"], "a fresh jti per proof");
    expect(sent[0]?.headers.get("Authorization")).to.equal("Bearer ct_first_token_000000");
  });

  it("proves the refreshed token with the same key after client_token_expired", async () => {
    answers.push(json(401, { error: { type: "authentication_error", code: "client_token_expired", message: "Expired." } }));
    await frameApi().request("POST", "/v1/frame/payment_intents/confirm", {});
    const [expired, retried] = await Promise.all(sent.map((request) => verifiedProof(request.headers.get("DPoP"))));
    expect(retried?.claims["ath"]).to.equal(await sha256("ct_refreshed_token_0000"));
    expect(retried?.header["jwk"]).to.deep.equal(expired?.header["jwk"]);
  });

  it("keeps the private key non-extractable: not even the frame's own scripts can export it", async () => {
    const { privateKey, publicKey } = await frameKeyPair();
    expect(privateKey.extractable).to.equal(false);
    expect(privateKey.usages).to.deep.equal(["sign"]);
    expect(privateKey.algorithm).to.deep.include({ name: "ECDSA" });
    let refused: unknown;
    await crypto.subtle.exportKey("jwk", privateKey).catch((error: unknown) => (refused = error));
    expect(refused, "exporting the private key is refused").to.be.instanceOf(DOMException);
    await crypto.subtle.exportKey("pkcs8", privateKey).then(
      () => expect.fail("pkcs8 export must be refused"),
      () => undefined,
    );
    expect(publicKey.type).to.equal("public");
    expect(await frameKeyPair()).to.equal(await frameKeyPair(), "made once per frame");
  });

  it("corrects a wrong clock from the server's Date when a proof is refused, once", async () => {
    const serverNow = Date.now() + 10 * 60_000;
    const refused = (): Response =>
      new Response(JSON.stringify({ error: { type: "authentication_error", code: "dpop_proof_invalid", message: "The DPoP proof iat is off." } }), {
        status: 401,
        headers: { "Content-Type": "application/json", Date: new Date(serverNow).toUTCString() },
      });
    answers.push(refused());
    const api = new FrameApi({
      publishableKey: "pk_test_abcdefgh",
      parentOrigin: "https://shop.example",
      clientToken: "ct_first_token_000000",
      refreshClientToken: async () => "x",
    });
    expect(await api.request("GET", "/v1/frame/session")).to.deep.equal({ ok: true });
    const [first, second] = await Promise.all(sent.map((request) => verifiedProof(request.headers.get("DPoP"))));
    expect(Math.abs(Number(first?.claims["iat"]) - Date.now() / 1000)).to.be.lessThan(5);
    expect(Math.abs(Number(second?.claims["iat"]) - serverNow / 1000)).to.be.lessThan(5, "the retry is dated by the server's clock");

    // A refusal that the clock does not explain is not retried.
    answers.push(refused(), refused());
    let error: { code?: string } | undefined;
    await api.request("GET", "/v1/frame/session").catch((caught: { code?: string }) => (error = caught));
    expect(error?.code).to.equal("dpop_proof_invalid");
    expect(sent).to.have.length(3);
  });
});
