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
 * `code`). Property: `data` (a data document as an object). Content the page puts inside the
 * element (the static table of `yardstick export --html`) stays until the widget has drawn its
 * own view; if the widget cannot start, it stays under a short notice. Events:
 * `yardstick-change` (detail: focus, year, weights, tab) and `yardstick-error` (detail: the
 * message shown and, for an error of the engine, its stable `code`). Attribute read at
 * download time: `csv-precision="full"` writes scores in full in the CSV instead of as shown.
 *
 * One data flow: the element (this file) loads the package and the document, and owns the
 * state and the score and rank buffers; `widget/state.js` reads the state from the attributes
 * and the URL and writes it back; `widget/controls.js` builds the controls, whose events
 * change the state and call `update`; `update` reranks into the buffers (`run`) and redraws
 * the views whose drawing is older than the buffers: the table (`widget/table.js`), the chart
 * (`widget/chart.js`), the gaps and catch-up (`widget/gaps.js`), and, when the document
 * records progress toward targets, the targets tab (`widget/targets.js`); `widget/downloads.js` writes
 * what is shown. Each module's functions take the element as `view`; none keeps state of its
 * own. `widget/dom.js` builds elements (text by textContent only), `widget/errors.js` holds
 * the error a reader can read.
 */
/** @typedef {import("./pkg/yardstick.js").Data} Data */
import { language, messages, t } from "./messages.js";
import { download, html } from "./widget/dom.js";
import { ReadableError } from "./widget/errors.js";
import { readState, writeState } from "./widget/state.js";
import { build } from "./widget/controls.js";
import { renderTable } from "./widget/table.js";
import { chartRows, renderChart } from "./widget/chart.js";
import { renderGaps, scheduleCatchUp } from "./widget/gaps.js";
import { progressOf, renderTargets } from "./widget/targets.js";

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
/** @typedef {"table" | "chart" | "map" | "targets"} Tab */
/** @typedef {{ key: string, descending: boolean }} Sort */

/** The widget's stylesheet, beside this module: linked inside the shadow root (`shadow`). */
const STYLESHEET = new URL("./yardstick-widget.css", import.meta.url).href;

/** One-time instantiation of the WebAssembly module, shared by every widget. */
let ready = /** @type {Promise<typeof import("./pkg/yardstick.js")> | null} */ (null);

/**
 * The kernel, instantiated. Imported dynamically (pages preload it), so that a failed
 * request for its script is an error the widget can report, not a module that never runs.
 */
function kernel() {
  ready ??= import("./pkg/yardstick.js").then(async (module) => {
    await module.default();
    return module;
  });
  return ready;
}

/** Characters of a name in the focus list and in announcements (see `shortName`). */
const SHORT_NAME = 40;

/**
 * `text` with its bidirectional formatting characters (U+061C, U+200E, U+200F,
 * U+202A–U+202E, U+2066–U+2069) written as `\u{..}`, as the engine writes them in messages:
 * a name holding U+202E would otherwise show "evil.exe" as "exe.live" and reorder the text
 * around it.
 * @param {string} text
 */
