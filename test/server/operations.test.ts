/**
 * Operations on a real widget host process: /healthz and /readyz, request ids
 * (`Request-Id`), Prometheus metrics at /metrics and their protection, JSON log lines that
 * never hold a secret, and graceful shutdown on SIGTERM (a request in flight finishes, new
 * connections are refused, a claimed webhook delivery finishes and is recorded once, what
 * still runs at ENCLAVE_SHUTDOWN_TIMEOUT_MS is cut and released, a second signal exits at
 * once). /readyz while draining and with the store gone is checked in process.
 */
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { connect, createServer as createTcpServer, type AddressInfo, type Socket } from "node:net";
import { after, before, describe, test } from "node:test";
import { createWidgetHost } from "../../src/server/app.js";
import { openStore } from "../../src/server/store/database.js";
import { call, card, cards, confirm, createIntent, expectError, get, paidIntent, post, SHOP_ORIGIN, sleep, waitFor, type Json } from "./support/api.js";
import { createStore, randomKeys, removeStore, startWidgetHost, testDatabaseUrl, type StoreLocation, type WidgetHostProcess } from "./support/widget-host.js";

const REQUEST_ID = /^req_[0-9a-f]{32}$/;

/** A webhook receiver whose answer the test holds: each request waits for `hold(index)` before its 200. */
interface SlowReceiver {
  url: string;
  arrivals: { at: number; body: string }[];
  close(): Promise<void>;
}

