// @ts-check
/** The bar chart of the ranking: rows (a short list of a long ranking), SVG drawing. */
import { SVG_NS, html, svg } from "./dom.js";

/** @typedef {import("../yardstick-widget.js").YardstickWidget} YardstickWidget */

/**
 * Rows shown of a long ranking (with the focus unit and reference rows) until "Show all" is
 * pressed: a slider move redraws them within a frame.
 */
const SHORT_LIST = 50;

/**
 * The bar chart's rows: every unit by index score, best first, reference rows styled apart.
 * @param {YardstickWidget} view
 */
export function chartRows(view) {
  const root = view.rootIndex;
  const count = view.units.length;
  const scores = view.scores.subarray(root * count, (root + 1) * count);
  const order = [];
  for (let u = 0; u < count; u++) if (!Number.isNaN(scores[u])) order.push(u);
  order.sort((a, b) => scores[b] - scores[a]);
  // Objects only for the rows drawn: a long ranking draws its short list.
  const shown = view.showAll ? order : shortList(view, order, (u) => view.units[u]);
  return shown.map((u) => ({
    label: view.name(view.units[u]),
    value: scores[u],
    rank: view.rank(root, u),
    focus: view.units[u].code === view.focusCode,
    aggregate: view.units[u].kind === "aggregate",
  }));
}

/**
 * The first rows of a long list, with the focus unit's row and the reference rows: drawing
 * thousands of rows takes the browser a second, so the rest waits for "Show all".
 * @param {YardstickWidget} view
 * @template T
 * @param {T[]} list
 * @param {(item: T) => { code?: string, focus?: boolean, kind?: string, aggregate?: boolean }} describe
 * @returns {T[]}
 */
export function shortList(view, list, describe) {
  if (list.length <= SHORT_LIST + 20) return list;
  const kept = list.slice(0, SHORT_LIST);
  const focus = view.focusCode;
  for (let i = SHORT_LIST; i < list.length; i++) {
    const d = describe(list[i]);
    if (d.focus || d.code === focus || d.kind === "aggregate" || d.aggregate) kept.push(list[i]);
  }
  return kept;
}

/**
 * @param {HTMLElement} figure
 * @param {YardstickWidget} view
 */
export function renderChart(view, figure) {
  const rows = chartRows(view);
  // One SVG unit per CSS pixel of the figure, so that the labels' 13 units are 13 px on a
  // phone too (a fixed 640-unit drawing shrank them to about 7 px at 375 px); 640 when the
  // figure is not laid out yet (a hidden tab, a download).
  const width = figure.clientWidth > 0 ? Math.round(figure.clientWidth) : 640;
  const labelWidth = Math.min(180, Math.round(width * 0.4));
  const rowHeight = 24;
  const height = rows.length * rowHeight + 8;
  const low = Math.min(0, ...rows.map((row) => row.value));
  const high = Math.max(0, ...rows.map((row) => row.value)) || 1;
  const scale = (/** @type {number} */ x) => labelWidth + ((x - low) / (high - low)) * (width - labelWidth - 60);
  // The chart's own title: the table's caption says "ranking and score" already.
  const index = view.name(view.nodes[view.rootIndex]);
  const year = view.plan?.year;
  const title =
    year == null ? view.t("chartTitleNoYear", { index }) : view.t("chartTitle", { index, year });
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
      svg("text", { x: scale(Math.max(0, row.value)) + 6, y: y + 16, fill: "#1b1f24", "font-size": 13 }, view.number(row.value)),
    );
    chart.append(group);
  });
  figure.replaceChildren(chart, html("figcaption", {}, title));
  view.chart = chart;
  view.chartModel = { rows, width, height, labelWidth, scale };
}
