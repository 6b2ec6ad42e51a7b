// @ts-check
/**
 * The targets view: progress toward targets as the compiled document records it (its
 * `progress` section, computed natively from the raw data by `yardstick export --widget
 * --targets`). Nothing is computed here: classes, rates and years come from the document.
 * Each status is a symbol and a word, never a colour alone.
 */
import { html } from "./dom.js";

/** @typedef {import("../yardstick-widget.js").YardstickWidget} YardstickWidget */
/** @typedef {import("../messages.js").MessageKey} MessageKey */
/** @typedef {import("../types/documents").DocumentProgress} DocumentProgress */
/** @typedef {import("../types/documents").DocumentAssessment} DocumentAssessment */
/** @typedef {import("../types/documents").Reach} Reach */

/**
 * Each class's symbol, its light (`good`, `fair`, `poor`, `none`: the colour of the symbol,
 * which the word beside it repeats) and its word.
 * @type {Record<string, [string, string, MessageKey]>}
 */
const CLASSES = {
  achieved: ["✓", "good", "classAchieved"],
  significant_progress: ["▲", "good", "classSignificantProgress"],
  moderate_progress: ["◆", "fair", "classModerateProgress"],
  insufficient_progress: ["▼", "poor", "classInsufficientProgress"],
  moving_away: ["✕", "poor", "classMovingAway"],
  moderate_movement_away: ["▼", "fair", "classModerateMovementAway"],
  significant_movement_away: ["✕", "poor", "classSignificantMovementAway"],
  insufficient_data: ["?", "none", "classInsufficientData"],
  not_assessable: ["–", "none", "classNotAssessable"],
};

/** SDSN's arrows and their words. @type {Record<string, [string, MessageKey]>} */
const TRENDS = {
  on_track: ["↑", "trendOnTrack"],
  moderately_improving: ["↗", "trendModeratelyImproving"],
  stagnating: ["→", "trendStagnating"],
  decreasing: ["↓", "trendDecreasing"],
};

/**
 * The document's progress section, if it has one with at least one target.
 * @param {unknown} document_
 * @returns {DocumentProgress | null}
 */
export function progressOf(document_) {
  const progress = /** @type {{ progress?: DocumentProgress } | null} */ (document_)?.progress;
  // The kernel reads over the section, so its shape is checked here: a section that is not
  // the format's is not shown rather than half shown.
  const year = (/** @type {unknown} */ y) => Number.isInteger(y);
  const pair = (/** @type {unknown} */ w) => Array.isArray(w) && w.length === 2 && w.every(year);
  const valid =
    progress &&
    pair(progress.window) &&
    Array.isArray(progress.rows) &&
    progress.rows.every(
      (row) =>
        typeof row?.unit === "string" &&
        typeof row.node === "string" &&
        typeof row.assessment?.class === "string" &&
        pair(row.assessment.window),
    );
  if (!valid) return null;
  return progress.rows.some((row) => row.assessment.target != null) ? progress : null;
}

/**
 * A cell with a symbol (hidden from screen readers: the word says it) and a word.
 * @param {string} symbol @param {string} word @param {string} className
 */
function statusCell(symbol, word, className) {
  const cell = html("td", { class: className });
  cell.append(html("span", { class: "ys-symbol", "aria-hidden": "true" }, symbol), " ", html("span", {}, word));
  return cell;
}

/**
 * @param {YardstickWidget} view
 * @param {DocumentAssessment} row
 */
function classCell(view, row) {
  const code = row.assessment.class;
  const [symbol, light, key] = CLASSES[code] ?? ["–", "none", "classNotAssessable"];
  const reason = row.assessment.reason;
  let word = view.t(key);
  if (reason) {
    const year = "year" in reason ? reason.year : undefined;
    word = `${word} (${view.t(/** @type {MessageKey} */ (`reason_${reason.code}`), { year: year ?? "" })})`;
  }
  return statusCell(symbol, word, `ys-status ys-light-${light}`);
}

/**
 * @param {YardstickWidget} view
 * @param {DocumentAssessment} row
 */
function trendCell(view, row) {
  const trend = row.assessment.trend;
  if (!trend || !TRENDS[trend]) return html("td", {}, "–");
  const [arrow, key] = TRENDS[trend];
  return statusCell(arrow, view.t(key), "ys-status");
}

/**
 * When the target is reached at the current pace.
 * @param {YardstickWidget} view
 * @param {Reach | null | undefined} reach
 */
function reachText(view, reach) {
  if (reach == null) return "–";
  if (reach === "achieved") return view.t("reachAchieved");
  if (reach === "never") return view.t("reachNever");
  return String(Math.ceil(reach.year));
}

/**
 * A raw value as the reader's language writes it, up to four significant decimals.
 * @param {YardstickWidget} view
 * @param {number | null | undefined} value
 */
