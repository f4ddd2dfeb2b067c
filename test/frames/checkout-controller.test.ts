/**
 * The checkout controller between a real view and a fake bridge end and API: what crosses
 * the bridge (`change`, `success`, `error`, `event`, the submit result), what is sent to
 * the frame API, and that nothing typed is lost or leaked along the way. The last block
 * runs the real FrameApi against a stubbed fetch (decline codes, a token expiring mid-flow).
 */
import { expect, fixture, html } from "@open-wc/testing";
import { sendKeys } from "@web/test-runner-commands";
import { CheckoutClient, type CheckoutRequests } from "../../src/frames/checkout/checkout-client.js";
import { CheckoutController, type CheckoutEndpoint } from "../../src/frames/checkout/checkout-controller.js";
import "../../src/frames/checkout/checkout-view.js";
import type { EnclaveCheckoutView } from "../../src/frames/checkout/checkout-view.js";
import { setLocale } from "../../src/frames/ui/i18n.js";
import type { FramePaymentIntent, FrameSessionResponse } from "../../src/protocol/api.js";
import { EnclaveError } from "../../src/protocol/errors.js";
import { FakeEndpoint } from "./support/fake-endpoint.js";
import { frameApi, json } from "./support/frame-api.js";
import { rejectionOf } from "./support/rejection.js";
import { waitFor } from "../support/wait.js";

// ---- fakes -------------------------------------------------------------------------

type Responder = (body: unknown) => unknown;

class FakeApi implements CheckoutRequests {
  readonly requests: { method: string; path: string; body: unknown }[] = [];
  readonly responders = new Map<string, Responder[]>();
  session: FrameSessionResponse | Error = {
    session: { id: "pi_test1234567", object: "payment_intent", status: "requires_payment_method", amount: 4900, currency: "usd" },
    merchant: { name: "Enclave Demo Shop" },
  };

  /** Queues an answer for the next request to `path`. */
  answer(path: string, responder: Responder): this {
    const queue = this.responders.get(path) ?? [];
    queue.push(responder);
    this.responders.set(path, queue);
    return this;
  }

  async getSession(): Promise<FrameSessionResponse> {
    if (this.session instanceof Error) throw this.session;
    return this.session;
  }

  async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    this.requests.push({ method, path, body: structuredClone(body) });
    const responder = this.responders.get(path)?.shift();
    if (!responder) throw new Error(`unexpected request ${method} ${path}`);
    return (await responder(body)) as T;
  }
}

function intent(status: FramePaymentIntent["status"], overrides: Partial<FramePaymentIntent> = {}): FramePaymentIntent {
  return {
    id: "pi_test1234567",
    status,
    amount: 4900,
    currency: "usd",
    next_action: status === "requires_action" ? { type: "three_d_secure" } : null,
    last_payment_error: null,
    ...overrides,
  };
}

function declined(code: string, message: string, declineCode?: string): EnclaveError {
  // What FrameApi throws for a 402 card error.
  return new EnclaveError(code as "card_declined", message, { retryable: true, ...(declineCode ? { declineCode } : {}) });
}

const confirmPath = "/v1/frame/payment_intents/confirm";
const threeDSecurePath = "/v1/frame/payment_intents/three_d_secure";
const abandonPath = "/v1/frame/payment_intents/three_d_secure/abandon";
/** Stands for the host's challenge page (same origin as the frame). */
const challengeUrl = new URL("./support/challenge-stub.html", import.meta.url).href;
const authenticationFailure = { code: "payment_intent_authentication_failure", message: "We couldn't authenticate your payment. Try again or use another card." };

/**
 * The host element's side of the 3-D Secure challenge: what the frame asked it to show,
 * and the hints it sends back (the page loaded, the customer gave up).
 */
class FakeChallengeHost {
  readonly opened: unknown[] = [];
  closed = 0;
  /** Set to refuse `openChallenge`, as an element refuses a page not on its widget host. */
  refuse = false;
  private readonly listeners = new Set<(detail: { what: "loaded" | "abandoned" }) => void>();

  readonly call = async (method: string, params: unknown): Promise<unknown> => {
    if (method === "openChallenge") {
      if (this.refuse) throw new EnclaveError("invalid_params", "The 3-D Secure page must be the widget host's own.");
      this.opened.push(params);
    } else if (method === "closeChallenge") this.closed++;
    else throw new Error(`unexpected host call ${method}`);
    return {};
  };

