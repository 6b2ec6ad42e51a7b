// @ts-check
/**
 * The widget's state (focus, benchmark, year, weights, tab): read from the attributes and the
 * URL when data loads, written back to the URL (a permalink) and announced to the page as
 * `yardstick-change` when it rests.
 */
import { ReadableError } from "./errors.js";

/** @typedef {import("../yardstick-widget.js").YardstickWidget} YardstickWidget */

/**
 * Focus, benchmark, year, weights and tab: attributes, then the URL's overrides.
 * @param {YardstickWidget} view
 */
export function readState(view) {
  // The URL (a permalink) applies to the first load; later loads follow the attributes.
  const params = new URLSearchParams(view.urlRead ? "" : location.search);
  view.urlRead = true;
  const codes = new Set(view.units.map((unit) => unit.code));
  const check = (/** @type {string} */ code) => {
    if (!codes.has(code)) throw new ReadableError(view.t("errorUnknown", { code }));
    return code;
  };
  // A shared link may be older than the data: codes it names that the data no longer has
  // are left out, so that the link still opens; the attributes are the page's own and must
  // name codes of the data.
  const linked = (/** @type {string | null} */ value) =>
    value?.split(/[\s,]+/).filter((code) => codes.has(code)).join(" ") || null;
  view.focusCode = check(
    linked(params.get("ys-focus")) ??
      view.getAttribute("focus") ??
      view.units.find((unit) => unit.kind === "unit")?.code ??
      "",
  );
  const own = view.getAttribute("benchmark") ?? "";
  const shared = params.get("ys-benchmark");
  // An empty list in the link is a choice (no benchmark); a list of stale codes is not.
  const benchmark = shared === null ? own : shared === "" ? "" : (linked(shared) ?? own);
  view.benchmark = benchmark.split(/[\s,]+/).filter(Boolean).map(check);
  const tab = params.get("ys-tab");
  view.tab =
    tab === "chart" || (tab === "map" && view.hasAttribute("geojson")) || (tab === "targets" && view.progress)
      ? tab
      : "table";
  const year = Number(params.get("ys-year"));
  if (params.has("ys-year") && view.years.includes(year)) view.plan?.setYear(year);
  for (const pair of (params.get("ys-weights") ?? "").split(",")) {
    const [code, value] = pair.split(":");
    const i = view.nodes.findIndex((node) => node.code === code);
    const weight = Number(value);
    if (i >= 0 && value !== "" && Number.isFinite(weight) && weight >= 0) view.weights[i] = weight;
  }
}

/**
 * Writes the state into the URL and fires `yardstick-change` once the state rests.
 * @param {YardstickWidget} view
 */
export function writeState(view) {
  clearTimeout(view.stateTimer);
  view.stateTimer = setTimeout(() => commitState(view), 150);
}

/**
 * Writes the state into the URL (permalink) and announces it to the page.
 * @param {YardstickWidget} view
 */
export function commitState(view) {
  const url = new URL(location.href);
  url.searchParams.set("ys-focus", view.focusCode);
  url.searchParams.set("ys-benchmark", view.benchmark.join(","));
  if (view.plan?.year != null) url.searchParams.set("ys-year", String(view.plan.year));
  const changed = view.nodes
    .map((node, i) => [node.code, view.weights[i]])
    .filter((_, i) => view.weights[i] !== view.defaultWeights[i]);
  if (changed.length) url.searchParams.set("ys-weights", changed.map((p) => p.join(":")).join(","));
  else url.searchParams.delete("ys-weights");
  url.searchParams.set("ys-tab", view.tab);
  history.replaceState(history.state, "", url);
  const weights = Object.fromEntries(view.nodes.map((node, i) => [node.code, view.weights[i]]));
  view.dispatchEvent(
    new CustomEvent("yardstick-change", {
      detail: { focus: view.focusCode, year: view.plan?.year ?? null, weights, tab: view.tab },
    }),
  );
}
