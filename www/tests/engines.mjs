// The widget's main path in the other two browser engines: Firefox ESR (Gecko, driven by
// puppeteer-core over WebDriver BiDi) and WebKitGTK (Safari's engine: WebKitWebDriver with
// MiniBrowser, driven by selenium-webdriver; run under xvfb-run). Chromium runs the full
// end-to-end test (e2e.mjs); this file checks what every engine must do alike: render the
// ranking, re-rank when a weight slider moves, change the year, keep the state in the URL
// and restore it from there, write the CSV, keep hostile names as text, and do it all under
// the demo server's Content-Security-Policy.
//
//   xvfb-run -a node www/tests/engines.mjs http://127.0.0.1:PORT/    (cargo xtask test runs it)
//
// Every step goes through `evaluate` (a function run in the page), so that the two drivers
// share one script.

import { spawn } from "node:child_process";
import { createServer } from "node:net";
import puppeteer from "puppeteer-core";
import { Builder } from "selenium-webdriver";

const base = process.argv[2] ?? "http://127.0.0.1:8080/";
const FIREFOX = process.env.FIREFOX ?? "/usr/bin/firefox-esr";
const WEBKIT_DRIVER = process.env.WEBKIT_DRIVER ?? "/usr/bin/WebKitWebDriver";
const MINIBROWSER = process.env.MINIBROWSER ?? "/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser";
/** How long a page may take to reach a state, in milliseconds. */
const PATIENCE = 20000;

function assert(condition, message) {
  if (!condition) throw new Error(message);
}
function equal(actual, expected, what) {
  const [a, e] = [JSON.stringify(actual), JSON.stringify(expected)];
  assert(a === e, `${what}: expected ${e}, found ${a}`);
}

/**
 * One engine behind the same three calls.
 * @typedef {{ name: string, goto(url: string): Promise<void>, evaluate(fn: Function, ...args: unknown[]): Promise<any>, close(): Promise<void> }} Engine
 */

/** @returns {Promise<Engine>} */
async function firefox() {
  const browser = await puppeteer.launch({ browser: "firefox", executablePath: FIREFOX, headless: true });
  const page = await browser.newPage();
  return {
    name: `Firefox ESR (${await browser.version()})`,
    goto: async (url) => {
      await page.goto(url);
    },
    evaluate: (fn, ...args) => page.evaluate(fn, ...args),
    close: () => browser.close(),
  };
}

