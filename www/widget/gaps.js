// @ts-check
/**
 * The focus unit's gaps: to the leader, the benchmark group, the average and a target, on
 * every pillar; what explains the gap (contributions); catch-up, computed when the sliders
 * rest.
 */
import { divergingBar, html, setBar, setText } from "./dom.js";

/** @typedef {import("../yardstick-widget.js").YardstickWidget} YardstickWidget */
/** @typedef {import("../pkg/yardstick.js").Comparison} Comparison */

/** Indicators listed under the pillars in "what explains the gap", largest contributions. */
const LEADING_INDICATORS = 5;

/** Milliseconds after the last slider move before catch-up is computed again. */
const CATCH_UP_DELAY = 250;

/** Default target year of catch-up: this many years after the data's last year. */
const TARGET_YEARS_AHEAD = 5;

/**
 * The comparisons of the gap view: leader, benchmark mean, the national average row.
 * @param {YardstickWidget} view
 */
export function gapComparisons(view) {
  /** @type {{ label: string, comparison: Comparison }[]} */
  const list = [{ label: view.t("gapLeader"), comparison: { kind: "leader" } }];
  const benchmark = view.benchmark.filter((code) => code !== view.focusCode);
  if (benchmark.length) {
    list.push({ label: view.t("gapBenchmark"), comparison: { kind: "group", units: benchmark } });
  }
  const national = view.units.find((unit) => unit.kind === "aggregate");
  if (national) {
    list.push({
      label: view.t("gapNational", { name: view.name(national) }),
      comparison: { kind: "unit", unit: national.code },
    });
  }
  return list;
}

/**
 * @param {Comparison} comparison @param {string} node
 * @param {YardstickWidget} view
 */
export function gapOf(view, comparison, node) {
  try {
    return view.plan?.gap(view.focusCode, comparison, node).gap ?? NaN;
  } catch {
    // The core refuses some comparisons (a unit with itself, no ranked leader): no gap.
    return NaN;
  }
}

/**
 * The gap view: gaps to each comparison on the index and the pillars, what explains the
 * gap, and catch-up. Its elements are built when the focus, comparisons or language change
 * and otherwise only their text is rewritten, so that a slider move stays within a frame.
 * @param {YardstickWidget} view
 * @param {HTMLElement} section
 */
export function renderGaps(view, section) {
  const focus = view.units.find((unit) => unit.code === view.focusCode);
  if (!focus) return;
  const comparisons = gapComparisons(view);
  const nodes = [view.rootIndex, ...view.pillars];
  const shape = [view.lang_, view.focusCode, ...comparisons.map((c) => c.label), ...nodes].join("|");
  if (section.dataset.shape !== shape || !view.gapBody) {
    section.dataset.shape = shape;
    const heading = html("h2", { id: `${view.id_}-gap` }, view.t("gapTitle", { unit: view.name(focus) }));
    const table = html("table", { class: "ys-table" });
    table.append(html("caption", {}, view.t("gapNote")));
    const headRow = table.createTHead().insertRow();
    headRow.append(html("th", { scope: "col" }, view.t("gapNode")));
    for (const { label } of comparisons) headRow.append(html("th", { scope: "col", class: "ys-number" }, label));
    view.gapBody = table.createTBody();
    for (const i of nodes) {
      const row = view.gapBody.insertRow();
      row.append(html("th", { scope: "row" }, view.name(view.nodes[i])));
      for (let k = 0; k < comparisons.length; k++) row.append(html("td", { class: "ys-number" }));
    }
    // Its own name: the section is already the region named by the heading (axe's
    // landmark-unique).
    const scroll = html("div", { class: "ys-scroll", tabindex: "0", role: "region", "aria-label": view.t("gapTableLabel") });
    scroll.append(table);
    view.explainedBox.replaceChildren();
    section.replaceChildren(heading, scroll, view.explainedBox, view.catchUpBox);
  }
  const rows = view.gapBody.rows;
  nodes.forEach((i, r) => {
    comparisons.forEach(({ comparison }, k) => {
      setText(rows[r].cells[k + 1], view.number(gapOf(view, comparison, view.nodes[i].code)));
    });
  });
  renderContributions(view, comparisons);
  scheduleCatchUp(view);
}

/**
 * What explains the gap to the benchmark group (or, without one, to the leader): each
 * pillar's and the leading indicators' contributions to the index gap (`plan.gapTable`),
 * largest first, with a diverging bar each. The table is the accessible view; the bars are
 * decoration.
 * @param {YardstickWidget} view
 * @param {ReturnType<typeof gapComparisons>} comparisons
 */
