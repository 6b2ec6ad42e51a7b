// @ts-check
/**
 * `<yardstick-widget>`: a ranking table computed in the browser by Yardstick's WebAssembly
 * build. Light DOM, so that a portal's stylesheets, accessibility tools and print styles reach
 * it. Text from data is set with textContent only; nothing here computes an index: scores,
 * ranks and gaps all come from the core through the bindings.
 *
 * Attributes: `data-focus` (a unit code to highlight) and `data-reference` (the reference row
 * to measure gaps against, e.g. the national average `CN`).
 */
import init, { Data } from "./pkg/yardstick.js";

/** The seed data's build: the published index as it is. */
const SEED_SPEC = { normalise: { default: { method: "none" } } };

/** One-time instantiation of the WebAssembly module, shared by every widget. */
const ready = init();

/** @param {number | null | undefined} x */
const oneDecimal = (x) => (x == null ? "–" : x.toFixed(1));

export class YardstickWidget extends HTMLElement {
  async connectedCallback() {
    const status = this.statusLine();
    try {
      await ready;
      const started = performance.now();
      const data = Data.defaultData();
      const table = this.renderTable(data);
      data.free();
      const elapsed = performance.now() - started;
      this.replaceChildren(table, status);
      status.textContent = `Computed in your browser in ${elapsed.toFixed(1)} ms.`;
      this.dataset.state = "ready";
    } catch (error) {
      status.textContent = `Could not compute the ranking: ${error instanceof Error ? error.message : String(error)}`;
      status.classList.add("error");
      this.dataset.state = "error";
    }
  }

  /** The element's status line (aria-live), created if the markup has none. */
  statusLine() {
    let status = this.querySelector(".status");
    if (!(status instanceof HTMLParagraphElement)) {
      status = document.createElement("p");
      status.className = "status";
      status.setAttribute("role", "status");
      status.setAttribute("aria-live", "polite");
      this.append(status);
    }
    return status;
  }

  /**
   * @param {Data} data
   * @returns {HTMLTableElement}
   */
  renderTable(data) {
    const focus = this.dataset.focus ?? "";
    const reference = this.dataset.reference ?? "";
    const plan = data.plan(SEED_SPEC);
    const result = plan.result();
    const units = data.units();
    const nodes = data.nodes();
    const index = nodes.findIndex((node) => node.parent === null);
    const root = nodes[index];
    const { scores, ranks } = result.nodes[index];
    const referenceUnit = units.find((unit) => unit.code === reference);

    const table = document.createElement("table");
    const caption = table.createCaption();
    caption.textContent = `${root.names.en ?? root.name} ${result.year ?? ""}: rank, score and gaps`;
    const head = table.createTHead().insertRow();
    const headings = [
      ["Rank", "number"],
      ["Unit", ""],
      ["Score", "number"],
      ["Gap to leader", "number"],
      [`Gap to ${referenceUnit?.names.en ?? reference} (${reference})`, "number"],
    ];
    for (const [text, className] of headings) {
      const th = document.createElement("th");
      th.scope = "col";
      th.textContent = text;
      if (className) th.className = className;
      head.append(th);
    }

    // Ranked units by rank, then reference rows (no rank) in data order.
    const order = units.map((_, u) => u);
    order.sort((a, b) => (ranks[a] ?? Infinity) - (ranks[b] ?? Infinity));
    const body = table.createTBody();
    for (const u of order) {
      const unit = units[u];
      const row = body.insertRow();
      if (unit.code === focus) row.className = "focus";
      if (unit.kind === "aggregate") row.className = "reference";
      const toLeader = plan.gap(unit.code, { kind: "leader" });
      // The core refuses to compare a unit with itself: the reference row shows no gap.
      const toReference =
        reference && unit.code !== reference
          ? plan.gap(unit.code, { kind: "unit", unit: reference })
          : null;

      const rank = row.insertCell();
      rank.className = "number";
      rank.textContent = ranks[u] == null ? "–" : String(ranks[u]);
      const name = document.createElement("th");
      name.scope = "row";
      name.textContent = unit.names.en ?? unit.name;
      if (unit.names.en && unit.name !== unit.names.en) {
        const local = document.createElement("span");
        local.lang = "zh-CN";
        local.textContent = ` ${unit.name}`;
        name.append(local);
      }
      row.append(name);
      for (const value of [scores[u], toLeader.gap, toReference?.gap]) {
        const cell = row.insertCell();
        cell.className = "number";
        cell.textContent = oneDecimal(value);
      }
    }
    plan.free();
    return table;
  }
}
