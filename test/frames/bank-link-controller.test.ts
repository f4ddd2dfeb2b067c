/**
 * The bank-link controller between the real view, a fake bridge end and the real FrameApi
 * over a stubbed `fetch` that plays the sandbox bank: every path a customer can take
 * (user_good, user_mfa, a wrong password, a locked user, the OAuth hand-off with its popup
 * opened, blocked or declined), "Back", leaving, and what crosses the bridge — which must
 * never carry a username, a password or a code.
 */
import { expect, fixture, html } from "@open-wc/testing";
import { sendKeys } from "@web/test-runner-commands";
import { BankLinkClient, bankLinkPaths } from "../../src/frames/bank-link/bank-link-client.js";
import { BankLinkController, type BankLinkEndpoint } from "../../src/frames/bank-link/bank-link-controller.js";
import { maxPollFailures } from "../../src/frames/ui/poller.js";
import { FrameApi } from "../../src/frames/api-client.js";
import "../../src/frames/bank-link/bank-link-view.js";
import type { EnclaveBankLinkView } from "../../src/frames/bank-link/bank-link-view.js";
import type { Institution, LinkableAccount } from "../../src/protocol/bank-link-api.js";
import { MFA_ATTEMPTS, MFA_MESSAGE, mfaCodeMatches, signInOutcome } from "../../src/server/sandbox/bank-sign-in-rules.js";
import { FakeEndpoint } from "./support/fake-endpoint.js";
import { frameApi, json } from "./support/frame-api.js";
import { rejectionOf } from "./support/rejection.js";
import { flatText as text } from "../support/view-harness.js";
import { waitFor } from "../support/wait.js";

// ---- the sandbox bank behind a stubbed fetch -------------------------------------------

const catalog: Institution[] = [
  { id: "ins_100001", name: "Sandbox Savings Bank", auth: "credentials", popular: true, logo: { color: "#0a7c66", initials: "SS" } },
  { id: "ins_100002", name: "Sandbox OAuth Bank", auth: "oauth", popular: true, logo: { color: "#3b5bdb", initials: "SO" } },
  { id: "ins_100003", name: "Harborview National Bank", auth: "credentials", popular: true, logo: { color: "#1d4ed8", initials: "HN" } },
  { id: "ins_100011", name: "Granite State Bank", auth: "credentials", popular: false, logo: { color: "#475569", initials: "GS" } },
];

const offered: LinkableAccount[] = [
  { id: "acc_checking", name: "Sandbox Checking", mask: "0000", type: "depository", subtype: "checking", balances: { available: 100, current: 110, currency: "usd" } },
  { id: "acc_savings", name: "Sandbox Savings", mask: "1111", type: "depository", subtype: "savings", balances: { available: 200, current: 210, currency: "usd" } },
];

const authorizationUrl = "https://bank.example/oauth/sandbox/authorize?state=s1";

interface SeenRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  body: unknown;
  authorization: string | null;
}

const apiError = (status: number, code: string, message: string) => json(status, { error: { type: "invalid_request_error", code, message } });

/** The server compares secrets in constant time; the rules are the same (src/server/sandbox/bank-sign-in-rules.ts). */
const equals = (typed: string, expected: string): boolean => typed === expected;

/** The sandbox bank behind the frame API: its sign-in follows the server's own rules. */
class SandboxBank {
  readonly requests: SeenRequest[] = [];
  session: unknown = {
    session: { id: "bls_test12345678", object: "bank_link_session", status: "open", products: ["accounts", "balances"] },
    merchant: { name: "Enclave Demo Shop" },
  };
  /** Where the sign-in stands, as the server keeps it. */
  private step: "none" | "mfa" | "oauth" | "connected" = "none";
  private institutionId = "";
  private mfaLeft = MFA_ATTEMPTS;
  /** What the customer answers on the bank's OAuth page. */
  oauthDecision: "pending" | "allow" | "deny" = "pending";
  /** Answers to hold back or replace, by "METHOD path". */
  readonly overrides = new Map<string, (request: SeenRequest) => Response | Promise<Response>>();

  readonly fetch = async (input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
    const url = new URL(String(input), location.href);
    const request: SeenRequest = {
      method: init.method ?? "GET",
      path: url.pathname,
      query: url.searchParams,
      body: typeof init.body === "string" ? JSON.parse(init.body) : undefined,
      authorization: new Headers(init.headers).get("Authorization"),
    };
    this.requests.push(request);
    const override = this.overrides.get(`${request.method} ${request.path}`);
    if (override) return override(request);
    return this.answer(request);
  };

  paths(): string[] {
    return this.requests.map((request) => `${request.method} ${request.path}${request.query.size > 0 ? `?${request.query}` : ""}`);
  }

  private connected(): Response {
    const institution = catalog.find((candidate) => candidate.id === this.institutionId);
    return json(200, { status: "connected", institution: { id: institution?.id, name: institution?.name }, accounts: offered });
  }