  readonly on = (name: string, listener: (detail: { what: "loaded" | "abandoned" }) => void): (() => void) => {
    if (name !== "challenge") throw new Error(`unexpected event ${name}`);
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** What the element says: the page (re)loaded, or the customer pressed Escape / close. */
  tell(what: "loaded" | "abandoned"): void {
    for (const listener of this.listeners) listener({ what });
  }

  get isOpen(): boolean {
    return this.opened.length > this.closed;
  }
}
const expiryYear = new Date().getFullYear() + 2;
const expiryTyped = `12${String(expiryYear % 100).padStart(2, "0")}`;

// ---- set-up and a customer's hands -----------------------------------------------------

/** The frame's end: what it emits and handles goes to the fake bridge end, what it asks of the host element to the fake host. */
function frameEnd(endpoint: FakeEndpoint, host = new FakeChallengeHost()): CheckoutEndpoint {
  const bridge = { emit: endpoint.emit.bind(endpoint), handle: endpoint.handle.bind(endpoint), call: host.call, on: host.on };
  return bridge as unknown as CheckoutEndpoint;
}

async function start(
  api: CheckoutRequests = new FakeApi(),
): Promise<{ view: EnclaveCheckoutView; endpoint: FakeEndpoint; api: FakeApi; controller: CheckoutController; host: FakeChallengeHost }> {
  const view = await fixture<EnclaveCheckoutView>(html`<enclave-checkout-view></enclave-checkout-view>`);
  const endpoint = new FakeEndpoint();
  const host = new FakeChallengeHost();
  const controller = new CheckoutController(view, frameEnd(endpoint, host), () => new Date("2030-01-02T03:04:05.000Z"));
  await controller.load(new CheckoutClient(api));
  return { view, endpoint, api: api as FakeApi, controller, host };
}

function field(view: EnclaveCheckoutView, id: string): HTMLInputElement {
  const element = view.shadowRoot?.querySelector("enclave-card-form")?.shadowRoot?.querySelector<HTMLInputElement>(`#${id}`);
  if (!element) throw new Error(`no field #${id}`);
  return element;
}

async function type(view: EnclaveCheckoutView, id: string, text: string): Promise<void> {
  const element = field(view, id);
  element.focus();
  element.setSelectionRange(element.value.length, element.value.length);
  await sendKeys({ type: text });
}

async function fillCard(view: EnclaveCheckoutView, number = "4242424242424242", extra: { postalCode?: string } = {}): Promise<void> {
  await type(view, "number", number);
  await type(view, "expiry", expiryTyped);
  await type(view, "cvc", number.startsWith("37") ? "1234" : "123");
  if (extra.postalCode) await type(view, "postal-code", extra.postalCode);
}

const until = (condition: () => boolean, what: string): Promise<unknown> => waitFor(condition, 1000, what, 10);

// ---- the tests -----------------------------------------------------------------------

describe("checkout controller", () => {
  it("resumes the session, shows the amount and says it is ready", async () => {
    const { view, endpoint } = await start();
    expect(view.state).to.equal("ready");
    expect(view.amount).to.equal(4900);
    expect(view.merchantName).to.equal("Enclave Demo Shop");
    expect(endpoint.details("ready")).to.deep.equal([{ flow: "checkout" }]);
    expect(endpoint.details("event")).to.deep.equal([{ name: "session_resumed", step: "payment_details", at: "2030-01-02T03:04:05.000Z" }]);
  });

  it("draws the form while the session is on its way, and says ready only once it has come (issue 13: ready sooner)", async () => {
    let answer: (session: FrameSessionResponse) => void = () => undefined;
    const api = new FakeApi();
    api.getSession = () => new Promise<FrameSessionResponse>((resolve) => (answer = resolve));
    const view = await fixture<EnclaveCheckoutView>(html`<enclave-checkout-view></enclave-checkout-view>`);
    const endpoint = new FakeEndpoint();
    const loaded = new CheckoutController(view, frameEnd(endpoint)).load(new CheckoutClient(api));
    await view.updateComplete;
    expect(view.state, "the form is drawn before the answer").to.equal("ready");
    expect(view.shadowRoot?.querySelector("enclave-card-form"), "the card form is on the page").to.not.equal(null);
    expect(endpoint.details("ready"), "not ready without the amount").to.deep.equal([]);
    answer({
      session: { id: "pi_test1234567", object: "payment_intent", status: "requires_payment_method", amount: 7800, currency: "eur" },
      merchant: { name: "Later Shop" },
    });
    await loaded;
    expect(endpoint.details("ready")).to.deep.equal([{ flow: "checkout" }]);
    expect(view.shadowRoot?.querySelector(".amount")?.textContent).to.equal("€78.00", "the amount is on the first screen the page reveals");
    expect(view.merchantName).to.equal("Later Shop");
  });

  it("shows why a session cannot be resumed", async () => {
    const api = new FakeApi();
    api.session = new EnclaveError("session_not_open", "This payment is already complete.");
    const view = await fixture<EnclaveCheckoutView>(html`<enclave-checkout-view></enclave-checkout-view>`);
    const endpoint = new FakeEndpoint();
    const controller = new CheckoutController(view, frameEnd(endpoint));
    const error = await rejectionOf(controller.load(new CheckoutClient(api)));
    expect(error.code).to.equal("session_not_open");
    expect(view.state).to.equal("error");
    expect(view.errorCode).to.equal("session_not_open");
    await view.updateComplete;
    expect(view.shadowRoot?.querySelector('[role="alert"]')?.textContent).to.equal("This payment is no longer open: it has already been completed or canceled.");
    const submitError = await rejectionOf(endpoint.call("submit"));
    expect(submitError.code).to.equal("session_not_open");
  });

  it("emits change with exactly { complete, empty, brand } when any of them changes", async () => {
    const { view, endpoint } = await start();
    await type(view, "number", "4");
    await type(view, "number", "2");
    await type(view, "number", "42");
    expect(endpoint.details("change")).to.deep.equal([
      { complete: false, empty: false, brand: "unknown" },
      { complete: false, empty: false, brand: "visa" },
    ]);
    for (const detail of endpoint.details("change")) expect(Object.keys(detail as object)).to.deep.equal(["complete", "empty", "brand"]);

    await type(view, "number", "424242424242");
    await type(view, "expiry", expiryTyped);
    await type(view, "cvc", "123");
    expect(endpoint.details("change").at(-1)).to.deep.equal({ complete: true, empty: false, brand: "visa" });

    const progress = endpoint.eventNames();
    expect(progress.filter((name) => name === "form_started")).to.have.length(1);
  });

  it("adds the first visible field error to change, in plain words", async () => {
    const { view, endpoint } = await start();
    await type(view, "number", "4242424242424241");
    field(view, "number").blur();
    await until(() => endpoint.details("change").some((detail) => "error" in (detail as object)), "the error");
    expect(endpoint.details("change").at(-1)).to.deep.equal({
      complete: false,
      empty: false,
      brand: "visa",
      error: { code: "incorrect_number", message: "Your card number is invalid.", retryable: true },
    });
  });

  it("refuses an incomplete card with incomplete_card, shows every error and focuses the first bad field", async () => {
    const { view, endpoint, api } = await start();
    await type(view, "expiry", expiryTyped);
    const error = await rejectionOf(endpoint.call("submit"));
    expect(error).to.be.instanceOf(EnclaveError);
    expect(error.toJSON()).to.deep.equal({ code: "incomplete_card", message: "Your card number is incomplete.", retryable: true, param: "card.number" });
    expect(api.requests).to.have.length(0);
    await until(() => view.shadowRoot?.querySelector("enclave-card-form")?.shadowRoot?.activeElement?.id === "number", "focus on the card number");
    expect(field(view, "number").getAttribute("aria-invalid")).to.equal("true");
    expect(field(view, "cvc").getAttribute("aria-invalid")).to.equal("true");
    expect(field(view, "expiry").getAttribute("aria-invalid")).to.equal("false");
    expect(endpoint.details("change").at(-1)).to.deep.include({ error: { code: "incomplete_card", message: "Your card number is incomplete.", retryable: true } });
    expect(endpoint.details("error")).to.have.length(0);
  });

  it("confirms a complete card, resolves with the payment intent and emits success", async () => {
    const { view, endpoint, api } = await start();
    api.answer(confirmPath, () => intent("succeeded"));
    await fillCard(view, "4242424242424242", { postalCode: "94107" });
    const result = await endpoint.call("submit");

    expect(api.requests).to.deep.equal([
      { method: "POST", path: confirmPath, body: { card: { number: "4242424242424242", exp_month: 12, exp_year: expiryYear, cvc: "123", postal_code: "94107" }, amount: 4900 } },
    ]);
    const expected = { paymentIntent: { id: "pi_test1234567", status: "succeeded", amount: 4900, currency: "usd" } };
    expect(result).to.deep.equal(expected);
    expect(endpoint.details("success")).to.deep.equal([expected]);
    expect(view.state).to.equal("succeeded");
    expect(view.card).to.deep.equal({ number: "", expiry: "", cvc: "", postalCode: "" }, "the card is not kept after paying");
    expect(endpoint.emitted.map((event) => event.name === "event" && (event.detail as { name: string }).name).filter(Boolean)).to.deep.equal([
      "session_resumed",
      "form_started",
      "submit",
      "payment_succeeded",
    ]);
    // Nothing that crossed the bridge carries the card.
    const wire = JSON.stringify([endpoint.emitted, result]);
    for (const secret of ["4242424242", "94107", `"123"`]) expect(wire).not.to.contain(secret);

    // Submitting again after paying answers the same, without a second charge.
    expect(await endpoint.call("submit")).to.deep.equal(expected);
    expect(api.requests).to.have.length(1);
  });

  it("sends no postal code when none was given", async () => {
    const { view, endpoint, api } = await start();
    api.answer(confirmPath, () => intent("succeeded"));
    await fillCard(view, "378282246310005");
    await endpoint.call("submit");
    expect(api.requests[0]?.body).to.deep.equal({ card: { number: "378282246310005", exp_month: 12, exp_year: expiryYear, cvc: "1234" }, amount: 4900 });
  });

  it("confirms once when submit is called again while the first is in flight", async () => {
    const { view, endpoint, api } = await start();
    let answer: (value: FramePaymentIntent) => void = () => undefined;
    api.answer(confirmPath, () => new Promise<FramePaymentIntent>((resolve) => (answer = resolve)));
    await fillCard(view);
    const first = endpoint.call("submit");
    const second = endpoint.call("submit");
    await until(() => api.requests.length === 1, "the confirm request");
    expect(view.state).to.equal("processing");
    answer(intent("succeeded"));
    const [a, b] = await Promise.all([first, second]);
    expect(a).to.deep.equal(b);
    expect(api.requests).to.have.length(1);
    expect(endpoint.details("success")).to.have.length(1);
  });

  it("rejects a decline with its code, message, retryable and decline code, emits error, and keeps the card", async () => {
    const { view, endpoint, api } = await start();
    api.answer(confirmPath, () => {
      throw declined("card_declined", "Your card has insufficient funds.", "insufficient_funds");
    });
    await fillCard(view, "4000000000009995");
    const error = await rejectionOf(endpoint.call("submit"));
    expect(error.toJSON()).to.deep.equal({ code: "card_declined", message: "Your card has insufficient funds.", retryable: true, declineCode: "insufficient_funds" });
    expect(endpoint.details("error")).to.deep.equal([{ code: "card_declined", message: "Your card has insufficient funds.", retryable: true }]);
    expect(view.state).to.equal("declined");
    expect([view.errorCode, view.declineCode]).to.deep.equal(["card_declined", "insufficient_funds"]);
    expect(field(view, "number").value).to.equal("4000 0000 0000 9995");
    expect(field(view, "number").disabled).to.equal(false);
    expect((endpoint.details("event").at(-1) as { name: string }).name).to.equal("payment_failed");

    // Another card, another try.
    api.answer(confirmPath, () => intent("succeeded"));
    const number = field(view, "number");
    number.select();
    await sendKeys({ press: "Backspace" });
    await type(view, "number", "4242424242424242");
    expect(await endpoint.call("submit")).to.deep.include({ paymentIntent: { id: "pi_test1234567", status: "succeeded", amount: 4900, currency: "usd" } });
    expect((api.requests[1]?.body as { card: { number: string } }).card.number).to.equal("4242424242424242");
  });

  it("after a decline, focuses the field to fix, or the message when no field is to blame", async () => {
    const cases: [EnclaveError, (view: EnclaveCheckoutView) => Element | null][] = [
      [declined("incorrect_cvc", "Your card's security code is incorrect."), (view) => field(view, "cvc")],
      [declined("expired_card", "Your card has expired."), (view) => field(view, "expiry")],
      [declined("card_declined", "Your card has insufficient funds.", "insufficient_funds"), (view) => view.shadowRoot?.querySelector(".notice") ?? null],
    ];
    for (const [decline, expected] of cases) {
      const { view, endpoint, api } = await start();
      api.answer(confirmPath, () => {
        throw decline;
      });
      await fillCard(view, "4000000000009995");
      await rejectionOf(endpoint.call("submit"));
      const focused = view.shadowRoot?.activeElement?.shadowRoot?.activeElement ?? view.shadowRoot?.activeElement;
      expect(focused, decline.code).to.equal(expected(view));
    }
  });

  it("speaks the customer's language in the frame and English to the merchant", async () => {
    await setLocale("fr");
    try {
      const { view, endpoint, api } = await start();
      await type(view, "number", "4242424242424241");
      field(view, "number").blur();
      await until(() => endpoint.details("change").some((detail) => "error" in (detail as object)), "the field error");
      expect(endpoint.details("change").at(-1)).to.deep.include({ error: { code: "incorrect_number", message: "Your card number is invalid.", retryable: true } });
      const form = view.shadowRoot?.querySelector("enclave-card-form");
      expect(form?.shadowRoot?.querySelector("#number-error")?.textContent).to.equal("Le numéro de carte n’est pas valide.");
      expect((await rejectionOf(endpoint.call("submit"))).message).to.equal("Your card number is invalid.");

      api.answer(confirmPath, () => {
        throw declined("card_declined", "Your card has insufficient funds.", "insufficient_funds");
      });
      const number = field(view, "number");
      number.select();
      await sendKeys({ press: "Backspace" });
      await fillCard(view, "4000000000009995");
      await rejectionOf(endpoint.call("submit"));
      expect(endpoint.details("error")).to.deep.equal([{ code: "card_declined", message: "Your card has insufficient funds.", retryable: true }]);
      await view.updateComplete;
      expect(view.shadowRoot?.querySelector(".notice")?.textContent).to.equal("Le solde de votre carte est insuffisant.");
    } finally {
      await setLocale("en");
    }
  });

  it("has the host element show the widget host's 3-D Secure page, and succeeds only when the server says so", async () => {
    const { view, endpoint, api, host } = await start();
    api.answer(confirmPath, () => intent("requires_action", { next_action: { type: "three_d_secure", url: challengeUrl } }));
    // The page's first load: still waiting. After the customer's answer on it: succeeded.
    api.answer(threeDSecurePath, () => intent("requires_action"));
    api.answer(threeDSecurePath, () => intent("succeeded"));
    await fillCard(view, "4000002760003184");
    const submitted = endpoint.call("submit");
    await until(() => host.isOpen, "the 3-D Secure overlay");
    expect(view.state).to.equal("authenticating");
    expect(host.opened).to.deep.equal([
      { url: challengeUrl, title: "Confirm this payment", frameTitle: "The bank's page, where you answer its check", closeLabel: "Cancel authentication" },
    ]);
    host.tell("loaded"); // the page's first load
    expect(endpoint.details("event").at(-1) as { name: string; step: string }).to.deep.include({ name: "three_d_secure_shown", step: "three_d_secure" });
    // A second submit meanwhile waits for the same answer.
    const again = endpoint.call("submit");
    await until(() => api.requests.length === 2, "the host asked after the page loaded");
    expect(view.state).to.equal("authenticating");
    host.tell("loaded"); // the answer's page, after the customer's click on the host's page
    const result = await submitted;
    expect(await again).to.deep.equal(result);
    expect(api.requests.map((request) => [request.method, request.path, request.body])).to.deep.equal([
      ["POST", confirmPath, { card: { number: "4000002760003184", exp_month: 12, exp_year: expiryYear, cvc: "123" }, amount: 4900 }],
      ["GET", threeDSecurePath, undefined],
      ["GET", threeDSecurePath, undefined],
    ]);
    expect(result).to.deep.equal({ paymentIntent: { id: "pi_test1234567", status: "succeeded", amount: 4900, currency: "usd" } });
    expect(view.state).to.equal("succeeded");
    expect(host.isOpen).to.equal(false, "the overlay is closed once the server answered");
  });

  it("never takes the host element's word for the outcome: a page load only makes it ask the server", async () => {
    const { view, endpoint, api, host } = await start();
    api.answer(confirmPath, () => intent("requires_action", { next_action: { type: "three_d_secure", url: challengeUrl } }));
    api.answer(threeDSecurePath, () => intent("requires_action"));
    await fillCard(view, "4000002760003184");
    void endpoint.call("submit");
    await until(() => host.isOpen, "the 3-D Secure overlay");
    host.tell("loaded");
    await until(() => api.requests.length === 2, "the frame asked the server");
    expect(view.state).to.equal("authenticating");
    expect(endpoint.details("success")).to.deep.equal([]);
  });

  it("fails the challenge, as giving up does, when the host element cannot show it", async () => {
    const { view, endpoint, api, host } = await start();
    host.refuse = true;
    api.answer(confirmPath, () => intent("requires_action", { next_action: { type: "three_d_secure", url: challengeUrl } }));
    api.answer(abandonPath, () => intent("requires_payment_method", { last_payment_error: authenticationFailure }));
    await fillCard(view, "4000002760003184");
    const error = await rejectionOf(endpoint.call("submit"));
    expect(error.code).to.equal("payment_intent_authentication_failure");
    expect(api.requests.map((request) => request.path)).to.deep.equal([confirmPath, abandonPath]);
    expect(view.state).to.equal("declined");
  });

  it("asks for the challenge in the customer's language", async () => {
    setLocale("fr");
    try {
      const { view, endpoint, api, host } = await start();
      api.answer(confirmPath, () => intent("requires_action", { next_action: { type: "three_d_secure", url: challengeUrl } }));
      api.answer(threeDSecurePath, () => intent("succeeded"));
      await fillCard(view, "4000002760003184");
      const submitted = endpoint.call("submit");
      await until(() => host.isOpen, "the 3-D Secure overlay");
      expect(host.opened[0]).to.deep.include({ title: "Confirmez ce paiement", closeLabel: "Annuler l’authentification" });
      host.tell("loaded");
      await submitted;
    } finally {
      setLocale("en");
    }
  });

  it("rejects when the server says 3-D Secure failed, and the form is usable again, focused on its message", async () => {
    const { view, endpoint, api, host } = await start();
    api.answer(confirmPath, () => intent("requires_action", { next_action: { type: "three_d_secure", url: challengeUrl } }));
    api.answer(threeDSecurePath, () => intent("requires_payment_method", { last_payment_error: authenticationFailure }));
    await fillCard(view, "4000002760003184");
    const error = await rejectionOf(endpoint.call("submit"));
    expect(error.toJSON()).to.deep.equal({ ...authenticationFailure, retryable: true });
    expect(api.requests.every((request) => request.body === undefined || !JSON.stringify(request.body).includes("outcome"))).to.equal(true, "the frame never sends an outcome");
    expect(view.state).to.equal("declined");
    expect(field(view, "number").value).to.equal("4000 0027 6000 3184");
    expect(host.isOpen).to.equal(false);
    expect(view.shadowRoot?.activeElement?.classList.contains("notice")).to.equal(true, "focus is on the message, which is announced");
  });

  it("gives the challenge up on Escape: the host fails it, and the payment is rejected", async () => {
    const { view, endpoint, api, host } = await start();
    api.answer(confirmPath, () => intent("requires_action", { next_action: { type: "three_d_secure", url: challengeUrl } }));
    for (let index = 0; index < 5; index++) api.answer(threeDSecurePath, () => intent("requires_action"));
    api.answer(abandonPath, () => intent("requires_payment_method", { last_payment_error: authenticationFailure }));
    await fillCard(view, "4000002760003184");
    const submitted = endpoint.call("submit");
    await until(() => host.isOpen, "the 3-D Secure overlay");
    host.tell("abandoned");
    const error = await rejectionOf(submitted);
    expect(error.code).to.equal("payment_intent_authentication_failure");
    const abandon = api.requests.find((request) => request.path === abandonPath);
    expect(abandon).to.deep.equal({ method: "POST", path: abandonPath, body: {} });
    expect(view.state).to.equal("declined");
  });

  it("believes the host over the customer's Escape: a Complete that won the race is a success", async () => {
    const { view, endpoint, api, host } = await start();
    api.answer(confirmPath, () => intent("requires_action", { next_action: { type: "three_d_secure", url: challengeUrl } }));
    for (let index = 0; index < 5; index++) api.answer(threeDSecurePath, () => intent("requires_action"));
    api.answer(abandonPath, () => intent("succeeded"));
    await fillCard(view, "4000002760003184");
    const submitted = endpoint.call("submit");
    await until(() => host.isOpen, "the 3-D Secure overlay");
    host.tell("abandoned");
    expect(await submitted).to.deep.equal({ paymentIntent: { id: "pi_test1234567", status: "succeeded", amount: 4900, currency: "usd" } });
    expect(view.state).to.equal("succeeded");
  });

  it("never shows a page from another origin as the bank's", async () => {
    const { view, endpoint, api, host } = await start();
    api.answer(confirmPath, () => intent("requires_action", { next_action: { type: "three_d_secure", url: "https://bank.attacker.example/challenge" } }));
    await fillCard(view, "4000002760003184");
    const error = await rejectionOf(endpoint.call("submit"));
    expect(error.code).to.equal("payment_intent_unexpected_state");
    expect(host.opened).to.deep.equal([]);
    expect(view.state).to.equal("declined");
    expect(api.requests).to.have.length(1);
  });

  it("clears the form on clear() and focuses the card number on focus()", async () => {
    const { view, endpoint } = await start();
    await type(view, "number", "4242");
    await endpoint.call("clear");
    await view.updateComplete;
    expect(field(view, "number").value).to.equal("");
    expect(endpoint.details("change").at(-1)).to.deep.equal({ complete: false, empty: true, brand: "unknown" });
    field(view, "number").blur();
    await endpoint.call("focus");
    expect(view.shadowRoot?.querySelector("enclave-card-form")?.shadowRoot?.activeElement?.id).to.equal("number");
  });

  /** Stands for the merchant's `POST /v1/payment_intents/:id`: the session now answers another amount. */
  function changeAmount(api: FakeApi, amount: number): void {
    const current = api.session;
    if (current instanceof Error) throw current;
    api.session = { ...current, session: { ...current.session, amount } };
  }

  it("shows the merchant's new total on refresh and keeps what the customer typed", async () => {
    const { view, endpoint, api } = await start();
    await fillCard(view);
    changeAmount(api, 7800);
    expect(await endpoint.call("refresh")).to.deep.equal({});
    expect(view.amount).to.equal(7800);
    expect(view.shadowRoot?.textContent).to.include("$78.00");
    expect(field(view, "number").value).to.equal("4242 4242 4242 4242");
    expect(field(view, "cvc").value).to.equal("123");
  });

  it("refuses a stale total without charging: the new total shows, the card stays, Pay again pays it", async () => {
    const { view, endpoint, api } = await start();
    api.answer(confirmPath, () => {
      changeAmount(api, 7800);
      // What FrameApi throws for the host's 409 amount_changed.
      throw new EnclaveError("amount_changed", "The amount changed to 7800 after the customer saw 4900; nothing was charged.", { retryable: true, param: "amount" });
    });
    api.answer(confirmPath, () => intent("succeeded", { amount: 7800 }));
    await fillCard(view);
    const error = await rejectionOf(endpoint.call("submit"));
    expect(error.code).to.equal("amount_changed");
    expect(error.retryable).to.equal(true);
    expect((api.requests[0]?.body as { amount?: number }).amount).to.equal(4900, "the confirm says which total the customer saw");
    expect(view.amount).to.equal(7800);
    await view.updateComplete;
    expect(view.shadowRoot?.querySelector('[role="alert"]')?.textContent).to.include("The total has changed. Check the new amount and pay again.");
    expect(field(view, "number").value).to.equal("4242 4242 4242 4242");
    expect(await endpoint.call("submit")).to.deep.equal({ paymentIntent: { id: "pi_test1234567", status: "succeeded", amount: 7800, currency: "usd" } });
    expect((api.requests[1]?.body as { amount?: number }).amount).to.equal(7800);
  });
});

describe("FrameApi, as the checkout uses it", () => {
  const realFetch = window.fetch;
  afterEach(() => {
    window.fetch = realFetch;
  });

  function stubFetch(answers: ((request: { url: string; init: RequestInit }) => Response)[]): { url: string; init: RequestInit }[] {
    const seen: { url: string; init: RequestInit }[] = [];
    window.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
      const request = { url: String(input), init: init ?? {} };
      seen.push(request);
      const answer = answers.shift();
      if (!answer) throw new Error("unexpected fetch");
      return answer(request);
    };
    return seen;
  }

  it("carries a decline's code and decline_code, and marks it retryable", async () => {
    stubFetch([() => json(402, { error: { type: "card_error", code: "card_declined", decline_code: "insufficient_funds", message: "Your card has insufficient funds." } })]);
    const error = await rejectionOf(frameApi().request("POST", confirmPath, {}));
    expect(error.toJSON()).to.deep.equal({ code: "card_declined", message: "Your card has insufficient funds.", retryable: true, declineCode: "insufficient_funds" });
  });

  it("keeps other errors as they were: a 409 is not retryable, a 503 is", async () => {
    stubFetch([
      () => json(409, { error: { type: "invalid_request_error", code: "session_not_open", message: "This payment was canceled." } }),
      () => json(503, { error: { type: "api_error", code: "service_unavailable", message: "Try again later." } }),
    ]);
    expect((await rejectionOf(frameApi().request("GET", "/v1/frame/session"))).toJSON()).to.deep.equal({
      code: "session_not_open",
      message: "This payment was canceled.",
      retryable: false,
    });
    expect((await rejectionOf(frameApi().request("GET", "/v1/frame/session"))).retryable).to.equal(true);
  });

  it("leaves an expired token at init to the page, which retries init or reports the expiry", async () => {
    stubFetch([() => json(401, { error: { type: "authentication_error", code: "client_token_expired", message: "The client token has expired." } })]);
    let refreshes = 0;
    const error = await rejectionOf(
      frameApi(async () => {
        refreshes++;
        return "ct_refreshed_token_0000";
      }).getSession(),
    );
    expect(error.code).to.equal("client_token_expired");
    expect(refreshes).to.equal(0);
  });

  it("refreshes a token that expired mid-payment and sends what the customer typed, unchanged", async () => {
    const seen = stubFetch([
      () =>
        json(200, { session: { id: "pi_test1234567", object: "payment_intent", status: "requires_payment_method", amount: 4900, currency: "usd" }, merchant: { name: "Shop" } }),
      () => json(401, { error: { type: "authentication_error", code: "client_token_expired", message: "The client token has expired." } }),
      () => json(200, intent("succeeded")),
    ]);
    let refreshes = 0;
    const api = frameApi(async () => {
      refreshes++;
      return "ct_refreshed_token_0000";
    });
    const { view, endpoint } = await start(api);
    await fillCard(view);
    const result = await endpoint.call("submit");
    expect(refreshes).to.equal(1);
    expect(result).to.deep.include({ paymentIntent: { id: "pi_test1234567", status: "succeeded", amount: 4900, currency: "usd" } });
    const [, expired, retried] = seen;
    expect(expired?.init.body).to.equal(retried?.init.body);
    expect(JSON.parse(String(retried?.init.body))).to.deep.equal({ card: { number: "4242424242424242", exp_month: 12, exp_year: expiryYear, cvc: "123" }, amount: 4900 });
    expect(new Headers(expired?.init.headers).get("Authorization")).to.equal("Bearer ct_first_token_000000");
    expect(new Headers(retried?.init.headers).get("Authorization")).to.equal("Bearer ct_refreshed_token_0000");
  });

  it("keeps the card in the form when the token cannot be refreshed", async () => {
    stubFetch([
      () =>
        json(200, { session: { id: "pi_test1234567", object: "payment_intent", status: "requires_payment_method", amount: 4900, currency: "usd" }, merchant: { name: "Shop" } }),
      () => json(401, { error: { type: "authentication_error", code: "client_token_expired", message: "The client token has expired." } }),
    ]);
    const api = frameApi(async () => {
      throw new EnclaveError("client_token_unavailable", "The page could not provide a new client token.", { retryable: true });
    });
    const { view, endpoint } = await start(api);
    await fillCard(view);
    const error = await rejectionOf(endpoint.call("submit"));
    expect(error.code).to.equal("client_token_unavailable");
    expect(view.state).to.equal("declined");
    expect(view.card).to.deep.equal({ number: "4242 4242 4242 4242", expiry: `12 / ${expiryTyped.slice(2)}`, cvc: "123", postalCode: "" });
    expect(endpoint.details("error")).to.deep.equal([{ code: "client_token_unavailable", message: "The page could not provide a new client token.", retryable: true }]);
  });
});
