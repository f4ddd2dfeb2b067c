/**
 * A merchant site that integrates by the script tag alone, as the README shows: the tag
 * `enclave serve` prints (pinned with Subresource Integrity), `Enclave.configure()` from
 * the merchant's own script file, and a page CSP with no 'unsafe-inline' anywhere. The
 * widget host is a real `enclave serve` process on 127.0.0.1; the merchant is on localhost.
 */
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import type { Browser, Page } from "playwright-core";
import { EnclaveClient } from "../../src/sdk/index.js";
import { startWidgetHost, type WidgetHostProcess } from "../server/support/widget-host.js";
import { freePort, launchBrowser, root } from "./harness.js";

const merchantScript = `
const recorded = (window.recorded = { violations: [], events: [] });
document.addEventListener("securitypolicyviolation", (event) => recorded.violations.push(event.violatedDirective + " " + event.blockedURI));
for (const name of ["enclave-ready", "enclave-success", "enclave-error"]) {
  document.addEventListener(name, (event) => recorded.events.push({ name, detail: event.detail }));
}
const { publishableKey } = await (await fetch("/config")).json();
window.Enclave.configure({ publishableKey });
const checkout = document.createElement("enclave-checkout");
checkout.fetchClientToken = async () => (await (await fetch("/client-token", { method: "POST" })).json()).clientToken;
document.querySelector("main").append(checkout);
document.querySelector("#pay").addEventListener("click", async () => {
  const result = await checkout.submit();
  document.querySelector("#result").textContent = result.paymentIntent ? "Paid " + result.paymentIntent.status : "Failed " + result.code;
});
`;

const strictCsp = (hostUrl: string): string =>
  ["default-src 'none'", `script-src 'self' ${hostUrl}`, `frame-src ${hostUrl}`, "connect-src 'self'", "style-src 'self'", "base-uri 'none'", "form-action 'none'"].join("; ");

interface Merchant {
  url: string;
  close: () => Promise<void>;
}