  private answer(request: SeenRequest): Response {
    const body = request.body as Record<string, unknown> | undefined;
    switch (`${request.method} ${request.path}`) {
      case "GET /v1/frame/session":
        return json(200, this.session);
      case `GET ${bankLinkPaths.institutions}`: {
        const query = (request.query.get("query") ?? "").toLowerCase();
        const popular = request.query.get("popular") === "true";
        const limit = Number(request.query.get("limit") ?? 20);
        const institutions = catalog.filter((institution) => (popular ? institution.popular : institution.name.toLowerCase().includes(query))).slice(0, limit);
        return json(200, { institutions });
      }
      case `POST ${bankLinkPaths.credentials}`: {
        const institution = catalog.find((candidate) => candidate.id === body?.["institution_id"]);
        if (institution?.auth === "oauth") return apiError(400, "institution_requires_oauth", `${institution.name} signs you in on its own site.`);
        this.institutionId = String(body?.["institution_id"]);
        const outcome = signInOutcome(String(body?.["username"]), String(body?.["password"]), equals);
        this.step = "none";
        if (outcome === "locked") return apiError(403, "item_locked", "This account is locked after too many attempts.");
        if (outcome === "invalid") return apiError(400, "invalid_credentials", "The username or password is incorrect.");
        if (outcome === "mfa_required") {
          this.step = "mfa";
          this.mfaLeft = MFA_ATTEMPTS;
          return json(200, { status: "mfa_required", mfa: { message: MFA_MESSAGE, attempts_left: MFA_ATTEMPTS } });
        }
        this.step = "connected";
        return this.connected();
      }
      case `POST ${bankLinkPaths.mfa}`: {
        if (this.step !== "mfa") return apiError(409, "link_step_invalid", "No verification code is expected now.");
        if (mfaCodeMatches(String(body?.["code"]), equals)) {
          this.step = "connected";
          return this.connected();
        }
        this.mfaLeft--;
        if (this.mfaLeft <= 0) {
          this.step = "none";
          return apiError(403, "mfa_locked", "Too many incorrect codes. Sign in again to get a new code.");
        }
        return apiError(400, "invalid_mfa_code", `That code is incorrect. ${this.mfaLeft} attempts left.`);
      }
      case `POST ${bankLinkPaths.oauthStart}`:
        this.institutionId = String(body?.["institution_id"]);
        this.step = "oauth";
        return json(200, { status: "oauth_pending", authorization_url: authorizationUrl });
      case `GET ${bankLinkPaths.oauthStatus}`:
        if (this.step === "connected") return this.connected();
        if (this.oauthDecision === "allow") {
          this.step = "connected";
          return this.connected();
        }
        if (this.oauthDecision === "deny") return json(200, { status: "oauth_denied" });
        return json(200, { status: "oauth_pending", authorization_url: "https://bank.example/oauth/sandbox/authorize" });
      case `POST ${bankLinkPaths.accounts}`: {
        if (this.step !== "connected") return apiError(409, "link_step_invalid", "Sign in to the bank before choosing accounts.");
        const ids = body?.["account_ids"] as string[];
        const institution = catalog.find((candidate) => candidate.id === this.institutionId);
        return json(200, {
          public_token: "public-sandbox-0123456789",
          institution: { id: institution?.id, name: institution?.name },
          accounts: offered.filter((account) => ids.includes(account.id)).map(({ id, name, mask, type, subtype }) => ({ id, name, mask, type, subtype })),
        });
      }
      default:
        return apiError(404, "route_not_found", `No route ${request.method} ${request.path}`);
    }
  }
}

// ---- a popup the controller can open --------------------------------------------------

class FakePopup {
  closed = false;
  opener: unknown = "the frame";
  focused = 0;
  readonly location = { href: "" };
  close(): void {
    this.closed = true;
  }
  focus(): void {
    this.focused++;
  }
}

// ---- set-up and a customer's hands -----------------------------------------------------

const realFetch = window.fetch;
const realOpen = window.open;
let opened: { url: string | undefined; target: string | undefined; features: string | undefined; popup: FakePopup | null }[] = [];
/** What window.open gives the next time (null: the browser blocks it). */
let nextPopup: () => FakePopup | null = () => new FakePopup();

beforeEach(() => {
  opened = [];
  nextPopup = () => new FakePopup();
  window.open = ((url?: string | URL, target?: string, features?: string) => {
    const popup = nextPopup();
    opened.push({ url: url === undefined ? undefined : String(url), target, features, popup });
    return popup as unknown as Window;
  }) as typeof window.open;
});

afterEach(() => {
  window.fetch = realFetch;
  window.open = realOpen;
});

interface Started {
  view: EnclaveBankLinkView;
  endpoint: FakeEndpoint;
  bank: SandboxBank;
  controller: BankLinkController;
}

/** `searchDelayMs`: the search's debounce; short so the suite is quick, longer where a test types a word and counts requests. */
async function start(bank = new SandboxBank(), searchDelayMs = 30): Promise<Started> {
  window.fetch = bank.fetch;
  const view = await fixture<EnclaveBankLinkView>(html`<enclave-bank-link-view></enclave-bank-link-view>`);
  const endpoint = new FakeEndpoint();
  const api = frameApi();
  const controller = new BankLinkController(view, endpoint as unknown as BankLinkEndpoint, {
    clock: () => new Date("2030-01-02T03:04:05.000Z"),
    searchDelayMs,
    pollIntervalMs: 20,
    windowCheckMs: 20,
  });
  await controller.load(new BankLinkClient(api));
  return { view, endpoint, bank, controller };
}

const until = (condition: () => boolean, what: string): Promise<unknown> => waitFor(condition, 2000, what, 10);