function slowReceiver(hold: (index: number) => Promise<number>): Promise<SlowReceiver> {
  const arrivals: { at: number; body: string }[] = [];
  const server: Server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const index = arrivals.length;
      arrivals.push({ at: Date.now(), body: Buffer.concat(chunks).toString("utf8") });
      void hold(index).then((status) => {
        if (!response.destroyed) response.writeHead(status).end("ok");
      });
    });
  });
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () =>
      resolve({
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks`,
        arrivals,
        close: () => new Promise<void>((done) => (server.closeAllConnections(), server.close(() => done()))),
      }),
    ),
  );
}

/** Resolves true when a TCP connection to the port is refused. */
function connectionRefused(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1");
    socket.once("connect", () => {
      socket.destroy();
      resolve(false);
    });
    socket.once("error", (error: NodeJS.ErrnoException) => resolve(error.code === "ECONNREFUSED"));
  });
}

/** A POST whose body is sent in two parts: the second when the test says. */
function heldRequest(port: number, path: string, headers: Record<string, string>, body: string) {
  const split = Math.floor(body.length / 2);
  let resolveAnswer: (answer: { status: number; headers: IncomingMessage["headers"]; text: string }) => void = () => undefined;
  let rejectAnswer: (error: Error) => void = () => undefined;
  const answer = new Promise<{ status: number; headers: IncomingMessage["headers"]; text: string }>((resolve, reject) => {
    resolveAnswer = resolve;
    rejectAnswer = reject;
  });
  const request = httpRequest({ host: "127.0.0.1", port, method: "POST", path, headers: { ...headers, "Content-Length": String(Buffer.byteLength(body)) } }, (response) => {
    const chunks: Buffer[] = [];
    response.on("data", (chunk: Buffer) => chunks.push(chunk));
    response.on("end", () => resolveAnswer({ status: response.statusCode ?? 0, headers: response.headers, text: Buffer.concat(chunks).toString("utf8") }));
    response.on("error", rejectAnswer);
  });
  request.on("error", rejectAnswer);
  request.write(body.slice(0, split));
  return { answer, finish: () => request.end(body.slice(split)) };
}

/** The host's log lines (stdout, less the human-readable banner), each parsed. */
function logLines(host: WidgetHostProcess): Json[] {
  const lines: Json[] = [];
  for (const line of host.stdout().split("\n")) {
    if (line === "" || /^(Enclave widget host listening on | {2}(loader|script tag|publishable key|secret key): )/.test(line)) continue;
    let parsed: Json;
    try {
      parsed = JSON.parse(line);
    } catch {
      assert.fail(`a log line that is not JSON: ${line}`);
    }
    lines.push(parsed);
  }
  return lines;
}

async function metricsText(host: WidgetHostProcess, headers: Record<string, string> = {}): Promise<{ status: number; text: string; response: Response }> {
  const response = await fetch(`${host.url}/metrics`, { headers });
  return { status: response.status, text: await response.text(), response };
}

/** The value of one sample line (`name{labels} value`), or undefined. */
function sample(text: string, series: string): number | undefined {
  const line = text.split("\n").find((candidate) => candidate.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe("a host without a trusted proxy, /metrics on loopback only", () => {
  let host: WidgetHostProcess;
  let receiver: SlowReceiver;
  const clientTokens: string[] = [];

  before(async () => {
    receiver = await slowReceiver(async () => 500);
    host = await startWidgetHost({
      env: {
        ENCLAVE_ALLOWED_ORIGINS: SHOP_ORIGIN,
        ENCLAVE_WEBHOOK_ALLOW_PRIVATE: "1",
        ENCLAVE_LIMIT_CARD_DECLINES_INTENT: "2/600",
        ENCLAVE_SHUTDOWN_TIMEOUT_MS: "8000",
      },
    });
  });

  after(async () => {
    await host?.dispose();
    await receiver?.close();
  });

  test("GET /healthz: 200 {status: ok}, not cached, with a request id", async () => {
    const response = await fetch(`${host.url}/healthz`);
    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), { status: "ok" });
    assert.equal(response.headers.get("cache-control"), "no-store");
    assert.match(response.headers.get("request-id") ?? "", REQUEST_ID);
  });

  test("GET /readyz: 200 with the database check", async () => {
    const response = await fetch(`${host.url}/readyz`);
    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), { status: "ok", checks: { database: "ok" } });
    assert.equal(response.headers.get("cache-control"), "no-store");
  });

  test("every answer carries its own Request-Id, errors too, and the error envelope is unchanged", async () => {
    const created = await post(host, "/v1/payment_intents", { amount: 1200, currency: "usd" });
    assert.equal(created.status, 200, created.text);
    clientTokens.push(created.body.client_token);
    const ok = created.headers.get("request-id") ?? "";
    const unauthenticated = await get(host, "/v1/payment_intents", { key: null });
    expectError(unauthenticated, 401, "authentication_required");
    const missing = await get(host, "/nowhere");
    expectError(missing, 404, "route_not_found");
    const ids = [ok, unauthenticated.headers.get("request-id") ?? "", missing.headers.get("request-id") ?? ""];
    for (const id of ids) assert.match(id, REQUEST_ID);
    assert.equal(new Set(ids).size, 3, "one id per request");
  });

  test("without ENCLAVE_TRUST_PROXY an X-Request-Id from the client is not taken", async () => {
    const response = await get(host, "/v1/allowed_origins", { headers: { "X-Request-Id": "client-chosen-id" } });
    assert.equal(response.status, 200);
    assert.match(response.headers.get("request-id") ?? "", REQUEST_ID);
  });

  test("/metrics: request durations labelled by route pattern (never a raw path), unknown URLs as unmatched", async () => {
    const intent = await createIntent(host);
    clientTokens.push(intent.client_token);
    assert.equal((await get(host, `/v1/payment_intents/${intent.id}`)).status, 200);
    await get(host, `/no/such/${intent.id}`);
    const { status, text, response } = await metricsText(host);
    assert.equal(status, 200, text);
    assert.match(response.headers.get("content-type") ?? "", /^text\/plain; version=0\.0\.4/);
    assert.equal(response.headers.get("cache-control"), "no-store");
    assert.ok((sample(text, 'enclave_http_request_duration_seconds_count{method="GET",route="/v1/payment_intents/:id",status="200"}') ?? 0) >= 1, text);
    assert.ok((sample(text, 'enclave_http_request_duration_seconds_count{method="POST",route="/v1/payment_intents",status="200"}') ?? 0) >= 1);
    assert.ok((sample(text, 'enclave_http_request_duration_seconds_count{method="GET",route="unmatched",status="404"}') ?? 0) >= 1);
    assert.ok(!text.includes(intent.id), "no raw path (an id) in any label");
    for (const name of [
      "process_resident_memory_bytes",
      "nodejs_eventloop_lag_seconds",
      "enclave_image_pool_threads",
      "enclave_image_pool_queue_depth",
      "enclave_webhook_queue_depth",
    ]) {
      assert.match(text, new RegExp(`^# TYPE ${name} `, "m"), `${name} is exported`);
    }
  });

  test("/metrics: a scan of random URLs adds no label values (bounded cardinality)", async () => {
    const routes = (text: string): Set<string> => new Set([...text.matchAll(/route="([^"]*)"/g)].map((match) => match[1] ?? ""));
    await get(host, "/v1/payment_intents/pi_warmup");
    await get(host, "/warmup/unknown");
    const before = routes((await metricsText(host)).text);
    const junk = Array.from({ length: 40 }, () => randomBytes(6).toString("hex"));
    for (const [index, word] of junk.entries()) {
      const path = [`/${word}`, `/v1/payment_intents/${word}`, `/v1/${word}/x`, `/frames/${word}.html`][index % 4] ?? "/";
      await call(host, index % 2 ? "GET" : "DELETE", path);
    }
    const afterText = (await metricsText(host)).text;
    for (const word of junk) assert.ok(!afterText.includes(word), `${word} became a label`);
    const added = [...routes(afterText)].filter((route) => !before.has(route));
    assert.ok(
      added.every((route) => !/[0-9a-f]{12}/.test(route)),
      `new route labels are patterns: ${added.join(", ")}`,
    );
    assert.ok(added.length <= 3, `a few patterns at most, not one per URL: ${added.join(", ")}`);
  });

  test("/metrics: a 429 moves enclave_rate_limited_total{limit}", async () => {
    const before = sample((await metricsText(host)).text, 'enclave_rate_limited_total{limit="card_declines_intent"}') ?? 0;
    const intent = await createIntent(host);
    clientTokens.push(intent.client_token);
    for (const number of [cards.declined, cards.expired]) assert.equal((await confirm(host, intent.client_token, card(number))).status, 402);
    expectError(await confirm(host, intent.client_token, card(cards.visa)), 429, "rate_limited");
    const afterText = (await metricsText(host)).text;
    assert.equal(
      sample(afterText, 'enclave_rate_limited_total{limit="card_declines_intent"}'),
      before + 1,
      afterText
        .split("\n")
        .filter((line) => line.includes("rate_limited"))
        .join("\n"),
    );
  });

  test("/metrics: a failed delivery moves the failure counter and shows in the queue depth", async () => {
    const endpoint = await post(host, "/v1/webhook_endpoints", { url: receiver.url, events: ["payment_intent.succeeded"] });
    assert.equal(endpoint.status, 200, endpoint.text);
    clientTokens.push((await paidIntent(host)).client_token);
    await waitFor(() => receiver.arrivals.length >= 1, 15_000, "the first (failing) delivery");
    const text = await waitFor(
      async () => {
        const current = (await metricsText(host)).text;
        return (sample(current, "enclave_webhook_delivery_failures_total") ?? 0) >= 1 && current;
      },
      10_000,
      "the failure counter",
    );
    assert.ok((sample(text, "enclave_webhook_delivery_attempts_total") ?? 0) >= 1);
    assert.ok((sample(text, 'enclave_webhook_queue_depth{state="retrying"}') ?? 0) >= 1, "the failed delivery waits for its retry");
    assert.equal((await call(host, "DELETE", `/v1/webhook_endpoints/${endpoint.body.id}`)).status, 200);
  });

  test("/metrics without a token: 404 to a request that came through a proxy (X-Forwarded-For, Forwarded, X-Real-IP)", async () => {
    for (const header of ["X-Forwarded-For", "Forwarded", "X-Real-IP"]) {
      const response = await get(host, "/metrics", { key: null, headers: { [header]: header === "Forwarded" ? "for=203.0.113.9" : "203.0.113.9" } });
      expectError(response, 404, "route_not_found");
      assert.doesNotMatch(response.text, /enclave_http/);
    }
  });

  test("log lines are JSON: one access line per request with the route pattern, never the query string", async () => {
    const secretQuery = `q${randomBytes(12).toString("hex")}`;
    const response = await get(host, `/v1/allowed_origins?probe=${secretQuery}`);
    const requestId = response.headers.get("request-id");
    const line = await waitFor(() => logLines(host).find((entry) => entry.request_id === requestId), 5000, "the access line");
    assert.deepEqual(Object.keys(line).sort(), ["duration_ms", "level", "method", "msg", "request_id", "route", "status", "time"]);
    assert.equal(line.level, "info");
    assert.equal(line.msg, "request");
    assert.equal(line.method, "GET");
    assert.equal(line.route, "/v1/allowed_origins");
    assert.equal(line.status, 200);
    assert.equal(typeof line.duration_ms, "number");
    assert.ok(!Number.isNaN(Date.parse(line.time)));
    assert.ok(!host.output().includes(secretQuery), "the query string is never logged");
    // A route pattern with a regex (a backslash) still makes a line that parses.
    const frame = await fetch(`${host.url}/frames/checkout.html?pk=${host.publishableKey}`);
    await frame.arrayBuffer();
    const frameId = frame.headers.get("request-id");
    const frameLine = await waitFor(() => logLines(host).find((entry) => entry.request_id === frameId), 5000, "the frame page's access line");
    assert.match(frameLine.route, /^\/frames\/:page\{.*\\\.html\}$/);
    for (const entry of logLines(host)) for (const field of ["time", "level", "msg"]) assert.ok(field in entry, `${field} in ${JSON.stringify(entry)}`);
  });

  test("after a checkout (keys, client tokens, a card, a decline, a 429): no secret key, client token or card number in the log", async () => {
    const intent = await createIntent(host);
    clientTokens.push(intent.client_token);
    assert.equal((await confirm(host, intent.client_token, card(cards.visa, { cvc: "987" }))).status, 200);
    await get(host, "/v1/payment_intents", { key: `sk_test_${randomBytes(12).toString("hex")}` });
    await sleep(100);
    const logged = logLines(host)
      .map((entry) => JSON.stringify(entry))
      .join("\n");
    assert.ok(logged.length > 0);
    for (const secret of [host.secretKey, ...clientTokens, cards.visa, cards.declined, "4242 4242"]) {
      assert.ok(!logged.includes(secret), `the log holds ${secret.slice(0, 12)}…`);
    }
    assert.doesNotMatch(logged, /sk_test_|ct_[A-Za-z0-9]/);
  });

  test("SIGTERM with a request in flight: it completes, new connections are refused, the host exits 0 within the bound", async () => {
    const body = JSON.stringify({ amount: 4321, currency: "usd", description: "x".repeat(400) });
    const held = heldRequest(host.port, "/v1/payment_intents", { Authorization: `Bearer ${host.secretKey}`, "Content-Type": "application/json" }, body);
    await sleep(300); // the host is reading the body
    const signalled = Date.now();
    const exited = host.stop();
    await waitFor(() => connectionRefused(host.port), 5000, "new connections to be refused");
    await sleep(300);
    held.finish();
    const answer = await held.answer;
    assert.equal(answer.status, 200, answer.text);
    assert.equal(JSON.parse(answer.text).amount, 4321);
    assert.equal(answer.headers["connection"], "close", "a draining host closes the connection after the answer");
    assert.match(String(answer.headers["request-id"]), REQUEST_ID);
    const { code, signal } = await exited;
    assert.equal(code, 0, `exit code (signal ${signal})\n${host.output().slice(-2000)}`);
    assert.ok(Date.now() - signalled < 8000, `exited within ENCLAVE_SHUTDOWN_TIMEOUT_MS (${Date.now() - signalled} ms)`);
    const lines = logLines(host);
    const started = lines.find((entry) => entry.msg === "shutdown started");
    const done = lines.find((entry) => entry.msg === "shutdown complete");
    assert.ok(started && done, "one line when it starts, one when it is done");
    assert.equal(started.signal, "SIGTERM");
    assert.equal(done.forced, false);
    assert.equal(done.requests_cut, 0);
  });
});

