/**
 * FrameApi.startSession (issue 13, ready sooner): the frame shell sends the session request
 * the moment `init` brings the token, before the words load and the first screen renders,
 * and the flow's first `getSession()` gets that answer rather than asking again.
 */
import { expect } from "@open-wc/testing";
import { frameApi, json } from "./support/frame-api.js";

const realFetch = window.fetch;
let sent: { path: string; authorization: string | null }[] = [];
let answer: (response: Response) => void = () => undefined;

beforeEach(() => {
  sent = [];
  window.fetch = (input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
    sent.push({ path: String(input), authorization: new Headers(init.headers).get("Authorization") });
    return new Promise((resolve) => (answer = resolve));
  };
});

afterEach(() => {
  window.fetch = realFetch;
});

describe("FrameApi.startSession", () => {
  it("has sent GET /v1/frame/session when it resolves, before any answer, and the first getSession gets that answer", async () => {
    const api = frameApi();
    await api.startSession();
    expect(sent).to.deep.equal([{ path: "/v1/frame/session", authorization: "Bearer ct_first_token_000000" }], "on its way before the flow asks");
    const session = api.getSession<{ id: string }>();
    answer(json(200, { id: "pi_ahead" }));
    expect(await session).to.deep.equal({ id: "pi_ahead" });
    expect(sent, "one request, not two").to.have.length(1);
  });

  it("is used once: a later getSession asks the server again", async () => {
    const api = frameApi();
    await api.startSession();
    const first = api.getSession<{ n: number }>();
    answer(json(200, { n: 1 }));
    await first;
    const second = api.getSession<{ n: number }>();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(sent).to.have.length(2);
    answer(json(200, { n: 2 }));
    expect(await second).to.deep.equal({ n: 2 });
  });

  it("hands a refused session to getSession, with its code, as a session asked for then", async () => {
    const api = frameApi();
    await api.startSession();
    answer(json(409, { error: { type: "invalid_request_error", code: "session_not_open", message: "This payment is already complete." } }));
    const error: unknown = await api.getSession().then(
      () => undefined,
      (reason: unknown) => reason,
    );
    expect(error).to.have.property("code", "session_not_open");
  });
});
