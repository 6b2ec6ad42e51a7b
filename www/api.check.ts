// Compile-time check of the TypeScript types emitted with the widget's package, the kernel
// (`tsc --noEmit` in `cargo xtask test`): every call of the API as a caller writes it. Never
// run or served. The full package's extra calls are in `api-full.check.ts`.
import init, {
  Data,
  type CompiledDocument,
  type CatchUp,
  type Gap,
  type GapTable,
  type NodeInfo,
  type UnitInfo,
  type YardstickError,
} from "./pkg/yardstick.js";

export async function example(document: CompiledDocument, text: string): Promise<number> {
  await init();
  const data: Data = Data.fromDocument(document);
  const fromText: Data = Data.fromDocument(text);
  const units: UnitInfo[] = data.units();
  const nodes: NodeInfo[] = data.nodes();
  const years: (number | null)[] = fromText.years();

  const plan = data.plan();
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
    // Another version's document, as text: the type of an object would already refuse it.
    Data.fromDocument('{"format": "yardstick-document", "version": 0}');
  } catch (thrown) {
    const error = thrown as YardstickError;
    if (error.code !== "document_version") throw error;
  }
  plan.free();
  return (
    (percent ?? 0) + toTarget.gap + years.length + scores[0] + ranks[0] +
    (explained ?? 0) + (never ? 0 : needed)
  );
}