/** A free TCP port on the loopback interface. */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** @returns {Promise<Engine>} */
async function webkit() {
  // WebKitWebDriver is the W3C driver of WebKitGTK: selenium talks to it as to a server.
  const port = await freePort();
  const service = spawn(WEBKIT_DRIVER, [`--port=${port}`], { stdio: "ignore" });
  const server = `http://127.0.0.1:${port}`;
  const until = Date.now() + PATIENCE;
  for (;;) {
    const up = await fetch(`${server}/status`).then((r) => r.ok, () => false);
    if (up) break;
    if (Date.now() > until) throw new Error("WebKitWebDriver did not start");
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  let driver;
  try {
    driver = await new Builder()
      .usingServer(server)
      .withCapabilities({
        browserName: "MiniBrowser",
        "webkitgtk:browserOptions": { binary: MINIBROWSER, args: ["--automation"] },
      })
      .build();
  } catch (error) {
    service.kill();
    throw error;
  }
  const capabilities = await driver.getCapabilities();
  return {
    name: `WebKitGTK (${capabilities.get("browserName")} ${capabilities.get("browserVersion") ?? ""})`.trim(),
    goto: (url) => driver.get(url),
    // W3C Execute Script waits for a returned promise.
    evaluate: (fn, ...args) => driver.executeScript(`return (${fn})(...arguments)`, ...args),
    close: async () => {
      await driver.quit().catch(() => {});
      service.kill();
    },
  };
}

/** Polls `fn` in the page until it returns a truthy value; returns it. */
async function waitFor(engine, fn, what, ...args) {
  const until = Date.now() + PATIENCE;
  for (;;) {
    const value = await engine.evaluate(fn, ...args);
    if (value) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const ready = (engine, what) =>
  waitFor(engine, () => document.querySelector("yardstick-widget")?.dataset.state === "ready", what);

/** The ranking table's rows: [rank, unit name]. */
const rows = (engine) =>
  engine.evaluate(() =>
    [...document.querySelectorAll(".ys-panel .ys-table tbody tr")].map((tr) => [
      tr.querySelector("td")?.textContent ?? "",
      tr.querySelector("th")?.firstChild?.textContent ?? "",
    ]),
  );

/** Starts counting CSP violations in the page (after its load: the Chromium e2e checks that). */
const watchPolicy = (engine) =>
  engine.evaluate(() => {
    window.ysViolations = [];
    document.addEventListener("securitypolicyviolation", (e) =>
      window.ysViolations.push(`${e.violatedDirective} ${e.blockedURI}`),
    );
    return true;
  });

async function mainPath(engine) {
  // The seed ranking.
  await engine.goto(new URL("./", base).href);
  await ready(engine, "the seed page");
  await watchPolicy(engine);
  const seed = await rows(engine);
  equal(seed[0], ["1", "Guangdong"], "the leader");
  equal(seed[6], ["7", "Guangxi"], "Guangxi's rank");
  // The CSV of the table, as the download writes it.
  const csv = await engine.evaluate(async () => {
    const { csv } = await import(new URL("widget/downloads.js", location.href).href);
    return csv(document.querySelector("yardstick-widget"));
  });
  assert(csv.includes("\r\nCN-GX,7,Guangxi,26.2\r\n"), `Guangxi's CSV row in: ${csv.slice(0, 200)}`);

  // A weight slider re-ranks (ASEM: several pillars).
  await engine.goto(new URL("asem.html", base).href);
  await ready(engine, "the ASEM page");
  await watchPolicy(engine);
  const before = await rows(engine);
  await engine.evaluate(() => {
    const slider = document.querySelector(".ys-weights input[type=range]");
    slider.value = slider.min;
    slider.dispatchEvent(new Event("input", { bubbles: true }));
    slider.dispatchEvent(new Event("change", { bubbles: true }));
    return true;
  });
  const after = await waitFor(
    engine,
    (previous) => {
      const now = [...document.querySelectorAll(".ys-panel .ys-table tbody tr")].map((tr) => [
        tr.querySelector("td")?.textContent ?? "",
        tr.querySelector("th")?.firstChild?.textContent ?? "",
      ]);
      return JSON.stringify(now) !== previous && now;
    },
    "a re-ranking after the slider moved",
    JSON.stringify(before),
  );
  equal(after.length, before.length, "rows after re-ranking");
  // The state reaches the URL once the slider rests.
  await waitFor(engine, () => new URLSearchParams(location.search).has("ys-weights"), "ys-weights in the URL");
  equal(await engine.evaluate(() => window.ysViolations), [], "CSP violations on the ASEM page");

  // The year slider on the 31-province panel, and the permalink.
  await engine.goto(new URL("provinces.html", base).href);
  await ready(engine, "the 31-province page");
  await watchPolicy(engine);
  const caption = () => engine.evaluate(() => document.querySelector(".ys-panel caption")?.textContent ?? "");
  assert((await caption()).startsWith("创新指数 2023"), `latest year first: ${await caption()}`);
  equal(await engine.evaluate(() => document.querySelector(".ys-focus td")?.textContent), "25", "Guangxi in 2023");
  await engine.evaluate(() => {
    const slider = document.querySelector("input[id$=-year]");
    slider.value = "0";
    slider.dispatchEvent(new Event("input", { bubbles: true }));
    return true;
  });
  await waitFor(engine, () => document.querySelector(".ys-panel caption")?.textContent.startsWith("创新指数 2011"), "the year 2011");
  equal(await engine.evaluate(() => document.querySelector(".ys-focus td")?.textContent), "23", "Guangxi in 2011");
  const permalink = await waitFor(
    engine,
    () => new URLSearchParams(location.search).get("ys-year") === "2011" && location.href,
    "ys-year in the URL",
  );
  equal(await engine.evaluate(() => window.ysViolations), [], "CSP violations on the 31-province page");
  await engine.goto(permalink);
  await ready(engine, "the permalink");
  assert((await caption()).startsWith("创新指数 2011"), `the permalink's year: ${await caption()}`);

  // Hostile names stay text.
  await engine.goto(new URL("./", base).href);
  await ready(engine, "the seed page again");
  await watchPolicy(engine);
  await engine.evaluate(() => {
    const widget = document.querySelector("yardstick-widget");
    widget.removeAttribute("focus");
    widget.removeAttribute("benchmark");
    widget.dataset.state = "pending";
    widget.setAttribute("data-src", "data/xss.json");
    return true;
  });
  await ready(engine, "the hostile document");
  const hostile = await engine.evaluate(() => ({
    images: document.querySelectorAll("yardstick-widget img").length,
    handlers: document.querySelectorAll("yardstick-widget [onerror], yardstick-widget [onload]").length,
    text: document.querySelector("yardstick-widget").textContent,
  }));
  equal([hostile.images, hostile.handlers], [0, 0], "no img element, no handler attribute");
  assert(hostile.text.includes("<img src=x onerror=alert(1)>"), "the hostile name shows as text");
  assert(hostile.text.includes("evil\\u{202e}exe.txt"), "the bidi override shows");
  equal(await engine.evaluate(() => window.ysViolations), [], "CSP violations with hostile names");
}

let failed = 0;
for (const start of [firefox, webkit]) {
  let engine;
  const began = Date.now();
  try {
    engine = await start();
    await mainPath(engine);
    console.log(`ok   ${engine.name}: ranking, slider, year, permalink, CSV, hostile names, CSP (${Date.now() - began} ms)`);
  } catch (error) {
    failed++;
    console.log(`FAIL ${engine?.name ?? start.name}: ${error.stack ?? error}`);
  } finally {
    await engine?.close().catch(() => {});
  }
}
if (failed) {
  console.log(`${failed} engine(s) failed`);
  process.exit(1);
}
console.log("the main path passed in Firefox ESR and WebKitGTK");
