// End-to-end tests of <yardstick-widget> in headless Chromium (Debian's /usr/bin/chromium,
// driven by playwright-core), against the demo server with its strict CSP.
//
// Usage: node www/tests/e2e.mjs http://127.0.0.1:PORT/
// `cargo xtask test` starts the server and runs this as the step "widget e2e (headless
// Chromium)". Screenshots go to target/e2e/. Exits non-zero if any check fails.
import { mkdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const base = process.argv[2];
if (!base) {
  console.error("usage: node www/tests/e2e.mjs <base URL of the demo server>");
  process.exit(2);
}
const here = dirname(fileURLToPath(import.meta.url));
const shots = join(here, "../../target/e2e");
mkdirSync(shots, { recursive: true });
const axePath = createRequire(import.meta.url).resolve("axe-core/axe.min.js");

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
  ],
});

let failures = 0;
/** Runs one named check; a thrown error or failed assertion marks it failed. */
async function check(name, body) {
  if (process.env.E2E_ONLY && !name.includes(process.env.E2E_ONLY)) return;
  const started = Date.now();
  try {
    await body();
    console.log(`ok   ${name} (${Date.now() - started} ms)`);
  } catch (error) {
    failures++;
    console.log(`FAIL ${name}: ${error instanceof Error ? error.stack : error}`);
  }
}
function assert(condition, message) {
  if (!condition) throw new Error(message);
}
function equal(actual, expected, message) {
  const [a, e] = [JSON.stringify(actual), JSON.stringify(expected)];
  assert(a === e, `${message}: expected ${e}, found ${a}`);
}

/** Every page counts CSP violations, dialogs and uncaught errors. */
const violations = [];
let dialogs = 0;
const context = await browser.newContext({ acceptDownloads: true });
await context.addInitScript(() => {
  document.addEventListener("securitypolicyviolation", (event) => {
    console.error(`CSP violation: ${event.violatedDirective} ${event.blockedURI}`);
  });
});
async function open(path, options = {}) {
  const page = await (options.context ?? context).newPage();
  page.on("dialog", (dialog) => {
    dialogs++;
    dialog.dismiss();
  });
  page.on("console", (message) => {
    if (message.text().startsWith("CSP violation")) violations.push(message.text());
  });
  page.on("pageerror", (error) => violations.push(`page error: ${error.message}`));
  if (options.width) await page.setViewportSize({ width: options.width, height: 900 });
  await page.goto(new URL(path, base).href);
  await ready(page);
  return page;
}
/** Waits for the widget to finish (re)loading. */
async function ready(page, state = "ready") {
  await page.waitForFunction(
    (s) => document.querySelector("yardstick-widget")?.dataset.state === s,
    state,
    { timeout: 15000 },
  );
}
/** Sets an attribute of the widget and waits for it to load again. */
async function reload(page, name, value, state = "ready") {
  await page.evaluate(
    ([n, v]) => {
      const widget = document.querySelector("yardstick-widget");
      widget.dataset.state = "pending";
      if (v === null) widget.removeAttribute(n);
      else widget.setAttribute(n, v);
    },
    [name, value],
  );
  await ready(page, state);
}
const rows = (page) =>
  page.$$eval(".ys-panel .ys-table tbody tr", (trs) =>
    trs.map((tr) => [tr.cells[0].textContent, tr.querySelector("th").firstChild.textContent]),
  );

await check("ranking order matches the engine (seed: Guangdong 1st … Guangxi 7th)", async () => {
  const page = await open("./");
  equal(
    await rows(page),
    [
      ["1", "Guangdong"],
      ["2", "Beijing"],
      ["3", "Jiangsu"],
      ["4", "Zhejiang"],
      ["5", "Shanghai"],
      ["6", "Fujian"],
      ["7", "Guangxi"],
      ["–", "National average"],
    ],
    "rows",
  );
  equal(await page.textContent(".ys-focus th"), "Guangxi", "focus row");
  // Gaps of Guangxi on the index: to the leader, the benchmark mean, the national average.
  equal(
    await page.$$eval(".ys-gap tbody tr:first-child td", (tds) => tds.map((td) => td.textContent)),
    ["39.1", "24.4", "3.4"],
    "gaps",
  );
  await reload(page, "lang", "zh-CN");
  const caption = await page.textContent(".ys-panel caption");
  assert(caption.startsWith("数字经济发展指数 2020"), `zh-CN caption: ${caption}`);
  equal(await page.textContent(".ys-focus th"), "广西", "zh-CN focus row");
  await page.close();
});

await check("keyboard only: tabs with arrow keys, sort with Enter", async () => {
  const page = await open("./");
  const active = () =>
    page.evaluate(() => {
      const e = document.activeElement;
      return { role: e?.getAttribute("role"), key: e?.getAttribute("data-key"), text: e?.textContent };
    });
  let found = false;
  for (let i = 0; i < 30 && !found; i++) {
    await page.keyboard.press("Tab");
    found = (await active()).role === "tab";
  }
  assert(found, "Tab never reached the tabs");
  await page.keyboard.press("ArrowRight");
  equal((await active()).text, "Bar chart", "focused tab after ArrowRight");
  assert(await page.isVisible(".ys-chart"), "the chart is shown");
  assert(!(await page.isVisible(".ys-panel .ys-table")), "the table is hidden");
  await page.keyboard.press("ArrowLeft");
  equal((await active()).text, "Table", "focused tab after ArrowLeft");
  found = false;
  for (let i = 0; i < 10 && !found; i++) {
    await page.keyboard.press("Tab");
    found = (await active()).key === "name";
  }
  assert(found, "Tab never reached the Unit sort button");
  await page.keyboard.press("Enter");
  equal(await page.getAttribute(".ys-panel th:nth-child(2)", "aria-sort"), "ascending", "aria-sort");
  equal((await rows(page)).map((r) => r[1]).slice(0, 2), ["Beijing", "Fujian"], "sorted by name");
  equal((await active()).key, "name", "focus stays on the sort button");
  await page.keyboard.press("Enter");
  equal((await rows(page))[0][1], "Zhejiang", "sorted by name, descending");
  await page.close();
});

