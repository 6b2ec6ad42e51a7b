// @ts-check
/** Downloads of the current view: the ranking as CSV, the chart as SVG and PNG. */
import { csvField, csvText, download, html, svg } from "./dom.js";
import { rankingColumns, rankingOrder } from "./table.js";

/** @typedef {import("../yardstick-widget.js").YardstickWidget} YardstickWidget */

/** Scores in the CSV as the table shows them: one decimal, a point, no grouping. */
const DISPLAYED = new Intl.NumberFormat("en-US", {
  minimumFractionDigits: 1,
  maximumFractionDigits: 1,
  useGrouping: false,
});

/**
 * The table as CSV, in display order; a BOM so that spreadsheet programs read it as UTF-8.
 * Scores are written as the table shows them (one decimal), or in full with the attribute
 * `csv-precision="full"`; codes, names and labels are text cells safe from formula
 * injection (`csvText`).
 * @param {YardstickWidget} view
 */
export function csv(view) {
  const root = view.rootIndex;
  const columns = rankingColumns(view);
  const full = view.getAttribute("csv-precision") === "full";
  const score = (/** @type {number} */ value) =>
    Number.isNaN(value) ? "" : full ? String(value) : DISPLAYED.format(value);
  const lines = [["code", ...columns.map((c) => c.label)].map(csvText).join(",")];
  for (const u of rankingOrder(view)) {
    const unit = view.units[u];
    const rank = view.rank(root, u);
    const cells = [csvText(unit.code), Number.isNaN(rank) ? "" : String(rank), csvText(view.name(unit))];
    for (const column of columns.slice(2)) {
      const node = view.nodes.findIndex((n) => n.code === column.key);
      cells.push(csvField(score(view.score(node, u))));
    }
    lines.push(cells.join(","));
  }
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}
/** @param {YardstickWidget} view */
export function downloadCsv(view) {
  download(new Blob([csv(view)], { type: "text/csv;charset=utf-8" }), "yardstick.csv");
}
/** @param {YardstickWidget} view */
export function downloadSvg(view) {
  view.renderStale("chart");
  if (!view.chart) return;
  const text = new XMLSerializer().serializeToString(view.chart);
  download(new Blob([text], { type: "image/svg+xml" }), "yardstick.svg");
}

/**
 * The chart drawn again on a canvas: loading the SVG as an image would need a blob: image
 * source, which a strict `img-src` forbids; canvas drawing needs no permission.
 * @param {YardstickWidget} view
 */
export function downloadPng(view) {
  view.renderStale("chart");
  const model = view.chartModel;
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
    context.fillText(view.number(row.value), model.scale(Math.max(0, row.value)) + 6, y + 16);
  });
  canvas.toBlob((blob) => blob && download(blob, "yardstick.png"), "image/png");
}
