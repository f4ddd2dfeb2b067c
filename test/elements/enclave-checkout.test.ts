/**
 * <enclave-checkout> against a real widget host on another origin: the whole chain of
 * token → element → frame → API, and what a merchant sees when something is wrong.
 */
import { expect } from "@open-wc/testing";
import "../../src/elements/index.js";
import type { EnclaveCheckout } from "../../src/elements/index.js";
import { cancelSession, createPaymentSession, freshClientToken, nextEvent, recordEnclaveEvents, sleep, testEnv } from "./support/merchant.js";

function mountCheckout(setup: (checkout: EnclaveCheckout) => void = () => undefined): EnclaveCheckout {
  const checkout = document.createElement("enclave-checkout");
  checkout.host = testEnv.hostUrl;
  checkout.publishableKey = testEnv.publishableKey;
  setup(checkout);
  document.body.append(checkout);
  return checkout;
}

describe("<enclave-checkout>", () => {
  afterEach(() => document.querySelectorAll("enclave-checkout").forEach((element) => element.remove()));

  it("connects its cross-origin frame, resumes the session and grows to the frame's height", async () => {
    const session = await createPaymentSession();
    const checkout = mountCheckout((element) => (element.clientToken = session.clientToken));
    const ready = await nextEvent(checkout, "enclave-ready");
    expect(ready).to.deep.equal({ flow: "checkout" });

    const iframe = checkout.shadowRoot?.querySelector("iframe");
    expect(iframe?.title).to.equal("Secure payment form");
    expect(new URL(iframe?.src ?? "").origin).to.equal(testEnv.hostUrl);
    expect(new URL(iframe?.src ?? "").searchParams.get("pk")).to.equal(testEnv.publishableKey);
    expect(iframe?.src).not.to.contain("ct_", "the client token never travels in a URL");
    expect(location.origin).not.to.equal(testEnv.hostUrl);
    await sleep(200);
    expect(iframe?.getBoundingClientRect().height).to.be.greaterThan(40);
    await expect(checkout).to.be.accessible();
  });

  it("asks fetchClientToken() for a token when none is set", async () => {
    const session = await createPaymentSession();
    let calls = 0;
    const checkout = mountCheckout((element) => {
      element.fetchClientToken = async () => {
        calls++;
        return freshClientToken(session.id);
      };
    });
    await nextEvent(checkout, "enclave-ready");
    expect(calls).to.equal(1);
  });

  it("takes a publishable key and host set in the same task as attaching (as React and Vue do)", async () => {
    const session = await createPaymentSession();
    const { events, stop } = recordEnclaveEvents();
    const checkout = document.createElement("enclave-checkout");
    document.body.append(checkout);
    checkout.host = testEnv.hostUrl;
    checkout.publishableKey = testEnv.publishableKey;
    checkout.clientToken = session.clientToken;
    await nextEvent(checkout, "enclave-ready");
    stop();
    expect(events.filter((event) => event.name === "enclave-error")).to.deep.equal([], "no missing_publishable_key on the way");
    expect(checkout.shadowRoot?.querySelectorAll("iframe").length).to.equal(1);
  });

  it("waits for a token source set after the element is attached", async () => {
    const session = await createPaymentSession();
    const checkout = mountCheckout();
    const ready = nextEvent(checkout, "enclave-ready");
    await sleep(300);
    checkout.clientToken = session.clientToken;
    expect(await ready).to.deep.equal({ flow: "checkout" });
  });

  it("refreshes an expired token through fetchClientToken() and still connects", async () => {
    const session = await createPaymentSession();
    await sleep((testEnv.clientTokenTtlSeconds + 1) * 1000);
    let calls = 0;
    const checkout = mountCheckout((element) => {
      element.clientToken = session.clientToken;
      element.fetchClientToken = async () => {
        calls++;
        return freshClientToken(session.id);
      };
    });
    await nextEvent(checkout, "enclave-ready");
    expect(calls).to.equal(1);
  });

  it("reports client_token_expired when the token expired and there is no fetchClientToken", async () => {
    const session = await createPaymentSession();
    await sleep((testEnv.clientTokenTtlSeconds + 1) * 1000);
    const checkout = mountCheckout((element) => (element.clientToken = session.clientToken));
    const error = await nextEvent<{ code: string; retryable: boolean }>(checkout, "enclave-error");
    expect(error.code).to.equal("client_token_expired");
  });

  it("reports client_token_invalid for a tampered token", async () => {
    const session = await createPaymentSession();
    const last = session.clientToken.at(-1) === "A" ? "B" : "A";
    const checkout = mountCheckout((element) => (element.clientToken = session.clientToken.slice(0, -1) + last));
    const error = await nextEvent<{ code: string; message: string; retryable: boolean }>(checkout, "enclave-error");
    expect(error.code).to.equal("client_token_invalid");
    expect(error.message).to.be.a("string").and.not.be.empty;
  });

  it("reports session_not_open for a canceled payment", async () => {
    const session = await createPaymentSession();
    await cancelSession(session.id);
    const checkout = mountCheckout((element) => (element.clientToken = session.clientToken));
    const error = await nextEvent<{ code: string }>(checkout, "enclave-error");
    expect(error.code).to.equal("session_not_open");
  });

  it("reports missing_publishable_key and loads no frame", async () => {
    const checkout = document.createElement("enclave-checkout");
    checkout.host = testEnv.hostUrl;
    const error = nextEvent<{ code: string }>(checkout, "enclave-error");
    document.body.append(checkout);
    expect((await error).code).to.equal("missing_publishable_key");
    expect(checkout.shadowRoot?.querySelector("iframe")).to.equal(null);
  });

  it("refuses a secret key given as the publishable key", async () => {
    const checkout = document.createElement("enclave-checkout");
    checkout.host = testEnv.hostUrl;
    checkout.publishableKey = "sk_test_thisisasecretkey";
    const error = nextEvent<{ code: string; message: string }>(checkout, "enclave-error");
    document.body.append(checkout);
    expect((await error).code).to.equal("invalid_publishable_key");
    expect(checkout.shadowRoot?.querySelector("iframe")).to.equal(null);
  });

  it("reports invalid_appearance for injected CSS but stays usable", async () => {
    const session = await createPaymentSession();
    const recorder = recordEnclaveEvents();
    const checkout = mountCheckout((element) => {
      element.clientToken = session.clientToken;
      element.appearance = { variables: { colorPrimary: "red; background: url(https://evil.example/x)" } };
    });
    await nextEvent(checkout, "enclave-ready");
    recorder.stop();
    const error = recorder.events.find((event) => event.name === "enclave-error")?.detail as { code: string; message: string } | undefined;
    expect(error?.code).to.equal("invalid_appearance");
    expect(error?.message).to.contain("appearance.variables.colorPrimary");
  });

  it("takes calls from an enclave-ready listener at once", async () => {
    const session = await createPaymentSession();
    const checkout = mountCheckout((element) => (element.clientToken = session.clientToken));
    const cleared = new Promise<unknown>((resolve) =>
      checkout.addEventListener("enclave-ready", () =>
        resolve(
          checkout.clear().then(
            () => "cleared",
            (error: unknown) => error,
          ),
        ),
      ),
    );
    expect(await cleared).to.equal("cleared");
  });

  it("rejects submit() with not_connected before it is ready", async () => {
    const checkout = mountCheckout();
    let rejection: { code?: string } | undefined;
    await checkout.submit().catch((error: { code?: string }) => (rejection = error));
    expect(rejection?.code).to.equal("not_connected");
  });

  it("dispatches enclave-error frame_connect_timeout when the widget host is down", async () => {
    const checkout = document.createElement("enclave-checkout");
    checkout.host = "http://127.0.0.1:9"; // discard port: nothing listens
    checkout.publishableKey = testEnv.publishableKey;
    checkout.clientToken = "ct_wellformedbutneverused000000";
    const error = nextEvent<{ code: string; retryable: boolean }>(checkout, "enclave-error", 25_000);
    document.body.append(checkout);
    const detail = await error;
    expect(detail.code).to.equal("frame_connect_timeout");
    expect(detail.retryable).to.equal(true);
  }).timeout(30_000);

  it("stops talking to the frame once removed from the page", async () => {
    const session = await createPaymentSession();
    const checkout = mountCheckout((element) => (element.clientToken = session.clientToken));
    await nextEvent(checkout, "enclave-ready");
    checkout.remove();
    let rejection: { code?: string } | undefined;
    await checkout.clear().catch((error: { code?: string }) => (rejection = error));
    expect(rejection?.code).to.equal("not_connected");
    expect(checkout.shadowRoot?.querySelector("iframe")?.isConnected).to.equal(false);
  });

  // A re-attached element loads a new frame, with a new DPoP key: the first token is bound
  // to the first frame's key (docs/decisions/0008), so the element asks fetchClientToken().
  it("connects again when re-attached, with a fresh token from fetchClientToken()", async () => {
    const session = await createPaymentSession();
    let calls = 0;
    const checkout = mountCheckout((element) => {
      element.clientToken = session.clientToken;
      element.fetchClientToken = async () => {
        calls++;
        return freshClientToken(session.id);
      };
    });
    await nextEvent(checkout, "enclave-ready");
    expect(calls).to.equal(0);
    checkout.remove();
    const again = nextEvent(checkout, "enclave-ready");
    document.body.append(checkout);
    expect(await again).to.deep.equal({ flow: "checkout" });
    expect(calls).to.equal(1, "the first token stays with the first frame");
  });

  it("re-attached with only a clientToken, reports client_token_bound: that token belongs to the first frame", async () => {
    const session = await createPaymentSession();
    const checkout = mountCheckout((element) => (element.clientToken = session.clientToken));
    await nextEvent(checkout, "enclave-ready");
    checkout.remove();
    const error = nextEvent<{ code: string; retryable: boolean }>(checkout, "enclave-error");
    document.body.append(checkout);
    expect((await error).code).to.equal("client_token_bound");
  });

  // React 19 (raw tags) and Vue (without `.prop`) set a property only when its name is `in`
  // the element; otherwise they set a string attribute and the element would wait forever.
  it("takes fetchClientToken set as a property 300 ms after it is attached, without polling for it", async () => {
    const session = await createPaymentSession();
    const checkout = mountCheckout();
    expect("fetchClientToken" in checkout, "an accessor React 19 and Vue can see").to.equal(true);
    const ready = nextEvent(checkout, "enclave-ready");
    await sleep(300);
    checkout.fetchClientToken = () => freshClientToken(session.id);
    expect(await ready).to.deep.equal({ flow: "checkout" });
    expect(checkout.getAttribute("fetchClientToken")).to.equal(null);
  });

  it("sends the frame nothing for a new appearance object with the same content", async () => {
    const session = await createPaymentSession();
    const sent: unknown[] = [];
    const original = MessagePort.prototype.postMessage;
    MessagePort.prototype.postMessage = function (this: MessagePort, ...args: unknown[]): void {
      sent.push(args[0]);
      Reflect.apply(original, this, args);
    };
    const configures = () => sent.filter((message) => (message as { method?: unknown }).method === "configure");
    try {
      const checkout = mountCheckout((element) => {
        element.clientToken = session.clientToken;
        element.appearance = { theme: "night", variables: { colorPrimary: "#0570de", borderRadius: "4px" } };
      });
      await nextEvent(checkout, "enclave-ready");
      // What a framework does on every render: a new object, here with its keys in another order.
      checkout.appearance = { variables: { borderRadius: "4px", colorPrimary: "#0570de" }, theme: "night" };
      checkout.setAttribute("locale", checkout.getAttribute("locale") ?? navigator.language);
      await sleep(300);
      expect(configures()).to.deep.equal([], "the same content sends nothing");

      checkout.appearance = { theme: "flat" };
      await sleep(300);
      expect(configures().map((message) => (message as { params: { appearance?: unknown } }).params.appearance)).to.deep.equal([{ theme: "flat" }]);
    } finally {
      MessagePort.prototype.postMessage = original;
    }
  });

  it("connects again when its frame reloads, and answers calls from the new frame", async () => {
    const session = await createPaymentSession();
    const checkout = mountCheckout((element) => {
      element.clientToken = session.clientToken;
      element.fetchClientToken = () => freshClientToken(session.id);
    });
    await nextEvent(checkout, "enclave-ready");
    const iframe = checkout.shadowRoot?.querySelector("iframe");
    if (!iframe) throw new Error("no frame");
    const again = nextEvent(checkout, "enclave-ready");
    const { events, stop } = recordEnclaveEvents();
    // eslint-disable-next-line no-self-assign -- setting src navigates the frame, as a reload does
    iframe.src = iframe.src;
    expect(await again).to.deep.equal({ flow: "checkout" });
    stop();
    expect(events.filter((event) => event.name === "enclave-error")).to.deep.equal([]);
    expect(checkout.shadowRoot?.querySelectorAll("iframe").length).to.equal(1);
    await checkout.clear();
  });
});