await check("a weight slider re-ranks live, the live region announces, permalink round trip", async () => {
  const page = await open("asem.html");
  const before = await rows(page);
  const slider = page.locator(".ys-weights input[type=range]").first();
  await slider.focus();
  await page.keyboard.press("End");
  await page.waitForFunction(() => /rank \d+ of \d+/.test(document.querySelector(".ys-live")?.textContent ?? ""));
  const announced = await page.textContent(".ys-live");
  const after = await rows(page);
  assert(JSON.stringify(before) !== JSON.stringify(after), "the ranking did not change");
  const focusRank = await page.textContent(".ys-focus td");
  assert(announced.includes(`rank ${focusRank} of`), `announced "${announced}", table rank ${focusRank}`);
  await page.click("[role=tab] >> text=Bar chart");
  await page.waitForURL(/ys-tab=chart/);
  const url = page.url();
  assert(url.includes("ys-weights="), `no weights in the URL ${url}`);
  const value = await slider.inputValue();
  const again = await open(url);
  equal(await again.locator(".ys-weights input[type=range]").first().inputValue(), value, "slider");
  equal(await again.getAttribute("[role=tab][aria-selected=true]", "id"), "ys-1-tab-chart", "tab");
  await again.click("[role=tab] >> text=Table");
  equal(await rows(again), after, "ranking after the round trip");
  await page.close();
  await again.close();
});

await check("a panel: the year slider changes the period; yardstick-change reports it", async () => {
  const page = await open("./");
  await page.evaluate(() => {
    window.changes = [];
    const widget = document.querySelector("yardstick-widget");
    widget.addEventListener("yardstick-change", (e) => window.changes.push(e.detail));
    widget.removeAttribute("benchmark");
    widget.setAttribute("focus", "B");
    widget.dataset.state = "pending";
    widget.data = {
      data: "uCode,uName,uName_en,Time,x,y\nA,甲,Alpha,2019,1,1\nB,乙,Beta,2019,2,2.5\nC,丙,Gamma,2019,3,2\n" +
        "A,甲,Alpha,2020,3,3\nB,乙,Beta,2020,1,1\nC,丙,Gamma,2020,2,2\n",
      meta: "iCode,iName,iName_en,Level,Parent,Direction,Weight,Type\nx,x,x,1,P,1,1,Indicator\n" +
        "y,y,y,1,Q,1,1,Indicator\nP,P,P,2,I,1,1,Aggregate\nQ,Q,Q,2,I,1,1,Aggregate\nI,指数,Index,3,,1,1,Aggregate\n",
      spec: { normalise: { default: { method: "min_max", low: 0, high: 100 } } },
    };
  });
  await ready(page);
  assert((await page.textContent(".ys-panel caption")).startsWith("Index 2020"), "latest year first");
  equal(await page.textContent(".ys-focus td"), "3", "Beta's rank in 2020");
  await page.focus("input[id$=-year]");
  await page.keyboard.press("ArrowLeft");
  assert((await page.textContent(".ys-panel caption")).startsWith("Index 2019"), "2019 caption");
  equal(await page.textContent(".ys-focus td"), "2", "Beta's rank in 2019");
  await page.waitForURL(/ys-year=2019/);
  const last = await page.evaluate(() => window.changes.at(-1));
  equal([last.focus, last.year, last.tab, last.weights.P], ["B", 2019, "table", 1], "event detail");
  await page.selectOption("select[id$=-focus]", "C");
  await page.waitForFunction(() => document.querySelector(".ys-live")?.textContent === "Gamma: rank 1 of 3");
  await page.close();
});

await check("31 provinces (official panel, zh-CN): Guangxi in focus, the year slider, no CSP violations", async () => {
  const seen = violations.length;
  const page = await open("provinces.html");
  const ranked = await rows(page);
  equal(ranked.length, 31, "ranked rows");
  assert(ranked.every(([rank]) => /^\d+$/.test(rank)), `every row ranked: ${JSON.stringify(ranked)}`);
  const focus = await page.$$eval(".ys-panel .ys-table tbody tr.ys-focus", (trs) =>
    trs.map((tr) => tr.querySelector("th").firstChild.textContent),
  );
  equal(focus, ["广西"], "the highlighted row");
  const caption = () => page.textContent(".ys-panel caption");
  assert((await caption()).startsWith("创新指数 2023"), `latest year first: ${await caption()}`);
  // The ranks `yardstick compute --year` gives for these inputs.
  equal(await page.textContent(".ys-focus td"), "25", "Guangxi's rank in 2023");
  await page.focus("input[id$=-year]");
  await page.keyboard.press("Home");
  assert((await caption()).startsWith("创新指数 2011"), `first year after Home: ${await caption()}`);
  equal((await rows(page)).length, 31, "ranked rows in 2011");
  equal(await page.textContent(".ys-focus td"), "23", "Guangxi's rank in 2011");
  equal(violations.slice(seen), [], "CSP violations and page errors");
  await page.close();
});

await check("without JavaScript: the pages' static ranking tables (yardstick export --html)", async () => {
  const noScript = await browser.newContext({ javaScriptEnabled: false });
  try {
    const page = await noScript.newPage();
    const table = async (path) => {
      await page.goto(new URL(path, base).href);
      return page.$$eval("yardstick-widget > table.ys-table", (tables) =>
        tables.map((t) => ({
          caption: t.caption?.textContent,
          head: [...t.tHead.rows[0].cells].map((th) => th.getAttribute("scope")),
          rows: [...t.tBodies[0].rows].map((tr) => [
            tr.cells[0].textContent,
            tr.querySelector("th[scope=row]").firstChild.textContent,
            tr.className,
          ]),
        })),
      );
    };
    const [seed, ...more] = await table("./");
    equal(more.length, 0, "one table on the seed page");
    equal(seed.caption, "Digital Economy Development Index 2020: ranks and scores", "seed caption");
    equal(seed.head, ["col", "col", "col"], "column headers");
    equal(seed.rows.length, 8, "seven provinces and the national average");
    equal(seed.rows.filter(([, , c]) => c.includes("ys-focus")), [["7", "Guangxi", "ys-focus"]], "seed focus row");
    equal(seed.rows[7], ["–", "National average", "ys-aggregate"], "the reference row last");
    assert((await page.textContent("noscript")).includes("JavaScript"), "the noscript note");
    const [provinces] = await table("provinces.html");
    assert(provinces.caption.startsWith("创新指数 2023"), `provinces caption: ${provinces.caption}`);
    equal(provinces.rows.length, 31, "31 ranked provinces");
    assert(provinces.rows.every(([rank]) => /^\d+$/.test(rank)), "every row ranked");
    // The rank `yardstick compute` gives Guangxi for 2023, as the widget does.
    equal(provinces.rows.filter(([, , c]) => c.includes("ys-focus")), [["25", "广西", "ys-focus"]], "provinces focus row");
  } finally {
    await noScript.close();
  }
  // With JavaScript, the widget replaces the static table with its own.
  const page = await open("./");
  equal(await page.$$eval("yardstick-widget > table", (tables) => tables.length), 0, "no static table left");
  equal((await rows(page)).length, 8, "the widget's rows");
  await page.close();
});