function visibleControls(text) {
  return text.replace(
    /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g,
    (c) => `\\u{${c.codePointAt(0)?.toString(16)}}`,
  );
}

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
    /** Warnings about the data of the current year (implausible values), refreshed with it. */
    this.warnings = html("div", { class: "ys-warnings" });
    /** The year the warnings were written for. @type {number | null | undefined} */
    this.warnedYear = undefined;
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
    /** The targets tab's panel, when the document records progress. @type {HTMLElement | undefined} */
    this.targetsPanel = undefined;
    /** The document's progress toward targets, if it has targets. @type {import("./types/documents").DocumentProgress | null} */
    this.progress = null;
    /** @type {SVGElement | undefined} */
    this.chart = undefined;
    /** @type {{ rows: ReturnType<typeof chartRows>, width: number, height: number, labelWidth: number, scale: (x: number) => number } | undefined} */
    this.chartModel = undefined;
    /** @type {{ tag: string | null, lang: Lang } | undefined} */
    this.langCache = undefined;
    this.root = html("div", { class: "ys-root" });
    this.live = html("p", { class: "ys-live", role: "status", "aria-live": "polite" });
    this.body = html("div", { class: "ys-body" });
    this.root.append(this.body, this.live);
    /**
     * The page's own content inside the element (the static table of `yardstick export
     * --html`): shown until the widget has drawn its own, and kept if it cannot.
     * @type {Node[]}
     */
    this.fallback = [];
    /** Whether the widget has drawn its own view once (the fallback is gone then). */
    this.rendered = false;
    /** In a shadow root, shows the fallback until then. */
    this.fallbackSlot = html("slot");
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
    if (!this.rendered) {
      this.fallback = [...this.childNodes].filter((node) => node !== this.root);
    }
    // With something of the page's own to show, the widget stays hidden until it has drawn
    // its view, or has a notice to give.
    const waiting = !this.rendered && this.fallback.some((node) => node instanceof Element);
    this.root.hidden = waiting;
    if (this.hasAttribute("shadow")) {
      // The page's styles stop at a shadow root: the widget's own stylesheet goes inside.
      const shadow = this.shadowRoot ?? this.attachShadow({ mode: "open" });
      const link = html("link", { rel: "stylesheet", href: STYLESHEET });
      shadow.replaceChildren(link, this.root, ...(this.rendered ? [] : [this.fallbackSlot]));
    } else {
      this.prepend(this.root);
    }
    this.reload();
  }

  /** The widget's own view replaces the page's fallback, once. */
  showOwn() {
    this.root.hidden = false;
    if (this.rendered) return;
    this.rendered = true;
    for (const node of this.fallback) node.parentNode?.removeChild(node);
    this.fallback = [];
    this.fallbackSlot.remove();
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
    return visibleControls(local || item.name || item.code);
  }

  /**
   * A name cut to `SHORT_NAME` characters with an ellipsis: for the focus list and the live
   * region, where a hostile 5,000-character name would widen the page or be read out whole.
   * The full name stays in the table and in the option's `title`.
   * @param {{ code: string, name: string, names: Record<string, string> }} item
   */
  shortName(item) {
    const name = this.name(item);
    const chars = Array.from(name);
    return chars.length > SHORT_NAME ? `${chars.slice(0, SHORT_NAME - 1).join("")}…` : name;
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
      const [{ Data }, document_] = await Promise.all([kernel(), this.fetchDocument()]);
      const data = await this.loadData(Data, document_);
      if (generation !== this.generation) {
        data.free();
        return;
      }
      this.free();
      this.loaded = data;
      this.warnedYear = undefined;
      this.progress = progressOf(document_);
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
      readState(this);
      this.run();
      build(this);
      // Shown before drawing (in the same task: nothing is painted between), so that the
      // views are laid out when they measure themselves.
      this.showOwn();
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
   * @param {typeof import("./pkg/yardstick.js").Data} Data the kernel's
   * @param {DataDocument} document_
   * @returns {Promise<Data>}
   */
  async loadData(Data, document_) {
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
    const technical = error instanceof Error ? error.message : String(error);
    const message =
      error instanceof ReadableError
        ? error.message
        : this.t("error", { message: this.describe(error) ?? technical });
    // The engine's English detail, for whoever maintains the page.
    if (!(error instanceof ReadableError)) console.error("yardstick-widget:", technical);
    if (!this.rendered && this.fallback.some((node) => node instanceof Element)) {
      // The page's static table stays, with a word on why it is not interactive; the
      // details are in the console and the event.
      this.body.replaceChildren(html("p", { class: "ys-notice", role: "status" }, this.t("fallbackNotice")));
    } else {
      this.body.replaceChildren(html("p", { class: "ys-error", role: "alert" }, message));
    }
    this.root.hidden = false;
    this.dataset.state = "error";
    // Not "error": a portal's window error monitor listening in the capture phase would log
    // the widget's own event as a script error.
    const code = error instanceof Error && "code" in error ? String(error.code) : undefined;
    this.dispatchEvent(new CustomEvent("yardstick-error", { detail: { message, code, technical } }));
  }

  /**
   * An engine error in the widget's language, from its kind's code and fields and its place
   * (see `YardstickError`); `undefined` for any other error.
   * @param {unknown} error
   * @returns {string | undefined}
   */
  describe(error) {
    const { kind, place } = /** @type {import("./pkg/yardstick.js").YardstickError} */ (error ?? {});
    const key = /** @type {MessageKey} */ (`error_${kind?.code}`);
    if (!kind || !(key in messages.en)) return undefined;
    /** @type {[MessageKey, string | number | null | undefined, string][]} */
    const parts = [
      ["placeRow", place?.line, "line"],
      ["placeColumn", place?.column, "column"],
      ["placeUnit", place?.unit, "unit"],
      ["placeIndicator", place?.indicator, "indicator"],
      ["placeYear", place?.year, "year"],
    ];
    const where = [
      ...(place?.file ? [place.file] : []),
      ...parts.flatMap(([part, value, name]) => (value == null ? [] : [this.t(part, { [name]: value })])),
    ].join(this.t("placeSeparator"));
    /** @type {Record<string, string | number>} */
    const fields = { place: where || this.t("placeInput") };
    for (const [name, value] of Object.entries(kind)) {
      if (typeof value === "string" || typeof value === "number") fields[name] = value;
      else if (value === null) fields[name] = "–";
    }
    return this.t(key, fields);
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

  /**
   * Refreshes the gaps and the visible view from the score and rank buffers; the hidden view
   * is redrawn when it is shown or downloaded (a large table or chart takes a while).
   */
  update() {
    if (!this.gap) return;
    this.renderWarnings();
    this.stale = { table: true, chart: true };
    this.renderStale();
    renderGaps(this, this.gap);
    writeState(this);
  }

  /**
   * Warns of the current year's values whose magnitude is implausible next to their
   * indicator's others (`plan.implausible`): they are kept in the index, so the reader should
   * know. Written again only when the year changes.
   */
  renderWarnings() {
    const year = this.plan?.year;
    if (!this.plan || year === this.warnedYear) return;
    this.warnedYear = year;
    this.warnings.replaceChildren(
      ...this.plan.implausible().map(({ unit, indicator, value }) => {
        const u = this.units.find((item) => item.code === unit);
        const i = this.nodes.find((item) => item.code === indicator);
        return html(
          "p",
          { class: "ys-warning", role: "note" },
          this.t("warningImplausible", {
            unit: u ? this.shortName(u) : unit,
            indicator: i ? this.shortName(i) : indicator,
            value: String(value),
          }),
        );
      }),
    );
  }

  /** Redraws the current tab's view if the buffers changed since it was drawn. */
  renderStale(tab = this.tab) {
    // `update` marks the table and chart stale by replacing the record: the map is stale then too.
    if (this.stale[tab] === false) return;
    this.stale[tab] = false;
    if (tab === "table" && this.table) renderTable(this, this.table);
    if (tab === "chart" && this.figure) renderChart(this, this.figure);
    if (tab === "map" && this.mapPanel) this.renderMap(this.mapPanel);
    if (tab === "targets" && this.targetsPanel) {
      // It shows the document's progress: only the focus and the language change it.
      const shape = `${this.lang_}|${this.focusCode}`;
      if (this.targetsPanel.dataset.shape !== shape) {
        this.targetsPanel.dataset.shape = shape;
        renderTargets(this, this.targetsPanel);
      }
    }
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
