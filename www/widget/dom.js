// @ts-check
/** DOM building and text helpers of `<yardstick-widget>`: elements with attributes and text (never markup from data), SVG, the diverging bars of the gap view, downloads. */

export const SVG_NS = "http://www.w3.org/2000/svg";

/**
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {Record<string, string>} [attributes]
 * @param {string} [text]
 * @returns {HTMLElementTagNameMap[K]}
 */
export function html(tag, attributes = {}, text) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  if (text !== undefined) element.textContent = text;
  return element;
}

/**
 * @param {string} tag
 * @param {Record<string, string | number>} [attributes]
 * @param {string} [text]
 * @returns {SVGElement}
 */
export function svg(tag, attributes = {}, text) {
  const element = /** @type {SVGElement} */ (document.createElementNS(SVG_NS, tag));
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, String(value));
  if (text !== undefined) element.textContent = text;
  return element;
}

/** Width of the diverging bars in the gap view, in SVG units. */
export const BAR_WIDTH = 120;

/** An empty diverging bar for `setBar`: an axis in the middle of a small SVG. */
export function divergingBar() {
  const half = BAR_WIDTH / 2;
  const bar = svg("svg", { viewBox: `0 0 ${BAR_WIDTH} 14`, class: "ys-chart ys-diverging", focusable: "false" });
  bar.append(
    svg("line", { x1: half, x2: half, y1: 0, y2: 14, stroke: "#57606a", class: "ys-axis" }),
    svg("rect", { x: half, y: 2, width: 1, height: 10 }),
  );
  return bar;
}

/**
 * Draws a share of the largest value on a diverging bar: right and "behind" when positive,
 * left and "ahead" when negative.
 * @param {SVGElement} bar from `divergingBar`
 * @param {number} share in [-1, 1]
 */
export function setBar(bar, share) {
  const half = BAR_WIDTH / 2;
  const length = Number.isFinite(share) ? share * (half - 2) : 0;
  const rect = /** @type {SVGElement} */ (bar.lastChild);
  rect.setAttribute("x", String(Math.min(half, half + length)));
  rect.setAttribute("width", String(Math.max(1, Math.abs(length))));
  rect.setAttribute("class", length > 0 ? "ys-behind" : "ys-ahead");
  rect.setAttribute("fill", length > 0 ? "#a40e26" : "#1a7f37");
}

/** @param {Blob} blob @param {string} name */
export function download(blob, name) {
  const url = URL.createObjectURL(blob);
  const link = html("a", { href: url, download: name });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/**
 * Sets an element's text only if it differs, changing its text node in place when it has
 * one: an unchanged cell costs the browser no layout work, a changed one no new node.
 * @param {HTMLElement} element
 * @param {string} text
 */
export function setText(element, text) {
  const node = element.firstChild;
  if (node instanceof Text && node === element.lastChild) {
    if (node.data !== text) node.data = text;
  } else if (element.textContent !== text) {
    element.textContent = text;
  }
}

/** @param {string} field */
export const csvField = (field) => (/[",\r\n]/.test(field) ? `"${field.replaceAll('"', '""')}"` : field);

/**
 * A text cell a spreadsheet will not run: OWASP's rule against CSV injection, a leading
 * apostrophe before text that starts with `=`, `+`, `-`, `@`, a tab or a carriage return
 * (`=HYPERLINK(…)` in a unit's name stays text). Numbers are written as numbers, not here.
 * @param {string} text
 */
export const csvText = (text) => csvField(/^[=+\-@\t\r]/.test(text) ? `'${text}` : text);
