// Compile-time check of the full package's extra bindings (`www/pkg-full/`, built with every
// analytics feature by `cargo xtask wasm`): each call as a caller writes it. Never run or served.
import init, { Data, type Uncertainty, type UncertaintySpec } from "./pkg-full/yardstick.js";

export async function example(iData: string, iMeta: string): Promise<number> {
  await init();
  const data = Data.fromCsv(iData, iMeta);
  const spec: UncertaintySpec = {
    build: { normalise: { default: { method: "min_max" } } },
    normalise: [{ method: "min_max" }, { method: "z_score", mean: 10, sd: 2 }],
    weights: { noise: { uniform: 0.25 }, levels: [2] },
    aggregate: [{ method: "amean" }, { method: "gmean" }],
    drop: "indicators",
  };
  const result: Uncertainty = data.uncertainty(spec, { runs: 500, seed: 7, top: 5 });
  const nominal = data.uncertainty({}).units[0].nominal;
  const p95: number | null = result.units[0].p95;
  return result.failed + (p95 ?? 0) + (nominal ?? 0) + result.shiftCounts.length;
}
