// @ts-check
/**
 * The controls and containers of a loaded index (display options, focus, benchmark, year,
 * weight sliders, tabs), and what a slider move does: rerank, redraw, announce.
 */
import { html } from "./dom.js";
import { writeState } from "./state.js";
import { downloadCsv, downloadPng, downloadSvg } from "./downloads.js";

/** @typedef {import("../yardstick-widget.js").YardstickWidget} YardstickWidget */
/** @typedef {import("../messages.js").MessageKey} MessageKey */
/** @typedef {"table" | "chart" | "map" | "targets"} Tab */

/**
 * Builds the controls and containers for the loaded data; `update` fills them.
 * @param {YardstickWidget} view
 */
export function build(view) {
  const id = view.id_;
  view.showAll = false;
  view.root.classList.toggle("ys-large", view.large);
  view.root.classList.toggle("ys-contrast", view.contrast);

  const toolbar = html("div", { class: "ys-toolbar" });
  const display = html("div", { class: "ys-group", role: "group", "aria-label": view.t("display") });
  for (const [key, property, className] of /** @type {const} */ ([
    ["largeText", "large", "ys-large"],
    ["highContrast", "contrast", "ys-contrast"],
  ])) {
    const button = html("button", { type: "button", class: "ys-button", "aria-pressed": String(view[property]) }, view.t(key));
    button.addEventListener("click", () => {
      view[property] = !view[property];
      button.setAttribute("aria-pressed", String(view[property]));
      view.root.classList.toggle(className, view[property]);
    });
    display.append(button);
  }
  const downloads = html("div", { class: "ys-group", role: "group", "aria-label": view.t("downloads") });
  for (const [key, action] of /** @type {const} */ ([
    ["downloadCsv", () => downloadCsv(view)],
    ["downloadSvg", () => downloadSvg(view)],
    ["downloadPng", () => downloadPng(view)],
  ])) {
    const button = html("button", { type: "button", class: "ys-button" }, view.t(key));
    button.addEventListener("click", action);
    downloads.append(button);
  }
  toolbar.append(display, downloads);

  const controls = html("div", { class: "ys-controls" });
  const focusLabel = html("label", { for: `${id}-focus`, class: "ys-field" }, view.t("focus"));
  const select = html("select", { id: `${id}-focus` });
  for (const unit of view.units) {
    if (unit.kind !== "unit") continue;
    const option = html("option", { value: unit.code, title: view.name(unit) }, view.shortName(unit));
    option.selected = unit.code === view.focusCode;
    select.append(option);
  }
  select.addEventListener("change", () => {
    view.focusCode = select.value;
    view.update();
    announce(view);
  });
  focusLabel.append(select);
  controls.append(focusLabel);

  const years = view.years.filter((year) => year != null);
  if (years.length > 1) {
    const label = html("label", { for: `${id}-year`, class: "ys-field" }, view.t("year"));
    const output = html("output", { for: `${id}-year` }, String(view.plan?.year ?? ""));
    const slider = html("input", {
      id: `${id}-year`,
      type: "range",
      min: "0",
      max: String(years.length - 1),
      step: "1",
      value: String(Math.max(0, years.indexOf(view.plan?.year ?? NaN))),
    });
    slider.addEventListener("input", () => {
      const year = years[Number(slider.value)];
      output.textContent = String(year);
      view.plan?.setYear(year);
      view.run();
      view.update();
      announce(view);
    });
    label.append(slider, output);
    controls.append(label);
  }

  const pillars = view.pillars;
  if (pillars.length > 1) {
    const fieldset = html("fieldset", { class: "ys-weights" });
    fieldset.append(html("legend", {}, view.t("weights")));
    /** @type {[HTMLInputElement, HTMLOutputElement, number][]} */
    const sliders = [];
    for (const i of pillars) {
      const node = view.nodes[i];
      const label = html("label", { for: `${id}-w-${i}`, class: "ys-field" }, view.name(node));
      const max = Math.max(5, 2 * view.defaultWeights[i]);
      const slider = html("input", {
        id: `${id}-w-${i}`,
        type: "range",
        min: "0",
        max: String(max),
        step: String(max / 50),
        value: String(view.weights[i]),
      });
      const output = html("output", { for: slider.id }, view.number(view.weights[i]));
      slider.addEventListener("input", () => {
        view.weights[i] = Number(slider.value);
        output.textContent = view.number(view.weights[i]);
        reweight(view);
      });
      label.append(slider, output);
      fieldset.append(label);
      sliders.push([slider, output, i]);
    }
    const reset = html("button", { type: "button", class: "ys-button" }, view.t("resetWeights"));
    reset.addEventListener("click", () => {
      view.weights.set(view.defaultWeights);
      for (const [slider, output, i] of sliders) {
        slider.value = String(view.weights[i]);
        output.textContent = view.number(view.weights[i]);
      }
      reweight(view);
    });
    fieldset.append(reset);
    controls.append(fieldset);
  }

  const tablist = html("div", { class: "ys-tabs", role: "tablist", "aria-label": view.t("tabs") });
  /** @type {Record<Tab, { tab: HTMLButtonElement, panel: HTMLElement }>} */
  const views = /** @type {any} */ ({});
  const tabs = /** @type {[Tab, MessageKey][]} */ ([
    ["table", "tabTable"],
    ["chart", "tabChart"],
  ]);
  if (view.hasAttribute("geojson")) tabs.push(["map", "tabMap"]);
  if (view.progress) tabs.push(["targets", "tabTargets"]);
  for (const [tab, key] of tabs) {
    const button = html("button", {
      type: "button",
      role: "tab",
      id: `${id}-tab-${tab}`,
      "aria-controls": `${id}-panel-${tab}`,
      class: "ys-tab",
    }, view.t(key));
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
    view.tab = tab;
    for (const [name, pane] of Object.entries(views)) {
      const selected = name === tab;
      pane.tab.setAttribute("aria-selected", String(selected));
      pane.tab.tabIndex = selected ? 0 : -1;
      pane.panel.hidden = !selected;
    }
    // Drawn once its panel shows: the chart takes its width from the laid-out figure.
    view.renderStale();
    writeState(view);
  };

  view.table = html("table", { class: "ys-table" });
  view.figure = html("figure", { class: "ys-figure" });
  view.moreButton = html("button", { type: "button", class: "ys-button", hidden: "" });
  view.moreButton.addEventListener("click", () => {
    view.showAll = true;
    view.update();
  });
  views.table.panel.append(view.table);
  views.chart.panel.append(view.figure);
  view.mapPanel = views.map?.panel;
  view.targetsPanel = views.targets?.panel;
  view.gap = html("section", { class: "ys-gap", "aria-labelledby": `${id}-gap` });

  const panels = tabs.map(([name]) => views[name].panel);
  view.body.replaceChildren(toolbar, controls, view.warnings, tablist, ...panels, view.moreButton, view.gap);
  for (const [name, pane] of Object.entries(views)) {
    const selected = name === view.tab;
    pane.tab.setAttribute("aria-selected", String(selected));
    pane.tab.tabIndex = selected ? 0 : -1;
    pane.panel.hidden = !selected;
  }
}

/**
 * A slider moved: re-rank on the fast path at once, redraw at the next frame (a slider
 * fires `input` faster than a large table redraws), announce the focus unit's rank.
 * @param {YardstickWidget} view
 */
export function reweight(view) {
  try {
    view.run();
  } catch (error) {
    view.live.textContent = error instanceof Error ? error.message : String(error);
    return;
  }
  if (!view.frame) {
    view.frame = requestAnimationFrame(() => {
      view.frame = 0;
      view.update();
    });
  }
  announce(view);
}

/**
 * Announces the focus unit's rank in the live region, once the slider rests.
 * @param {YardstickWidget} view
 */
export function announce(view) {
  clearTimeout(view.announceTimer);
  view.announceTimer = setTimeout(() => {
    const u = view.units.findIndex((unit) => unit.code === view.focusCode);
    const rank = view.rank(view.rootIndex, u);
    const unit = view.shortName(view.units[u]);
    const count = view.units.filter((_, v) => !Number.isNaN(view.rank(view.rootIndex, v))).length;
    view.live.textContent = Number.isNaN(rank)
      ? view.t("announceNone", { unit })
      : view.t("announce", { unit, rank, count });
  }, 300);
}