function raw(view, value) {
  if (value == null || !Number.isFinite(value)) return "–";
  return new Intl.NumberFormat(view.lang_, { maximumFractionDigits: Math.abs(value) < 10 ? 2 : 0 }).format(value);
}

/**
 * Draws the targets view into `panel`: every unit's targets (the focus unit's first), then
 * the focus unit's indicators without a target.
 * @param {YardstickWidget} view
 * @param {HTMLElement} panel
 */
export function renderTargets(view, panel) {
  const progress = view.progress;
  if (!progress) return;
  const nodeOf = new Map(view.nodes.map((node) => [node.code, node]));
  const unitOf = new Map(view.units.map((unit) => [unit.code, unit]));
  const nodeName = (/** @type {string} */ code) => {
    const node = nodeOf.get(code);
    return node ? view.name(node) : code;
  };
  const unitName = (/** @type {string} */ code) => {
    const unit = unitOf.get(code);
    return unit ? view.name(unit) : code;
  };
  // The schema's pair of years reads as `unknown[]` in the generated types.
  const [start, end] = /** @type {[number, number]} */ (progress.window);
  const withTarget = progress.rows.filter((row) => row.assessment.target != null);
  const focus = view.focusCode;
  const ordered = [...withTarget.filter((row) => row.unit === focus), ...withTarget.filter((row) => row.unit !== focus)];

  const table = html("table", { class: "ys-table ys-targets" });
  table.append(html("caption", {}, view.t("targetsCaption")));
  const head = table.createTHead().insertRow();
  for (const [key, numeric] of /** @type {[MessageKey, boolean][]} */ ([
    ["unit", false],
    ["targetsIndicator", false],
    ["targetsTarget", true],
    ["targetsLatest", true],
    ["targetsGrowth", true],
    ["targetsNeeded", true],
    ["targetsStatus", false],
    ["targetsTrend", false],
    ["targetsReached", true],
  ])) {
    head.append(html("th", { scope: "col", class: numeric ? "ys-number" : "" }, view.t(key)));
  }
  const body = table.createTBody();
  for (const row of ordered) {
    const a = row.assessment;
    const tr = body.insertRow();
    if (row.unit === focus) tr.className = "ys-focus";
    tr.append(
      html("th", { scope: "row" }, unitName(row.unit)),
      html("td", {}, nodeName(row.node)),
      html("td", { class: "ys-number" }, view.t("targetsBy", { value: raw(view, a.target), year: a.target_year ?? "" })),
      html("td", { class: "ys-number" }, view.t("targetsIn", { value: raw(view, a.end), year: end })),
      html("td", { class: "ys-number" }, a.actual_cagr == null ? "–" : view.percent(a.actual_cagr)),
      // A target already met needs no growth: its required rate (negative) would only puzzle.
      html("td", { class: "ys-number" }, a.required_cagr == null || a.class === "achieved" ? "–" : view.percent(a.required_cagr)),
      classCell(view, row),
      trendCell(view, row),
      html("td", { class: "ys-number" }, reachText(view, a.reach_cagr)),
    );
  }

  const note = html("p", { class: "ys-note" }, view.t("targetsNote", { start, end }));

  const own = progress.rows.filter((row) => row.unit === focus && row.assessment.target == null);
  const parts = [table, note];
  if (own.length) {
    const trends = html("table", { class: "ys-table ys-targets" });
    trends.append(html("caption", {}, view.t("trendsCaption", { unit: unitName(focus), start, end })));
    const trendHead = trends.createTHead().insertRow();
    for (const [key, numeric] of /** @type {[MessageKey, boolean][]} */ ([
      ["targetsIndicator", false],
      ["targetsStart", true],
      ["targetsLatest", true],
      ["targetsGrowth", true],
      ["targetsStatus", false],
    ])) {
      trendHead.append(html("th", { scope: "col", class: numeric ? "ys-number" : "" }, view.t(key)));
    }
    const trendBody = trends.createTBody();
    for (const row of own) {
      const a = row.assessment;
      const [first, last] = /** @type {[number, number]} */ (a.window);
      const tr = trendBody.insertRow();
      tr.append(
        html("th", { scope: "row" }, nodeName(row.node)),
        html("td", { class: "ys-number" }, view.t("targetsIn", { value: raw(view, a.start), year: first })),
        html("td", { class: "ys-number" }, view.t("targetsIn", { value: raw(view, a.end), year: last })),
        html("td", { class: "ys-number" }, a.actual_cagr == null ? "–" : view.percent(a.actual_cagr)),
        classCell(view, row),
      );
    }
    parts.push(trends, html("p", { class: "ys-note" }, view.t("trendsNote")));
  }
  panel.replaceChildren(...parts);
}