/** Every element matching `selector` in the view's shadow tree and the shadow trees inside it. */
function deepAll(root: Element, selector: string): HTMLElement[] {
  const found: HTMLElement[] = [];
  const visit = (node: ParentNode): void => {
    for (const element of node.querySelectorAll("*")) {
      if (element.matches(selector)) found.push(element as HTMLElement);
      if (element.shadowRoot) visit(element.shadowRoot);
    }
  };
  if (root.shadowRoot) visit(root.shadowRoot);
  return found;
}

async function find<T extends HTMLElement = HTMLElement>(view: EnclaveBankLinkView, selector: string): Promise<T> {
  let element: HTMLElement | undefined;
  await until(() => (element = deepAll(view, selector)[0]) !== undefined, selector);
  return element as T;
}

/** Clicks the button or link a customer reads as `name`, once it is on screen. */
async function click(view: EnclaveBankLinkView, name: string): Promise<void> {
  let control: HTMLElement | undefined;
  await until(() => (control = deepAll(view, "button, a").find((element) => text(element) === name)) !== undefined, `a control named "${name}"`);
  control?.click();
}

/** Focuses a field and types into it key by key. */
async function type(view: EnclaveBankLinkView, selector: string, value: string): Promise<void> {
  const input = await find<HTMLInputElement>(view, selector);
  input.focus();
  input.setSelectionRange(input.value.length, input.value.length);
  await sendKeys({ type: value });
}

async function onScreen(view: EnclaveBankLinkView, screen: string): Promise<void> {
  await until(() => view.screen === screen && !view.exitConfirm, `the ${screen} screen`);
  await view.updateComplete;
}

/** From consent to the bank's own screen, by searching and choosing with the keyboard. */
async function chooseBank(view: EnclaveBankLinkView, query: string, index = 0): Promise<void> {
  await click(view, "Continue");
  await onScreen(view, "select_institution");
  await type(view, "#search", query);
  await find(view, "[role=option]");
  for (let step = 0; step <= index; step++) await sendKeys({ press: "ArrowDown" });
  await sendKeys({ press: "Enter" });
}

async function signIn(view: EnclaveBankLinkView, username: string, password: string): Promise<void> {
  await onScreen(view, "credentials");
  await type(view, "#username", username);
  await type(view, "#password", password);
  await click(view, "Submit");
}

/** Nothing the frame sent to the page carries what the customer typed. */
function expectNoSecrets(endpoint: FakeEndpoint, ...secrets: string[]): void {
  const wire = JSON.stringify(endpoint.emitted);
  for (const secret of secrets) expect(wire, `the bridge carried ${secret}`).not.to.contain(secret);
}

// ---- the tests -----------------------------------------------------------------------

describe("bank-link controller: starting", () => {
  it("resumes the session, shows consent with the merchant's name and says it is ready", async () => {
    const { view, endpoint, bank } = await start();
    expect(view.screen).to.equal("consent");
    expect(view.merchantName).to.equal("Enclave Demo Shop");
    expect(view.products).to.deep.equal(["accounts", "balances"]);
    expect(view.canGoBack).to.equal(false);
    expect(endpoint.details("ready")).to.deep.equal([{ flow: "bank-link" }]);
    expect(endpoint.details("event")).to.deep.equal([{ name: "open", step: "consent", at: "2030-01-02T03:04:05.000Z" }]);
    expect(bank.requests[0]?.authorization).to.equal("Bearer ct_first_token_000000");
  });

  it("refuses a token of another flow and a finished session, and leaves at once from there", async () => {
    const bank = new SandboxBank();
    bank.session = { session: { id: "pi_test1234567", object: "payment_intent", status: "requires_payment_method", amount: 100, currency: "usd" }, merchant: { name: "Shop" } };
    window.fetch = bank.fetch;
    const view = await fixture<EnclaveBankLinkView>(html`<enclave-bank-link-view></enclave-bank-link-view>`);
    const endpoint = new FakeEndpoint();
    const controller = new BankLinkController(view, endpoint as unknown as BankLinkEndpoint);
    const api = new BankLinkClient(frameApi(async () => ""));
    expect((await rejectionOf(controller.load(api))).code).to.equal("invalid_configuration");
    expect(view.screen).to.equal("load_error");
    // The customer reads words for the code; the developer's English is in the rejection.
    expect(text(await find(view, "[role=alert]"))).to.equal("Bank linking can't be shown right now.");

    bank.session = { session: { id: "bls_test12345678", object: "bank_link_session", status: "linked", products: ["accounts"] }, merchant: { name: "Shop" } };
    const error = await rejectionOf(controller.load(api));
    expect(error.code).to.equal("session_not_open");
    expect(view.loadError).to.deep.equal({ code: "session_not_open" });
    await view.updateComplete;
    expect(text(await find(view, "[role=alert]"))).to.equal("This session has already ended. Close this window and start again.");
    expect(endpoint.details("ready")).to.have.length(0);

    // Nothing to lose: the host's Escape leaves without asking.
    expect(await endpoint.call("requestExit")).to.deep.equal({});
    expect(endpoint.details("exit")).to.deep.equal([{ reason: "user_exit", step: "consent" }]);
  });
});

