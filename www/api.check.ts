// Compile-time check of the TypeScript types emitted with the package (`tsc --noEmit` in
// `cargo xtask test`): every call of the API as a caller writes it. Never run or served.
import init, {
  Data,
  type ComputeResult,
  type DataInput,
  type CatchUp,
  type Gap,
  type GapTable,
  type NodeInfo,
  type UnitInfo,
} from "./pkg/yardstick.js";

export async function example(iData: string, iMeta: string): Promise<number> {
  await init();
  const fromCsv: Data = Data.fromCsv(iData, iMeta, "iData.csv", "iMeta.csv");
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
  const units: UnitInfo[] = fromObjects.units();
  const nodes: NodeInfo[] = fromObjects.nodes();
  const years: (number | null)[] = fromCsv.years();

  const result: ComputeResult = fromCsv.compute({ normalise: { default: { method: "min_max" } } });
  const text: ComputeResult = fromCsv.compute("{}", 2018);
  const score: number | null = result.nodes[0].scores[0];
  const rank: number | null = text.nodes[0].ranks[0];
  const imputed: string[] = result.report.imputed.map((cell) => `${cell.unit}/${cell.node}`);

  const plan = fromCsv.plan({ rank: { ties: "average" } });
  const weights: Float64Array = plan.weights();
  const scores = new Float64Array(plan.nodeCount * plan.unitCount);
  const ranks = new Float64Array(plan.nodeCount * plan.unitCount);
  weights[0] = 2;
  plan.rerank(weights, scores, ranks);
  plan.setWeight(nodes[0].code, 0.5);
  plan.setWeights(weights);
  plan.setYear(plan.year);
  plan.run();
  plan.scoresInto(scores);
  plan.ranksInto(ranks);
  const gap: Gap = plan.gap(units[0].code, { kind: "unit", unit: "N" }, "I");
  const toTarget: Gap = plan.gap("A", { kind: "target", value: 100 });
  const percent: number | null = gap.percent;
  const table: GapTable = plan.gapTable("A", { kind: "group", units: ["B"], statistic: "median" });
  const explained: number | null = table.rows[0].contributionToIndex;
  const catchUp: CatchUp = plan.catchUp("A", { kind: "leader" }, { growth: "trend", deadline: 2030 });
  const never: boolean = catchUp.years === null;
  const needed: number = catchUp.needed?.cagr ?? 0;
  plan.catchUp("A", { kind: "average" });

  try {
    Data.fromCsv("uCode,x\nA,abc\n", iMeta);
  } catch (error) {
    if (!(error instanceof Error)) throw error;
  }
  plan.free();
  return (
    (score ?? 0) + (rank ?? 0) + (percent ?? 0) + toTarget.gap + years.length + imputed.length +
    (explained ?? 0) + (never ? 0 : needed)
  );
}