await check("gap view: contributions add up to the index gap; catch-up over the years (31 provinces)", async () => {
  const page = await open("provinces.html");
  await page.waitForSelector(".ys-catchup table");
  const number = (text) => Number(text.replace("−", "-").replace(/,/g, ""));
  // The gap to the benchmark mean on the index: first row, second comparison column.
  const indexGap = number(await page.textContent(".ys-gap .ys-scroll tbody tr:first-child td:nth-of-type(2)"));
  const pillars = await page.$$eval(".ys-contributions tbody:first-of-type tr", (trs) =>
    trs.map((tr) => [...tr.querySelectorAll("th, td.ys-number")].map((cell) => cell.textContent)),
  );
  equal(pillars.length, 2, "pillar rows");
  const sum = pillars.reduce((total, [, , contribution]) => total + number(contribution), 0);
  // Each cell is rounded to one decimal.
  assert(Math.abs(sum - indexGap) <= 0.05 * (pillars.length + 1), `contributions ${sum} vs gap ${indexGap}`);
  const leading = await page.$$eval(".ys-contributions tbody:last-of-type tr", (trs) => trs.length);
  assert(leading >= 2, `a heading row and leading indicators: ${leading}`);
  const catchUp = await page.$$eval(".ys-catchup tbody tr", (trs) =>
    trs.map((tr) => [...tr.children].map((cell) => cell.textContent)),
  );
  equal(catchUp.map(([label]) => label), ["与第一名", "与对标组平均"], "catch-up comparisons");
  for (const [, focusGrowth, otherGrowth, years] of catchUp) {
    assert(/%$/.test(focusGrowth) && /%$/.test(otherGrowth), `growth rates: ${focusGrowth}, ${otherGrowth}`);
    assert(/^(已领先|按当前增速追不上|[\d.]+年（约\d{4}年）)$/.test(years), `years to catch up: ${years}`);
  }
  assert((await page.textContent(".ys-catchup caption")).includes("2011—2023"), "the growth window");
  assert((await page.textContent(".ys-catchup thead")).includes("2028年前"), "the default target year");
  await page.close();
});

await check("a permalink naming codes the data no longer has still opens", async () => {
  const page = await open("./?ys-focus=CN-XX&ys-benchmark=CN-ZJ,CN-YY&ys-tab=chart");
  equal(await page.getAttribute("yardstick-widget", "data-state"), "ready", "state");
  // The stale focus falls back to the focus attribute; the benchmark keeps its known code.
  equal(await page.textContent(".ys-gap h2"), "Gaps of Guangxi", "focus");
  equal(
    await page.$$eval(".ys-gap thead th", (ths) => ths.map((th) => th.textContent)),
    ["Component", "To the leader", "To the benchmark mean", "To National average"],
    "comparisons",
  );
  await page.close();
});

await check("shadow: the widget in a shadow root with its own stylesheet, under the CSP", async () => {
  const seen = violations.length;
  const page = await open("./");
  await page.evaluate(() => {
    const widget = document.createElement("yardstick-widget");
    widget.id = "shadowed";
    widget.setAttribute("shadow", "");
    widget.setAttribute("lang", "en");
    widget.setAttribute("focus", "CN-GX");
    document.querySelector("main").append(widget);
  });
  // Ready, and the linked stylesheet loaded (it loads alongside the data).
  await page.waitForFunction(() => {
    const widget = document.getElementById("shadowed");
    return widget?.dataset.state === "ready" && widget.shadowRoot?.querySelector("link")?.sheet;
  });
  const inside = await page.evaluate(() => {
    const widget = document.getElementById("shadowed");
    const root = widget.shadowRoot;
    const focus = root?.querySelector("tr.ys-focus");
    return {
      light: widget.querySelectorAll(".ys-table").length,
      rows: root?.querySelectorAll(".ys-panel tbody tr").length,
      focus: focus?.querySelector("th")?.textContent,
      // The focus row's colour comes from the stylesheet linked inside the shadow root.
      background: focus ? getComputedStyle(focus).backgroundColor : "",
      plain: getComputedStyle(root.querySelector("tbody tr:not(.ys-focus)")).backgroundColor,
    };
  });
  equal([inside.light, inside.rows, inside.focus], [0, 8, "Guangxi"], "light DOM tables, shadow rows, focus");
  assert(inside.background !== inside.plain, `styled focus row: ${inside.background} vs ${inside.plain}`);
  equal(violations.slice(seen), [], "CSP violations and page errors");
  await page.close();
});

await check("downloads: CSV with BOM and header, SVG, PNG", async () => {
  const page = await open("./");
  const save = async (label) => {
    const [file] = await Promise.all([page.waitForEvent("download"), page.click(`text=${label}`)]);
    return readFileSync(await file.path());
  };
  const csv = (await save("Download table (CSV)")).toString("utf8");
  assert(csv.startsWith("\uFEFFcode,Rank,Unit,Score\r\n"), `CSV head: ${JSON.stringify(csv.slice(0, 40))}`);
  assert(csv.includes("\r\nCN-GX,7,Guangxi,26.2\r\n"), "Guangxi's CSV row");
  const svg = (await save("Download chart (SVG)")).toString("utf8");
  assert(svg.startsWith("<svg") && svg.includes("Guangxi"), "SVG");
  const png = await save("Download chart (PNG)");
  equal([...png.subarray(1, 4)].map((b) => String.fromCharCode(b)).join(""), "PNG", "PNG signature");
  await page.close();
});

await check("progressive enhancement: the static table stays until the widget draws, and when it cannot", async () => {
  // A page of its own (no CSP or error counting): these failures are meant.
  const failing = await browser.newContext();
  const staticRows = (page) => page.$$eval("yardstick-widget > table tbody tr", (rows) => rows.length);
  // The module's request fails.
  let page = await failing.newPage();
  await page.route("**/pkg/yardstick_bg.wasm", (route) => route.abort());
  await page.goto(new URL("./", base).href);
  await ready(page, "error");
  equal(await staticRows(page), 8, "the static table stays (seed: 8 rows)");
  equal((await page.textContent(".ys-notice")).trim(), "The interactive view could not start; the table below is static.", "English notice");
  equal(await page.$$eval(".ys-error", (e) => e.length), 0, "no error box over the table");
  await page.close();
  // A policy without 'wasm-unsafe-eval': the browser refuses to compile the module.
  page = await failing.newPage();
  await page.route("**/provinces.html", async (route) => {
    const response = await route.fetch();
    const headers = {
      ...response.headers(),
      "content-security-policy": "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:",
    };
    await route.fulfill({ response, headers });
  });
  await page.goto(new URL("provinces.html", base).href);
  await ready(page, "error");
  equal(await staticRows(page), 31, "the 31 provinces' static table stays");
  equal((await page.textContent(".ys-notice")).trim(), "交互功能暂不可用，下表为静态数据。", "Chinese notice");
  await page.close();
  await failing.close();
  // Working: the static table is there until the widget's own is drawn, then replaced.
  page = await open("./");
  equal(await staticRows(page), 0, "the widget's table replaced the static one");
  equal(await page.$$eval("yardstick-widget .ys-root:not([hidden])", (e) => e.length), 1, "the widget shows");
  await page.close();
});

