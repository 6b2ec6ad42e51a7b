// @ts-check
/**
 * The widget's optional choropleth map, loaded only when a portal passes its own GeoJSON
 * (`<yardstick-widget geojson="…">`): maps of China must be drawn on an approved base map, so
 * no geometry ships with the widget. The GeoJSON is fetched from the page's own origin,
 * checked, projected once, and then recoloured whenever the scores change. Names and codes
 * from the file are data: they reach the page only as text or attribute values.
 */

/** @typedef {import("./messages.js").MessageKey} MessageKey */
/**
 * One unit as the map sees it: the index score and rank (NaN when missing or unranked).
 * @typedef {{ code: string, name: string, score: number, rank: number, focus: boolean, reference: boolean }} MapUnit
 */
/**
 * What the widget hands the map on every redraw.
 * @typedef {{
 *   lang: string,
 *   title: string,
 *   units: MapUnit[],
 *   number: (value: number) => string,
 *   t: (key: MessageKey, params?: Record<string, string | number>) => string,
 * }} MapView
 */
/** A feature ready to draw: its unit code, its own name and its outline in the viewBox. @typedef {{ code: string, name: string, d: string }} Shape */
/** A checked and projected GeoJSON file. @typedef {{ width: number, height: number, shapes: Shape[] }} Geo */
/** @typedef {[number, number][][]} Polygon */

const SVG_NS = "http://www.w3.org/2000/svg";

/** Colour classes: five is about as many as a reader tells apart on a sequential palette. */
const CLASSES = 5;

/** The viewBox's width; the height follows the projected extent. */
const WIDTH = 640;
const PAD = 8;

/** A reason the map cannot be drawn, as a message key, translated where it is shown. */
export class MapError extends Error {
  /** @param {MessageKey} key @param {Record<string, string | number>} params */
  constructor(key, params) {
    super(key);
    this.key = key;
    this.params = params;
  }
}

/** Files already read, by URL and key property: shared by every widget on the page. */
const files = new Map();

/** Counter for the ids of the hatch patterns, unique in the page. */
let patterns = 0;

/**
 * Reads, checks and projects a GeoJSON file, once per URL and key property.
 * @param {string} url
 * @param {string} key the feature property holding the unit code
 * @returns {Promise<Geo>}
 */
export function load(url, key) {
  const id = `${url}\n${key}`;
  let file = files.get(id);
  if (!file) {
    file = read(url, key);
    files.set(id, file);
    // A failed read is tried again on the next load (the portal may have fixed the file).
    file.catch(() => files.delete(id));
  }
  return file;
}

/** @param {string} url @param {string} key @returns {Promise<Geo>} */
async function read(url, key) {
  const address = new URL(url, document.baseURI);
  // The map is the portal's own approved file: it is never taken from another site.
  if (address.origin !== location.origin) throw new MapError("mapErrorOrigin", { url: address.href });
  let response;
  try {
    response = await fetch(address, { mode: "same-origin", credentials: "same-origin" });
  } catch (error) {
    throw new MapError("mapError", { message: String(error) });
  }
  if (!response.ok) throw new MapError("mapErrorFetch", { url, status: response.status });
  let json;
  try {
    json = await response.json();
  } catch (error) {
    throw new MapError("mapErrorJson", { url, message: String(error) });
  }
  return project(check(json, key, url));
}

/**
 * A FeatureCollection of Polygon and MultiPolygon features in longitude and latitude, each
 * with the key property; anything else is refused with the feature's number.
 * @param {unknown} json
 * @param {string} key
 * @param {string} url
 * @returns {{ code: string, name: string, polygons: Polygon[] }[]}
 */
