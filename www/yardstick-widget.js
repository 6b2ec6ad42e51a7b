// @ts-check
/**
 * `<yardstick-widget>`: a composite index computed in the browser by Yardstick's WebAssembly
 * build: a sortable ranking table and a bar chart, the focus unit's gaps, live weight sliders,
 * state in the URL and downloads. Light DOM, so that a portal's stylesheets, accessibility
 * tools and print styles reach it. Text from data is set with textContent or attributes only;
 * nothing here computes an index: scores, ranks and gaps all come from the core.
 *
 * Attributes: `data-src` (URL of a JSON data document: a compiled document, as `yardstick
 * export --widget` writes it, which the small default package `pkg/` runs; or raw data, CSV
 * text or objects with a build spec, for which the full package `pkg-full/` is loaded; without
 * it the seed data's compiled document `data/dedi.json` beside this module),
 * `lang` (`zh-CN`, the default, or `en`), `focus` (a unit code), `benchmark` (unit codes
 * separated by spaces), `target-year` (the year of "growth needed to catch up by", default
 * five years after the data's last year), `shadow` (render in an open shadow root with the
 * widget's own stylesheet instead of the light DOM; read when the element is connected),
 * `geojson` (URL of the portal's own GeoJSON: adds a map tab, whose module
 * loads only then) and `geojson-key` (the feature property holding the unit code, default
 * `code`). Property: `data` (a data document as an object). Events:
 * `yardstick-change` (detail: focus, year, weights, tab) and `error` (detail: message).
 */
import init, { Data } from "./pkg/yardstick.js";
import { language, t } from "./messages.js";

/** @typedef {import("./pkg/yardstick.js").Plan} Plan */
/** @typedef {import("./pkg/yardstick.js").UnitInfo} UnitInfo */
/** @typedef {import("./pkg/yardstick.js").NodeInfo} NodeInfo */
/** @typedef {import("./pkg/yardstick.js").Comparison} Comparison */
/** @typedef {import("./pkg-full/yardstick.js").BuildSpec} BuildSpec */
/** @typedef {import("./pkg-full/yardstick.js").DataInput} DataInput */
/** @typedef {import("./pkg/yardstick.js").CompiledDocument} CompiledDocument */
/** @typedef {import("./messages.js").Lang} Lang */
/** @typedef {import("./messages.js").MessageKey} MessageKey */
/**
 * A data document: a compiled document, or raw data (iData and iMeta CSV text, or the objects
 * of `Data.fromObjects`) with an optional build spec.
 * @typedef {{ data?: string, meta?: string, spec?: BuildSpec, format?: string } & Partial<DataInput>} DataDocument
 */
/** @typedef {"table" | "chart" | "map"} Tab */
/** @typedef {{ key: string, descending: boolean }} Sort */

/**
 * Rows shown of a long ranking (with the focus unit and reference rows) until "Show all" is
 * pressed: a slider move redraws them within a frame.
 */
const SHORT_LIST = 50;

/** Rows above which the ranking table has a fixed layout ("Show all" of a long ranking). */
const LONG_TABLE = 500;

/** Indicators listed under the pillars in "what explains the gap", largest contributions. */
const LEADING_INDICATORS = 5;

/** Milliseconds after the last slider move before catch-up is computed again. */
const CATCH_UP_DELAY = 250;

/** Default target year of catch-up: this many years after the data's last year. */
const TARGET_YEARS_AHEAD = 5;

const SVG_NS = "http://www.w3.org/2000/svg";

/** The widget's stylesheet, beside this module: linked inside the shadow root (`shadow`). */
const STYLESHEET = new URL("./yardstick-widget.css", import.meta.url).href;

/** One-time instantiation of the WebAssembly module, shared by every widget. */
let ready = /** @type {Promise<unknown> | null} */ (null);

/** The seed data's compiled document, shown without `data-src` or `data`. */
const SEED_DOCUMENT = new URL("./data/dedi.json", import.meta.url).href;

/**
 * The full package (raw data, specs), loaded only for a page that hands raw data.
 * @type {Promise<typeof import("./pkg-full/yardstick.js")> | null}
 */
let full = null;

/** @returns {Promise<typeof import("./pkg-full/yardstick.js")>} */
function fullPackage() {
  full ??= import("./pkg-full/yardstick.js").then(async (module) => {
    await module.default();
    return module;
  });
  return full;
}

/** Counter for element ids unique in the page. */
let instances = 0;

/** An error whose message is already written for the reader, in the widget's language. */
class ReadableError extends Error {}

/**
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {Record<string, string>} [attributes]
 * @param {string} [text]
 * @returns {HTMLElementTagNameMap[K]}
 */
function html(tag, attributes = {}, text) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  if (text !== undefined) element.textContent = text;
  return element;
}

/**
 * @param {string} tag
 * @param {Record<string, string | number>} [attributes]
 * @param {string} [text]
 * @returns {SVGElement}
 */
function svg(tag, attributes = {}, text) {
  const element = /** @type {SVGElement} */ (document.createElementNS(SVG_NS, tag));
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, String(value));
  if (text !== undefined) element.textContent = text;
  return element;
}

/** Width of the diverging bars in the gap view, in SVG units. */
const BAR_WIDTH = 120;

/** An empty diverging bar for `setBar`: an axis in the middle of a small SVG. */
function divergingBar() {
  const half = BAR_WIDTH / 2;
  const bar = svg("svg", { viewBox: `0 0 ${BAR_WIDTH} 14`, class: "ys-chart ys-diverging", focusable: "false" });
  bar.append(
    svg("line", { x1: half, x2: half, y1: 0, y2: 14, stroke: "#57606a", class: "ys-axis" }),
    svg("rect", { x: half, y: 2, width: 1, height: 10 }),
  );
  return bar;
}

/**
 * Draws a share of the largest value on a diverging bar: right and "behind" when positive,
 * left and "ahead" when negative.
 * @param {SVGElement} bar from `divergingBar`
 * @param {number} share in [-1, 1]
 */
function setBar(bar, share) {
  const half = BAR_WIDTH / 2;
  const length = Number.isFinite(share) ? share * (half - 2) : 0;
  const rect = /** @type {SVGElement} */ (bar.lastChild);
  rect.setAttribute("x", String(Math.min(half, half + length)));
  rect.setAttribute("width", String(Math.max(1, Math.abs(length))));
  rect.setAttribute("class", length > 0 ? "ys-behind" : "ys-ahead");
  rect.setAttribute("fill", length > 0 ? "#a40e26" : "#1a7f37");
}