export function renderContributions(view, comparisons) {
  const box = view.explainedBox;
  const main = comparisons.find((c) => c.comparison.kind === "group") ?? comparisons[0];
  /** @type {import("../pkg/yardstick.js").GapTable | null} */
  let table = null;
  try {
    if (view.plan && view.pillars.length > 1 && main) table = view.plan.gapTable(view.focusCode, main.comparison);
  } catch {
    // The core refuses some comparisons (a unit with itself, no ranked leader).
  }
  const pillarCodes = new Set(view.pillars.map((i) => view.nodes[i].code));
  const known = (/** @type {import("../pkg/yardstick.js").NodeGap} */ row) =>
    row.contributionToIndex !== null && Number.isFinite(row.contributionToIndex);
  const byContribution = (/** @type {import("../pkg/yardstick.js").NodeGap} */ a, /** @type {import("../pkg/yardstick.js").NodeGap} */ b) =>
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
  const title = view.t("contribTitle", { comparison: main.label });
  if (box.dataset.title !== title || !box.firstChild) {
    box.dataset.title = title;
    const result = html("table", { class: "ys-table ys-contributions" });
    result.append(html("caption", {}, title));
    const headRow = result.createTHead().insertRow();
    headRow.append(
      html("th", { scope: "col" }, view.t("gapNode")),
      html("th", { scope: "col", class: "ys-number" }, view.t("contribGap")),
      html("th", { scope: "col", class: "ys-number" }, view.t("contribShare")),
      html("td", { "aria-hidden": "true", class: "ys-bar-cell" }),
    );
    result.createTBody();
    const leading = result.createTBody();
    leading.insertRow().append(html("th", { scope: "rowgroup", colspan: "4", class: "ys-subhead" }, view.t("contribIndicators")));
    const scroll = html("div", { class: "ys-scroll", tabindex: "0", role: "region", "aria-label": title });
    scroll.append(result);
    box.replaceChildren(scroll, html("p", { class: "ys-note" }, view.t("contribNote")));
  }
  const result = /** @type {HTMLTableElement} */ (box.querySelector("table"));
  const extent = Math.max(1e-12, ...[...pillars, ...indicators].map((row) => Math.abs(row.contributionToIndex ?? 0)));
  const names = new Map(view.nodes.map((node) => [node.code, view.name(node)]));
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
      setText(cells[1], view.number(item.gap ?? NaN));
      setText(cells[2], view.number(contribution));
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
 * @param {YardstickWidget} view
 */
export function scheduleCatchUp(view) {
  clearTimeout(view.catchUpTimer);
  view.catchUpTimer = setTimeout(() => renderCatchUp(view), CATCH_UP_DELAY);
}

/**
 * Years for the focus unit to catch up with each comparison at the index growth both
 * showed over the data's years (`plan.catchUp`, compound annual growth), and the growth it
 * needs to catch up by the target year (`target-year`, default five years after the last).
 * @param {YardstickWidget} view
 */
export function renderCatchUp(view) {
  const box = view.catchUpBox;
  const years = /** @type {number[]} */ (view.years.filter((year) => year != null));
  if (!view.plan || years.length < 2) {
    box.replaceChildren();
    return;
  }
  const attribute = Number(view.getAttribute("target-year"));
  const last = Math.max(...years);
  const deadline = Number.isInteger(attribute) && attribute > last ? attribute : last + TARGET_YEARS_AHEAD;
  /** @type {[number, number] | undefined} */
  let window;
  const rows = gapComparisons(view).map(({ label, comparison }) => {
    try {
      const result = view.plan?.catchUp(view.focusCode, comparison, { deadline }) ?? null;
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
  table.append(html("caption", {}, view.t("catchTitle", { start: window[0], end: window[1] })));
  const headRow = table.createTHead().insertRow();
  for (const [key, numeric] of /** @type {const} */ ([
    ["catchComparison", false],
    ["catchFocusGrowth", true],
    ["catchOtherGrowth", true],
    ["catchYears", true],
  ])) {
    headRow.append(html("th", { scope: "col", class: numeric ? "ys-number" : "" }, view.t(key)));
  }
  headRow.append(html("th", { scope: "col", class: "ys-number" }, view.t("catchNeeded", { year: deadline })));
  const body = table.createTBody();
  for (const { label, result } of rows) {
    const row = body.insertRow();
    row.append(html("th", { scope: "row" }, label));
    const cells = result
      ? [
          view.percent(result.focusGrowth),
          view.percent(result.comparisonGrowth),
          result.years === 0
            ? view.t("catchAhead")
            : result.years === null || result.yearReached === null
              ? view.t("catchNever")
              : view.t("catchIn", { years: view.number(result.years), year: Math.ceil(result.yearReached) }),
          result.years === 0 || !result.needed ? "–" : view.percent(result.needed.cagr),
        ]
      : ["–", "–", "–", "–"];
    for (const text of cells) row.append(html("td", { class: "ys-number" }, text));
  }
  const scroll = html("div", { class: "ys-scroll", tabindex: "0", role: "region", "aria-label": view.t("catchTitle", { start: window[0], end: window[1] }) });
  scroll.append(table);
  box.replaceChildren(scroll, html("p", { class: "ys-note" }, view.t("catchNote")));
}
