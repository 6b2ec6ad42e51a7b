// @ts-check
/** The ranking table: row order (rank or a column, focus and reference rows), header with sort buttons, cells. */
import { html, setText } from "./dom.js";
import { shortList } from "./chart.js";

/** @typedef {import("../yardstick-widget.js").YardstickWidget} YardstickWidget */

/** Rows above which the ranking table has a fixed layout ("Show all" of a long ranking). */
const LONG_TABLE = 500;

/**
 * Units in display order: ranked units by the sort key (missing values last), then
 * reference rows. Numeric keys are read once into a typed array, so that sorting thousands
 * of units on every slider move stays well inside a frame.
 * @param {YardstickWidget} view
 */
export function rankingOrder(view) {
  const { key, descending } = view.sort;
  const count = view.units.length;
  const ranked = /** @type {number[]} */ ([]);
  const references = /** @type {number[]} */ ([]);
  for (let u = 0; u < count; u++) {
    (view.units[u].kind === "aggregate" ? references : ranked).push(u);
  }
  if (key === "rank") {
    return [...byRank(view, ranked, descending), ...references];
  }
  if (key === "name") {
    const collator = new Intl.Collator(view.lang_);
    const names = view.units.map((unit) => view.name(unit));
    const sign = descending ? -1 : 1;
    ranked.sort((a, b) => sign * collator.compare(names[a], names[b]));
  } else {
    const node = view.nodes.findIndex((n) => n.code === key);
    const source = view.scores;
    const offset = (node < 0 ? view.rootIndex : node) * count;
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
 * @param {YardstickWidget} view
 * @param {number[]} units
 * @param {boolean} descending
 */
export function byRank(view, units, descending) {
  const count = view.units.length;
  const offset = view.rootIndex * count;
  const missing = count + 1;
  const bucket = new Int32Array(units.length);
  const starts = new Int32Array(missing + 2);
  units.forEach((u, i) => {
    const rank = view.ranks[offset + u];
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

/**
 * Columns of the table: rank, unit, index score, then each pillar's score.
 * @param {YardstickWidget} view
 */
export function rankingColumns(view) {
  const root = view.rootIndex;
  return [
    { key: "rank", label: view.t("rank"), numeric: true },
    { key: "name", label: view.t("unit"), numeric: false },
    { key: view.nodes[root].code, label: view.t("score"), numeric: true },
    ...view.pillars.map((i) => ({ key: view.nodes[i].code, label: view.name(view.nodes[i]), numeric: true })),
  ];
}

/**
 * Draws the ranking table. Its head and rows are built once and then reused: a slider move
 * only rewrites the cells whose text changed, which keeps a re-rank of thousands of units
 * inside one frame.
 * @param {YardstickWidget} view
 * @param {HTMLTableElement} table
 */
export function renderTable(view, table) {
  const columns = rankingColumns(view);
  const head = `${view.lang_}|${view.sort.key}|${view.sort.descending}|${columns.map((c) => c.label).join("|")}`;
  if (table.dataset.head !== head || !table.tHead || !table.caption || !table.tBodies[0]) {
    table.replaceChildren(html("caption"), tableHead(view, table, columns), html("tbody"));
    table.dataset.head = head;
  }
  setText(/** @type {HTMLElement} */ (table.caption), view.caption());
  const body = table.tBodies[0];
  const order = rankingOrder(view);
  const shown = view.showAll ? order : shortList(view, order, (u) => view.units[u]);
  const root = view.rootIndex;
  const nodes = [root, ...columns.slice(3).map((c) => view.nodes.findIndex((n) => n.code === c.key))];
  while (body.rows.length > shown.length) body.rows[body.rows.length - 1].remove();
  while (body.rows.length < shown.length) {
    const row = body.insertRow();
    row.append(html("td", { class: "ys-number" }), html("th", { scope: "row" }));
    for (let k = 0; k < nodes.length; k++) row.append(html("td", { class: "ys-number" }));
  }
  shown.forEach((u, r) => fillRow(view, body.rows[r], u, root, nodes));
  // Automatic table layout measures every cell of every row: slow for thousands of rows.
  table.classList.toggle("ys-long", shown.length > LONG_TABLE);
  view.moreButton.hidden = shown.length === order.length;
  setText(view.moreButton, view.t("showAll", { count: order.length }));
}

/**
 * The table's head: a sort button per column, `aria-sort` on the sorted one.
 * @param {YardstickWidget} view
 * @param {HTMLTableElement} table
 * @param {ReturnType<typeof rankingColumns>} columns
 */
export function tableHead(view, table, columns) {
  const head = html("thead");
  const headRow = head.insertRow();
  for (const column of columns) {
    const th = html("th", { scope: "col" });
    if (column.numeric) th.className = "ys-number";
    if (view.sort.key === column.key) {
      th.setAttribute("aria-sort", view.sort.descending ? "descending" : "ascending");
    }
    const button = html("button", { type: "button", class: "ys-sort", "data-key": column.key }, column.label);
    button.addEventListener("click", () => {
      const same = view.sort.key === column.key;
      // Scores read best first; ranks and names from the top.
      const firstDescending = column.numeric && column.key !== "rank";
      view.sort = { key: column.key, descending: same ? !view.sort.descending : firstDescending };
      renderTable(view, table);
      /** @type {HTMLButtonElement | null} */ (table.querySelector(`button[data-key="${CSS.escape(column.key)}"]`))?.focus();
    });
    th.append(button);
    headRow.append(th);
  }
  return head;
}

/**
 * Writes unit `u` into a table row: rank, name, the index score, then the pillars' scores.
 * @param {YardstickWidget} view
 * @param {HTMLTableRowElement} row
 * @param {number} u
 * @param {number} root the index's node
 * @param {number[]} nodes the nodes of the score columns
 */
export function fillRow(view, row, u, root, nodes) {
  const unit = view.units[u];
  const cells = row.cells;
  row.classList.toggle("ys-focus", unit.code === view.focusCode);
  row.classList.toggle("ys-aggregate", unit.kind === "aggregate");
  const rank = view.rank(root, u);
  setText(cells[0], Number.isNaN(rank) ? "–" : String(rank));
  const name = cells[1];
  const key = `${view.lang_}:${unit.code}`;
  if (name.dataset.key !== key) {
    name.dataset.key = key;
    name.textContent = view.name(unit);
    if (unit.kind === "aggregate") {
      name.append(html("span", { class: "ys-note" }, ` (${view.t("notRanked")})`));
    }
  }
  nodes.forEach((node, k) => setText(cells[k + 2], view.number(view.score(node, u))));
}
