// @ts-check
// The demo pages' entry point: no inline script, so it runs under the strict
// Content-Security-Policy that `cargo xtask demo` sends.
import { YardstickWidget } from "./yardstick-widget.js";

customElements.define("yardstick-widget", YardstickWidget);