describe("bank-link controller: linking", () => {
  it("links with user_good: popular banks, a debounced search, the keyboard, the form, accounts, success", async () => {
    // Keys typed on a loaded CI machine came more than 30 ms apart, so a 30 ms debounce searched twice.
    const { view, endpoint, bank } = await start(new SandboxBank(), 400);
    await click(view, "Continue");
    await onScreen(view, "select_institution");
    await until(() => view.search.popularStatus === "ready", "the popular banks");
    expect(view.search.popular.map((institution) => institution.name)).to.deep.equal(["Sandbox Savings Bank", "Sandbox OAuth Bank", "Harborview National Bank"]);

    await type(view, "#search", "sand");
    await find(view, "[role=option]");
    const searches = bank.paths().filter((path) => path.includes("query="));
    expect(searches, "one request for the whole word").to.deep.equal([`GET ${bankLinkPaths.institutions}?query=sand&limit=10`]);
    await sendKeys({ press: "ArrowDown" });
    await sendKeys({ press: "Enter" });
    await onScreen(view, "credentials");
    expect(view.institution?.name).to.equal("Sandbox Savings Bank");
    expect(view.canGoBack).to.equal(true);

    await signIn(view, "user_good", "pass_good");
    await onScreen(view, "select_accounts");
    const signInRequest = bank.requests.find((request) => request.path === bankLinkPaths.credentials);
    expect(signInRequest?.body).to.deep.equal({ institution_id: "ins_100001", username: "user_good", password: "pass_good" });
    expect(view.credentials, "nothing of the sign-in is kept").to.deep.include({ username: "", password: "" });

    await click(view, "Continue");
    expect(text(await find(view, "#accounts-error"))).to.equal("Choose at least one account to continue.");
    expect(bank.requests.some((request) => request.path === bankLinkPaths.accounts)).to.equal(false);
    (await find<HTMLInputElement>(view, "#account-1")).click();
    await click(view, "Continue");
    await onScreen(view, "success");

    expect(bank.requests.find((request) => request.path === bankLinkPaths.accounts)?.body).to.deep.equal({ account_ids: ["acc_savings"] });
    expect(text(await find(view, "h1"))).to.equal("Connected to Sandbox Savings Bank");
    // The success screen stays until "Done" (Plaid's success pane): the page hears nothing yet,
    // so a modal host does not close over it.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(endpoint.details("success")).to.have.length(0);
    expect(endpoint.eventSteps()).to.deep.equal([
      ["open", "consent"],
      ["transition_view", "select_institution"],
      ["search_institution", "select_institution"],
      ["select_institution", "select_institution"],
      ["transition_view", "credentials"],
      ["submit_credentials", "credentials"],
      ["transition_view", "select_accounts"],
      ["select_accounts", "select_accounts"],
      ["transition_view", "success"],
      ["handoff", "success"],
    ]);
    expect(endpoint.details("error")).to.have.length(0);

    // "Done" hands the page its result, once; after success there is nothing to leave.
    await click(view, "Done");
    expect(endpoint.details("success")).to.deep.equal([
      {
        publicToken: "public-sandbox-0123456789",
        institution: { id: "ins_100001", name: "Sandbox Savings Bank" },
        accounts: [{ id: "acc_savings", name: "Sandbox Savings", mask: "1111", type: "depository", subtype: "savings" }],
      },
    ]);
    expect(endpoint.eventNames().at(-1)).to.equal("done");
    expect(await endpoint.call("requestExit")).to.deep.equal({});
    await click(view, "Done");
    expect(view.exitConfirm).to.equal(false);
    expect(endpoint.details("success"), "success goes once").to.have.length(1);
    expect(endpoint.details("exit")).to.have.length(0);
    expectNoSecrets(endpoint, "user_good", "pass_good");
  });

  it("on the success screen, the host's Escape (requestExit) counts as Done: the page gets its result", async () => {
    const { view, endpoint } = await start();
    await chooseBank(view, "savings");
    await signIn(view, "user_good", "pass_good");
    await onScreen(view, "select_accounts");
    (await find<HTMLInputElement>(view, "#account-1")).click();
    await click(view, "Continue");
    await onScreen(view, "success");
    expect(endpoint.details("success")).to.have.length(0);
    expect(await endpoint.call("requestExit")).to.deep.equal({});
    expect(view.exitConfirm).to.equal(false);
    expect(endpoint.details("success").map((detail) => (detail as { publicToken: string }).publicToken)).to.deep.equal(["public-sandbox-0123456789"]);
    expect(endpoint.details("exit")).to.have.length(0);
  });

  it("shows only the newest search's answer when an older one comes back late", async () => {
    const { view, bank } = await start();
    let releaseFirst: () => void = () => undefined;
    let calls = 0;
    bank.overrides.set(`GET ${bankLinkPaths.institutions}`, async (request) => {
      if (request.query.get("popular") === "true") return json(200, { institutions: catalog.filter((institution) => institution.popular) });
      calls++;
      if (calls === 1) await new Promise<void>((resolve) => (releaseFirst = resolve));
      const query = request.query.get("query") ?? "";
      return json(200, { institutions: catalog.filter((institution) => institution.name.toLowerCase().includes(query)) });
    });
    await click(view, "Continue");
    await onScreen(view, "select_institution");
    await type(view, "#search", "sandbox");
    await until(() => calls === 1, "the first search");
    await type(view, "#search", " oauth");
    await until(() => view.search.status === "ready", "the second search's answer");
    releaseFirst();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(view.search.results.map((institution) => institution.name)).to.deep.equal(["Sandbox OAuth Bank"]);
  });

  it("says when no institution matches", async () => {
    const { view } = await start();
    await click(view, "Continue");
    await onScreen(view, "select_institution");
    await type(view, "#search", "zebra");
    expect(text(await find(view, ".empty-title"))).to.equal("No institutions match “zebra”");
  });

  it("asks user_mfa for a code, counts a wrong one down, and connects with 123456", async () => {
    const { view, endpoint, bank } = await start();
    await chooseBank(view, "savings");
    await signIn(view, "user_mfa", "pass_good");
    await onScreen(view, "mfa");
    // The frame's own words, not the sandbox's English `mfa.message`.
    expect(text(await find(view, "#message"))).to.equal("Sandbox Savings Bank sent a verification code to the phone or email on your account.");
    expect(view.credentials.password).to.equal("");

    await type(view, "#code", "000000");
    await click(view, "Submit");
    await until(() => view.mfa.error !== null, "the wrong-code error");
    expect(text(await find(view, "#code-error"))).to.equal("That code is incorrect. You have 2 attempts left.");
    expect(view.mfa.code, "a code is never kept").to.equal("");
    // The customer can type the code again: retryable.
    expect(endpoint.details("error")).to.deep.equal([{ code: "invalid_mfa_code", message: "That code is incorrect. 2 attempts left.", retryable: true }]);
    // Focus goes back to the field to fix, not left on Submit.
    await until(() => deepAll(view, "enclave-link-mfa")[0]?.shadowRoot?.activeElement?.id === "code", "focus on the code field");

    await type(view, "#code", "123456");
    await click(view, "Submit");
    await onScreen(view, "select_accounts");
    expect(bank.requests.filter((request) => request.path === bankLinkPaths.mfa).map((request) => request.body)).to.deep.equal([{ code: "000000" }, { code: "123456" }]);
    expect(endpoint.eventSteps()).to.deep.include.members([
      ["submit_mfa", "mfa"],
      ["error", "mfa"],
      ["transition_view", "mfa"],
    ]);
    expectNoSecrets(endpoint, "user_mfa", "pass_good", "000000", "123456");
  });

  it("sends the customer back to sign in after mfa_locked, with the username still there", async () => {
    const { view } = await start();
    await chooseBank(view, "savings");
    await signIn(view, "user_mfa", "pass_good");
    for (const attempt of [1, 2, 3]) {
      await onScreen(view, "mfa");
      await type(view, "#code", "999999");
      await click(view, "Submit");
      await until(() => view.mfa.error !== null && !view.mfa.busy && view.mfa.attemptsLeft === 3 - attempt, `wrong code ${attempt}`);
    }
    expect(view.mfa.error?.code).to.equal("mfa_locked");
    expect((await find<HTMLInputElement>(view, "#code")).disabled).to.equal(true);
    await click(view, "Sign in again");
    await onScreen(view, "credentials");
    expect((await find<HTMLInputElement>(view, "#username")).value).to.equal("user_mfa");
    expect((await find<HTMLInputElement>(view, "#password")).value).to.equal("");
  });

  it("says the password is wrong, announces it, reports it, and keeps the username only", async () => {
    const { view, endpoint } = await start();
    await chooseBank(view, "savings");
    await signIn(view, "user_good", "wrong-password");
    await until(() => view.credentials.error !== null, "the error");
    const alert = await find(view, "#form-error");
    expect(alert.getAttribute("role")).to.equal("alert");
    expect(text(alert)).to.equal("The username or password is incorrect.");
    expect((await find<HTMLInputElement>(view, "#password")).value).to.equal("");
    expect((await find<HTMLInputElement>(view, "#username")).value).to.equal("user_good");
    // The customer can type the password again: retryable.
    expect(endpoint.details("error")).to.deep.equal([{ code: "invalid_credentials", message: "The username or password is incorrect.", retryable: true }]);
    expect(endpoint.eventSteps().at(-1)).to.deep.equal(["error", "credentials"]);
    // Focus goes to the emptied password, the field to fix, not left on Submit.
    await until(() => deepAll(view, "enclave-link-credentials")[0]?.shadowRoot?.activeElement?.id === "password", "focus on the password");
    expect(view.screen).to.equal("credentials");
    expectNoSecrets(endpoint, "user_good", "wrong-password");
  });

  it("explains a locked user", async () => {
    const { view, endpoint } = await start();
    await chooseBank(view, "savings");
    await signIn(view, "user_locked", "pass_good");
    await until(() => view.credentials.error !== null, "the error");
    expect(text(await find(view, "#form-error"))).to.match(/locked/);
    expect(endpoint.details("error")[0]).to.deep.include({ code: "item_locked", retryable: false });
  });

  it("offers another bank and Exit for a locked account, instead of a Submit that cannot work", async () => {
    const { view, endpoint } = await start();
    await chooseBank(view, "savings");
    await signIn(view, "user_locked", "pass_good");
    await until(() => view.credentials.error !== null, "the error");
    await view.updateComplete;
    const names = deepAll(view, "enclave-link-credentials button").map(text);
    expect(names).to.not.include("Submit");
    const screen = deepAll(view, "enclave-link-credentials")[0];
    expect([...(screen?.shadowRoot?.querySelectorAll("button") ?? [])].map(text)).to.deep.equal(["Choose another bank", "Exit"]);
    await until(() => text(screen?.shadowRoot?.activeElement) === "Choose another bank", "focus on the way out");
    await click(view, "Choose another bank");
    await onScreen(view, "select_institution");
    expect(endpoint.eventSteps().at(-1)).to.deep.equal(["transition_view", "select_institution"]);
    // The search as the customer left it; Back leads to consent, not into the locked sign-in.
    expect((await find<HTMLInputElement>(view, "#search")).value).to.equal("savings");
    expect(view.canGoBack).to.equal(true);

    (await find(view, "[role=option]")).click();
    await signIn(view, "user_locked", "pass_good");
    await until(() => view.credentials.error !== null, "locked again");
    await click(view, "Exit");
    expect(endpoint.details("exit")).to.deep.equal([{ reason: "user_exit", step: "credentials" }]);
    await onScreen(view, "consent");
  });
});