function check(json, key, url) {
  const collection = /** @type {{ type?: unknown, features?: unknown }} */ (json);
  if (!collection || collection.type !== "FeatureCollection" || !Array.isArray(collection.features)) {
    throw new MapError("mapErrorFormat", { url });
  }
  if (!collection.features.length) throw new MapError("mapErrorEmpty", { url });
  return collection.features.map((item, i) => {
    const feature = /** @type {{ type?: unknown, geometry?: { type?: unknown, coordinates?: unknown }, properties?: Record<string, unknown> }} */ (item ?? {});
    const number = i + 1;
    const type = feature.geometry?.type;
    if (feature.type !== "Feature" || (type !== "Polygon" && type !== "MultiPolygon")) {
      throw new MapError("mapErrorGeometry", { number, type: String(type ?? feature.type ?? typeof item) });
    }
    const code = feature.properties?.[key];
    if (typeof code !== "string" && typeof code !== "number") throw new MapError("mapErrorKey", { number, key });
    const coordinates = feature.geometry?.coordinates;
    const polygons = /** @type {unknown[]} */ (type === "Polygon" ? [coordinates] : coordinates);
    if (!Array.isArray(polygons) || !polygons.length || !polygons.every(isPolygon)) {
      throw new MapError("mapErrorCoordinates", { number });
    }
    const name = feature.properties?.name;
    return {
      code: String(code),
      name: typeof name === "string" && name ? name : String(code),
      polygons: /** @type {Polygon[]} */ (polygons),
    };
  });
}

/**
 * Rings of at least three positions in degrees: projected coordinates (metres) are refused
 * here rather than drawn as a blank map.
 * @param {unknown} polygon
 */
function isPolygon(polygon) {
  return (
    Array.isArray(polygon) &&
    polygon.length > 0 &&
    polygon.every(
      (ring) =>
        Array.isArray(ring) &&
        ring.length >= 3 &&
        ring.every(
          (p) =>
            Array.isArray(p) &&
            p.length >= 2 &&
            Number.isFinite(p[0]) &&
            Number.isFinite(p[1]) &&
            Math.abs(p[0]) <= 180 &&
            Math.abs(p[1]) <= 90,
        ),
    )
  );
}

/**
 * Equirectangular projection with longitude scaled by the cosine of the mean latitude: shapes
 * keep their proportions near that latitude, which is enough for a region's choropleth and
 * needs no projection library.
 * @param {{ code: string, name: string, polygons: Polygon[] }[]} features
 * @returns {Geo}
 */