describe("a host behind a trusted proxy, /metrics with a token", () => {
  let host: WidgetHostProcess;
  const token = randomBytes(24).toString("hex");

  before(async () => {
    host = await startWidgetHost({ env: { ENCLAVE_TRUST_PROXY: "1", ENCLAVE_METRICS_TOKEN: token, ENCLAVE_SHUTDOWN_TIMEOUT_MS: "1500" } });
  });

  after(async () => {
    await host?.dispose();
  });

  test("a well-formed X-Request-Id from the proxy is the request's id, in the header and the log", async () => {
    const id = "lb-7f3a.9:Z_0-1";
    const response = await get(host, "/v1/allowed_origins", { headers: { "X-Request-Id": id } });
    assert.equal(response.headers.get("request-id"), id);
    const failed = await get(host, "/v1/allowed_origins", { key: null, headers: { "X-Request-Id": `${id}-2` } });
    assert.equal(failed.headers.get("request-id"), `${id}-2`);
    await waitFor(() => logLines(host).some((entry) => entry.request_id === id), 5000, "the proxy's id in the access log");
  });

  test("a malformed X-Request-Id is replaced by the host's own", async () => {
    for (const bad of ["has space", "<script>", "a".repeat(201), "semi;colon", "é"]) {
      const response = await get(host, "/healthz", { key: null, headers: { "X-Request-Id": bad } });
      assert.match(response.headers.get("request-id") ?? "", REQUEST_ID, JSON.stringify(bad));
    }
    assert.ok(!host.output().includes("<script>"));
  });

  test("/metrics with ENCLAVE_METRICS_TOKEN: 401 metrics_token_invalid without it or with another, 200 with it (through a proxy too)", async () => {
    const none = await get(host, "/metrics", { key: null });
    expectError(none, 401, "metrics_token_invalid", { type: "authentication_error" });
    assert.match(none.headers.get("www-authenticate") ?? "", /^Bearer/);
    // One character off (the last one changed, whatever it was: a hex token ends in "0" one time in 16).
    expectError(await get(host, "/metrics", { key: `${token.slice(0, -1)}${token.endsWith("0") ? "1" : "0"}` }), 401, "metrics_token_invalid");
    expectError(await get(host, "/metrics", { key: host.secretKey }), 401, "metrics_token_invalid");
    const ok = await metricsText(host, { Authorization: `Bearer ${token}`, "X-Forwarded-For": "203.0.113.9" });
    assert.equal(ok.status, 200);
    assert.match(ok.text, /^# TYPE enclave_http_request_duration_seconds histogram$/m);
  });

  test("at the bound, a request that never finishes is cut and the host still exits 0; a second signal exits at once, non-zero", async () => {
    const held = heldRequest(
      host.port,
      "/v1/payment_intents",
      { Authorization: `Bearer ${host.secretKey}`, "Content-Type": "application/json" },
      JSON.stringify({ amount: 100, currency: "usd" }),
    );
    held.answer.catch(() => undefined);
    await sleep(300);
    const signalled = Date.now();
    const { code } = await host.stop();
    assert.equal(code, 0, host.output().slice(-2000));
    const elapsed = Date.now() - signalled;
    assert.ok(elapsed >= 1400 && elapsed < 6000, `waited for the bound (1.5 s), not much longer: ${elapsed} ms`);
    await assert.rejects(held.answer, "the held request's connection was closed");
    const done = logLines(host).find((entry) => entry.msg === "shutdown complete");
    assert.equal(done?.forced, true);
    assert.equal(done?.requests_cut, 1);

    // The same store, and a second signal while a request holds the shutdown open.
    const again = await startWidgetHost({
      store: host.store,
      seed: { publishableKey: host.publishableKey, secretKey: host.secretKey },
      env: { ENCLAVE_SHUTDOWN_TIMEOUT_MS: "30000" },
    });
    try {
      const stuck = heldRequest(
        again.port,
        "/v1/payment_intents",
        { Authorization: `Bearer ${again.secretKey}`, "Content-Type": "application/json" },
        JSON.stringify({ amount: 100, currency: "usd" }),
      );
      stuck.answer.catch(() => undefined);
      await sleep(300);
      const started = Date.now();
      const exited = again.stop();
      await waitFor(() => logLines(again).some((entry) => entry.msg === "shutdown started"), 5000, "the shutdown to start");
      again.signal("SIGINT");
      const result = await exited;
      assert.notEqual(result.code, 0, "a second signal is not a clean stop");
      assert.ok(Date.now() - started < 5000, "it does not wait for the 30 s bound");
    } finally {
      await again.stop();
    }
  });
});

describe("claimed webhook deliveries during shutdown", () => {
  let store: StoreLocation;
  const seed = randomKeys();
  const env = { ENCLAVE_ALLOWED_ORIGINS: SHOP_ORIGIN, ENCLAVE_WEBHOOK_ALLOW_PRIVATE: "1", ENCLAVE_SHUTDOWN_TIMEOUT_MS: "3000", ENCLAVE_WEBHOOK_TIMEOUT_MS: "20000" };
  let release: (status: number) => void = () => undefined;
  let receiver: SlowReceiver;

  before(async () => {
    store = await createStore();
    // The first delivery is answered when the test says; later ones never within the bound.
    receiver = await slowReceiver((index) => (index === 0 ? new Promise<number>((resolve) => (release = resolve)) : sleep(15_000).then(() => 200)));
  });

  after(async () => {
    await receiver?.close();
    if (store) await removeStore(store);
  });

  async function deliveryRows(): Promise<{ event_type: string; state: string; attempts: number; next_attempt_at: Date }[]> {
    const db = await openStore({ dataDir: store.dataDir, ...(store.databaseUrl ? { databaseUrl: store.databaseUrl } : {}) });
    try {
      const rows = await db.selectFrom("webhook_deliveries").select(["event_type", "state", "attempts", "next_attempt_at"]).orderBy("created_at").execute();
      return rows.map((row) => ({ ...row, attempts: Number(row.attempts) }));
    } finally {
      await db.destroy();
    }
  }

  test("a delivery in flight at SIGTERM finishes, is recorded delivered, and is not sent again after a restart", async () => {
    let host = await startWidgetHost({ store, seed, env });
    const endpoint = await post(host, "/v1/webhook_endpoints", { url: receiver.url, events: ["payment_intent.succeeded"] });
    assert.equal(endpoint.status, 200, endpoint.text);
    await paidIntent(host);
    await waitFor(() => receiver.arrivals.length === 1, 15_000, "the delivery to reach the receiver");
    const exited = host.stop();
    await sleep(800);
    release(200);
    const { code } = await exited;
    assert.equal(code, 0, host.output().slice(-2000));
    const done = logLines(host).find((entry) => entry.msg === "shutdown complete");
    assert.equal(done?.deliveries_cut, 0, "the delivery finished within the bound");
    const rows = await deliveryRows();
    assert.equal(rows.length, 1);
    assert.equal(rows[0]?.state, "delivered");
    assert.equal(rows[0]?.attempts, 1);

    host = await startWidgetHost({ store, seed, env });
    try {
      await sleep(1500); // several dispatcher polls
      assert.equal(receiver.arrivals.length, 1, "sent once");
    } finally {
      await host.stop();
    }
  });

  test("a delivery still running at the bound is cut short and released: due again, no attempt counted", async () => {
    const host = await startWidgetHost({ store, seed, env });
    await paidIntent(host);
    await waitFor(() => receiver.arrivals.length === 2, 15_000, "the second delivery to reach the receiver");
    const signalled = Date.now();
    const { code } = await host.stop();
    assert.equal(code, 0, host.output().slice(-2000));
    assert.ok(Date.now() - signalled < 8000, `within the 3 s bound and some slack (${Date.now() - signalled} ms)`);
    assert.equal(logLines(host).find((entry) => entry.msg === "shutdown complete")?.deliveries_cut, 1);
    const rows = await deliveryRows();
    const second = rows[1];
    assert.equal(second?.state, "pending");
    assert.equal(second?.attempts, 0, "an attempt cut by shutdown is not counted");
    assert.ok((second?.next_attempt_at.getTime() ?? Infinity) <= Date.now(), "due again at once");
  });
});

describe("/readyz in process", () => {
  let store: StoreLocation;

  before(async () => {
    store = await createStore();
  });

  after(async () => {
    if (store) await removeStore(store);
  });

  test("503 as soon as shutdown begins, before any request finishes; 503 unreachable when the store is gone", async () => {
    const options = { dataDir: store.dataDir, ...(store.databaseUrl ? { databaseUrl: store.databaseUrl } : {}), deliverWebhooks: false, env: {} };
    const host = await createWidgetHost(options);
    const ready = await host.app.request("/readyz");
    assert.equal(ready.status, 200);
    const shutdown = host.shutdown(1000);
    const draining = await host.app.request("/readyz");
    assert.equal(draining.status, 503);
    assert.deepEqual(await draining.json(), { status: "unavailable", checks: { database: "not_checked", shutdown: "in_progress" } });
    assert.equal((await host.app.request("/healthz")).status, 200, "still alive while draining");
    await shutdown;

    const second = await createWidgetHost(options);
    await second.store.destroy();
    const gone = await second.app.request("/readyz");
    assert.equal(gone.status, 503);
    assert.deepEqual(await gone.json(), { status: "unavailable", checks: { database: "unreachable" } });
    assert.equal((await second.app.request("/healthz")).status, 200, "/healthz does not touch the store");
    await second.close().catch(() => undefined);
  });
});

/** A TCP relay to PostgreSQL the test can cut ("down": connections reset) or stall ("hang": accepted, never answered). */
function databaseRelay(target: { host: string; port: number }): Promise<{ port: number; mode(next: "open" | "down" | "hang"): void; close(): Promise<void> }> {
  let current: "open" | "down" | "hang" = "open";
  const sockets = new Set<Socket>();
  const server = createTcpServer((client) => {
    sockets.add(client);
    client.on("close", () => sockets.delete(client));
    client.on("error", () => client.destroy());
    if (current === "down") return void client.destroy();
    if (current === "hang") return;
    const upstream = connect(target.port, target.host);
    sockets.add(upstream);
    upstream.on("close", () => (sockets.delete(upstream), client.destroy()));
    upstream.on("error", () => upstream.destroy());
    client.on("close", () => upstream.destroy());
    client.pipe(upstream);
    upstream.pipe(client);
  });
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () =>
      resolve({
        port: (server.address() as AddressInfo).port,
        mode(next) {
          current = next;
          if (next !== "open") for (const socket of sockets) socket.destroy();
        },
        close: () => {
          for (const socket of sockets) socket.destroy();
          return new Promise<void>((done) => server.close(() => done()));
        },
      }),
    ),
  );
}