/** @param {Blob} blob @param {string} name */
function download(blob, name) {
  const url = URL.createObjectURL(blob);
  const link = html("a", { href: url, download: name });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/**
 * Sets an element's text only if it differs, changing its text node in place when it has
 * one: an unchanged cell costs the browser no layout work, a changed one no new node.
 * @param {HTMLElement} element
 * @param {string} text
 */
function setText(element, text) {
  const node = element.firstChild;
  if (node instanceof Text && node === element.lastChild) {
    if (node.data !== text) node.data = text;
  } else if (element.textContent !== text) {
    element.textContent = text;
  }
}

/** @param {string} field */
const csvField = (field) => (/[",\r\n]/.test(field) ? `"${field.replaceAll('"', '""')}"` : field);

export class YardstickWidget extends HTMLElement {
  static observedAttributes = ["data-src", "lang", "focus", "benchmark", "target-year", "geojson", "geojson-key"];

  constructor() {
    super();
    this.id_ = `ys-${++instances}`;
    /** @type {DataDocument | null} */
    this.document_ = null;
    /** @type {Data | null} */
    this.loaded = null;
    /** @type {Plan | null} */
    this.plan = null;
    /** @type {UnitInfo[]} */
    this.units = [];
    /** @type {NodeInfo[]} */
    this.nodes = [];
    this.scores = new Float64Array(0);
    this.ranks = new Float64Array(0);
    this.weights = new Float64Array(0);
    this.defaultWeights = new Float64Array(0);
    /** @type {(number | null)[]} */
    this.years = [];
    this.focusCode = "";
    /** @type {string[]} */
    this.benchmark = [];
    /** @type {Tab} */
    this.tab = "table";
    /** @type {Sort} */
    this.sort = { key: "rank", descending: false };
    this.large = false;
    this.contrast = false;
    this.connected = false;
    this.urlRead = false;
    this.showAll = false;
    this.moreButton = html("button");
    /** Views whose drawing is older than the buffers; a view not listed is too. @type {Partial<Record<Tab, boolean>>} */
    this.stale = { table: true, chart: true };
    this.frame = 0;
    /** @type {ReturnType<typeof setTimeout> | undefined} */
    this.stateTimer = undefined;
    /** @type {{ lang: string, format: Intl.NumberFormat, memo: Map<number, string> } | undefined} */
    this.formatter = undefined;
    /** @type {{ lang: string, format: Intl.NumberFormat } | undefined} */
    this.percentFormat = undefined;
    /** The gap table's body, rows in gap-view node order. @type {HTMLTableSectionElement | undefined} */
    this.gapBody = undefined;
    /** "What explains the gap", refreshed with the gaps. */
    this.explainedBox = html("div", { class: "ys-explained" });
    /** Catch-up, refreshed when the sliders rest (see `scheduleCatchUp`). */
    this.catchUpBox = html("div", { class: "ys-catchup" });
    /** @type {ReturnType<typeof setTimeout> | undefined} */
    this.catchUpTimer = undefined;
    this.generation = 0;
    /** @type {ReturnType<typeof setTimeout> | undefined} */
    this.announceTimer = undefined;
    /** @type {HTMLTableElement | undefined} */
    this.table = undefined;
    /** @type {HTMLElement | undefined} */
    this.figure = undefined;
    /** @type {HTMLElement | undefined} */
    this.gap = undefined;
    /** The map tab's panel, when there is a `geojson`. @type {HTMLElement | undefined} */
    this.mapPanel = undefined;
    /** @type {SVGElement | undefined} */
    this.chart = undefined;
    /** @type {{ rows: ReturnType<YardstickWidget["chartRows"]>, width: number, height: number, labelWidth: number, scale: (x: number) => number } | undefined} */
    this.chartModel = undefined;
    /** @type {{ tag: string | null, lang: Lang } | undefined} */
    this.langCache = undefined;
    this.root = html("div", { class: "ys-root" });
    this.live = html("p", { class: "ys-live", role: "status", "aria-live": "polite" });
    this.body = html("div", { class: "ys-body" });
    this.root.append(this.body, this.live);
  }

  /** The widget's language, from its `lang` attribute. */
  get lang_() {
    // Read for every formatted cell: the tag is parsed again only when it changed.
    const tag = this.getAttribute("lang");
    if (this.langCache?.tag !== tag) this.langCache = { tag, lang: language(tag) };
    return this.langCache.lang;
  }

  /** A data document set from script; replaces `data-src`. */
  set data(value) {
    this.document_ = value;
    this.reload();
  }

  get data() {
    return this.document_;
  }

  connectedCallback() {
    this.connected = true;
    if (this.hasAttribute("shadow")) {
      // The page's styles stop at a shadow root: the widget's own stylesheet goes inside.
      const shadow = this.shadowRoot ?? this.attachShadow({ mode: "open" });
      shadow.replaceChildren(html("link", { rel: "stylesheet", href: STYLESHEET }), this.root);
    } else {
      this.replaceChildren(this.root);
    }
    this.reload();
  }

  disconnectedCallback() {
    this.connected = false;
  }

  attributeChangedCallback() {
    if (this.connected) this.reload();
  }

  /** @param {MessageKey} key @param {Record<string, string | number>} [params] */
  t(key, params) {
    return t(this.lang_, key, params);
  }

  /**
   * A score as the reader's language writes it, one decimal. Formatting is memoised by the
   * rounded value: a re-rank rewrites hundreds of cells, and scores repeat.
   * @param {number} value
   */
  number(value) {
    if (Number.isNaN(value)) return "–";
    const lang = this.lang_;
    if (this.formatter?.lang !== lang || this.formatter.memo.size > 20000) {
      const format = new Intl.NumberFormat(lang, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
      this.formatter = { lang, format, memo: new Map() };
    }
    const { format, memo } = this.formatter;
    const key = Math.round(value * 10);
    let text = memo.get(key);
    if (text === undefined) {
      text = format.format(value);
      memo.set(key, text);
    }
    return text;
  }

  /**
   * A growth rate as a percentage, one decimal (0.052 → "5.2%").
   * @param {number} value
   */
  percent(value) {
    if (!Number.isFinite(value)) return "–";
    const lang = this.lang_;
    if (this.percentFormat?.lang !== lang) {
      const format = new Intl.NumberFormat(lang, { style: "percent", minimumFractionDigits: 1, maximumFractionDigits: 1 });
      this.percentFormat = { lang, format };
    }
    return this.percentFormat.format.format(value);
  }

  /** A name in the widget's language. @param {{ code: string, name: string, names: Record<string, string> }} item */
  name(item) {
    const local = this.lang_ === "en" ? item.names.en : (item.names["zh-CN"] ?? item.names.zh);
    return local || item.name || item.code;
  }

  /** Loads the data again (attributes changed) once the current task is done. */
  reload() {
    const generation = ++this.generation;
    queueMicrotask(() => {
      if (generation === this.generation && this.connected) this.load(generation);
    });
  }

  /** @param {number} generation */
  async load(generation) {
    this.dataset.state = "loading";
    this.root.lang = this.lang_;
    this.body.replaceChildren(html("p", { class: "ys-status" }, this.t("loading")));
    try {
      // The module and the data document download side by side.
      ready ??= init();
      const [, document_] = await Promise.all([ready, this.fetchDocument()]);
      const data = await this.loadData(document_);
      if (generation !== this.generation) {
        data.free();
        return;
      }
      this.free();
      this.loaded = data;
      // A compiled document brings its method; raw data without a spec gets COINr's default.
      this.plan = document_.format ? data.plan() : data.plan(document_.spec ?? {});
      this.units = data.units();
      this.nodes = data.nodes();
      this.years = data.years();
      this.weights = new Float64Array(this.plan.weights());
      this.defaultWeights = this.weights.slice();
      const cells = this.plan.nodeCount * this.plan.unitCount;
      this.scores = new Float64Array(cells);
      this.ranks = new Float64Array(cells);
      this.readState();
      this.run();
      this.build();
      this.update();
      this.dataset.state = "ready";
    } catch (error) {
      if (generation !== this.generation) return;
      this.fail(error);
    }
  }

  /** The `data-src` URL, if any, and no `data` property set. */
  source() {
    return this.document_ ? null : this.getAttribute("data-src");
  }

  /**
   * The data document: the `data` property, `data-src`, or the seed data's compiled document.
   * @returns {Promise<DataDocument>}
   */
  async fetchDocument() {
    if (this.document_) return this.document_;
    const src = this.source() ?? SEED_DOCUMENT;
    const response = await fetch(src);
    if (!response.ok) {
      throw new ReadableError(this.t("errorFetch", { url: src, status: response.status }));
    }
    /** @type {unknown} */
    let document_;
    try {
      document_ = await response.json();
    } catch (error) {
      throw new ReadableError(this.t("errorJson", { message: String(error) }));
    }
    if (!document_ || typeof document_ !== "object") throw new ReadableError(this.t("errorFormat"));
    return /** @type {DataDocument} */ (document_);
  }

  /**
   * Loads a document: a compiled one into the default package, raw data into the full one.
   * @param {DataDocument} document_
   * @returns {Promise<Data>}
   */
  async loadData(document_) {
    if (typeof document_ !== "object") throw new ReadableError(this.t("errorFormat"));
    // A document that names a format is handed over whole: the package checks the format, the
    // version and every field, and says what is wrong.
    if (document_.format !== undefined) {
      return Data.fromDocument(/** @type {CompiledDocument} */ (/** @type {unknown} */ (document_)));
    }
    if (typeof document_.data === "string" && typeof document_.meta === "string") {
      const { Data: FullData } = await fullPackage();
      return FullData.fromCsv(document_.data, document_.meta, "data", "meta");
    }
    if (document_.units && document_.nodes && document_.values) {
      const { Data: FullData } = await fullPackage();
      return FullData.fromObjects(/** @type {DataInput} */ (document_));
    }
    throw new ReadableError(this.t("errorFormat"));
  }

  free() {
    this.plan?.free();
    this.loaded?.free();
    this.plan = null;
    this.loaded = null;
  }

  /** @param {unknown} error */
  fail(error) {
    const message =
      error instanceof ReadableError
        ? error.message
        : this.t("error", { message: error instanceof Error ? error.message : String(error) });
    this.body.replaceChildren(html("p", { class: "ys-error", role: "alert" }, message));
    this.dataset.state = "error";
    this.dispatchEvent(new CustomEvent("error", { detail: { message } }));
  }

  /** The root node's index in framework order. */
  get rootIndex() {
    return this.nodes.findIndex((node) => node.parent === null);
  }

  /** Indices of the root's children (the pillars with sliders). */
  get pillars() {
    const root = this.nodes[this.rootIndex];
    return this.nodes.flatMap((node, i) => (node.parent === root.code ? [i] : []));
  }

  /** Focus, benchmark, year, weights and tab: attributes, then the URL's overrides. */
  readState() {
    // The URL (a permalink) applies to the first load; later loads follow the attributes.
    const params = new URLSearchParams(this.urlRead ? "" : location.search);
    this.urlRead = true;
    const codes = new Set(this.units.map((unit) => unit.code));
    const check = (/** @type {string} */ code) => {
      if (!codes.has(code)) throw new ReadableError(this.t("errorUnknown", { code }));
      return code;
    };
    // A shared link may be older than the data: codes it names that the data no longer has
    // are left out, so that the link still opens; the attributes are the page's own and must
    // name codes of the data.
    const linked = (/** @type {string | null} */ value) =>
      value?.split(/[\s,]+/).filter((code) => codes.has(code)).join(" ") || null;
    this.focusCode = check(
      linked(params.get("ys-focus")) ??
        this.getAttribute("focus") ??
        this.units.find((unit) => unit.kind === "unit")?.code ??
        "",
    );
    const own = this.getAttribute("benchmark") ?? "";
    const shared = params.get("ys-benchmark");
    // An empty list in the link is a choice (no benchmark); a list of stale codes is not.
    const benchmark = shared === null ? own : shared === "" ? "" : (linked(shared) ?? own);
    this.benchmark = benchmark.split(/[\s,]+/).filter(Boolean).map(check);
    const tab = params.get("ys-tab");
    this.tab = tab === "chart" || (tab === "map" && this.hasAttribute("geojson")) ? tab : "table";
    const year = Number(params.get("ys-year"));
    if (params.has("ys-year") && this.years.includes(year)) this.plan?.setYear(year);
    for (const pair of (params.get("ys-weights") ?? "").split(",")) {
      const [code, value] = pair.split(":");
      const i = this.nodes.findIndex((node) => node.code === code);
      const weight = Number(value);
      if (i >= 0 && value !== "" && Number.isFinite(weight) && weight >= 0) this.weights[i] = weight;
    }
  }

  /** Writes the state into the URL and fires `yardstick-change` once the state rests. */
  writeState() {
    clearTimeout(this.stateTimer);
    this.stateTimer = setTimeout(() => this.commitState(), 150);
  }

  /** Writes the state into the URL (permalink) and announces it to the page. */
  commitState() {
    const url = new URL(location.href);
    url.searchParams.set("ys-focus", this.focusCode);
    url.searchParams.set("ys-benchmark", this.benchmark.join(","));
    if (this.plan?.year != null) url.searchParams.set("ys-year", String(this.plan.year));
    const changed = this.nodes
      .map((node, i) => [node.code, this.weights[i]])
      .filter((_, i) => this.weights[i] !== this.defaultWeights[i]);
    if (changed.length) url.searchParams.set("ys-weights", changed.map((p) => p.join(":")).join(","));
    else url.searchParams.delete("ys-weights");
    url.searchParams.set("ys-tab", this.tab);
    history.replaceState(history.state, "", url);
    const weights = Object.fromEntries(this.nodes.map((node, i) => [node.code, this.weights[i]]));
    this.dispatchEvent(
      new CustomEvent("yardstick-change", {
        detail: { focus: this.focusCode, year: this.plan?.year ?? null, weights, tab: this.tab },
      }),
    );
  }

  /** Runs the plan with the current weights: the fast path, reusing every buffer. */
  run() {
    this.plan?.rerank(this.weights, this.scores, this.ranks);
  }

  /** @param {number} node @param {number} unit */
  score(node, unit) {
    return this.scores[node * this.units.length + unit];
  }

  /** @param {number} node @param {number} unit */
  rank(node, unit) {
    return this.ranks[node * this.units.length + unit];
  }

  /** The index's title with its year. */
  caption() {
    const index = this.name(this.nodes[this.rootIndex]);
    const year = this.plan?.year;
    return year == null ? this.t("captionNoYear", { index }) : this.t("caption", { index, year });
  }

  /** Builds the controls and containers for the loaded data; `update` fills them. */
  build() {
    const id = this.id_;
    this.showAll = false;
    this.root.classList.toggle("ys-large", this.large);
    this.root.classList.toggle("ys-contrast", this.contrast);

    const toolbar = html("div", { class: "ys-toolbar" });
    const display = html("div", { class: "ys-group", role: "group", "aria-label": this.t("display") });
    for (const [key, property, className] of /** @type {const} */ ([
      ["largeText", "large", "ys-large"],
      ["highContrast", "contrast", "ys-contrast"],
    ])) {
      const button = html("button", { type: "button", class: "ys-button", "aria-pressed": String(this[property]) }, this.t(key));
      button.addEventListener("click", () => {
        this[property] = !this[property];
        button.setAttribute("aria-pressed", String(this[property]));
        this.root.classList.toggle(className, this[property]);
      });
      display.append(button);
    }
    const downloads = html("div", { class: "ys-group", role: "group", "aria-label": this.t("downloads") });
    for (const [key, action] of /** @type {const} */ ([
      ["downloadCsv", () => this.downloadCsv()],
      ["downloadSvg", () => this.downloadSvg()],
      ["downloadPng", () => this.downloadPng()],
    ])) {
      const button = html("button", { type: "button", class: "ys-button" }, this.t(key));
      button.addEventListener("click", action);
      downloads.append(button);
    }
    toolbar.append(display, downloads);

    const controls = html("div", { class: "ys-controls" });
    const focusLabel = html("label", { for: `${id}-focus`, class: "ys-field" }, this.t("focus"));
    const select = html("select", { id: `${id}-focus` });
    for (const unit of this.units) {
      if (unit.kind !== "unit") continue;
      const option = html("option", { value: unit.code }, this.name(unit));
      option.selected = unit.code === this.focusCode;
      select.append(option);
    }
    select.addEventListener("change", () => {
      this.focusCode = select.value;
      this.update();
      this.announce();
    });
    focusLabel.append(select);
    controls.append(focusLabel);

    const years = this.years.filter((year) => year != null);
    if (years.length > 1) {
      const label = html("label", { for: `${id}-year`, class: "ys-field" }, this.t("year"));
      const output = html("output", { for: `${id}-year` }, String(this.plan?.year ?? ""));
      const slider = html("input", {
        id: `${id}-year`,
        type: "range",
        min: "0",
        max: String(years.length - 1),
        step: "1",
        value: String(Math.max(0, years.indexOf(this.plan?.year ?? NaN))),
      });
      slider.addEventListener("input", () => {
        const year = years[Number(slider.value)];
        output.textContent = String(year);
        this.plan?.setYear(year);
        this.run();
        this.update();
        this.announce();
      });
      label.append(slider, output);
      controls.append(label);
    }

    const pillars = this.pillars;
    if (pillars.length > 1) {
      const fieldset = html("fieldset", { class: "ys-weights" });
      fieldset.append(html("legend", {}, this.t("weights")));
      /** @type {[HTMLInputElement, HTMLOutputElement, number][]} */
      const sliders = [];
      for (const i of pillars) {
        const node = this.nodes[i];
        const label = html("label", { for: `${id}-w-${i}`, class: "ys-field" }, this.name(node));
        const max = Math.max(5, 2 * this.defaultWeights[i]);
        const slider = html("input", {
          id: `${id}-w-${i}`,
          type: "range",
          min: "0",
          max: String(max),
          step: String(max / 50),
          value: String(this.weights[i]),
        });
        const output = html("output", { for: slider.id }, this.number(this.weights[i]));
        slider.addEventListener("input", () => {
          this.weights[i] = Number(slider.value);
          output.textContent = this.number(this.weights[i]);
          this.reweight();
        });
        label.append(slider, output);
        fieldset.append(label);
        sliders.push([slider, output, i]);
      }
      const reset = html("button", { type: "button", class: "ys-button" }, this.t("resetWeights"));
      reset.addEventListener("click", () => {
        this.weights.set(this.defaultWeights);
        for (const [slider, output, i] of sliders) {
          slider.value = String(this.weights[i]);
          output.textContent = this.number(this.weights[i]);
        }
        this.reweight();
      });
      fieldset.append(reset);
      controls.append(fieldset);
    }

    const tablist = html("div", { class: "ys-tabs", role: "tablist", "aria-label": this.t("tabs") });
    /** @type {Record<Tab, { tab: HTMLButtonElement, panel: HTMLElement }>} */
    const views = /** @type {any} */ ({});
    const tabs = /** @type {[Tab, MessageKey][]} */ ([
      ["table", "tabTable"],
      ["chart", "tabChart"],
    ]);
    if (this.hasAttribute("geojson")) tabs.push(["map", "tabMap"]);
    for (const [tab, key] of tabs) {
      const button = html("button", {
        type: "button",
        role: "tab",
        id: `${id}-tab-${tab}`,
        "aria-controls": `${id}-panel-${tab}`,
        class: "ys-tab",
      }, this.t(key));
      const panel = html("div", {
        role: "tabpanel",
        id: `${id}-panel-${tab}`,
        "aria-labelledby": button.id,
        class: "ys-panel",
        tabindex: "0",
      });
      button.addEventListener("click", () => select_(tab));
      button.addEventListener("keydown", (event) => {
        const order = tabs.map(([name]) => name);
        const at = order.indexOf(tab);
        const next = { ArrowRight: at + 1, ArrowLeft: at - 1, Home: 0, End: order.length - 1 }[event.key];
        if (next === undefined) return;
        event.preventDefault();
        const target = order[(next + order.length) % order.length];
        select_(target);
        views[target].tab.focus();
      });
      tablist.append(button);
      views[tab] = { tab: button, panel };
    }
    const select_ = (/** @type {Tab} */ tab) => {
      this.tab = tab;
      this.renderStale();
      for (const [name, view] of Object.entries(views)) {
        const selected = name === tab;
        view.tab.setAttribute("aria-selected", String(selected));
        view.tab.tabIndex = selected ? 0 : -1;
        view.panel.hidden = !selected;
      }
      this.writeState();
    };

    this.table = html("table", { class: "ys-table" });
    this.figure = html("figure", { class: "ys-figure" });
    this.moreButton = html("button", { type: "button", class: "ys-button", hidden: "" });
    this.moreButton.addEventListener("click", () => {
      this.showAll = true;
      this.update();
    });
    views.table.panel.append(this.table);
    views.chart.panel.append(this.figure);
    this.mapPanel = views.map?.panel;
    this.gap = html("section", { class: "ys-gap", "aria-labelledby": `${id}-gap` });

    const panels = tabs.map(([name]) => views[name].panel);
    this.body.replaceChildren(toolbar, controls, tablist, ...panels, this.moreButton, this.gap);
    for (const [name, view] of Object.entries(views)) {
      const selected = name === this.tab;
      view.tab.setAttribute("aria-selected", String(selected));
      view.tab.tabIndex = selected ? 0 : -1;
      view.panel.hidden = !selected;
    }
  }

  /**
   * A slider moved: re-rank on the fast path at once, redraw at the next frame (a slider
   * fires `input` faster than a large table redraws), announce the focus unit's rank.
   */
  reweight() {
    try {
      this.run();
    } catch (error) {
      this.live.textContent = error instanceof Error ? error.message : String(error);
      return;
    }
    if (!this.frame) {
      this.frame = requestAnimationFrame(() => {
        this.frame = 0;
        this.update();
      });
    }
    this.announce();
  }

  /** Announces the focus unit's rank in the live region, once the slider rests. */
  announce() {
    clearTimeout(this.announceTimer);
    this.announceTimer = setTimeout(() => {
      const u = this.units.findIndex((unit) => unit.code === this.focusCode);
      const rank = this.rank(this.rootIndex, u);
      const unit = this.name(this.units[u]);
      const count = this.units.filter((_, v) => !Number.isNaN(this.rank(this.rootIndex, v))).length;
      this.live.textContent = Number.isNaN(rank)
        ? this.t("announceNone", { unit })
        : this.t("announce", { unit, rank, count });
    }, 300);
  }

  /**
   * Units in display order: ranked units by the sort key (missing values last), then
   * reference rows. Numeric keys are read once into a typed array, so that sorting thousands
   * of units on every slider move stays well inside a frame.
   */
  order() {
    const { key, descending } = this.sort;
    const count = this.units.length;
    const ranked = /** @type {number[]} */ ([]);
    const references = /** @type {number[]} */ ([]);
    for (let u = 0; u < count; u++) {
      (this.units[u].kind === "aggregate" ? references : ranked).push(u);
    }
    if (key === "rank") {
      return [...this.byRank(ranked, descending), ...references];
    }
    if (key === "name") {
      const collator = new Intl.Collator(this.lang_);
      const names = this.units.map((unit) => this.name(unit));
      const sign = descending ? -1 : 1;
      ranked.sort((a, b) => sign * collator.compare(names[a], names[b]));
    } else {
      const node = this.nodes.findIndex((n) => n.code === key);
      const source = this.scores;
      const offset = (node < 0 ? this.rootIndex : node) * count;
      const sign = descending ? -1 : 1;
      const keys = new Float64Array(count);
      for (let u = 0; u < count; u++) {
        const x = source[offset + u];
        keys[u] = Number.isNaN(x) ? Infinity : sign * x;
      }
      // Equal keys (ties, two missing values) keep data order: the sort is stable.
      ranked.sort((a, b) => keys[a] - keys[b] || 0);
    }
    return [...ranked, ...references];
  }

  /**
   * `units` by their index rank in linear time, the default order on every re-rank. Ranks lie
   * in 1..n, and distinct ranks never share an integer part under any tie policy (averaged
   * ties sit between the places they share), so a stable counting sort on the integer part
   * orders them; units without a rank come last, ties keep data order.
   * @param {number[]} units
   * @param {boolean} descending
   */
  byRank(units, descending) {
    const count = this.units.length;
    const offset = this.rootIndex * count;
    const missing = count + 1;
    const bucket = new Int32Array(units.length);
    const starts = new Int32Array(missing + 2);
    units.forEach((u, i) => {
      const rank = this.ranks[offset + u];
      const place = Math.min(count, Math.max(1, Math.floor(rank)));
      bucket[i] = Number.isNaN(rank) ? missing : descending ? missing - place : place;
      starts[bucket[i] + 1]++;
    });
    for (let b = 1; b < starts.length; b++) starts[b] += starts[b - 1];
    const sorted = new Array(units.length);
    units.forEach((u, i) => {
      sorted[starts[bucket[i]]++] = u;
    });
    return sorted;
  }

  /** Columns of the table: rank, unit, index score, then each pillar's score. */
  columns() {
    const root = this.rootIndex;
    return [
      { key: "rank", label: this.t("rank"), numeric: true },
      { key: "name", label: this.t("unit"), numeric: false },
      { key: this.nodes[root].code, label: this.t("score"), numeric: true },
      ...this.pillars.map((i) => ({ key: this.nodes[i].code, label: this.name(this.nodes[i]), numeric: true })),
    ];
  }

  /**
   * Refreshes the gaps and the visible view from the score and rank buffers; the hidden view
   * is redrawn when it is shown or downloaded (a large table or chart takes a while).
   */
  update() {
    if (!this.gap) return;
    this.stale = { table: true, chart: true };
    this.renderStale();
    this.renderGaps(this.gap);
    this.writeState();
  }

  /** Redraws the current tab's view if the buffers changed since it was drawn. */
  renderStale(tab = this.tab) {
    // `update` marks the table and chart stale by replacing the record: the map is stale then too.
    if (this.stale[tab] === false) return;
    this.stale[tab] = false;
    if (tab === "table" && this.table) this.renderTable(this.table);
    if (tab === "chart" && this.figure) this.renderChart(this.figure);
    if (tab === "map" && this.mapPanel) this.renderMap(this.mapPanel);
  }

  /**
   * Draws the ranking table. Its head and rows are built once and then reused: a slider move
   * only rewrites the cells whose text changed, which keeps a re-rank of thousands of units
   * inside one frame.
   * @param {HTMLTableElement} table
   */
  renderTable(table) {
    const columns = this.columns();
    const head = `${this.lang_}|${this.sort.key}|${this.sort.descending}|${columns.map((c) => c.label).join("|")}`;
    if (table.dataset.head !== head || !table.tHead || !table.caption || !table.tBodies[0]) {
      table.replaceChildren(html("caption"), this.tableHead(table, columns), html("tbody"));
      table.dataset.head = head;
    }
    setText(/** @type {HTMLElement} */ (table.caption), this.caption());
    const body = table.tBodies[0];
    const order = this.order();
    const shown = this.showAll ? order : this.shortList(order, (u) => this.units[u]);
    const root = this.rootIndex;
    const nodes = [root, ...columns.slice(3).map((c) => this.nodes.findIndex((n) => n.code === c.key))];
    while (body.rows.length > shown.length) body.rows[body.rows.length - 1].remove();
    while (body.rows.length < shown.length) {
      const row = body.insertRow();
      row.append(html("td", { class: "ys-number" }), html("th", { scope: "row" }));
      for (let k = 0; k < nodes.length; k++) row.append(html("td", { class: "ys-number" }));
    }
    shown.forEach((u, r) => this.fillRow(body.rows[r], u, root, nodes));
    // Automatic table layout measures every cell of every row: slow for thousands of rows.
    table.classList.toggle("ys-long", shown.length > LONG_TABLE);
    this.moreButton.hidden = shown.length === order.length;
    setText(this.moreButton, this.t("showAll", { count: order.length }));
  }

  /**
   * The table's head: a sort button per column, `aria-sort` on the sorted one.
   * @param {HTMLTableElement} table
   * @param {ReturnType<YardstickWidget["columns"]>} columns
   */
  tableHead(table, columns) {
    const head = html("thead");
    const headRow = head.insertRow();
    for (const column of columns) {
      const th = html("th", { scope: "col" });
      if (column.numeric) th.className = "ys-number";
      if (this.sort.key === column.key) {
        th.setAttribute("aria-sort", this.sort.descending ? "descending" : "ascending");
      }
      const button = html("button", { type: "button", class: "ys-sort", "data-key": column.key }, column.label);
      button.addEventListener("click", () => {
        const same = this.sort.key === column.key;
        // Scores read best first; ranks and names from the top.
        const firstDescending = column.numeric && column.key !== "rank";
        this.sort = { key: column.key, descending: same ? !this.sort.descending : firstDescending };
        this.renderTable(table);
        /** @type {HTMLButtonElement | null} */ (table.querySelector(`button[data-key="${CSS.escape(column.key)}"]`))?.focus();
      });
      th.append(button);
      headRow.append(th);
    }
    return head;
  }

  /**
   * Writes unit `u` into a table row: rank, name, the index score, then the pillars' scores.
   * @param {HTMLTableRowElement} row
   * @param {number} u
   * @param {number} root the index's node
   * @param {number[]} nodes the nodes of the score columns
   */
  fillRow(row, u, root, nodes) {
    const unit = this.units[u];
    const cells = row.cells;
    row.classList.toggle("ys-focus", unit.code === this.focusCode);
    row.classList.toggle("ys-aggregate", unit.kind === "aggregate");
    const rank = this.rank(root, u);
    setText(cells[0], Number.isNaN(rank) ? "–" : String(rank));
    const name = cells[1];
    const key = `${this.lang_}:${unit.code}`;
    if (name.dataset.key !== key) {
      name.dataset.key = key;
      name.textContent = this.name(unit);
      if (unit.kind === "aggregate") {
        name.append(html("span", { class: "ys-note" }, ` (${this.t("notRanked")})`));
      }
    }
    nodes.forEach((node, k) => setText(cells[k + 2], this.number(this.score(node, u))));
  }

  /** The bar chart's rows: every unit by index score, best first, reference rows styled apart. */
  chartRows() {
    const root = this.rootIndex;
    const count = this.units.length;
    const scores = this.scores.subarray(root * count, (root + 1) * count);
    const order = [];
    for (let u = 0; u < count; u++) if (!Number.isNaN(scores[u])) order.push(u);
    order.sort((a, b) => scores[b] - scores[a]);
    // Objects only for the rows drawn: a long ranking draws its short list.
    const shown = this.showAll ? order : this.shortList(order, (u) => this.units[u]);
    return shown.map((u) => ({
      label: this.name(this.units[u]),
      value: scores[u],
      rank: this.rank(root, u),
      focus: this.units[u].code === this.focusCode,
      aggregate: this.units[u].kind === "aggregate",
    }));
  }


  /**
   * The first rows of a long list, with the focus unit's row and the reference rows: drawing
   * thousands of rows takes the browser a second, so the rest waits for "Show all".
   * @template T
   * @param {T[]} list
   * @param {(item: T) => { code?: string, focus?: boolean, kind?: string, aggregate?: boolean }} describe
   * @returns {T[]}
   */
  shortList(list, describe) {
    if (list.length <= SHORT_LIST + 20) return list;
    const kept = list.slice(0, SHORT_LIST);
    const focus = this.focusCode;
    for (let i = SHORT_LIST; i < list.length; i++) {
      const d = describe(list[i]);
      if (d.focus || d.code === focus || d.kind === "aggregate" || d.aggregate) kept.push(list[i]);
    }
    return kept;
  }

  /** @param {HTMLElement} figure */
  renderChart(figure) {
    const rows = this.chartRows();
    const width = 640;
    const labelWidth = 180;
    const rowHeight = 24;
    const height = rows.length * rowHeight + 8;
    const low = Math.min(0, ...rows.map((row) => row.value));
    const high = Math.max(0, ...rows.map((row) => row.value)) || 1;
    const scale = (/** @type {number} */ x) => labelWidth + ((x - low) / (high - low)) * (width - labelWidth - 60);
    const title = this.t("chartTitle", { index: this.caption() });
    const chart = svg("svg", {
      xmlns: SVG_NS,
      viewBox: `0 0 ${width} ${height}`,
      class: "ys-chart",
      role: "img",
      "aria-label": title,
    });
    chart.append(svg("title", {}, title));
    rows.forEach((row, i) => {
      const y = 4 + i * rowHeight;
      const group = svg("g", {
        class: row.focus ? "ys-bar ys-bar-focus" : row.aggregate ? "ys-bar ys-bar-aggregate" : "ys-bar",
      });
      const x0 = scale(Math.min(0, row.value));
      group.append(
        svg("text", { x: labelWidth - 8, y: y + 16, "text-anchor": "end", fill: "#1b1f24", "font-size": 13 }, row.label),
        svg("rect", {
          x: x0,
          y: y + 3,
          width: Math.max(1, Math.abs(scale(row.value) - scale(0))),
          height: rowHeight - 6,
          fill: row.focus ? "#b35900" : row.aggregate ? "#6e7781" : "#0969da",
        }),
        svg("text", { x: scale(Math.max(0, row.value)) + 6, y: y + 16, fill: "#1b1f24", "font-size": 13 }, this.number(row.value)),
      );
      chart.append(group);
    });
    figure.replaceChildren(chart, html("figcaption", {}, title));
    this.chart = chart;
    this.chartModel = { rows, width, height, labelWidth, scale };
  }

  /** The comparisons of the gap view: leader, benchmark mean, the national average row. */
  comparisons() {
    /** @type {{ label: string, comparison: Comparison }[]} */
    const list = [{ label: this.t("gapLeader"), comparison: { kind: "leader" } }];
    const benchmark = this.benchmark.filter((code) => code !== this.focusCode);
    if (benchmark.length) {
      list.push({ label: this.t("gapBenchmark"), comparison: { kind: "group", units: benchmark } });
    }
    const national = this.units.find((unit) => unit.kind === "aggregate");
    if (national) {
      list.push({
        label: this.t("gapNational", { name: this.name(national) }),
        comparison: { kind: "unit", unit: national.code },
      });
    }
    return list;
  }

  /** @param {Comparison} comparison @param {string} node */
  gapOf(comparison, node) {
    try {
      return this.plan?.gap(this.focusCode, comparison, node).gap ?? NaN;
    } catch {
      // The core refuses some comparisons (a unit with itself, no ranked leader): no gap.
      return NaN;
    }
  }

  /**
   * The gap view: gaps to each comparison on the index and the pillars, what explains the
   * gap, and catch-up. Its elements are built when the focus, comparisons or language change
   * and otherwise only their text is rewritten, so that a slider move stays within a frame.
   * @param {HTMLElement} section
   */
  renderGaps(section) {
    const focus = this.units.find((unit) => unit.code === this.focusCode);
    if (!focus) return;
    const comparisons = this.comparisons();
    const nodes = [this.rootIndex, ...this.pillars];
    const shape = [this.lang_, this.focusCode, ...comparisons.map((c) => c.label), ...nodes].join("|");
    if (section.dataset.shape !== shape || !this.gapBody) {
      section.dataset.shape = shape;
      const heading = html("h2", { id: `${this.id_}-gap` }, this.t("gapTitle", { unit: this.name(focus) }));
      const table = html("table", { class: "ys-table" });
      table.append(html("caption", {}, this.t("gapNote")));
      const headRow = table.createTHead().insertRow();
      headRow.append(html("th", { scope: "col" }, this.t("gapNode")));
      for (const { label } of comparisons) headRow.append(html("th", { scope: "col", class: "ys-number" }, label));
      this.gapBody = table.createTBody();
      for (const i of nodes) {
        const row = this.gapBody.insertRow();
        row.append(html("th", { scope: "row" }, this.name(this.nodes[i])));
        for (let k = 0; k < comparisons.length; k++) row.append(html("td", { class: "ys-number" }));
      }
      const scroll = html("div", { class: "ys-scroll", tabindex: "0", role: "region", "aria-labelledby": heading.id });
      scroll.append(table);
      this.explainedBox.replaceChildren();
      section.replaceChildren(heading, scroll, this.explainedBox, this.catchUpBox);
    }
    const rows = this.gapBody.rows;
    nodes.forEach((i, r) => {
      comparisons.forEach(({ comparison }, k) => {
        setText(rows[r].cells[k + 1], this.number(this.gapOf(comparison, this.nodes[i].code)));
      });
    });
    this.renderContributions(comparisons);
    this.scheduleCatchUp();
  }

  /**
   * What explains the gap to the benchmark group (or, without one, to the leader): each
   * pillar's and the leading indicators' contributions to the index gap (`plan.gapTable`),
   * largest first, with a diverging bar each. The table is the accessible view; the bars are
   * decoration.
   * @param {ReturnType<YardstickWidget["comparisons"]>} comparisons
   */
  renderContributions(comparisons) {
    const box = this.explainedBox;
    const main = comparisons.find((c) => c.comparison.kind === "group") ?? comparisons[0];
    /** @type {import("./pkg/yardstick.js").GapTable | null} */
    let table = null;
    try {
      if (this.plan && this.pillars.length > 1 && main) table = this.plan.gapTable(this.focusCode, main.comparison);
    } catch {
      // The core refuses some comparisons (a unit with itself, no ranked leader).
    }
    const pillarCodes = new Set(this.pillars.map((i) => this.nodes[i].code));
    const known = (/** @type {import("./pkg/yardstick.js").NodeGap} */ row) =>
      row.contributionToIndex !== null && Number.isFinite(row.contributionToIndex);
    const byContribution = (/** @type {import("./pkg/yardstick.js").NodeGap} */ a, /** @type {import("./pkg/yardstick.js").NodeGap} */ b) =>
      Math.abs(b.contributionToIndex ?? 0) - Math.abs(a.contributionToIndex ?? 0);
    const all = table?.rows ?? [];
    const pillars = all.filter((row) => pillarCodes.has(row.code) && known(row)).sort(byContribution);
    const indicators = all
      .filter((row) => row.level === 1 && !pillarCodes.has(row.code) && known(row))
      .sort(byContribution)
      .slice(0, LEADING_INDICATORS);
    if (!main || !pillars.length) {
      box.replaceChildren();
      return;
    }
    const title = this.t("contribTitle", { comparison: main.label });
    if (box.dataset.title !== title || !box.firstChild) {
      box.dataset.title = title;
      const result = html("table", { class: "ys-table ys-contributions" });
      result.append(html("caption", {}, title));
      const headRow = result.createTHead().insertRow();
      headRow.append(
        html("th", { scope: "col" }, this.t("gapNode")),
        html("th", { scope: "col", class: "ys-number" }, this.t("contribGap")),
        html("th", { scope: "col", class: "ys-number" }, this.t("contribShare")),
        html("td", { "aria-hidden": "true", class: "ys-bar-cell" }),
      );
      result.createTBody();
      const leading = result.createTBody();
      leading.insertRow().append(html("th", { scope: "rowgroup", colspan: "4", class: "ys-subhead" }, this.t("contribIndicators")));
      const scroll = html("div", { class: "ys-scroll", tabindex: "0", role: "region", "aria-label": title });
      scroll.append(result);
      box.replaceChildren(scroll, html("p", { class: "ys-note" }, this.t("contribNote")));
    }
    const result = /** @type {HTMLTableElement} */ (box.querySelector("table"));
    const extent = Math.max(1e-12, ...[...pillars, ...indicators].map((row) => Math.abs(row.contributionToIndex ?? 0)));
    const names = new Map(this.nodes.map((node) => [node.code, this.name(node)]));
    const fill = (/** @type {HTMLTableSectionElement} */ body, /** @type {typeof pillars} */ list, first = 0) => {
      while (body.rows.length > first + list.length) body.rows[body.rows.length - 1].remove();
      while (body.rows.length < first + list.length) {
        const row = body.insertRow();
        const bar = html("td", { "aria-hidden": "true", class: "ys-bar-cell" });
        bar.append(divergingBar());
        row.append(html("th", { scope: "row" }), html("td", { class: "ys-number" }), html("td", { class: "ys-number" }), bar);
      }
      list.forEach((item, k) => {
        const cells = body.rows[first + k].cells;
        const contribution = item.contributionToIndex ?? NaN;
        setText(cells[0], names.get(item.code) ?? item.code);
        setText(cells[1], this.number(item.gap ?? NaN));
        setText(cells[2], this.number(contribution));
        setBar(/** @type {SVGElement} */ (cells[3].firstChild), contribution / extent);
      });
    };
    fill(result.tBodies[0], pillars);
    fill(result.tBodies[1], indicators, 1);
    result.tBodies[1].hidden = !indicators.length;
  }

  /**
   * Catch-up changes with every weight but runs the plan once per year: it is computed when
   * the sliders rest, so that a re-rank stays within a frame.
   */
  scheduleCatchUp() {
    clearTimeout(this.catchUpTimer);
    this.catchUpTimer = setTimeout(() => this.renderCatchUp(), CATCH_UP_DELAY);
  }

  /**
   * Years for the focus unit to catch up with each comparison at the index growth both
   * showed over the data's years (`plan.catchUp`, compound annual growth), and the growth it
   * needs to catch up by the target year (`target-year`, default five years after the last).
   */
  renderCatchUp() {
    const box = this.catchUpBox;
    const years = /** @type {number[]} */ (this.years.filter((year) => year != null));
    if (!this.plan || years.length < 2) {
      box.replaceChildren();
      return;
    }
    const attribute = Number(this.getAttribute("target-year"));
    const last = Math.max(...years);
    const deadline = Number.isInteger(attribute) && attribute > last ? attribute : last + TARGET_YEARS_AHEAD;
    /** @type {[number, number] | undefined} */
    let window;
    const rows = this.comparisons().map(({ label, comparison }) => {
      try {
        const result = this.plan?.catchUp(this.focusCode, comparison, { deadline }) ?? null;
        window ??= result?.window;
        return { label, result };
      } catch {
        // No growth rate (a score of zero, a year without a value) or no such comparison.
        return { label, result: null };
      }
    });
    if (!window) {
      box.replaceChildren();
      return;
    }
    const table = html("table", { class: "ys-table" });
    table.append(html("caption", {}, this.t("catchTitle", { start: window[0], end: window[1] })));
    const headRow = table.createTHead().insertRow();
    for (const [key, numeric] of /** @type {const} */ ([
      ["catchComparison", false],
      ["catchFocusGrowth", true],
      ["catchOtherGrowth", true],
      ["catchYears", true],
    ])) {
      headRow.append(html("th", { scope: "col", class: numeric ? "ys-number" : "" }, this.t(key)));
    }
    headRow.append(html("th", { scope: "col", class: "ys-number" }, this.t("catchNeeded", { year: deadline })));
    const body = table.createTBody();
    for (const { label, result } of rows) {
      const row = body.insertRow();
      row.append(html("th", { scope: "row" }, label));
      const cells = result
        ? [
            this.percent(result.focusGrowth),
            this.percent(result.comparisonGrowth),
            result.years === 0
              ? this.t("catchAhead")
              : result.years === null || result.yearReached === null
                ? this.t("catchNever")
                : this.t("catchIn", { years: this.number(result.years), year: Math.ceil(result.yearReached) }),
            result.years === 0 || !result.needed ? "–" : this.percent(result.needed.cagr),
          ]
        : ["–", "–", "–", "–"];
      for (const text of cells) row.append(html("td", { class: "ys-number" }, text));
    }
    const scroll = html("div", { class: "ys-scroll", tabindex: "0", role: "region", "aria-label": this.t("catchTitle", { start: window[0], end: window[1] }) });
    scroll.append(table);
    box.replaceChildren(scroll, html("p", { class: "ys-note" }, this.t("catchNote")));
  }

  /** The table as CSV, in display order; a BOM so that spreadsheet programs read it as UTF-8. */
  csv() {
    const root = this.rootIndex;
    const columns = this.columns();
    const lines = [["code", ...columns.map((c) => c.label)].map(csvField).join(",")];
    for (const u of this.order()) {
      const unit = this.units[u];
      const rank = this.rank(root, u);
      const cells = [unit.code, Number.isNaN(rank) ? "" : String(rank), this.name(unit)];
      for (const column of columns.slice(2)) {
        const node = this.nodes.findIndex((n) => n.code === column.key);
        const value = this.score(node, u);
        cells.push(Number.isNaN(value) ? "" : String(value));
      }
      lines.push(cells.map(csvField).join(","));
    }
    return `\uFEFF${lines.join("\r\n")}\r\n`;
  }

  downloadCsv() {
    download(new Blob([this.csv()], { type: "text/csv;charset=utf-8" }), "yardstick.csv");
  }

  downloadSvg() {
    this.renderStale("chart");
    if (!this.chart) return;
    const text = new XMLSerializer().serializeToString(this.chart);
    download(new Blob([text], { type: "image/svg+xml" }), "yardstick.svg");
  }

  /**
   * The chart drawn again on a canvas: loading the SVG as an image would need a blob: image
   * source, which a strict `img-src` forbids; canvas drawing needs no permission.
   */
  downloadPng() {
    this.renderStale("chart");
    const model = this.chartModel;
    if (!model) return;
    const ratio = 2;
    const canvas = html("canvas");
    canvas.width = model.width * ratio;
    canvas.height = model.height * ratio;
    const context = canvas.getContext("2d");
    if (!context) return;
    context.scale(ratio, ratio);
    context.fillStyle = "#ffffff";
    context.fillRect(0, 0, model.width, model.height);
    context.font = "13px system-ui, sans-serif";
    model.rows.forEach((row, i) => {
      const y = 4 + i * 24;
      const x0 = model.scale(Math.min(0, row.value));
      context.fillStyle = row.focus ? "#b35900" : row.aggregate ? "#6e7781" : "#0969da";
      context.fillRect(x0, y + 3, Math.max(1, Math.abs(model.scale(row.value) - model.scale(0))), 18);
      context.fillStyle = "#1b1f24";
      context.textAlign = "end";
      context.fillText(row.label, model.labelWidth - 8, y + 16);
      context.textAlign = "start";
      context.fillText(this.number(row.value), model.scale(Math.max(0, row.value)) + 6, y + 16);
    });
    canvas.toBlob((blob) => blob && download(blob, "yardstick.png"), "image/png");
  }

  /**
   * Draws the map tab. Its module and the portal's GeoJSON load the first time the tab is
   * shown, so that a page without a map, or whose reader never opens it, downloads nothing more.
   * @param {HTMLElement} panel
   */
  async renderMap(panel) {
    const source = { url: this.getAttribute("geojson") ?? "", key: this.getAttribute("geojson-key") || "code" };
    if (!panel.firstChild) panel.append(html("p", { class: "ys-status" }, this.t("loading")));
    try {
      const map = await import("./yardstick-map.js");
      await map.show(panel, source, this.mapView());
    } catch (error) {
      panel.replaceChildren(html("p", { class: "ys-error", role: "alert" }, this.t("mapError", { message: String(error) })));
    }
  }

  /** @returns {import("./yardstick-map.js").MapView} */
  mapView() {
    const root = this.rootIndex;
    return {
      lang: this.lang_,
      title: this.t("mapTitle", { index: `${this.name(this.nodes[root])} ${this.plan?.year ?? ""}`.trim() }),
      units: this.units.map((unit, u) => ({
        code: unit.code,
        name: this.name(unit),
        score: this.score(root, u),
        rank: this.rank(root, u),
        focus: unit.code === this.focusCode,
        reference: unit.kind === "aggregate",
      })),
      number: (value) => this.number(value),
      t: (key, params) => this.t(key, params),
    };
  }
}
