/**
 * One webhook attempt, in process (src/server/webhooks/deliver.ts and ssrf-guard.ts), with
 * a resolver the test controls: a name that was public at registration and points inside at
 * delivery is not sent to, the connection goes to the address that was checked (never a
 * second lookup), redirects are not followed, a silent receiver times out, a body that
 * never ends is not read. Every receiver is on 127.0.0.1; no other address is contacted.
 */
import assert from "node:assert/strict";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { after, describe, test } from "node:test";
import { attemptDelivery } from "../../src/server/webhooks/deliver.js";
import { addressRefusal, TargetRefused, WebhookTargetGuard, type ResolvedAddress, type Resolver } from "../../src/server/webhooks/ssrf-guard.js";
import { sleep } from "../support/wait.js";

interface Received {
  host: string | undefined;
  body: string;
}

interface TestReceiver {
  port: number;
  received: Received[];
  close(): Promise<void>;
}

const servers: Server[] = [];
after(async () => {
  for (const server of servers) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

function receiver(handle: (request: IncomingMessage, response: ServerResponse) => void = (_, response) => response.writeHead(200).end("ok")): Promise<TestReceiver> {
  const received: Received[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      received.push({ host: request.headers.host, body: Buffer.concat(chunks).toString() });
      handle(request, response);
    });
  });
  servers.push(server);
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () =>
      resolve({
        port: (server.address() as AddressInfo).port,
        received,
        close: () => new Promise<void>((done) => (server.closeAllConnections(), server.close(() => done()))),
      }),
    ),
  );
}

/** Answers each lookup with the next list (the last one repeats), counting the calls. */
function scriptedResolver(...answers: string[][]): Resolver & { calls: string[] } {
  const calls: string[] = [];
  const resolve = async (hostname: string): Promise<ResolvedAddress[]> => {
    const answer = answers[Math.min(calls.length, answers.length - 1)] ?? [];
    calls.push(hostname);
    return answer.map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));
  };
  return Object.assign(resolve, { calls });
}

const post = (url: string) => ({ url, body: '{"id":"evt_test"}', headers: { "Content-Type": "application/json" } });

describe("DNS rebinding", () => {
  test("a name that was public at registration but is loopback at delivery is not sent to", async () => {
    const inside = await receiver();
    // Public (a documentation-free, globally routed address; never contacted) at registration, then 127.0.0.1.
    const resolve = scriptedResolver(["93.184.215.14"], ["127.0.0.1"]);
    const guard = new WebhookTargetGuard({ allowPrivate: false, resolve });
    const url = `http://hooks.rebind.test:${inside.port}/webhooks`;
    const registered = await guard.checkForRegistration(url);
    assert.deepEqual(registered.addresses, [{ address: "93.184.215.14", family: 4 }]);
    const outcome = await attemptDelivery(post(url), { guard, timeoutMs: 2000 });
    assert.equal(outcome.delivered, false);
    assert.ok(!outcome.delivered && outcome.refused, "the guard refused it");
    assert.match(!outcome.delivered ? outcome.error : "", /loopback/);
    assert.equal(inside.received.length, 0, "nothing reached the loopback receiver");
  });

  test("one private address among public ones is enough to refuse", async () => {
    const guard = new WebhookTargetGuard({ allowPrivate: false, resolve: scriptedResolver(["93.184.215.14", "10.0.0.7"]) });
    await assert.rejects(guard.checkForRegistration("https://hooks.mixed.test/"), (error: unknown) => error instanceof TargetRefused && /private/.test(error.message));
  });

  test("the connection goes to the address that was checked; the name is resolved once", async () => {
    const checked = await receiver();
    // A second lookup would say 127.0.0.2, where nothing listens: the attempt would fail.
    const resolve = scriptedResolver(["127.0.0.1"], ["127.0.0.2"]);
    const guard = new WebhookTargetGuard({ allowPrivate: true, resolve });
    const outcome = await attemptDelivery(post(`http://hooks.pinned.test:${checked.port}/in`), { guard, timeoutMs: 2000 });
    assert.deepEqual(outcome, { delivered: true, status: 200 });
    assert.deepEqual(resolve.calls, ["hooks.pinned.test"], "resolved exactly once");
    assert.equal(checked.received.length, 1);
    assert.equal(checked.received[0]?.host, `hooks.pinned.test:${checked.port}`, "the Host header names the URL's host");
  });

  test("a name that does not resolve is accepted at registration and refused at delivery", async () => {
    const notFound: Resolver = async () => {
      throw Object.assign(new Error("getaddrinfo ENOTFOUND"), { code: "ENOTFOUND" });
    };
    const guard = new WebhookTargetGuard({ allowPrivate: false, resolve: notFound });
    assert.deepEqual((await guard.checkForRegistration("https://not-yet.example.test/hooks")).addresses, []);
    const outcome = await attemptDelivery(post("https://not-yet.example.test/hooks"), { guard, timeoutMs: 2000 });
    assert.ok(!outcome.delivered && outcome.refused);
    assert.match(!outcome.delivered ? outcome.error : "", /does not resolve/);
  });
});