describe("bank-link controller: the OAuth hand-off", () => {
  it("opens a blank popup inside the click, points it at the bank, polls, and closes it when connected", async () => {
    const { view, endpoint, bank } = await start();
    await chooseBank(view, "oauth");
    await onScreen(view, "oauth");
    await click(view, "Continue");
    // Opened synchronously by the click, before any request: the browser still counts the gesture.
    expect(opened).to.have.length(1);
    expect(opened[0]).to.deep.include({ url: "", target: "_blank" });
    const popup = opened[0]?.popup as FakePopup;
    expect(popup.opener, "the bank's page gets no handle on the frame").to.equal(null);
    await until(() => view.oauth.status === "waiting", "waiting for the bank");
    expect(popup.location.href).to.equal(authorizationUrl);
    expect(bank.requests.find((request) => request.path === bankLinkPaths.oauthStart)?.body).to.deep.equal({ institution_id: "ins_100002" });
    expect(text(await find(view, ".status"))).to.equal("Waiting for Sandbox OAuth Bank…");
    await until(() => bank.requests.filter((request) => request.path === bankLinkPaths.oauthStatus).length >= 2, "a few status checks");

    bank.oauthDecision = "allow";
    await onScreen(view, "select_accounts");
    expect(popup.closed).to.equal(true);
    const polls = bank.requests.filter((request) => request.path === bankLinkPaths.oauthStatus).length;
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(
      bank.requests.filter((request) => request.path === bankLinkPaths.oauthStatus),
      "polling stopped",
    ).to.have.length(polls);
    expect(endpoint.eventSteps()).to.deep.include.members([["oauth_open", "oauth"]]);
    // Back from the accounts leads to the bank list, not into the finished hand-off.
    await click(view, "Back");
    await onScreen(view, "select_institution");
  });

  it("offers a new-tab link when the popup is blocked, reports popup_blocked, and keeps polling", async () => {
    const { view, endpoint, bank } = await start();
    nextPopup = () => null;
    await chooseBank(view, "oauth");
    await onScreen(view, "oauth");
    await click(view, "Continue");
    await until(() => view.oauth.status === "blocked", "the blocked state");
    const link = await find<HTMLAnchorElement>(view, "a");
    expect(text(link)).to.equal("Open Sandbox OAuth Bank in a new tab");
    expect([link.href, link.target, link.rel]).to.deep.equal([authorizationUrl, "_blank", "noopener"]);
    expect(endpoint.details("error")).to.deep.include({
      code: "popup_blocked",
      message: "The browser blocked the window for Sandbox OAuth Bank; the customer was offered a link instead.",
      retryable: true,
    });
    await until(() => bank.requests.some((request) => request.path === bankLinkPaths.oauthStatus), "a status check");
    bank.oauthDecision = "allow";
    await onScreen(view, "select_accounts");
  });

  it("says when the bank declined, and tries again with a new window", async () => {
    const { view, endpoint, bank } = await start();
    await chooseBank(view, "oauth");
    await onScreen(view, "oauth");
    bank.oauthDecision = "deny";
    await click(view, "Continue");
    await until(() => view.oauth.status === "denied", "the declined state");
    expect(text(await find(view, "[role=alert]"))).to.contain("didn't share your accounts");
    expect((opened[0]?.popup as FakePopup).closed).to.equal(true);
    expect(endpoint.eventNames().at(-1)).to.equal("oauth_denied");

    bank.oauthDecision = "pending";
    await click(view, "Try again");
    expect(opened).to.have.length(2);
    await until(() => view.oauth.status === "waiting", "waiting again");
    bank.oauthDecision = "allow";
    await onScreen(view, "select_accounts");
  });

  it("notices the customer closing the bank's window, offers Try again and another bank, and still follows a late answer", async () => {
    const { view, endpoint, bank } = await start();
    await chooseBank(view, "oauth");
    await onScreen(view, "oauth");
    await click(view, "Continue");
    await until(() => view.oauth.status === "waiting", "waiting for the bank");
    const popup = opened[0]?.popup as FakePopup;
    popup.closed = true;
    await until(() => view.oauth.status === "closed", "the closed state");
    const alert = await find(view, "[role=alert]");
    expect(text(alert)).to.equal("The window for Sandbox OAuth Bank was closed before you finished signing in.");
    const screen = deepAll(view, "enclave-link-oauth")[0];
    expect([...(screen?.shadowRoot?.querySelectorAll(".actions .button") ?? [])].map(text)).to.deep.equal(["Try again", "Choose another bank"]);
    await until(() => text(screen?.shadowRoot?.activeElement) === "Try again", "focus on Try again");
    expect(endpoint.eventSteps().at(-1)).to.deep.equal(["close_oauth", "oauth"]);

    // Try again opens a new window in the click.
    await click(view, "Try again");
    expect(opened).to.have.length(2);
    await until(() => view.oauth.status === "waiting", "waiting again");
    (opened[1]?.popup as FakePopup).closed = true;
    await until(() => view.oauth.status === "closed", "closed again");
    // The bank answering after all (the poll goes on) still moves the flow on.
    bank.oauthDecision = "allow";
    await onScreen(view, "select_accounts");
  });

  it("takes a window the bank's page closed itself after the answer as that answer, not as the customer closing it", async () => {
    const bank = new SandboxBank();
    window.fetch = bank.fetch;
    const view = await fixture<EnclaveBankLinkView>(html`<enclave-bank-link-view></enclave-bank-link-view>`);
    // Status checks far apart: only the look at the closed window can see the answer in time.
    const controller = new BankLinkController(view, new FakeEndpoint() as unknown as BankLinkEndpoint, { searchDelayMs: 30, pollIntervalMs: 10_000, windowCheckMs: 10 });
    await controller.load(new BankLinkClient(frameApi()));
    await chooseBank(view, "oauth");
    await onScreen(view, "oauth");
    await click(view, "Continue");
    await until(() => view.oauth.status === "waiting", "waiting for the bank");
    bank.oauthDecision = "allow";
    (opened.at(-1)?.popup as FakePopup).closed = true;
    await onScreen(view, "select_accounts");
  });

  it("goes back to the bank list from a closed or declined window with Choose another bank", async () => {
    const { view, bank } = await start();
    await chooseBank(view, "oauth");
    await onScreen(view, "oauth");
    bank.oauthDecision = "deny";
    await click(view, "Continue");
    await until(() => view.oauth.status === "denied", "the declined state");
    await click(view, "Choose another bank");
    await onScreen(view, "select_institution");
    const polls = bank.requests.filter((request) => request.path === bankLinkPaths.oauthStatus).length;
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(
      bank.requests.filter((request) => request.path === bankLinkPaths.oauthStatus),
      "no more status checks",
    ).to.have.length(polls);
    await click(view, "Back");
    await onScreen(view, "consent");
  });

  it("reopens the bank's window while waiting, or focuses it when it is still open", async () => {
    const { view } = await start();
    await chooseBank(view, "oauth");
    await onScreen(view, "oauth");
    await click(view, "Continue");
    await until(() => view.oauth.status === "waiting", "waiting");
    const first = opened[0]?.popup as FakePopup;
    await click(view, "Open Sandbox OAuth Bank again");
    expect(first.focused).to.equal(1);
    first.closed = true;
    await click(view, "Open Sandbox OAuth Bank again");
    expect(opened.map((open) => open.url)).to.deep.equal(["", authorizationUrl]);
  });

  it("keeps asking through a blip, and gives up on the status after the poller's failure limit with the error screen", async () => {
    const bank = new SandboxBank();
    window.fetch = bank.fetch;
    const view = await fixture<EnclaveBankLinkView>(html`<enclave-bank-link-view></enclave-bank-link-view>`);
    const endpoint = new FakeEndpoint();
    // A short interval: the poller's backoff doubles it after each failure.
    const controller = new BankLinkController(view, endpoint as unknown as BankLinkEndpoint, { searchDelayMs: 30, pollIntervalMs: 2 });
    // A token of its own: controllers of earlier tests may still be polling the same stubbed fetch.
    const token = "ct_poll_limit_token_00";
    await controller.load(
      new BankLinkClient(new FrameApi({ publishableKey: "pk_test_abcdefgh", parentOrigin: "https://shop.example", clientToken: token, refreshClientToken: async () => token })),
    );
    const statusChecks = (): number => bank.requests.filter((request) => request.path === bankLinkPaths.oauthStatus && request.authorization === `Bearer ${token}`).length;
    await chooseBank(view, "oauth");
    await onScreen(view, "oauth");
    let failing = 1;
    bank.overrides.set(`GET ${bankLinkPaths.oauthStatus}`, () =>
      failing-- > 0 ? apiError(503, "service_unavailable", "The bank is not answering.") : json(200, { status: "oauth_pending", authorization_url: authorizationUrl }),
    );
    await click(view, "Continue");
    await until(() => view.oauth.status === "waiting", "waiting for the bank");
    // One failure, then answers again: still waiting, nothing said to the page.
    await until(() => statusChecks() >= 3, "status checks after the blip");
    expect(view.oauth.status).to.equal("waiting");
    expect(endpoint.details("error")).to.have.length(0);

    const before = statusChecks();
    bank.overrides.set(`GET ${bankLinkPaths.oauthStatus}`, () => apiError(503, "service_unavailable", "The bank is not answering."));
    await until(() => view.oauth.status === "error", "the error screen");
    expect(statusChecks() - before).to.equal(maxPollFailures);
    expect(view.oauth.error).to.deep.equal({ code: "service_unavailable" });
    expect(endpoint.details("error")).to.deep.equal([{ code: "service_unavailable", message: "The bank is not answering.", retryable: true }]);
    expect(endpoint.eventSteps().at(-1)).to.deep.equal(["error", "oauth"]);
    expect((opened[0]?.popup as FakePopup).closed, "the bank's window closes").to.equal(true);
    const polls = statusChecks();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(statusChecks(), "polling stopped").to.equal(polls);
  });

  it("switches to the hand-off when the API says the bank signs in on its own site", async () => {
    const { view, bank } = await start();
    await chooseBank(view, "savings");
    await onScreen(view, "credentials");
    // The catalog said credentials; the server knows better.
    bank.overrides.set(`POST ${bankLinkPaths.credentials}`, () => apiError(400, "institution_requires_oauth", "Continue on the bank's site."));
    await type(view, "#username", "someone");
    await type(view, "#password", "secret");
    await click(view, "Submit");
    await onScreen(view, "oauth");
    expect(view.institution?.auth).to.equal("oauth");
  });
});