describe("/readyz when PostgreSQL goes away (PostgreSQL mode)", { skip: testDatabaseUrl ? false : "needs ENCLAVE_TEST_DATABASE_URL" }, () => {
  test("503 unreachable when connections are reset, 503 timeout when it stalls, 200 again when it is back; /healthz stays 200 and the host stays up", async () => {
    const store = await createStore();
    const direct = new URL(store.databaseUrl ?? "");
    const relay = await databaseRelay({ host: direct.hostname, port: Number(direct.port || 5432) });
    const relayed = new URL(direct);
    relayed.hostname = "127.0.0.1";
    relayed.port = String(relay.port);
    const host = await startWidgetHost({ store: { ...store, databaseUrl: relayed.toString() } });
    try {
      const readyz = async (): Promise<{ status: number; body: Json }> => {
        const response = await fetch(`${host.url}/readyz`);
        return { status: response.status, body: await response.json() };
      };
      assert.deepEqual(await readyz(), { status: 200, body: { status: "ok", checks: { database: "ok" } } });
      relay.mode("down");
      const down = await waitFor(
        async () => {
          const answer = await readyz();
          return answer.status === 503 && answer;
        },
        10_000,
        "/readyz to notice the database is gone",
      );
      assert.deepEqual(down.body, { status: "unavailable", checks: { database: "unreachable" } });
      assert.equal((await fetch(`${host.url}/healthz`)).status, 200);

      relay.mode("hang");
      const started = Date.now();
      const stalled = await readyz();
      assert.equal(stalled.status, 503);
      assert.deepEqual(stalled.body, { status: "unavailable", checks: { database: "timeout" } });
      assert.ok(Date.now() - started < 5000, `answered within the probe's deadline (${Date.now() - started} ms)`);

      // The stalled check's connection is checked out with its query in flight: resetting it
      // now must fail that query, not end the process.
      relay.mode("down");
      await sleep(300);
      assert.equal((await fetch(`${host.url}/healthz`)).status, 200, "the host outlived a connection reset mid-query");

      relay.mode("open");
      await waitFor(async () => (await readyz()).status === 200, 30_000, "/readyz to recover");
      assert.equal((await get(host, "/v1/allowed_origins")).status, 200, "the API works again");
    } finally {
      await host.stop();
      await relay.close();
      await removeStore(store);
    }
  });
});