describe("what an attempt reads and follows", () => {
  const guard = new WebhookTargetGuard({ allowPrivate: true });

  test("a redirect is a failed attempt, and its target never gets the POST", async () => {
    const second = await receiver();
    const first = await receiver((_, response) => response.writeHead(302, { Location: `http://127.0.0.1:${second.port}/stolen` }).end());
    const outcome = await attemptDelivery(post(`http://127.0.0.1:${first.port}/hooks`), { guard, timeoutMs: 2000 });
    assert.equal(outcome.delivered, false);
    assert.match(!outcome.delivered ? outcome.error : "", /HTTP 302.*redirects are not followed/);
    await sleep(200);
    assert.equal(first.received.length, 1);
    assert.equal(second.received.length, 0, "the redirect's target got nothing");
  });

  test("a receiver that never answers is given up at the deadline", async () => {
    const silent = await receiver(() => undefined);
    const started = Date.now();
    const outcome = await attemptDelivery(post(`http://127.0.0.1:${silent.port}/hooks`), { guard, timeoutMs: 300 });
    const took = Date.now() - started;
    assert.deepEqual(outcome, { delivered: false, error: "no answer within 300 ms" });
    assert.ok(took < 1500, `gave up after ${took} ms`);
  });

  test("a receiver that answers 2xx and then streams forever is done at the status", async () => {
    const endless = await receiver((_, response) => {
      response.writeHead(200, { "Content-Type": "text/plain" });
      const chunk = "x".repeat(64 * 1024);
      const timer = setInterval(() => response.write(chunk), 5);
      response.on("close", () => clearInterval(timer));
    });
    const started = Date.now();
    const outcome = await attemptDelivery(post(`http://127.0.0.1:${endless.port}/hooks`), { guard, timeoutMs: 5000 });
    assert.deepEqual(outcome, { delivered: true, status: 200 });
    assert.ok(Date.now() - started < 2000);
  });

  test("a stopping host aborts the attempt at once", async () => {
    const silent = await receiver(() => undefined);
    const aborter = new AbortController();
    setTimeout(() => aborter.abort(), 100);
    const outcome = await attemptDelivery(post(`http://127.0.0.1:${silent.port}/hooks`), { guard, timeoutMs: 10_000, signal: aborter.signal });
    assert.equal(outcome.delivered, false);
    assert.match(!outcome.delivered ? outcome.error : "", /aborted/);
  });
});

describe("which addresses are refused", () => {
  const refusedAlways = [
    "0.0.0.0",
    "169.254.169.254",
    "169.254.0.1",
    "224.0.0.1",
    "255.255.255.255",
    "192.0.2.1",
    "240.0.0.1",
    "::",
    "fe80::1",
    "ff02::1",
    "2001:db8::1",
    "::127.0.0.1", // IPv4-compatible
    "::8.8.8.8",
    "::ffff:169.254.169.254",
    "64:ff9b::a9fe:a9fe", // NAT64 of 169.254.169.254
    "2002:a9fe:a9fe::1", // 6to4 of 169.254.169.254
    "2001:0:4136:e378:8000:63bf:3fff:fdd2", // Teredo
  ];
  const privateOnly = [
    "127.0.0.1",
    "127.255.255.254",
    "10.1.2.3",
    "172.16.0.1",
    "172.31.255.255",
    "192.168.0.1",
    "100.64.0.1",
    "::1",
    "::ffff:127.0.0.1",
    "::ffff:10.0.0.1",
    "fc00::1",
    "fd12:3456::1",
    "64:ff9b::7f00:1",
    "2002:c0a8:0101::1",
  ];
  const publicAddresses = ["93.184.215.14", "8.8.8.8", "172.32.0.1", "100.128.0.1", "2606:4700::1111", "::ffff:8.8.8.8", "64:ff9b::808:808", "2002:0808:0808::1"];

  test("special-purpose addresses are refused even when private targets are allowed", () => {
    for (const address of refusedAlways) {
      assert.ok(addressRefusal(address, false), `${address} refused`);
      assert.ok(addressRefusal(address, true), `${address} refused with ENCLAVE_WEBHOOK_ALLOW_PRIVATE=1`);
    }
  });

  test("loopback, private, CGNAT and unique-local are refused unless private targets are allowed", () => {
    for (const address of privateOnly) {
      assert.ok(addressRefusal(address, false), `${address} refused`);
      assert.equal(addressRefusal(address, true), undefined, `${address} allowed with ENCLAVE_WEBHOOK_ALLOW_PRIVATE=1`);
    }
  });

  test("public unicast addresses are allowed", () => {
    for (const address of publicAddresses) assert.equal(addressRefusal(address, false), undefined, `${address} allowed`);
  });
});