describe("bank-link controller: back, leaving and the bridge methods", () => {
  it("goes back with each screen's state: the search box and its results", async () => {
    const { view, endpoint } = await start();
    await chooseBank(view, "bank", 2);
    await onScreen(view, "credentials");
    expect(view.institution?.name).to.equal("Harborview National Bank");
    await click(view, "Back");
    await onScreen(view, "select_institution");
    expect((await find<HTMLInputElement>(view, "#search")).value).to.equal("bank");
    expect(deepAll(view, ".option-name").map(text)).to.deep.equal(["Sandbox Savings Bank", "Sandbox OAuth Bank", "Harborview National Bank", "Granite State Bank"]);
    expect(endpoint.eventSteps().at(-1)).to.deep.equal(["transition_view", "select_institution"]);
    await click(view, "Back");
    await onScreen(view, "consent");
    expect(deepAll(view, "#back")).to.have.length(0);
    await click(view, "Continue");
    await onScreen(view, "select_institution");
    expect(view.search.query).to.equal("bank");
  });

  it("asks before leaving: Stay keeps everything, Leave reports the step and starts over", async () => {
    const { view, endpoint } = await start();
    await chooseBank(view, "savings");
    await onScreen(view, "credentials");
    await type(view, "#username", "user_good");

    await click(view, "Close");
    await until(() => view.exitConfirm, "the confirmation");
    expect(text(await find(view, "h1"))).to.equal("Leave without connecting your bank?");
    await click(view, "Stay");
    await onScreen(view, "credentials");
    expect((await find<HTMLInputElement>(view, "#username")).value).to.equal("user_good");
    expect(endpoint.details("exit")).to.have.length(0);

    expect(await endpoint.call("requestExit"), "answers at once, before the customer does").to.deep.equal({});
    await until(() => view.exitConfirm, "the confirmation again");
    await click(view, "Leave");
    expect(endpoint.details("exit")).to.deep.equal([{ reason: "user_exit", step: "credentials" }]);
    await onScreen(view, "consent");
    expect(view.credentials.username, "nothing typed survives leaving").to.equal("");
    expectNoSecrets(endpoint, "user_good");
  });

  it("reports the step it was on when the customer leaves from each screen", async () => {
    const { view, endpoint } = await start();
    const leaveFrom = async (): Promise<void> => {
      await endpoint.call("requestExit");
      await click(view, "Leave");
    };
    await leaveFrom();
    await chooseBank(view, "savings");
    await onScreen(view, "credentials");
    await leaveFrom();
    await chooseBank(view, "savings");
    await signIn(view, "user_mfa", "pass_good");
    await onScreen(view, "mfa");
    await leaveFrom();
    await chooseBank(view, "oauth");
    await onScreen(view, "oauth");
    await leaveFrom();
    await chooseBank(view, "savings");
    await signIn(view, "user_good", "pass_good");
    await onScreen(view, "select_accounts");
    await leaveFrom();
    expect(endpoint.details("exit").map((detail) => (detail as { step: string }).step)).to.deep.equal(["consent", "credentials", "mfa", "oauth", "select_accounts"]);
  });

  it("clears back to consent, focuses the first control, and refuses submit", async () => {
    const { view, endpoint } = await start();
    await chooseBank(view, "savings");
    await onScreen(view, "credentials");
    expect(await endpoint.call("clear")).to.deep.equal({});
    await onScreen(view, "consent");
    expect(view.institution).to.equal(null);
    expect(await endpoint.call("focus")).to.deep.equal({});
    expect(text(deepAll(view, "enclave-link-consent")[0]?.shadowRoot?.activeElement)).to.equal("Continue");
    const error = await rejectionOf(endpoint.call("submit"));
    expect(error.code).to.equal("method_not_found");
  });

  it("refreshes a token that expires mid-flow and sends the same sign-in again", async () => {
    const { view, bank } = await start();
    let expired = false;
    bank.overrides.set(`POST ${bankLinkPaths.credentials}`, async (request) => {
      if (!expired) {
        expired = true;
        return json(401, { error: { type: "authentication_error", code: "client_token_expired", message: "The client token has expired." } });
      }
      bank.overrides.delete(`POST ${bankLinkPaths.credentials}`);
      return bank.fetch(request.path, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(request.body) });
    });
    await chooseBank(view, "savings");
    await signIn(view, "user_good", "pass_good");
    await onScreen(view, "select_accounts");
    const signIns = bank.requests.filter((request) => request.path === bankLinkPaths.credentials);
    expect(signIns[0]?.authorization).to.equal("Bearer ct_first_token_000000");
    expect(signIns[1]?.authorization).to.equal("Bearer ct_refreshed_token_0000");
    expect(signIns[1]?.body).to.deep.equal(signIns[0]?.body);
  });
});
