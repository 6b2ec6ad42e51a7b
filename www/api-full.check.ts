// Compile-time check of the full package's extra bindings (`www/pkg-full/`, built with the
// `full` feature by `cargo xtask wasm`): raw data, specs, compiled documents out, uncertainty;
// each call as a caller writes it. Never run or served.
import init, {
  Data,
  type BuildSpec,
  type CompiledDocument,
  type ComputeResult,
  type DataInput,
  type Uncertainty,
  type UncertaintySpec,
} from "./pkg-full/yardstick.js";

export async function example(iData: string, iMeta: string): Promise<number> {
  await init();
  const data = Data.fromCsv(iData, iMeta, "iData.csv", "iMeta.csv");
  const input: DataInput = {
    units: [{ code: "A" }, { code: "B", names: { en: "Bee" } }, { code: "N", kind: "aggregate" }],
    nodes: [
      { code: "x", parent: "I", weight: 2 },
      { code: "y", parent: "I", direction: -1 },
      { code: "I", kind: "aggregate" },
    ],
    values: { x: new Float64Array([1, 2, NaN]), y: [3, null, 1] },
    year: 2024,
  };
  const fromObjects: Data = Data.fromObjects(input);
  const result: ComputeResult = data.compute({ normalise: { default: { method: "min_max" } } });
  const text: ComputeResult = data.compute("{}", 2018);
  const score: number | null = result.nodes[0].scores[0];
  const rank: number | null = text.nodes[0].ranks[0];
  const imputed: string[] = result.report.imputed.map((cell) => `${cell.unit}/${cell.node}`);
  // The spec's type comes from the Rust types: rank.columns (missing from a hand-written type
  // once) and the methods' parameters are checked.
  const spec_: BuildSpec = {
    $schema: "../www/schema/build-spec.schema.json",
    normalise: { default: { method: "goalposts", min: 0, max: 100, cap: true } },
    rank: { ties: "average", columns: "aggregates", round: 3 },
  };
  const plan = fromObjects.plan(spec_);
  const again: ComputeResult = plan.result();
  const document: CompiledDocument = data.compileDocument({ rank: { ties: "dense" } });
  const compiled: Data = Data.fromDocument(document);
  compiled.plan().free();
  plan.free();
  try {
    Data.fromCsv("uCode,x\nA,abc\n", iMeta);
  } catch (error) {
    if (!(error instanceof Error)) throw error;
  }
  const spec: UncertaintySpec = {
    build: { normalise: { default: { method: "min_max" } } },
    normalise: [{ method: "min_max" }, { method: "z_score", mean: 10, sd: 2 }],
    weights: { noise: { uniform: 0.25 }, levels: [2] },
    aggregate: [{ method: "amean" }, { method: "gmean" }],
    drop: "indicators",
  };
  const unc: Uncertainty = data.uncertainty(spec, { runs: 500, seed: 7, top: 5 });
  const nominal = data.uncertainty({}).units[0].nominal;
  const p95: number | null = unc.units[0].p95;
  return (
    unc.failed + (p95 ?? 0) + (nominal ?? 0) + unc.shiftCounts.length + (score ?? 0) + (rank ?? 0) +
    imputed.length + again.nodes.length
  );
}