function project(features) {
  let [west, east, south, north] = [Infinity, -Infinity, Infinity, -Infinity];
  for (const { polygons } of features) {
    for (const polygon of polygons) {
      for (const [lon, lat] of polygon[0]) {
        west = Math.min(west, lon);
        east = Math.max(east, lon);
        south = Math.min(south, lat);
        north = Math.max(north, lat);
      }
    }
  }
  const stretch = Math.cos((((south + north) / 2) * Math.PI) / 180);
  // A tall region is drawn at most two thirds as high as the width, so that it fits a screen.
  const scale = (WIDTH - 2 * PAD) / Math.max((east - west) * stretch, (north - south) * 1.5, 1e-9);
  const round = (/** @type {number} */ x) => Math.round(x * 10) / 10;
  const shapes = features.map(({ code, name, polygons }) => {
    let d = "";
    for (const ring of polygons.flat()) {
      let previous = "";
      ring.forEach(([lon, lat], i) => {
        const point = `${round(PAD + (lon - west) * stretch * scale)},${round(PAD + (north - lat) * scale)}`;
        // Vertices closer than the rounding add bytes, not shape.
        if (point !== previous) d += (i ? "L" : "M") + point;
        previous = point;
      });
      d += "Z";
    }
    return { code, name, d };
  });
  return {
    width: Math.ceil((east - west) * stretch * scale + 2 * PAD),
    height: Math.ceil((north - south) * scale + 2 * PAD),
    shapes,
  };
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
 * Quantile classes of the ranked units' scores: each class holds about a fifth of the
 * ranking, whatever the spread of the scores, and equal scores share a class. Returns each
 * class's lower bound after the first; fewer than five classes when there are few units or
 * many ties.
 * @param {number[]} scores
 */
function breaks(scores) {
  const sorted = scores.filter((x) => !Number.isNaN(x)).sort((a, b) => a - b);
  const bounds = /** @type {number[]} */ ([]);
  for (let k = 1; k < CLASSES; k++) {
    const bound = sorted[Math.floor((k * sorted.length) / CLASSES)];
    if (bound > sorted[0] && bound > (bounds.at(-1) ?? -Infinity)) bounds.push(bound);
  }
  return bounds;
}

/**
 * The palette entry of a class: with fewer classes than colours they are spread over the
 * whole palette, so that neighbouring classes stay far apart.
 * @param {number} score
 * @param {number[]} bounds
 */
function colour(score, bounds) {
  const k = bounds.filter((bound) => score >= bound).length;
  return bounds.length ? Math.round((k * (CLASSES - 1)) / bounds.length) : CLASSES - 1;
}

/** The drawing in each panel, so that a redraw after a slider move only recolours it. */
const drawings = new WeakMap();

/**
 * Draws (or recolours) the choropleth in the widget's map panel.
 * @param {HTMLElement} panel
 * @param {Geo} geo
 * @param {MapView} view
 */
export function draw(panel, geo, view) {
  /** @type {{ geo: Geo, hatch: string, map: SVGElement, areas: SVGElement, paths: SVGElement[], titles: SVGElement[], halo: SVGElement, ring: SVGElement, legend: HTMLElement, caption: HTMLElement, notes: HTMLElement } | undefined} */
  let drawing = drawings.get(panel);
  if (drawing?.geo !== geo || !panel.contains(drawing?.map ?? null)) {
    drawing = build(panel, geo);
    drawings.set(panel, drawing);
  }
  const units = new Map(view.units.map((unit) => [unit.code, unit]));
  const bounds = breaks(view.units.filter((unit) => !unit.reference).map((unit) => unit.score));
  /** @type {Map<number, number[]>} scores by palette entry, for the legend */
  const classes = new Map();
  let focus = "";
  let blank = false;
  const references = /** @type {MapUnit[]} */ ([]);
  const beneath = /** @type {SVGElement[]} */ ([]);
  geo.shapes.forEach((shape, i) => {
    const unit = units.get(shape.code);
    let kind = "ys-map-none";
    let title = view.t("mapNotInData", { name: shape.name });
    if (unit?.reference) {
      // A reference row (the national average) is context, never a ranked colour class.
      kind = "ys-map-reference";
      title = view.t("mapReferenceTitle", { unit: unit.name, score: view.number(unit.score) });
      if (!references.includes(unit)) references.push(unit);
      beneath.push(drawing.paths[i]);
    } else if (unit && !Number.isNaN(unit.score)) {
      const entry = colour(unit.score, bounds);
      kind = `ys-map-c${entry}`;
      classes.set(entry, [...(classes.get(entry) ?? []), unit.score]);
      title = Number.isNaN(unit.rank)
        ? view.t("mapNoRankTitle", { unit: unit.name, score: view.number(unit.score) })
        : view.t("mapUnitTitle", { unit: unit.name, score: view.number(unit.score), rank: unit.rank });
    } else if (unit) {
      title = view.t("mapNoScoreTitle", { unit: unit.name });
    }
    if (kind === "ys-map-none") blank = true;
    if (unit?.focus) focus += shape.d;
    drawing.paths[i].setAttribute("class", `ys-map-area ${kind}${unit?.focus ? " ys-map-focus" : ""}`);
    drawing.titles[i].textContent = title;
  });
  // A reference shape (a national outline) lies beneath the units it encloses.
  drawing.areas.prepend(...beneath);
  drawing.halo.setAttribute("d", focus || "M0,0");
  drawing.ring.setAttribute("d", focus || "M0,0");
  drawing.map.setAttribute("aria-label", view.title);
  drawing.caption.textContent = view.title;

  const items = [...classes.entries()]
    .sort(([a], [b]) => a - b)
    .map(([entry, scores]) => {
      const low = view.number(Math.min(...scores));
      const high = view.number(Math.max(...scores));
      return legendItem(drawing, `ys-map-c${entry}`, low === high ? low : `${low}–${high}`);
    });
  for (const unit of references) {
    items.push(legendItem(drawing, "ys-map-reference", view.t("mapReferenceTitle", { unit: unit.name, score: view.number(unit.score) })));
  }
  if (blank) items.push(legendItem(drawing, "ys-map-none", view.t("mapNoData")));
  const list = html("ul");
  list.append(...items);
  drawing.legend.replaceChildren(html("p", { class: "ys-map-legend-title" }, view.t("mapLegend")), list);

  // Units and shapes that do not meet are said, not dropped: a portal's file and its data
  // often differ by a code or two.
  const codes = new Set(geo.shapes.map((shape) => shape.code));
  const list_ = new Intl.ListFormat(view.lang, { type: "conjunction" });
  const missing = view.units.filter((unit) => !unit.reference && !codes.has(unit.code)).map((unit) => unit.name);
  const unmatched = [...new Set(geo.shapes.filter((shape) => !units.has(shape.code)).map((shape) =>
    shape.name === shape.code ? shape.code : `${shape.name} (${shape.code})`))];
  const notes = [];
  if (missing.length) notes.push(html("p", { class: "ys-note" }, view.t("mapMissing", { names: list_.format(missing) })));
  if (unmatched.length) notes.push(html("p", { class: "ys-note" }, view.t("mapUnmatched", { names: list_.format(unmatched) })));
  notes.push(html("p", { class: "ys-note" }, view.t("mapTableNote")));
  drawing.notes.replaceChildren(...notes);
}

/** @param {{ hatch: string }} drawing @param {string} kind @param {string} text */
function legendItem(drawing, kind, text) {
  const item = html("li");
  const swatch = svg("svg", { class: "ys-map-swatch", viewBox: "0 0 20 14", "aria-hidden": "true", focusable: "false" });
  swatch.append(svg("rect", { x: 1, y: 1, width: 18, height: 12, class: `ys-map-area ${kind}`, fill: `url(#${drawing.hatch})` }));
  item.append(swatch, html("span", {}, text));
  return item;
}

/**
 * The map's elements: one path per feature, and the focus outline drawn over them all.
 * @param {HTMLElement} panel
 * @param {Geo} geo
 */
function build(panel, geo) {
  const hatch = `ys-map-hatch-${++patterns}`;
  const map = svg("svg", {
    xmlns: SVG_NS,
    viewBox: `0 0 ${geo.width} ${geo.height}`,
    class: "ys-map",
    role: "img",
  });
  const defs = svg("defs");
  const pattern = svg("pattern", { id: hatch, width: 6, height: 6, patternUnits: "userSpaceOnUse", patternTransform: "rotate(45)" });
  pattern.append(svg("rect", { width: 6, height: 6, class: "ys-map-hatch-ground" }), svg("line", { x1: 0, y1: 0, x2: 0, y2: 6, class: "ys-map-hatch-line" }));
  defs.append(pattern);
  const areas = svg("g");
  /** @type {SVGElement[]} */
  const paths = [];
  /** @type {SVGElement[]} */
  const titles = [];
  for (const shape of geo.shapes) {
    // The hatch shows through where CSS gives no fill: shapes without a score.
    const path = svg("path", { d: shape.d, "data-code": shape.code, fill: `url(#${hatch})`, "fill-rule": "evenodd" });
    const title = svg("title");
    path.append(title);
    paths.push(path);
    titles.push(title);
  }
  areas.append(...paths);
  const halo = svg("path", { class: "ys-map-halo", fill: "none" });
  const ring = svg("path", { class: "ys-map-ring", fill: "none" });
  const outline = svg("g", { "aria-hidden": "true" });
  outline.append(halo, ring);
  map.append(defs, areas, outline);
  const legend = html("div", { class: "ys-map-legend" });
  const caption = html("figcaption");
  const figure = html("figure", { class: "ys-figure" });
  figure.append(map, legend, caption);
  const notes = html("div", { class: "ys-map-notes" });
  panel.replaceChildren(figure, notes);
  return { geo, hatch, map, areas, paths, titles, halo, ring, legend, caption, notes };
}

/**
 * Puts the reason the map cannot be drawn in its place; the rest of the widget is untouched.
 * @param {HTMLElement} panel
 * @param {unknown} error
 * @param {MapView} view
 */
export function fail(panel, error, view) {
  const message =
    error instanceof MapError
      ? view.t(error.key, error.params)
      : view.t("mapError", { message: error instanceof Error ? error.message : String(error) });
  panel.replaceChildren(html("p", { class: "ys-error", role: "alert" }, message));
  drawings.delete(panel);
}

/**
 * Loads the file and draws the map, or the reason it cannot be drawn.
 * @param {HTMLElement} panel
 * @param {{ url: string, key: string }} source
 * @param {MapView} view
 */
export async function show(panel, source, view) {
  try {
    draw(panel, await load(source.url, source.key), view);
  } catch (error) {
    fail(panel, error, view);
  }
}