describe("a hostile iframe on the merchant page", () => {
  it("posts look-alike messages that reach no listener and pollute nothing", async () => {
    const recorder = recordEnclaveEvents();
    const session = await createPaymentSession();
    const checkout = mountCheckout((element) => (element.clientToken = session.clientToken));
    await nextEvent(checkout, "enclave-ready");
    // Let the frame's own progress events (sent right after ready) arrive before counting.
    await sleep(500);

    // A third-party frame (sandboxed: an opaque origin) posting look-alikes to the page,
    // and the page's own scripts posting to itself.
    const forged = [
      { enclave: 1, type: "hello", flow: "checkout" },
      { enclave: 1, type: "connect", version: 1, nonce: "0123456789abcdef0123" },
      { enclave: 1, kind: "event", name: "success", detail: { paymentIntent: { id: "pi_fake", status: "succeeded", amount: 1, currency: "usd" } } },
      { enclave: 1, kind: "event", name: "ready", detail: { flow: "checkout" } },
      "enclave-ready",
    ];
    const before = recorder.events.length;
    const attacker = document.createElement("iframe");
    attacker.sandbox.add("allow-scripts");
    attacker.srcdoc = `<script>
      const forged = ${JSON.stringify(forged)};
      forged.push(JSON.parse('{"enclave":1,"type":"hello","flow":"checkout","__proto__":{"polluted":true}}'));
      for (const message of forged) parent.postMessage(message, "*");
      parent.postMessage("attacker-done", "*");
    </script>`;
    const done = new Promise((resolve) => window.addEventListener("message", (event) => event.data === "attacker-done" && resolve(null)));
    document.body.append(attacker);
    await done;
    for (const message of forged) window.postMessage(message, "*");
    await sleep(300);
    recorder.stop();
    expect(recorder.events.slice(before)).to.deep.equal([]);
    expect(({} as Record<string, unknown>)["polluted"]).to.equal(undefined);
    expect(checkout.shadowRoot?.querySelectorAll("iframe").length).to.equal(1);
    attacker.remove();
  });
});