/** The merchant: a page, its script, and a backend route that mints client tokens with the SDK. */
async function serveMerchant(host: WidgetHostProcess, scriptTag: string, port: number): Promise<Merchant> {
  const enclave = new EnclaveClient(host.secretKey, { host: host.url });
  const page = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Strict shop</title>
    ${scriptTag}
    <script type="module" src="/merchant.js"></script></head>
    <body><main><h1>Strict shop</h1></main><button id="pay" type="button">Pay now</button><p id="result" role="status"></p></body></html>`;
  const server: Server = createServer(async (request, response) => {
    const headers = { "Content-Security-Policy": strictCsp(host.url), "Cache-Control": "no-store" };
    if (request.url === "/") return response.writeHead(200, { ...headers, "Content-Type": "text/html; charset=utf-8" }).end(page);
    if (request.url === "/merchant.js") return response.writeHead(200, { ...headers, "Content-Type": "text/javascript" }).end(merchantScript);
    if (request.url === "/config") return response.writeHead(200, { "Content-Type": "application/json" }).end(JSON.stringify({ publishableKey: host.publishableKey }));
    if (request.url === "/client-token" && request.method === "POST") {
      const intent = await enclave.paymentIntents.create({ amount: 1999, currency: "usd" });
      return response.writeHead(200, { "Content-Type": "application/json" }).end(JSON.stringify({ clientToken: intent.client_token }));
    }
    response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(port, "localhost", resolve));
  return { url: `http://localhost:${port}/`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

async function payWithTestCard(page: Page): Promise<void> {
  const frame = page.frameLocator("enclave-checkout >> iframe");
  await frame.getByRole("textbox", { name: "Card number" }).pressSequentially("4242424242424242", { timeout: 20_000 });
  await frame.getByRole("textbox", { name: "Expiration date" }).pressSequentially("1234");
  await frame.getByRole("textbox", { name: "Security code" }).pressSequentially("123");
  await frame.getByRole("textbox", { name: "Postal code" }).fill("94107");
  await page.getByRole("button", { name: "Pay now" }).click();
  await page.getByRole("status").getByText("Paid succeeded").waitFor({ timeout: 20_000 });
}

describe("script tag on a merchant site", () => {
  let host: WidgetHostProcess;
  let merchant: Merchant;
  let browser: Browser;
  let scriptTag: string;

  before(async () => {
    const merchantPort = await freePort();
    host = await startWidgetHost({ env: { ENCLAVE_ALLOWED_ORIGINS: `http://localhost:${merchantPort}` } });
    scriptTag = /script tag: (<script .*<\/script>)/.exec(host.stdout())?.[1] ?? "";
    merchant = await serveMerchant(host, scriptTag, merchantPort);
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await merchant?.close();
    await host?.dispose();
  });

  it("`enclave serve` prints a script tag pinned to the loader it serves, and the README carries the same hash", async () => {
    assert.match(scriptTag, /^<script src="http:\/\/127\.0\.0\.1:\d+\/v1\/enclave\.js" integrity="sha384-[A-Za-z0-9+/]+={0,2}" crossorigin="anonymous"><\/script>$/);
    const served = new Uint8Array(await (await fetch(`${host.url}/v1/enclave.js`)).arrayBuffer());
    const integrity = `sha384-${createHash("sha384").update(served).digest("base64")}`;
    assert.ok(scriptTag.includes(`integrity="${integrity}"`), "the printed hash is the served file's");
    const readme = await readFile(join(root, "README.md"), "utf8");
    const documented = [...readme.matchAll(/integrity="(sha384-[^"]+)"/g)].map((match) => match[1]);
    assert.ok(documented.length > 0, "the README shows a pinned script tag");
    assert.deepEqual(new Set(documented), new Set([integrity]), "README's integrity is stale: run `npm run build && npm run sri`");
  });

  it("works under a strict CSP: configure() from the merchant's file, a payment, no violation", async () => {
    const page = await browser.newPage();
    const pageErrors: string[] = [];
    page.on("pageerror", (error) => pageErrors.push(error.message));
    await page.goto(merchant.url);
    const version = await page.evaluate(() => (window as unknown as { Enclave: { version: string } }).Enclave.version);
    const { version: packageVersion } = JSON.parse(await readFile(join(root, "package.json"), "utf8")) as { version: string };
    assert.equal(version, packageVersion);
    const frameSource = await page.locator("enclave-checkout iframe").getAttribute("src", { timeout: 20_000 });
    assert.equal(new URL(frameSource ?? "").origin, host.url, "configure() without host uses the origin the script came from");
    await payWithTestCard(page);
    const recorded = await page.evaluate(() => (window as unknown as { recorded: { violations: string[]; events: { name: string; detail: unknown }[] } }).recorded);
    assert.deepEqual(recorded.violations, [], "the page's CSP refused nothing");
    assert.deepEqual(
      recorded.events.map((event) => event.name),
      ["enclave-ready", "enclave-success"],
    );
    assert.deepEqual(pageErrors, []);
    await page.close();
  });

  it("carries the merchant's appearance (theme, variables, rules) and locale into the frame", async () => {
    const page = await browser.newPage();
    await page.goto(merchant.url);
    const frame = page.frameLocator("enclave-checkout >> iframe");
    await frame.getByRole("textbox", { name: "Card number" }).waitFor({ timeout: 20_000 });
    await page.evaluate(() => {
      const checkout = document.querySelector("enclave-checkout") as HTMLElement & { appearance: unknown };
      checkout.appearance = {
        theme: "night",
        variables: { colorPrimary: "#ff5500", borderRadius: "14px" },
        rules: { input: { "border-color": "rgb(1, 2, 3)" }, label: { "text-transform": "uppercase" } },
      };
      checkout.setAttribute("locale", "ar");
    });
    const root = frame.locator("html");
    await frame.locator('html[dir="rtl"][lang="ar"][data-theme="night"]').waitFor();
    // The inputs animate border colour changes: wait for the transition to end.
    const input = frame.locator('input[part~="input"]').first();
    await input.evaluate((element) => Promise.all(element.getAnimations().map((animation) => animation.finished)));
    const style = await input.evaluate((element) => {
      const computed = getComputedStyle(element);
      return { border: computed.borderTopColor, radius: computed.borderTopLeftRadius };
    });
    assert.deepEqual(style, { border: "rgb(1, 2, 3)", radius: "14px" }, "rules and variables reach the inputs inside the frame");
    const label = await frame
      .locator('[part~="label"]')
      .first()
      .evaluate((element) => getComputedStyle(element).textTransform);
    assert.equal(label, "uppercase");
    assert.equal(await root.evaluate((element) => getComputedStyle(element).getPropertyValue("--enclave-color-primary").trim()), "#ff5500");

    // A hostile value is refused with a coded error and the frame keeps its last good look.
    const error = await page.evaluate(
      () =>
        new Promise<unknown>((resolve) => {
          const checkout = document.querySelector("enclave-checkout") as HTMLElement & { appearance: unknown };
          checkout.addEventListener("enclave-error", (event) => resolve((event as CustomEvent).detail), { once: true });
          checkout.appearance = { rules: { input: { color: "red} body { display: none" } } };
        }),
    );
    assert.equal((error as { code: string }).code, "invalid_appearance");
    assert.match((error as { message: string }).message, /appearance\.rules\.input\.color/);
    assert.equal(await frame.locator("body").evaluate((element) => getComputedStyle(element).display), "block");
    await page.close();
  });

  it("refuses a loader that does not match its integrity hash", async () => {
    const page = await browser.newPage();
    const consoleErrors: string[] = [];
    page.on("console", (message) => {
      if (message.type() === "error") consoleErrors.push(message.text());
    });
    await page.route("**/v1/enclave.js", async (route) => {
      const response = await route.fetch();
      await route.fulfill({ response, body: `${await response.text()}\nwindow.tampered = true;` });
    });
    await page.goto(merchant.url);
    await page.waitForFunction(() => document.readyState === "complete");
    assert.equal(await page.evaluate(() => "tampered" in window || customElements.get("enclave-checkout") !== undefined), false, "the browser did not run the changed file");
    assert.ok(
      consoleErrors.some((text) => /integrity/i.test(text)),
      `the browser says why: ${consoleErrors.join(" | ")}`,
    );
    await page.close();
  });
});
