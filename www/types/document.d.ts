// Generated from www/schema/*.schema.json by `cargo xtask types`; do not edit.

/**
 * An aggregation function with its parameters.
 */
export type Aggregation =
  | {
      method: "amean";
    }
  | {
      method: "gmean";
      /**
       * Added before and subtracted after the mean.
       */
      shift?: number;
    }
  | {
      method: "hmean";
    }
  | {
      method: "power";
      /**
       * The order.
       */
      p: number;
    }
  | {
      method: "mpi";
      /**
       * Sign of the penalty term.
       */
      penalty?: "negative" | "positive";
    };
/**
 * A validated indicator or aggregate code (`LPI`, `Conn`, `HDI`).
 */
export type IndicatorCode = string;
/**
 * A validated unit code (`CN-GX`, `AUT`, `450000`): non-empty, no surrounding spaces, no
 * control characters. Validated once at the boundary so the inside never rechecks.
 */
export type UnitCode = string;

/**
 * A compiled index: what the second half of a plan needs, for every year of the data.
 */
export interface CompiledDocument {
  /**
   * The schema of this file, for editors; ignored when reading.
   */
  $schema?: string | null;
  /**
   * Always `"yardstick-document"` ([`FORMAT`]; a test checks the schema's constant).
   */
  format: "yardstick-document";
  method: Method;
  /**
   * Minimum share of a node's children (by count) that must be present for a value.
   */
  min_share: number;
  /**
   * The tree in framework (iMeta) order: every per-node array follows it.
   */
  nodes: DocumentNode[];
  rank: Ranking;
  /**
   * The units in data order: every per-unit array follows it. Reference rows (`kind:
   * "aggregate"`, such as a national average) are never ranked.
   */
  units: Unit[];
  /**
   * The layout's version; this release reads and writes [`VERSION`].
   */
  version: 1;
  /**
   * One entry per period of the data, in ascending order.
   */
  years: DocumentYear[];
}
/**
 * The first half's methods, by name, for display: the plan's defaults.
 */
export interface Method {
  /**
   * Aggregation (`amean`, `gmean`, …).
   */
  aggregate: string;
  /**
   * Imputation (`none`, `group_mean`, …).
   */
  impute: string;
  /**
   * Normalisation (`min_max`, `z_score`, `none`, …).
   */
  normalise: string;
  /**
   * Outlier treatment (`none`, `winsorise`, …).
   */
  treat: string;
  /**
   * Weighting (`meta`, `equal`, `entropy`, …).
   */
  weights: string;
}
/**
 * A node of the tree with its part in the second half.
 */
export interface DocumentNode {
  /**
   * How an aggregate combines its children; none for indicators.
   */
  aggregation?: Aggregation | null;
  /**
   * Node code.
   */
  code: string;
  /**
   * True when the children's weights are derived from the data (entropy, PCA, …): they are
   * in each year's `derived_weights`, and a reader's weights do not replace them.
   */
  derived_weights?: boolean;
  /**
   * Whether a higher raw value is better.
   */
  direction: "positive" | "negative";
  /**
   * Indicator or aggregate.
   */
  kind: "indicator" | "aggregate";
  /**
   * Level in the hierarchy (1 = indicators).
   */
  level: number;
  /**
   * Display name.
   */
  name: string;
  /**
   * Names in other languages, by language tag (`en`, `zh-CN`).
   */
  names?: {
    [k: string]: string | undefined;
  };
  /**
   * The parent's code; none for the root.
   */
  parent?: IndicatorCode | null;
  /**
   * Target value from iMeta.
   */
  target?: number | null;
  /**
   * Unit of measure of an indicator's raw values.
   */
  unit_of_measure?: string | null;
  /**
   * Weight relative to its siblings, as the plan starts with it (iMeta or the spec's
   * explicit or equal weights): finite and ≥ 0.
   */
  weight: number;
}
/**
 * How every column is ranked: ties, rounding, groups, which columns.
 */
export interface Ranking {
  /**
   * Which columns get ranks (default: all, as COINr's results tables).
   */
  columns?: "all" | "aggregates" | "index";
  /**
   * Round values to this many decimals before ranking (UNDP ranks the HDI on its published
   * three decimals). Scores themselves are returned unrounded.
   */
  round?: number | null;
  /**
   * Tie policy.
   */
  ties?: "min" | "dense" | "average" | "first";
  /**
   * Rank within each group of this group column (e.g. `region4`) instead of over all units.
   */
  within?: string | null;
}
/**
 * One unit with its names and group memberships.
 */
export interface Unit {
  /**
   * Unique code.
   */
  code: string;
  /**
   * Group memberships, keyed by group column (`region4` → `West`).
   */
  groups: {
    [k: string]: string | undefined;
  };
  /**
   * Unit or reference aggregate.
   */
  kind: "unit" | "aggregate";
  /**
   * Name in the data's own language (`uName`).
   */
  name: string;
  /**
   * Names in other languages, keyed by language tag (`uName_en` → `en`).
   */
  names: {
    [k: string]: string | undefined;
  };
}
/**
 * One period's first half: the values the second half starts from.
 */
export interface DocumentYear {
  /**
   * Every node's weight before the siblings are rescaled, as this year's run used it; the
   * children of nodes with `derived_weights` take theirs from here. Omitted when no node
   * derives weights.
   */
  derived_weights?: number[] | null;
  /**
   * Units screened out this year (too little data): they keep their row, with no values.
   */
  dropped?: UnitCode[];
  /**
   * The indicators' values after denominating, imputing and treating, before normalising:
   * what a gap "in raw units" compares. Same layout as `values`.
   */
  raw: (number | null)[][];
  /**
   * Normalised values: one array per indicator (the indicators of `nodes`, in that order),
   * one cell per unit; null = missing.
   */
  values: (number | null)[][];
  /**
   * The year; null for data without a time column.
   */
  year?: number | null;
}