await check("chart labels stay legible on a phone (375 px)", async () => {
  const page = await open("./", { width: 375 });
  await page.click("[role=tab] >> nth=1");
  await page.waitForSelector(".ys-chart");
  const px = await page.$eval(".ys-chart", (chart) => {
    const box = chart.getBoundingClientRect();
    return (box.width / chart.viewBox.baseVal.width) * 13;
  });
  assert(px >= 12, `chart labels drawn at ${px.toFixed(1)} px`);
  await page.close();
});

await check("names from data are inert text (XSS)", async () => {
  const page = await open("./");
  await reload(page, "focus", null);
  await reload(page, "benchmark", null);
  await reload(page, "data-src", "data/xss.json");
  await page.waitForTimeout(300);
  equal(await page.$$eval("img", (e) => e.length), 0, "img elements");
  equal(await page.$$eval("[onerror], [onload]", (e) => e.length), 0, "event handler attributes");
  const text = await page.textContent("yardstick-widget");
  assert(text.includes("<img src=x onerror=alert(1)>"), "the name is shown as text");
  assert(text.includes("</script><script>alert(1)</script>"), "the script name is shown as text");
  equal(dialogs, 0, "dialogs");
  // A value of 1e300 among values up to 6 is kept, and the reader is warned.
  const warning = await page.textContent(".ys-warning");
  assert(warning.includes("Gee") && warning.includes("1e+300"), `implausible value warning: ${warning}`);
  // A right-to-left override is shown, not obeyed: "evil.exe" cannot read as "exe.live".
  assert(text.includes("evil\\u{202e}exe.txt"), "the bidi override is visible");
  assert(!text.includes("\u202e"), "no raw bidi override in the widget");
  // A 5,000-character name: the focus list shows 40 characters (the whole name in its title),
  // and the page does not scroll sideways, at 1280 and at 375 px.
  const option = await page.$eval('option[value="F"]', (o) => ({ text: o.textContent, title: o.title }));
  equal(Array.from(option.text).length, 40, "a long name's option text");
  equal(Array.from(option.title).length, 5000, "its title holds the whole name");
  for (const width of [1280, 375]) {
    await page.setViewportSize({ width, height: 800 });
    const [scroll, client] = await page.evaluate(() => [
      document.documentElement.scrollWidth,
      document.documentElement.clientWidth,
    ]);
    assert(scroll <= client, `no horizontal scrolling at ${width} px (${scroll} > ${client})`);
  }
  // The CSV download keeps a formula-looking name as text and the scores as shown.
  const [file] = await Promise.all([
    page.waitForEvent("download"),
    page.click("text=Download table (CSV)"),
  ]);
  const csv = readFileSync(await file.path()).toString("utf8");
  assert(/\r\nD,\d+,"'=HYPERLINK\(/.test(csv), `formula-looking name made text: ${csv.slice(0, 300)}`);
  assert(!/(^|[\r\n,])[=+@]/.test(csv.replace(/"[^"]*"/g, "")), "no cell starts a formula");
  assert(/\r\nA,\d+,[^\r]*,\d+\.\d(\r|,)/.test(csv), "scores with one decimal, as shown");
  await page.close();
});

await check("bad data: a readable error in the page language, an error event, the page works", async () => {
  const page = await open("./");
  await page.evaluate(() => {
    window.errors = [];
    document.querySelector("yardstick-widget").addEventListener("yardstick-error", (e) => window.errors.push(e.detail.message));
  });
  await reload(page, "data-src", "data/missing.json", "error");
  assert((await page.textContent(".ys-error")).includes("HTTP 404"), "404 message");
  await reload(page, "lang", "zh-CN", "error");
  assert((await page.textContent(".ys-error")).startsWith("无法读取数据"), "zh-CN message");
  await reload(page, "data-src", "asem.html", "error");
  assert((await page.textContent(".ys-error")).includes("JSON"), "invalid JSON message");
  await reload(page, "data-src", null);
  await reload(page, "focus", "CN-XX", "error");
  assert((await page.textContent(".ys-error")).includes("CN-XX"), "unknown code message");
  equal(await page.evaluate(() => window.errors.length), 4, "error events");
  // The engine's errors in the page's language, from their code, fields and place.
  await page.evaluate(() => {
    const widget = document.querySelector("yardstick-widget");
    widget.data = {
      data: "uCode,uName,x\nA,a,1\nB,b,abc\n",
      meta: "iCode,iName,Parent,Direction,Weight,Type\nx,X,,1,1,Indicator\n",
    };
  });
  await page.waitForFunction(() => document.querySelector("yardstick-widget").dataset.state === "error");
  const localized = await page.textContent(".ys-error");
  assert(localized.includes("第 3 行") && localized.includes("“abc”不是有效的值"), `zh-CN engine error: ${localized}`);
  assert(!/expected/.test(localized), `no English in the zh-CN message: ${localized}`);
  // Every kind the engine can raise has a message in both languages.
  const missing = await page.evaluate(async () => {
    const { errorCodes } = await import("./pkg/yardstick.js");
    const { messages } = await import("./messages.js");
    return errorCodes().flatMap((code) =>
      Object.keys(messages).filter((lang) => !(`error_${code}` in messages[lang])).map((lang) => `${lang} ${code}`),
    );
  });
  equal(missing.join(", "), "", "messages for every error code");
  await page.evaluate(() => {
    document.querySelector("yardstick-widget").data = null;
  });
  equal(await page.getAttribute(".ys-error", "role"), "alert", "role");
  await reload(page, "focus", "CN-GX");
  equal(await page.textContent(".ys-focus th"), "广西", "recovers");
  await page.close();
});

await check("no serious or critical axe violations (en, zh-CN, high contrast, large text, dark, ASEM, 31 provinces)", async () => {
  // axe is injected as a script, which the page's CSP rightly refuses: this context only.
  const axeContext = await browser.newContext({ bypassCSP: true });
  const page = await open("./", { context: axeContext });
  const audit = async (label) => {
    await page.addScriptTag({ path: axePath });
    const found = await page.evaluate(async () => {
      const result = await window.axe.run(document, { resultTypes: ["violations"] });
      return result.violations
        .filter((v) => v.impact === "serious" || v.impact === "critical")
        .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
    });
    equal(found, [], `axe (${label})`);
  };
  await audit("en");
  await reload(page, "lang", "zh-CN");
  await audit("zh-CN");
  await page.click("text=高对比");
  await audit("high contrast");
  await page.screenshot({ path: join(shots, "seed-contrast-zh.png"), fullPage: true });
  await page.click("text=大字");
  await audit("large text");
  await page.click("text=高对比");
  await page.emulateMedia({ colorScheme: "dark" });
  await audit("dark colour scheme");
  await page.goto(new URL("asem.html", base).href);
  await ready(page);
  await audit("ASEM, dark");
  await page.emulateMedia({ colorScheme: "light", forcedColors: "active" });
  await page.screenshot({ path: join(shots, "asem-forced-colors.png") });
  await page.emulateMedia({ forcedColors: "none" });
  await audit("ASEM");
  await page.goto(new URL("provinces.html", base).href);
  await ready(page);
  await page.waitForSelector(".ys-catchup table");
  await audit("31 provinces, with catch-up");
  await axeContext.close();
});

await check("targets view: the document's progress as symbols and words, focus first (31 provinces, axe)", async () => {
  // The seed document has no targets: no targets tab.
  const seed = await open("./");
  equal(await seed.$$eval(".ys-tab", (tabs) => tabs.map((tab) => tab.id.replace(/^ys-\d+-tab-/, ""))), ["table", "chart"], "seed tabs");
  await seed.close();
  const axeContext = await browser.newContext({ bypassCSP: true });
  const page = await open("provinces.html", { context: axeContext });
  const tab = page.locator(".ys-tab", { hasText: "目标进展" });
  equal(await tab.count(), 1, "a targets tab");
  await tab.click();
  const panel = page.locator(".ys-panel:not([hidden])");
  await panel.locator("table.ys-targets").first().waitFor();
  const table = await panel.evaluate((p) => {
    const t = p.querySelector("table.ys-targets");
    return {
      caption: t.caption.textContent,
      head: [...t.tHead.rows[0].cells].map((c) => [c.tagName, c.getAttribute("scope")]),
      rows: [...t.tBodies[0].rows].map((r) => ({
        unit: r.cells[0].textContent,
        scope: r.cells[0].getAttribute("scope"),
        focus: r.classList.contains("ys-focus"),
        indicator: r.cells[1].textContent,
        status: r.cells[6].textContent,
        symbol: r.cells[6].querySelector(".ys-symbol")?.getAttribute("aria-hidden"),
        light: r.cells[6].className,
        needed: r.cells[5].textContent,
        trend: r.cells[7].textContent,
        reached: r.cells[8].textContent,
      })),
    };
  });
  assert(table.caption.startsWith("目标进展"), `caption: ${table.caption}`);
  assert(table.head.every(([tag, scope]) => tag === "TH" && scope === "col"), `header cells: ${table.head}`);
  // examples/provinces/targets.csv: one R&D intensity target for all 31 provinces (Guangxi's
  // own replaces it) and three more for Guangxi: 34 rows, Guangxi's four first.
  equal(table.rows.length, 34, "rows with a target");
  const gx = table.rows.slice(0, 4);
  assert(gx.every((r) => r.unit === "广西" && r.focus && r.scope === "row"), `Guangxi first: ${JSON.stringify(gx)}`);
  // The classes `yardstick progress` prints for Guangxi (tested in the CLI tests), each a
  // symbol hidden from screen readers and a word.
  equal(
    gx.map((r) => [r.status, r.light, r.symbol]),
    [
      ["▼ 进展不足", "ys-status ys-light-poor", "true"],
      ["◆ 中等进展", "ys-status ys-light-fair", "true"],
      ["▲ 显著进展", "ys-status ys-light-good", "true"],
      ["✕ 背离目标", "ys-status ys-light-poor", "true"],
    ],
    "Guangxi's statuses",
  );
  equal(gx[3].trend, "↓ 恶化", "SDSN's arrow for patents moving away");
  equal(gx[3].reached, "无法实现", "never reached when moving away");
  assert(table.rows.slice(4).every((r) => !r.focus && r.indicator === gx[0].indicator), "the others: the target for every unit");
  const achieved = table.rows.filter((r) => r.status === "✓ 已实现");
  assert(achieved.length > 0, "some provinces have achieved the intensity target");
  assert(achieved.every((r) => r.needed === "–"), `no growth needed once achieved: ${JSON.stringify(achieved)}`);
  assert(gx.every((r) => r.needed.endsWith("%")), `Guangxi's needed growth: ${JSON.stringify(gx)}`);
  // No indicator of Guangxi is without a target here: no second table.
  equal(await panel.locator("table.ys-targets").count(), 1, "one table");
  await page.waitForFunction(() => new URL(location.href).searchParams.get("ys-tab") === "targets");
  await page.screenshot({ path: join(shots, "provinces-targets.png"), fullPage: true });
  const audit = async (label) => {
    await page.addScriptTag({ path: axePath });
    const found = await page.evaluate(async () => {
      const result = await window.axe.run(document, { resultTypes: ["violations"] });
      return result.violations
        .filter((v) => v.impact === "serious" || v.impact === "critical")
        .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
    });
    equal(found, [], `axe (${label})`);
  };
  await audit("targets, zh-CN");
  // English words; another focus puts its rows first.
  await reload(page, "lang", "en");
  await page.locator(".ys-tab", { hasText: "Targets" }).click();
  await page.locator("table.ys-targets").first().waitFor();
  const en = await page.$$eval("table.ys-targets tbody tr", (trs) => trs.slice(0, 4).map((tr) => tr.cells[6].textContent));
  equal(en, ["▼ Insufficient progress", "◆ Moderate progress", "▲ Significant progress", "✕ Moving away"], "English statuses");
  await audit("targets, en");
  await page.selectOption("select", "CN-BJ");
  await page.waitForFunction(() => document.querySelector("table.ys-targets tbody tr")?.cells[0].textContent === "Beijing");
  const bj = await page.$$eval("table.ys-targets", (ts) => ts.map((t) => t.caption.textContent));
  equal(bj.length, 2, "Beijing: its targets and its trends without a target");
  assert(bj[1].startsWith("Beijing: trends"), `second caption: ${bj[1]}`);
  await page.emulateMedia({ colorScheme: "dark" });
  await audit("targets, dark");
  await page.emulateMedia({ colorScheme: "light" });
  await page.setViewportSize({ width: 320, height: 900 });
  const [scroll, client] = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
  assert(scroll <= client, `horizontal scrolling at 320 px on the targets view (${scroll} > ${client})`);
  await page.screenshot({ path: join(shots, "provinces-targets-320.png"), fullPage: true });
  // A section not of the format (the kernel reads over it) is not shown, and the rest works.
  await page.evaluate(async () => {
    const widget = document.querySelector("yardstick-widget");
    const document_ = await (await fetch("data/cn-provinces.json")).json();
    document_.progress.rows[0].assessment = "broken";
    widget.dataset.state = "pending";
    widget.data = document_;
  });
  await ready(page);
  equal(await page.locator(".ys-tab", { hasText: "Targets" }).count(), 0, "no targets tab for a broken section");
  await axeContext.close();
});

await check("a portal's generic stylesheet does not reach the widget (axe, hover and focus contrast)", async () => {
  const axeContext = await browser.newContext({ bypassCSP: true });
  const page = await open("./", { context: axeContext });
  await page.addStyleTag({ url: "tests/portal.css" });
  /** WCAG's contrast ratio of two computed CSS colours (rgb/rgba, alpha taken as opaque). */
  const contrast = (a, b) => {
    const luminance = (css) => {
      const [r, g, b_] = css.match(/[\d.]+/g).slice(0, 3).map((v) => {
        const c = Number(v) / 255;
        return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
      });
      return 0.2126 * r + 0.7152 * g + 0.0722 * b_;
    };
    const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
    return (hi + 0.05) / (lo + 0.05);
  };
  const audit = async (label) => {
    await page.addScriptTag({ path: axePath });
    const found = await page.evaluate(async () => {
      const result = await window.axe.run("yardstick-widget", { resultTypes: ["violations"] });
      return result.violations
        .filter((v) => v.impact === "serious" || v.impact === "critical")
        .map((v) => `${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(", ")} (${v.nodes.length})`);
    });
    equal(found, [], `axe with the portal's stylesheet (${label})`);
  };
  await audit("en");
  // Hover: buttons, tabs and sort headers keep their own colours (a transparent background
  // shows the widget's).
  for (const selector of [".ys-button", ".ys-tab:not([aria-selected=true])", ".ys-tab[aria-selected=true]", ".ys-sort"]) {
    const control = page.locator(selector).first();
    await control.hover();
    const hovered = await control.evaluate((b) => {
      const style = getComputedStyle(b);
      const background = style.backgroundColor === "rgba(0, 0, 0, 0)"
        ? getComputedStyle(b.closest(".ys-root")).backgroundColor
        : style.backgroundColor;
      return [style.color, background];
    });
    assert(contrast(...hovered) >= 4.5, `hovered ${selector} contrast ${contrast(...hovered).toFixed(2)} (${hovered})`);
  }
  const button = page.locator(".ys-button").first();
  // Focus: the focus ring shows despite outline: none, at 3:1 against the background.
  await button.focus();
  await page.keyboard.press("Shift+Tab");
  await page.keyboard.press("Tab");
  const ring = await page.evaluate(() => {
    const focused = document.activeElement;
    const style = getComputedStyle(focused);
    const root = focused.closest(".ys-root");
    return [root !== null, style.outlineStyle, style.outlineWidth, style.outlineColor, root && getComputedStyle(root).backgroundColor];
  });
  assert(ring[0], "a widget control has the focus");
  assert(ring[1] !== "none" && ring[2] !== "0px", `focus ring: ${ring}`);
  assert(contrast(ring[3], ring[4]) >= 3, `focus ring contrast ${contrast(ring[3], ring[4]).toFixed(2)} (${ring})`);
  // The focus unit's row keeps its highlight on an even row.
  const focusRow = await page.$eval(".ys-focus", (row) => getComputedStyle(row).backgroundColor);
  assert(focusRow !== "rgb(250, 250, 250)", `focus row background ${focusRow}`);
  // Numbers keep the widget's colour, not the portal's grey.
  const cell = await page.$eval(".ys-table td.ys-number", (td) => [getComputedStyle(td).color, getComputedStyle(td.closest(".ys-root")).backgroundColor]);
  assert(contrast(...cell) >= 4.5, `number contrast ${contrast(...cell).toFixed(2)} (${cell})`);
  await reload(page, "lang", "zh-CN");
  await audit("zh-CN");
  await page.click("text=高对比");
  await audit("zh-CN, high contrast");
  await page.screenshot({ path: join(shots, "seed-portal-css.png"), fullPage: true });
  // No horizontal scrolling at 320 px with the portal's rules either.
  await page.setViewportSize({ width: 320, height: 900 });
  const [scroll, client] = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
  assert(scroll <= client, `horizontal scrolling at 320 px with the portal's stylesheet (${scroll} > ${client})`);
  await page.screenshot({ path: join(shots, "seed-portal-css-320.png"), fullPage: true });
  await axeContext.close();
});

await check("screenshots at 320 and 1280 px, no horizontal scrolling at 320 px", async () => {
  for (const width of [320, 1280]) {
    for (const [name, path] of [["seed", "./"], ["asem", "asem.html"], ["provinces", "provinces.html"]]) {
      const page = await open(path, { width });
      await page.screenshot({ path: join(shots, `${name}-${width}.png`), fullPage: true });
      if (width === 320) {
        const scroll = await page.evaluate(() => document.documentElement.scrollWidth);
        assert(scroll <= 320, `${name} is ${scroll} px wide at 320 px`);
      }
      await page.close();
    }
  }
});

await check("compiled documents run on the kernel alone; raw data loads the full package; an old document is named", async () => {
  const requests = [];
  const record = (request) => requests.push(new URL(request.url()).pathname);
  context.on("request", record);
  const page = await open("provinces.html");
  equal(requests.filter((path) => path.includes("/pkg-full/")), [], "pkg-full requested by a compiled document");
  assert(requests.some((path) => path.endsWith("/pkg/yardstick_bg.wasm")), "the kernel is loaded");
  await page.evaluate(() => {
    const widget = document.querySelector("yardstick-widget");
    widget.removeAttribute("focus");
    widget.removeAttribute("benchmark");
    widget.dataset.state = "pending";
    widget.data = {
      data: "uCode,uName,x\nA,A,1\nB,B,2\n",
      meta: "iCode,iName,Parent,Type\nx,x,I,Indicator\nI,I,,Aggregate\n",
    };
  });
  await ready(page);
  assert(requests.some((path) => path.endsWith("/pkg-full/yardstick_bg.wasm")), "raw data loads pkg-full");
  await page.evaluate(() => {
    const widget = document.querySelector("yardstick-widget");
    widget.dataset.state = "pending";
    widget.data = { format: "yardstick-document", version: 99, units: [] };
  });
  await page.waitForFunction(() => document.querySelector("yardstick-widget")?.dataset.state === "error");
  const message = await page.textContent(".ys-error");
  // In the page's language, from the error's code and fields.
  assert(message.includes("第 99 版") && message.includes("yardstick export --widget"), message);
  context.off("request", record);
  await page.close();
});

await check("throttled load of the 31-province page: 1.6 Mbit/s, 150 ms RTT, 4x CPU, gzip (timing, no assertion)", async () => {
  const times = [];
  for (let run = 0; run < 3; run++) {
    const throttled = await browser.newContext();
    // The moment the widget reports its ranking rendered, on the page's own clock (ms after
    // navigation start).
    await throttled.addInitScript(() => {
      new MutationObserver((_, observer) => {
        if (document.querySelector("yardstick-widget")?.dataset.state === "ready") {
          window.__ready = performance.now();
          observer.disconnect();
        }
      }).observe(document, { subtree: true, attributes: true, attributeFilter: ["data-state"] });
    });
    const page = await throttled.newPage();
    const cdp = await throttled.newCDPSession(page);
    await cdp.send("Network.enable");
    await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
    await cdp.send("Network.emulateNetworkConditions", {
      offline: false,
      latency: 150,
      downloadThroughput: (1.6e6 / 8) * 0.9,
      uploadThroughput: (750e3 / 8) * 0.9,
    });
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
    await page.goto(new URL("provinces.html", base).href);
    await page.waitForFunction(() => window.__ready !== undefined, null, { timeout: 30000 });
    times.push(await page.evaluate(() => window.__ready));
    await throttled.close();
  }
  const sorted = [...times].sort((a, b) => a - b);
  console.log(
    `     navigation to the ranking rendered: median ${sorted[1].toFixed(0)} ms ` +
      `(runs ${times.map((t) => t.toFixed(0)).join(", ")} ms; target 1200 ms)`,
  );
});

await check("re-rank of 2,844 synthetic units after a slider move (timing, no assertion)", async () => {
  const page = await open("./");
  const timing = await page.evaluate(async () => {
    const full = await import("./pkg-full/yardstick.js");
    await full.default();
    const { Data } = await import("./pkg/yardstick.js");
    const count = 2844;
    let seed = 1;
    const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    const units = Array.from({ length: count }, (_, i) => ({ code: `U${i}`, name: `Unit ${i}` }));
    const nodes = [{ code: "I", kind: "aggregate" }];
    const values = {};
    for (const p of ["A", "B", "C"]) {
      nodes.push({ code: p, kind: "aggregate", parent: "I" });
      for (let k = 0; k < 3; k++) {
        nodes.push({ code: `${p}${k}`, parent: p });
        values[`${p}${k}`] = Float64Array.from({ length: count }, random);
      }
    }
    const input = { units, nodes, values, year: 2024 };
    // Compiled once by the full package, as `yardstick export --widget` would; the kernel (the
    // widget's package) loads the document and re-ranks into preallocated buffers.
    const raw = full.Data.fromObjects(input);
    const compiled = raw.compileDocument({});
    raw.free();
    const data = Data.fromDocument(compiled);
    const plan = data.plan();
    const weights = plan.weights();
    const scores = new Float64Array(plan.nodeCount * plan.unitCount);
    const ranks = new Float64Array(plan.nodeCount * plan.unitCount);
    // V8 compiles wasm in tiers: the first calls run baseline code, a slider drag soon runs
    // optimised code. Both are reported.
    const engine = [];
    for (let i = 0; i < 71; i++) {
      weights[1] = 1 + (i % 5);
      const t0 = performance.now();
      plan.rerank(weights, scores, ranks);
      engine.push(performance.now() - t0);
    }
    const firstCalls = engine.splice(0, 20);
    plan.free();
    data.free();
    // The widget: a slider's input event, re-rank and redraw of the table, chart and gaps.
    const widget = document.querySelector("yardstick-widget");
    widget.removeAttribute("benchmark");
    widget.setAttribute("focus", "U0");
    widget.data = compiled;
    await new Promise((resolve) => {
      const wait = () => (widget.dataset.state === "ready" && widget.units.length === count ? resolve() : setTimeout(wait, 20));
      wait();
    });
    const slider = widget.querySelector(".ys-weights input");
    const frame = () => new Promise((resolve) => requestAnimationFrame(() => resolve()));
    /**
     * One slider move's main-thread work: the input handler (the re-rank) plus, at the next
     * frame, the widget's redraw and the browser's style and layout. This callback is queued
     * after the widget's, so it runs once the redraw is done; reading offsetHeight forces the
     * style and layout that would otherwise follow. Paint is not included.
     */
    const move = async (value) => {
      slider.value = String(value);
      const t0 = performance.now();
      slider.dispatchEvent(new Event("input"));
      const input = performance.now() - t0;
      const inFrame = await new Promise((resolve) =>
        requestAnimationFrame((start) => {
          void document.body.offsetHeight;
          resolve(performance.now() - start);
        }),
      );
      await frame();
      return input + inFrame;
    };
    // The first moves after loading also compile the redraw's code; reported apart.
    const firstMoves = [];
    for (let i = 0; i < 3; i++) firstMoves.push(await move(4.5 - i));
    const ui = [];
    for (let i = 0; i < 21; i++) ui.push(await move(0.5 + (i % 9) * 0.5));
    const shown = widget.querySelectorAll(".ys-panel tbody tr").length;
    widget.querySelector(".ys-panel + .ys-panel + button")?.click();
    await frame();
    const all = [];
    for (let i = 0; i < 3; i++) all.push(await move(2 + i));
    const median = (xs) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    return {
      first: median(firstCalls),
      engine: median(engine),
      widget: median(ui),
      widgetP90: [...ui].sort((a, b) => a - b)[Math.floor(ui.length * 0.9)],
      firstMoves: firstMoves.map((x) => x.toFixed(1)).join(", "),
      widgetMax: Math.max(...ui),
      shown,
      all: median(all),
      rows: widget.querySelectorAll(".ys-panel tbody tr").length,
    };
  });
  console.log(
    `     2,844 units × 9 indicators, 3 pillars: plan.rerank ${timing.engine.toFixed(2)} ms ` +
      `(median of 51 after 20 calls whose median is ${timing.first.toFixed(2)} ms); ` +
      `a slider move's work (re-rank, redraw of table and gaps, style and layout) ${timing.widget.toFixed(1)} ms ` +
      `median, ${timing.widgetP90.toFixed(1)} ms at the 90th percentile, ${timing.widgetMax.toFixed(1)} ms at most ` +
      `(21 moves after 3 taking ${timing.firstMoves} ms, ${timing.shown} rows shown); ` +
      `after "Show all" ${timing.all.toFixed(1)} ms (median of 3, ${timing.rows} rows)`,
  );
  await page.close();
});

await check("map: a third tab from the portal's GeoJSON, by keyboard; classes follow the scores; names stay text", async () => {
  const requests = [];
  const record = (request) => requests.push(new URL(request.url()).pathname);
  context.on("request", record);
  // Without `geojson` there are two tabs and the map's module is never fetched.
  const plain = await open("./");
  equal(await plain.$$eval("[role=tab]", (tabs) => tabs.map((tab) => tab.textContent)), ["Table", "Bar chart"], "tabs without geojson");
  await plain.click("[role=tab] >> text=Bar chart");
  await plain.click("[role=tab] >> text=Table");
  await plain.waitForTimeout(200);
  await plain.close();
  equal(requests.filter((path) => path.endsWith("/yardstick-map.js")), [], "map module requested by index.html");

  const page = await open("map.html");
  // With a map, the module and the GeoJSON wait until the map tab is first shown.
  equal(requests.filter((path) => /yardstick-map\.js|\.geojson$/.test(path)), [], "map requests before the tab is shown");
  const active = () => page.evaluate(() => document.activeElement?.textContent);
  let found = false;
  for (let i = 0; i < 30 && !found; i++) {
    await page.keyboard.press("Tab");
    found = (await page.evaluate(() => document.activeElement?.getAttribute("role"))) === "tab";
  }
  assert(found, "Tab never reached the tabs");
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("ArrowRight");
  equal(await active(), "Map", "focused tab after two ArrowRight");
  await page.keyboard.press("ArrowRight");
  equal(await active(), "Table", "ArrowRight from the last tab wraps");
  await page.keyboard.press("End");
  equal(await active(), "Map", "End");
  await page.waitForSelector(".ys-map path[data-code]");
  context.off("request", record);
  assert(requests.some((path) => path.endsWith("/yardstick-map.js")), "the map module was loaded");
  assert(!(await page.isVisible(".ys-panel .ys-table")), "the table is hidden");
  const paths = await page.$$eval(".ys-map path[data-code]", (elements) =>
    elements.map((p) => ({ code: p.dataset.code, kind: p.getAttribute("class"), title: p.querySelector("title").textContent })),
  );
  const ranked = paths
    .filter((p) => /ys-map-c\d/.test(p.kind))
    .map((p) => ({ ...p, colour: Number(/ys-map-c(\d)/.exec(p.kind)[1]), score: Number(/: ([\d.]+) \(rank/.exec(p.title)?.[1]) }))
    .sort((a, b) => a.score - b.score);
  equal(ranked.map((p) => p.code), ["CN-GX", "CN-FJ", "CN-SH", "CN-ZJ", "CN-JS", "CN-BJ", "CN-GD"], "one coloured path per ranked unit, by score");
  equal(ranked.map((p) => p.colour), [0, 1, 2, 2, 3, 4, 4], "colour classes rise with the score");
  equal(paths.find((p) => p.code === "CN-GX").title, "Guangxi: 26.2 (rank 7)", "title");
  const reference = paths.find((p) => p.code === "CN");
  assert(/ys-map-reference/.test(reference.kind) && !/ys-map-c\d/.test(reference.kind), `national average: ${reference.kind}`);
  const focus = () => page.$$eval(".ys-map .ys-map-focus", (elements) => elements.map((p) => p.dataset.code));
  equal(await focus(), ["CN-GX"], "the focus unit's path");
  equal(
    await page.$eval(".ys-map-ring", (ring) => ring.getAttribute("d")),
    await page.$eval('.ys-map path[data-code="CN-GX"]', (p) => p.getAttribute("d")),
    "the focus outline follows the focus unit",
  );
  const unmatched = paths.find((p) => p.code === "XX-1");
  assert(/ys-map-none/.test(unmatched.kind), `the unmatched feature: ${unmatched.kind}`);
  assert(
    (await page.textContent(".ys-map-notes")).includes("no unit in the data: <img src=x onerror=alert(1)> (XX-1)."),
    "the unmatched feature is listed by name, as text",
  );
  equal(await page.$$eval("img, [onerror]", (e) => e.length), 0, "img elements");
  equal(dialogs, 0, "dialogs");
  assert((await page.textContent(".ys-map-legend")).includes("55.0–65.3"), "legend bounds");
  await page.waitForURL(/ys-tab=map/);
  // A new focus redraws the visible map.
  await page.selectOption("select[id$=-focus]", "CN-FJ");
  await page.waitForFunction(() => document.querySelector(".ys-map .ys-map-focus")?.getAttribute("data-code") === "CN-FJ");
  for (const width of [1280, 320]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: join(shots, `map-${width}.png`), fullPage: true });
  }
  assert((await page.evaluate(() => document.documentElement.scrollWidth)) <= 320, "no horizontal scrolling at 320 px");
  await page.setViewportSize({ width: 1280, height: 900 });
  // The permalink opens on the map, in Chinese after a reload.
  const again = await open(page.url());
  await again.waitForSelector(".ys-map path[data-code]");
  await reload(again, "lang", "zh-CN");
  await again.click("[role=tab] >> text=地图");
  await again.waitForFunction(() => document.querySelector('.ys-map path[data-code="CN-GX"] title')?.textContent === "广西：26.2（第7名）");
  // A file that is not a FeatureCollection: a readable message in the map's place only.
  await reload(again, "geojson", "data/asem.json");
  await again.click("[role=tab] >> text=地图");
  await again.waitForSelector(".ys-panel .ys-error");
  assert((await again.textContent(".ys-panel .ys-error")).includes("不是 GeoJSON FeatureCollection"), "zh-CN map error");
  await again.click("[role=tab] >> text=排名表");
  equal((await rows(again)).length, 8, "the table still works");
  await page.close();
  await again.close();
  equal(violations, [], "CSP violations and page errors");

  // axe in the map tab (injected as a script, which the page's CSP rightly refuses: this context only).
  const axeContext = await browser.newContext({ bypassCSP: true });
  const audited = await open("map.html?ys-tab=map", { context: axeContext });
  await audited.waitForSelector(".ys-map path[data-code]");
  await audited.addScriptTag({ path: axePath });
  const audit = async (label) => {
    const found = await audited.evaluate(async () => {
      const result = await window.axe.run(document, { resultTypes: ["violations"] });
      return result.violations
        .filter((v) => v.impact === "serious" || v.impact === "critical")
        .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
    });
    equal(found, [], `axe (${label})`);
  };
  await audit("map tab");
  await audited.click("text=High contrast");
  await audit("map tab, high contrast");
  await audited.screenshot({ path: join(shots, "map-contrast.png"), fullPage: true });
  await audited.click("text=High contrast");
  await audited.emulateMedia({ colorScheme: "dark" });
  await audit("map tab, dark");
  await audited.screenshot({ path: join(shots, "map-dark.png"), fullPage: true });
  await audited.emulateMedia({ colorScheme: "light", forcedColors: "active" });
  await audited.screenshot({ path: join(shots, "map-forced-colors.png"), fullPage: true });
  await axeContext.close();
});

await check("no Content-Security-Policy violations or page errors", async () => {
  equal(violations, [], "violations");
});

await context.close();
await browser.close();
if (failures) {
  console.log(`${failures} widget e2e check(s) failed`);
  process.exit(1);
}
console.log("all widget e2e checks passed");
